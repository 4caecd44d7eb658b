// The contract-version state machine, in one place. Every change of a version's status goes through
// `transitionVersion`, which either answers the next state or refuses with a named code.
//
//   DRAFT ──submit──▶ PENDING_APPROVAL ──approve (enough approvers)──▶ APPROVED
//     ▲                 │  │ └─approve (more needed)──▶ PENDING_APPROVAL
//     │                 │  └──reject──▶ REJECTED ──edit (revise)──▶ DRAFT
//     └────withdraw─────┘
//
// APPROVED is final: later terms are new versions (amendments, renewals), so history never changes.

export const VERSION_STATUSES = ["DRAFT", "PENDING_APPROVAL", "APPROVED", "REJECTED"] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export type VersionEvent =
  | { type: "EDIT" }
  | { type: "SUBMIT" }
  | { type: "WITHDRAW" }
  | { type: "APPROVE"; approverId: string; authorId: string; approvedBy: readonly string[]; requiredApprovals: number }
  | { type: "REJECT"; approverId: string; authorId: string };

export const VERSION_TRANSITION_ERRORS = {
  VERSION_NOT_EDITABLE: "Only a draft (or a rejected version being revised) can be edited",
  VERSION_NOT_SUBMITTABLE: "Only a draft can be submitted for approval",
  VERSION_NOT_PENDING: "This version is not waiting for approval",
  SELF_APPROVAL_FORBIDDEN: "You cannot approve or reject a version you wrote",
  ALREADY_APPROVED_BY_YOU: "You have already approved this version; it needs a different approver",
} as const;
export type VersionTransitionError = keyof typeof VERSION_TRANSITION_ERRORS;

export type TransitionResult = { ok: true; next: VersionStatus } | { ok: false; code: VersionTransitionError };

const refuse = (code: VersionTransitionError): TransitionResult => ({ ok: false, code });
const to = (next: VersionStatus): TransitionResult => ({ ok: true, next });

export function transitionVersion(status: VersionStatus, event: VersionEvent): TransitionResult {
  switch (event.type) {
    case "EDIT":
      return status === "DRAFT" || status === "REJECTED" ? to("DRAFT") : refuse("VERSION_NOT_EDITABLE");
    case "SUBMIT":
      return status === "DRAFT" ? to("PENDING_APPROVAL") : refuse("VERSION_NOT_SUBMITTABLE");
    case "WITHDRAW":
      return status === "PENDING_APPROVAL" ? to("DRAFT") : refuse("VERSION_NOT_PENDING");
    case "REJECT":
      if (status !== "PENDING_APPROVAL") return refuse("VERSION_NOT_PENDING");
      if (event.approverId === event.authorId) return refuse("SELF_APPROVAL_FORBIDDEN");
      return to("REJECTED");
    case "APPROVE": {
      if (status !== "PENDING_APPROVAL") return refuse("VERSION_NOT_PENDING");
      if (event.approverId === event.authorId) return refuse("SELF_APPROVAL_FORBIDDEN");
      if (event.approvedBy.includes(event.approverId)) return refuse("ALREADY_APPROVED_BY_YOU");
      const approvals = new Set([...event.approvedBy, event.approverId]).size;
      return to(approvals >= event.requiredApprovals ? "APPROVED" : "PENDING_APPROVAL");
    }
  }
}

// The contract's own status. DRAFT until its first version is approved; ACTIVE while an approved version can be
// in force (including before the term starts: "scheduled" is shown from the dates); TERMINATED by finance with a
// date and reason; EXPIRED once the term has ended without an approved renewal (a late renewal revives it).
export const CONTRACT_STATUSES = ["DRAFT", "ACTIVE", "TERMINATED", "EXPIRED"] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export type ContractEvent = { type: "FIRST_VERSION_APPROVED" } | { type: "RENEWAL_APPROVED" } | { type: "TERMINATE" } | { type: "EXPIRE" };

export const CONTRACT_TRANSITION_ERRORS = {
  CONTRACT_NOT_ACTIVE: "The contract is not active",
  CONTRACT_ALREADY_ACTIVE: "The contract is already active",
} as const;
export type ContractTransitionError = keyof typeof CONTRACT_TRANSITION_ERRORS;

export function transitionContract(status: ContractStatus, event: ContractEvent): { ok: true; next: ContractStatus } | { ok: false; code: ContractTransitionError } {
  switch (event.type) {
    case "FIRST_VERSION_APPROVED":
      return status === "DRAFT" ? { ok: true, next: "ACTIVE" } : { ok: false, code: "CONTRACT_ALREADY_ACTIVE" };
    case "RENEWAL_APPROVED":
      // A renewal approved after the term ran out brings an expired contract back; a terminated one stays ended.
      return status === "ACTIVE" || status === "EXPIRED" ? { ok: true, next: "ACTIVE" } : { ok: false, code: "CONTRACT_NOT_ACTIVE" };
    case "TERMINATE":
      return status === "ACTIVE" ? { ok: true, next: "TERMINATED" } : { ok: false, code: "CONTRACT_NOT_ACTIVE" };
    case "EXPIRE":
      return status === "ACTIVE" ? { ok: true, next: "EXPIRED" } : { ok: false, code: "CONTRACT_NOT_ACTIVE" };
  }
}
