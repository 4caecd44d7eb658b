import { z } from "zod";
import { listNotifications, markNotificationsRead } from "../../services/notifications/notifications";
import { authedProcedure, createTRPCRouter } from "../trpc";

export const notificationsRouter = createTRPCRouter({
  list: authedProcedure
    .input(z.object({ unreadOnly: z.boolean().default(false), take: z.number().int().min(1).max(100).default(30) }))
    .output(
      z.object({
        unread: z.number().int(),
        items: z.array(z.object({ id: z.string(), kind: z.string(), title: z.string(), body: z.string(), link: z.string().nullable(), readAt: z.date().nullable(), createdAt: z.date() })),
      }),
    )
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.actor, input)),
  markRead: authedProcedure
    .input(z.object({ ids: z.array(z.string().uuid()).max(200).default([]) }))
    .output(z.object({ marked: z.number().int() }))
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.db, ctx.actor, input.ids)),
});
