import { describe, expect, it } from "vitest";
import {
  CONTRACT_STATUSES,
  transitionContract,
  transitionVersion,
  VERSION_STATUSES,
  type ContractEvent,
  type ContractStatus,
  type VersionEvent,
  type VersionStatus,
} from "./version-lifecycle";

const AUTHOR = "author";
const approve = (approverId: string, approvedBy: string[] = [], requiredApprovals = 1): VersionEvent => ({ type: "APPROVE", approverId, authorId: AUTHOR, approvedBy, requiredApprovals });
const reject = (approverId: string): VersionEvent => ({ type: "REJECT", approverId, authorId: AUTHOR });

describe("transitionVersion: every status × event", () => {
  const events: Record<string, VersionEvent> = {
    EDIT: { type: "EDIT" },
    SUBMIT: { type: "SUBMIT" },
    WITHDRAW: { type: "WITHDRAW" },
    APPROVE: approve("finance"),
    REJECT: reject("finance"),
  };
  // Status → event → the next status, or the named refusal.
  const expected: Record<VersionStatus, Record<keyof typeof events, string>> = {
    DRAFT: { EDIT: "DRAFT", SUBMIT: "PENDING_APPROVAL", WITHDRAW: "VERSION_NOT_PENDING", APPROVE: "VERSION_NOT_PENDING", REJECT: "VERSION_NOT_PENDING" },
    PENDING_APPROVAL: { EDIT: "VERSION_NOT_EDITABLE", SUBMIT: "VERSION_NOT_SUBMITTABLE", WITHDRAW: "DRAFT", APPROVE: "APPROVED", REJECT: "REJECTED" },
    APPROVED: { EDIT: "VERSION_NOT_EDITABLE", SUBMIT: "VERSION_NOT_SUBMITTABLE", WITHDRAW: "VERSION_NOT_PENDING", APPROVE: "VERSION_NOT_PENDING", REJECT: "VERSION_NOT_PENDING" },
    REJECTED: { EDIT: "DRAFT", SUBMIT: "VERSION_NOT_SUBMITTABLE", WITHDRAW: "VERSION_NOT_PENDING", APPROVE: "VERSION_NOT_PENDING", REJECT: "VERSION_NOT_PENDING" },
  };

  const cases = VERSION_STATUSES.flatMap((status) => Object.keys(events).map((event) => [status, event, expected[status][event]] as const));

  it("covers every pair", () => {
    expect(cases).toHaveLength(VERSION_STATUSES.length * Object.keys(events).length);
  });

  it.each(cases)("%s + %s → %s", (status, event, outcome) => {
    const result = transitionVersion(status, events[event]);
    expect(result).toEqual(VERSION_STATUSES.includes(outcome as VersionStatus) ? { ok: true, next: outcome } : { ok: false, code: outcome });
  });
});

describe("transitionVersion: who may decide", () => {
  it("refuses the author approving their own version", () => {
    expect(transitionVersion("PENDING_APPROVAL", approve(AUTHOR))).toEqual({ ok: false, code: "SELF_APPROVAL_FORBIDDEN" });
  });

  it("refuses the author rejecting their own version", () => {
    expect(transitionVersion("PENDING_APPROVAL", reject(AUTHOR))).toEqual({ ok: false, code: "SELF_APPROVAL_FORBIDDEN" });
  });

  it("answers VERSION_NOT_PENDING before looking at who decides", () => {
    expect(transitionVersion("APPROVED", approve(AUTHOR))).toEqual({ ok: false, code: "VERSION_NOT_PENDING" });
  });
});

describe("transitionVersion: the two-approver rule", () => {
  it("keeps a version needing two approvals pending after the first", () => {
    expect(transitionVersion("PENDING_APPROVAL", approve("finance", [], 2))).toEqual({ ok: true, next: "PENDING_APPROVAL" });
  });

  it("approves it when a second, distinct approver agrees", () => {
    expect(transitionVersion("PENDING_APPROVAL", approve("finance2", ["finance"], 2))).toEqual({ ok: true, next: "APPROVED" });
  });

  it("refuses the first approver approving again", () => {
    expect(transitionVersion("PENDING_APPROVAL", approve("finance", ["finance"], 2))).toEqual({ ok: false, code: "ALREADY_APPROVED_BY_YOU" });
  });

  it("refuses the author even as the would-be second approver", () => {
    expect(transitionVersion("PENDING_APPROVAL", approve(AUTHOR, ["finance"], 2))).toEqual({ ok: false, code: "SELF_APPROVAL_FORBIDDEN" });
  });

  it("lets a second approver reject after a first approval", () => {
    expect(transitionVersion("PENDING_APPROVAL", reject("finance2"))).toEqual({ ok: true, next: "REJECTED" });
  });
});

describe("transitionContract: every status × event", () => {
  const events: ContractEvent["type"][] = ["FIRST_VERSION_APPROVED", "RENEWAL_APPROVED", "TERMINATE", "EXPIRE"];
  const expected: Record<ContractStatus, Record<ContractEvent["type"], string>> = {
    DRAFT: { FIRST_VERSION_APPROVED: "ACTIVE", RENEWAL_APPROVED: "CONTRACT_NOT_ACTIVE", TERMINATE: "CONTRACT_NOT_ACTIVE", EXPIRE: "CONTRACT_NOT_ACTIVE" },
    ACTIVE: { FIRST_VERSION_APPROVED: "CONTRACT_ALREADY_ACTIVE", RENEWAL_APPROVED: "ACTIVE", TERMINATE: "TERMINATED", EXPIRE: "EXPIRED" },
    // A renewal approved after the term ran out revives the contract.
    EXPIRED: { FIRST_VERSION_APPROVED: "CONTRACT_ALREADY_ACTIVE", RENEWAL_APPROVED: "ACTIVE", TERMINATE: "CONTRACT_NOT_ACTIVE", EXPIRE: "CONTRACT_NOT_ACTIVE" },
    // Termination is final.
    TERMINATED: { FIRST_VERSION_APPROVED: "CONTRACT_ALREADY_ACTIVE", RENEWAL_APPROVED: "CONTRACT_NOT_ACTIVE", TERMINATE: "CONTRACT_NOT_ACTIVE", EXPIRE: "CONTRACT_NOT_ACTIVE" },
  };
  const cases = CONTRACT_STATUSES.flatMap((status) => events.map((event) => [status, event, expected[status][event]] as const));

  it("covers every pair", () => {
    expect(cases).toHaveLength(CONTRACT_STATUSES.length * events.length);
  });

  it.each(cases)("%s + %s → %s", (status, event, outcome) => {
    const result = transitionContract(status, { type: event });
    expect(result).toEqual(CONTRACT_STATUSES.includes(outcome as ContractStatus) ? { ok: true, next: outcome } : { ok: false, code: outcome });
  });
});
