import "server-only";
// tRPC for server components: a caller bound to this request's session, plus hydration helpers so a server
// component can prefetch what a client component then reads from the cache.
import { createHydrationHelpers } from "@trpc/react-query/rsc";
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { createCaller, type AppRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { makeQueryClient } from "./query-client";

const createRequestContext = cache(async () => createContext({ headers: new Headers(await headers()) }));
const getQueryClient = cache(makeQueryClient);

export const { trpc: api, HydrateClient } = createHydrationHelpers<AppRouter>(createCaller(createRequestContext), getQueryClient);

/** Server components: a NOT_FOUND from a procedure renders the 404 page (never revealing why). */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (err) {
    if (err instanceof TRPCError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}
