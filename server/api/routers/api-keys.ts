import { z } from "zod";
import { API_KEY_SCOPES } from "../../auth/permissions";
import { createApiKey, listApiKeys, revokeApiKey, ZCreateApiKeyRequestSchema } from "../../services/apiKeys/api-keys";
import { createTRPCRouter, permittedProcedure } from "../trpc";

const keysProcedure = permittedProcedure("apiKeys:manage");

const ZApiKey = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  advertiser: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdBy: z.object({ id: z.string(), email: z.string() }),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

export const apiKeysRouter = createTRPCRouter({
  scopes: keysProcedure.output(z.array(z.string())).query(() => [...API_KEY_SCOPES]),
  list: keysProcedure.output(z.array(ZApiKey)).query(({ ctx }) => listApiKeys(ctx.db)),
  create: keysProcedure
    .input(ZCreateApiKeyRequestSchema)
    .output(z.object({ key: ZApiKey, plaintext: z.string() }))
    .mutation(({ ctx, input }) => createApiKey(ctx.db, ctx.request, input)),
  revoke: keysProcedure
    .input(z.object({ id: z.string().uuid(), reason: z.string().trim().max(500).optional() }))
    .output(ZApiKey)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, ctx.request, input)),
});
