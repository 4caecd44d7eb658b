// Output schemas shared by several routers. Every procedure declares its output, so nothing reaches a browser
// or an API client by accident.
import { z } from "zod";
import { Role } from "../db/generated/enums";

export const ZRole = z.enum(Object.values(Role) as [Role, ...Role[]]);

export const ZPage = <T extends z.ZodType>(item: T) =>
  z.object({ total: z.number().int(), page: z.number().int(), pageCount: z.number().int(), items: z.array(item) });

export const ZAdvertiserSummary = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  currency: z.string(),
  createdAt: z.date(),
});

export const ZUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: ZRole,
  advertiserId: z.string().nullable(),
  advertiser: z.object({ id: z.string(), name: z.string() }).nullable(),
  disabledAt: z.date().nullable(),
  lastSignInAt: z.date().nullable(),
  createdAt: z.date(),
});
