import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { HOME_BY_ROLE } from "@/server/auth/permissions";
import { getSessionUser } from "@/server/auth/session";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const user = await getSessionUser();
  if (user) redirect(HOME_BY_ROLE[user.role]);
  const { error } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm space-y-6">
        <div className="text-center">
          <h1 className="text-2xl font-semibold tracking-tight">Sign in to Tally</h1>
          <p className="mt-1 text-sm text-slate-600">Contracts, billing and payouts for CTV advertising</p>
        </div>
        <SignInForm initialError={error} />
      </div>
    </main>
  );
}
