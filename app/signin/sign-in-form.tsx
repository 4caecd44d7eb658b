"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Card, CardBody, Field, Input } from "@/components/ui";

// One message for every credential failure, so the form never tells whether an account exists.
const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  TooManyAttempts: "Too many failed attempts. Wait 15 minutes and try again.",
  SessionRequired: "Please sign in to continue.",
};
const messageFor = (code?: string | null) => (code ? (MESSAGES[code] ?? "Sign-in failed. Please try again.") : null);

export function SignInForm({ initialError }: { initialError?: string }) {
  const router = useRouter();
  const [error, setError] = useState(messageFor(initialError));
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirect: false });
    if (!result || result.error) {
      setPending(false);
      setError(messageFor(result?.error ?? "CredentialsSignin"));
      return;
    }
    router.replace("/");
    router.refresh();
  }

  return (
    <Card>
      <CardBody>
        <form onSubmit={onSubmit} className="space-y-4" noValidate={false}>
          {error && <Alert tone="error">{error}</Alert>}
          <Field label="Email">
            <Input name="email" type="email" autoComplete="username" required autoFocus />
          </Field>
          <Field label="Password">
            <Input name="password" type="password" autoComplete="current-password" required />
          </Field>
          <Button type="submit" className="w-full" loading={pending}>
            Sign in
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
