// Every kind of audit entry, with the entity type it describes. An entry can only be written under a kind listed
// here, so the entity type can never drift from the action. Later capabilities add their kinds.
export const AUDIT_ACTIONS = {
  "advertiser.created": "Advertiser",
  "advertiser.updated": "Advertiser",
  "user.created": "User",
  "user.updated": "User",
  "user.disabled": "User",
  "user.enabled": "User",
  "user.signedIn": "User",
  "apiKey.created": "ApiKey",
  "apiKey.revoked": "ApiKey",
  "demo.seeded": "System",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
