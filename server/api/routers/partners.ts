import { z } from "zod";
import { createPartner, getPartner, listPartners, updatePartner, ZCreatePartnerRequestSchema, ZListPartnersRequestSchema, ZPartnerPayout, ZUpdatePartnerRequestSchema } from "../../services/partners/partners";
import { ZPage } from "../schemas";
import { createTRPCRouter, permittedProcedure } from "../trpc";

const ZPartner = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  defaultPayout: ZPartnerPayout.nullable(),
  email: z.string().nullable(),
  paymentDetails: z.string().nullable(),
  createdAt: z.date(),
});

export const partnersRouter = createTRPCRouter({
  list: permittedProcedure("partners:read").input(ZListPartnersRequestSchema).output(ZPage(ZPartner)).query(({ ctx, input }) => listPartners(ctx.db, input)),
  byId: permittedProcedure("partners:read").input(z.object({ id: z.string().uuid("Not a partner id") })).output(ZPartner).query(({ ctx, input }) => getPartner(ctx.db, input.id)),
  create: permittedProcedure("partners:write").input(ZCreatePartnerRequestSchema).output(ZPartner).mutation(({ ctx, input }) => createPartner(ctx.db, ctx.request, input)),
  update: permittedProcedure("partners:write").input(ZUpdatePartnerRequestSchema).output(ZPartner).mutation(({ ctx, input }) => updatePartner(ctx.db, ctx.request, input)),
});
