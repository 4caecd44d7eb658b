"use client";
import { SessionProvider } from "next-auth/react";
import { TRPCReactProvider } from "./_trpc/react";

export function Providers({ children }: { children: React.ReactNode }) {
  // Refetching the session on focus is what keeps an active user's idle timer fresh.
  return (
    <SessionProvider refetchOnWindowFocus refetchInterval={5 * 60}>
      <TRPCReactProvider>{children}</TRPCReactProvider>
    </SessionProvider>
  );
}
