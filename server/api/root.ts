import { advertisersRouter } from "./routers/advertisers";
import { apiKeysRouter } from "./routers/api-keys";
import { auditRouter } from "./routers/audit";
import { billingRouter } from "./routers/billing";
import { contractsRouter } from "./routers/contracts";
import { conversionsRouter } from "./routers/conversions";
import { dashboardRouter } from "./routers/dashboard";
import { deliveryRouter } from "./routers/delivery";
import { invoicesRouter } from "./routers/invoices";
import { meRouter } from "./routers/me";
import { notificationsRouter } from "./routers/notifications";
import { partnersRouter } from "./routers/partners";
import { payoutsRouter } from "./routers/payouts";
import { pricingRouter } from "./routers/pricing";
import { rateCardsRouter } from "./routers/rate-cards";
import { reportsRouter } from "./routers/reports";
import { usersRouter } from "./routers/users";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  me: meRouter,
  dashboard: dashboardRouter,
  advertisers: advertisersRouter,
  users: usersRouter,
  apiKeys: apiKeysRouter,
  audit: auditRouter,
  billing: billingRouter,
  contracts: contractsRouter,
  conversions: conversionsRouter,
  delivery: deliveryRouter,
  invoices: invoicesRouter,
  notifications: notificationsRouter,
  partners: partnersRouter,
  payouts: payoutsRouter,
  pricing: pricingRouter,
  rateCards: rateCardsRouter,
  reports: reportsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
