// The in-app inbox: each user reads and clears only their own notifications.
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";

const ownerOf = (actor: Actor) => (actor.type === "USER" ? actor.id : "00000000-0000-0000-0000-000000000000");

export async function listNotifications(db: Db, actor: Actor, input: { unreadOnly: boolean; take: number }) {
  const userId = ownerOf(actor);
  const [unread, items] = await Promise.all([
    db.notification.count({ where: { userId, readAt: null } }),
    db.notification.findMany({
      where: { userId, ...(input.unreadOnly ? { readAt: null } : {}) },
      orderBy: { createdAt: "desc" },
      take: input.take,
      select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
    }),
  ]);
  return { unread, items };
}

/** Marks the given notifications (or all, when `ids` is empty) read; others' notifications are untouched. */
export async function markNotificationsRead(db: Db, actor: Actor, ids: string[]) {
  const result = await db.notification.updateMany({
    where: { userId: ownerOf(actor), readAt: null, ...(ids.length ? { id: { in: ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { marked: result.count };
}
