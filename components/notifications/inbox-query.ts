// Query inputs shared by the server components that prefetch notifications and the client components that read
// them (the same input means the same cache entry, so the prefetched data is used without a second request).

/** The inbox page's list. */
export const INBOX_QUERY = { take: 50 } as const;

/** The top bar's unread count: one item is enough, the count comes with it. */
export const UNREAD_QUERY = { unreadOnly: true, take: 1 } as const;
