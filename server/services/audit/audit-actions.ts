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
  "contract.created": "Contract",
  "contract.updated": "Contract",
  "contract.activated": "Contract",
  "contract.renewed": "Contract",
  "contract.terminated": "Contract",
  "contract.expired": "Contract",
  "contractVersion.created": "ContractVersion",
  "contractVersion.edited": "ContractVersion",
  "contractVersion.submitted": "ContractVersion",
  "contractVersion.withdrawn": "ContractVersion",
  "contractVersion.approvalRecorded": "ContractVersion",
  "contractVersion.approved": "ContractVersion",
  "contractVersion.rejected": "ContractVersion",
  "rateCard.created": "RateCard",
  "rateCardVersion.published": "RateCardVersion",
  "delivery.imported": "IngestBatch",
  "conversions.imported": "IngestBatch",
  "conversion.reviewed": "Conversion",
  "demo.seeded": "System",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
