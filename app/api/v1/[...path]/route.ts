// The REST surface for machine clients, generated from the same tRPC procedures (those with `openapi` meta).
import { createOpenApiFetchHandler } from "trpc-to-openapi";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";

export const dynamic = "force-dynamic";

const handler = (req: Request) =>
  createOpenApiFetchHandler({
    endpoint: "/api/v1",
    router: appRouter,
    req,
    createContext: () => createContext({ headers: req.headers, source: "API" }),
    responseMeta: ({ ctx }) => (ctx ? { headers: { "x-request-id": ctx.requestId } } : {}),
  });

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
