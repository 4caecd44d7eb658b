// One application error type. Services throw AppError with a domain code; the API layer maps codes to tRPC/HTTP
// in one place (server/api/errors.ts). Codes are part of the public contract: add, never rename.
export const APP_ERROR_CODES = {
  UNAUTHENTICATED: "No valid session or API key",
  FORBIDDEN: "The caller's role or key scope does not allow this",
  NOT_FOUND: "No such object visible to the caller",
  VALIDATION_FAILED: "Input failed validation",
  CONFLICT: "The object changed or already exists",
  EMAIL_TAKEN: "A user with this email already exists",
  ADVERTISER_BINDING_INVALID: "Advertiser users need an advertiser; internal users must not have one",
  SELF_LOCKOUT_FORBIDDEN: "An admin cannot disable or demote themselves",
  API_KEY_REVOKED: "The API key was revoked",
  TOO_MANY_ATTEMPTS: "Too many attempts; try again later",
  // Contract lifecycle (guards of server/domain/contracts/version-lifecycle.ts and the contract services)
  VERSION_NOT_EDITABLE: "Only a draft (or a rejected version being revised) can be edited",
  VERSION_NOT_SUBMITTABLE: "Only a draft can be submitted for approval",
  VERSION_NOT_PENDING: "This version is not waiting for approval",
  SELF_APPROVAL_FORBIDDEN: "You cannot approve or reject a version you wrote",
  ALREADY_APPROVED_BY_YOU: "You have already approved this version; it needs a different approver",
  VERSION_STALE: "Someone else changed this version since you opened it",
  OPEN_VERSION_EXISTS: "This contract already has a version in progress",
  CONTRACT_NOT_ACTIVE: "The contract is not active",
  CONTRACT_ALREADY_ACTIVE: "The contract is already active",
  CONTRACT_NOT_EDITABLE: "The contract's header can only change while it is a draft",
  EFFECTIVE_DATE_INVALID: "The effective date is not allowed here",
  // Delivery ingestion
  DELIVERY_REJECTED: "The delivery batch has rows that cannot be accepted; nothing was imported",
  IDEMPOTENCY_KEY_REUSED: "This idempotency key was already used for a batch with different content",
  CONVERSIONS_REJECTED: "The conversions batch has rows that cannot be accepted; nothing was imported",
  CONVERSION_NOT_REVERSIBLE: "Only billed conversions are reversed; unbilled ones are rejected in review",
  // Invoices
  INVOICE_NOT_DRAFT: "Only a draft invoice can be issued or changed",
  INVOICE_NOT_PAYABLE: "The invoice's status or balance does not allow this payment or void",
  // Partner payouts
  PAYOUT_STATEMENT_NOT_ALLOWED: "The payout statement's status does not allow this",
  INTERNAL: "Unexpected error",
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_CODES;

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Field-level messages (`{ email: ["Already in use"] }`), shown next to form fields. */
  readonly fieldErrors?: Record<string, string[]>;
  /** Structured context safe to show the caller (e.g. what changed under a stale edit). */
  readonly details?: Record<string, unknown>;

  constructor(
    code: AppErrorCode,
    message?: string,
    options?: { fieldErrors?: Record<string, string[]>; details?: Record<string, unknown>; cause?: unknown },
  ) {
    super(message ?? APP_ERROR_CODES[code], { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = options?.fieldErrors;
    this.details = options?.details;
  }
}

export const notFound = (what = "Not found") => new AppError("NOT_FOUND", what);
