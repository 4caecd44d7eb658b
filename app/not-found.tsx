import Link from "next/link";
import { buttonClasses } from "@/components/ui";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-4 px-4 text-center">
      <p className="text-sm font-semibold text-indigo-700">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="max-w-md text-sm text-slate-600">This page does not exist, or you do not have access to it.</p>
      <Link href="/" className={buttonClasses({ variant: "secondary" })}>
        Back to your dashboard
      </Link>
    </main>
  );
}
