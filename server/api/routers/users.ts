import { z } from "zod";
import {
  createUser,
  listUsers,
  setUserDisabled,
  updateUser,
  ZCreateUserRequestSchema,
  ZListUsersRequestSchema,
  ZUpdateUserRequestSchema,
} from "../../services/users/users";
import { ZPage, ZUser } from "../schemas";
import { createTRPCRouter, permittedProcedure } from "../trpc";

const adminProcedure = permittedProcedure("users:manage");

export const usersRouter = createTRPCRouter({
  list: adminProcedure.input(ZListUsersRequestSchema).output(ZPage(ZUser)).query(({ ctx, input }) => listUsers(ctx.db, input)),
  create: adminProcedure.input(ZCreateUserRequestSchema).output(ZUser).mutation(({ ctx, input }) => createUser(ctx.db, ctx.request, input)),
  update: adminProcedure.input(ZUpdateUserRequestSchema).output(ZUser).mutation(({ ctx, input }) => updateUser(ctx.db, ctx.request, input)),
  setDisabled: adminProcedure
    .input(z.object({ id: z.string().uuid(), disabled: z.boolean(), reason: z.string().trim().max(500).optional() }))
    .output(ZUser)
    .mutation(({ ctx, input }) => setUserDisabled(ctx.db, ctx.request, input)),
});
