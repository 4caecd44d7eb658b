// NextAuth v4: credentials sign-in, JWT sessions. The token is re-checked against the database on every use
// (disabled users, role changes and bumped session versions end sessions), and carries its sign-in time so an
// absolute lifetime applies on top of the idle timeout (`session.maxAge`, refreshed while the user is active).
import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "../db/client";
import { env } from "../env";
import { logger } from "../logger";
import { loadSessionUser, signIn } from "../services/auth/sign-in";
import { AppError } from "../errors";

class SessionEnded extends Error {}

function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  return first || null;
}

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: env.SESSION_IDLE_MINUTES * 60, updateAge: 0 },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        try {
          const user = await signIn(
            getDb(),
            { email: credentials?.email ?? "", password: credentials?.password ?? "", ip: clientIp(req?.headers) },
            { maxFailures: env.SIGNIN_MAX_FAILURES, windowMinutes: env.SIGNIN_WINDOW_MINUTES },
            randomUUID(),
          );
          return user ? { ...user, id: user.id } : null;
        } catch (err) {
          // NextAuth passes an Error's message to the sign-in page as `error`; the page maps codes to text.
          if (err instanceof AppError && err.code === "TOO_MANY_ATTEMPTS") throw new Error("TooManyAttempts");
          throw err;
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const u = user as unknown as { id: string; role: string; advertiserId: string | null; sessionVersion: number; name: string; email: string };
        return { ...token, sub: u.id, name: u.name, email: u.email, role: u.role, advertiserId: u.advertiserId, sv: u.sessionVersion, authTime: Date.now() };
      }
      if (typeof token.authTime !== "number" || Date.now() - token.authTime > env.SESSION_MAX_HOURS * 3_600_000) {
        throw new SessionEnded("absolute session lifetime reached");
      }
      const current = await loadSessionUser(getDb(), String(token.sub), Number(token.sv));
      if (!current) throw new SessionEnded("user disabled or session revoked");
      return { ...token, name: current.name, role: current.role, advertiserId: current.advertiserId };
    },
    async session({ session, token }) {
      session.user = {
        id: String(token.sub),
        name: String(token.name ?? ""),
        email: String(token.email ?? ""),
        role: token.role as never,
        advertiserId: (token.advertiserId as string | null) ?? null,
      };
      return session;
    },
  },
  logger: {
    error(code, metadata) {
      // An ended session is routine, not an error worth a stack trace.
      if (metadata instanceof SessionEnded) return logger.info({ code, reason: metadata.message }, "session ended");
      logger.error({ code, err: metadata }, "next-auth error");
    },
    warn(code) {
      logger.warn({ code }, "next-auth warning");
    },
    debug() {},
  },
};
