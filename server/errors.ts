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
  INTERNAL: "Unexpected error",
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_CODES;

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Field-level messages (`{ email: ["Already in use"] }`), shown next to form fields. */
  readonly fieldErrors?: Record<string, string[]>;

  constructor(code: AppErrorCode, message?: string, options?: { fieldErrors?: Record<string, string[]>; cause?: unknown }) {
    super(message ?? APP_ERROR_CODES[code], { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = options?.fieldErrors;
  }
}

export const notFound = (what = "Not found") => new AppError("NOT_FOUND", what);
