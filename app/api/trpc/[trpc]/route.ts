import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";

const handler = (req: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext({ headers: req.headers }),
    // Echo the request id so a user reporting a problem can quote what the logs and audit rows carry.
    responseMeta: ({ ctx }) => (ctx ? { headers: { "x-request-id": ctx.requestId } } : {}),
  });

export { handler as GET, handler as POST };
