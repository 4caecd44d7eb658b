import { advertisersRouter } from "./routers/advertisers";
import { apiKeysRouter } from "./routers/api-keys";
import { auditRouter } from "./routers/audit";
import { dashboardRouter } from "./routers/dashboard";
import { meRouter } from "./routers/me";
import { usersRouter } from "./routers/users";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  me: meRouter,
  dashboard: dashboardRouter,
  advertisers: advertisersRouter,
  users: usersRouter,
  apiKeys: apiKeysRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
