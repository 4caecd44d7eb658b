import { z } from "zod";
import { createTRPCRouter, authedProcedure } from "../trpc";

export const meRouter = createTRPCRouter({
  whoami: authedProcedure
    .meta({ openapi: { method: "GET", path: "/whoami", protect: true, tags: ["identity"], summary: "The caller: user or API key, with its role or scopes" } })
    .input(z.object({}).optional())
    .output(
      z.object({
        type: z.enum(["USER", "API_KEY", "SYSTEM"]),
        id: z.string().nullable(),
        label: z.string(),
        role: z.string().nullable(),
        scopes: z.array(z.string()),
        advertiserId: z.string().nullable(),
      }),
    )
    .query(({ ctx }) => {
      const a = ctx.actor;
      return {
        type: a.type,
        id: a.id,
        label: a.label,
        role: a.type === "API_KEY" ? null : a.role,
        scopes: a.type === "API_KEY" ? [...a.scopes] : [],
        advertiserId: a.advertiserId,
      };
    }),
});
