"use client";
// Never shows the error's message or stack: only a reference the support team can find in the logs.
import { Button } from "@/components/ui";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
      <p className="max-w-md text-sm text-slate-600">
        We could not show this page. Try again; if it keeps happening, contact support
        {error.digest ? (
          <>
            {" "}
            with reference <code className="font-mono">{error.digest}</code>
          </>
        ) : null}
        .
      </p>
      <Button onClick={reset}>Try again</Button>
    </main>
  );
}
