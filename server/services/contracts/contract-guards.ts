// Shared steps of the contract services: row locks, guarded transitions turned into AppErrors, notifications.
import type { Tx } from "../../db/client";
import { toIsoDate } from "../../domain/contracts/dates";
import type { IsoDate } from "../../domain/contracts/terms";
import { transitionVersion, type VersionEvent, type VersionStatus } from "../../domain/contracts/version-lifecycle";
import { AppError, notFound } from "../../errors";

/** Lock a version (and read it) for the rest of the transaction: concurrent deciders queue here. */
export async function lockVersion(tx: Tx, versionId: string) {
  await tx.$queryRaw`SELECT id FROM contract_version WHERE id = ${versionId}::uuid FOR UPDATE`;
  const version = await tx.contractVersion.findUnique({ where: { id: versionId }, include: { contract: true } });
  if (!version) throw notFound("Contract version not found");
  return version;
}

export async function lockContract(tx: Tx, contractId: string) {
  await tx.$queryRaw`SELECT id FROM contract WHERE id = ${contractId}::uuid FOR UPDATE`;
  const contract = await tx.contract.findUnique({ where: { id: contractId } });
  if (!contract) throw notFound("Contract not found");
  return contract;
}

/** The next status, or the state machine's named refusal as an AppError. */
export function nextVersionStatus(status: VersionStatus, event: VersionEvent): VersionStatus {
  const result = transitionVersion(status, event);
  if (!result.ok) throw new AppError(result.code);
  return result.next;
}

export async function notifyUsers(tx: Tx, userIds: readonly string[], message: { kind: string; title: string; body: string; link: string }) {
  if (userIds.length === 0) return;
  await tx.notification.createMany({ data: [...new Set(userIds)].map((userId) => ({ userId, ...message })) });
}

export async function financeUserIds(tx: Tx, except: string | null) {
  const users = await tx.user.findMany({ where: { role: "FINANCE", disabledAt: null, ...(except ? { id: { not: except } } : {}) }, select: { id: true } });
  return users.map((u) => u.id);
}

/**
 * A new set of terms may not start before the latest approved version took effect: it was copied from the terms
 * in force on its own date, so slotting it before a later approved amendment would silently undo that amendment
 * from its date on. Same-day is fine (the higher version number wins that day).
 */
export async function assertNotBeforeApprovedTerms(tx: Tx, contractId: string, date: IsoDate, field: string) {
  const latest = await tx.contractVersion.findFirst({ where: { contractId, status: "APPROVED" }, orderBy: { effectiveFrom: "desc" }, select: { effectiveFrom: true, number: true } });
  if (latest && date < toIsoDate(latest.effectiveFrom)) {
    const from = toIsoDate(latest.effectiveFrom);
    throw new AppError("EFFECTIVE_DATE_INVALID", `Version ${latest.number} already applies from ${from}: new terms cannot start before it`, {
      fieldErrors: { [field]: [`Choose ${from} or later`] },
    });
  }
}
