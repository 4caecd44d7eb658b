import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ApprovalHistory } from "@/components/contracts/approval-history";
import { DecideVersionPanel } from "@/components/contracts/decide-version-panel";
import { DetailList } from "@/components/contracts/detail-list";
import { formatMoney, VERSION_KIND_LABELS, versionLabel } from "@/components/contracts/format";
import { VersionStatusBadge } from "@/components/contracts/status-badges";
import { TermsChanges } from "@/components/contracts/terms-changes";
import { TermsView } from "@/components/contracts/terms-view/terms-view";
import { WithdrawVersionButton } from "@/components/contracts/version-buttons";
import { VersionEditor } from "@/components/contracts/version-editor";
import { UtcTime } from "@/components/audit/utc-time";
import { PageHeader } from "@/components/shell/page-header";
import { Alert, Card, CardBody, CardHeader } from "@/components/ui";
import { api, orNotFound } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";
import { todayIso } from "@/server/domain/contracts/dates";

export const metadata: Metadata = { title: "Contract version" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function VersionPage({ params }: { params: Promise<{ id: string; versionId: string }> }) {
  const user = await requireUser("OPS", "FINANCE", "ADMIN", "ADVERTISER");
  const { id, versionId } = await params;
  if (!UUID.test(id) || !UUID.test(versionId)) notFound();
  const { version, contract, previousVersionNumber, changes, author, decisions } = await orNotFound(api.contracts.version({ versionId }));
  if (contract.id !== id) notFound();
  const today = todayIso();
  const staff = user.role !== "ADVERTISER";
  const round = decisions.filter((d) => d.round === version.submissionRound);
  const approvals = round.filter((d) => d.decision === "APPROVE");
  const rejections = round.filter((d) => d.decision === "REJECT");
  const pending = version.status === "PENDING_APPROVAL";
  const open = version.status === "DRAFT" || version.status === "REJECTED";
  const contractOpen = contract.status === "DRAFT" || contract.status === "ACTIVE" || (contract.status === "EXPIRED" && version.kind === "RENEWAL");
  const editable = user.role === "OPS" && open && contractOpen;
  const blockedReason =
    version.authorId === user.id
      ? "You wrote this version, so someone else in finance has to decide it."
      : approvals.some((a) => a.approver.id === user.id)
        ? "You have approved this version; it now needs a second, different finance approver."
        : null;
  const title = `${VERSION_KIND_LABELS[version.kind]} ${versionLabel(version.number)}`;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/contracts/${contract.id}`} className="font-medium text-indigo-700 hover:underline">
          ← {contract.number} · {contract.title}
        </Link>
      </p>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {title}
            <VersionStatusBadge status={version.status} />
          </span>
        }
        description={`${contract.number} · ${contract.advertiser.name}`}
        actions={user.role === "OPS" && pending && <WithdrawVersionButton versionId={version.id} number={version.number} />}
      />
      <div className="space-y-6">
        {staff && open && rejections.length > 0 && (
          <Alert tone="warning" title={version.status === "REJECTED" ? "Rejected by finance" : "Returned by finance; revised since"}>
            <ul className="space-y-1">
              {rejections.map((d) => (
                <li key={d.id}>
                  <span className="font-medium">{d.approver.name}:</span> “{d.comment}”
                </li>
              ))}
            </ul>
            {editable && version.status === "REJECTED" && <p className="mt-2">Edit the terms below and submit again.</p>}
          </Alert>
        )}
        {staff && version.status === "REJECTED" && rejections.length === 0 && contract.status === "TERMINATED" && (
          <Alert tone="warning">Closed when the contract was terminated on {contract.terminatedOn}.</Alert>
        )}

        <Card>
          <CardHeader title="Version" />
          <CardBody>
            <DetailList
              items={[
                { label: "Kind", value: VERSION_KIND_LABELS[version.kind] },
                {
                  label: "Effective from",
                  value: (
                    <span className="tabular-nums">
                      {version.effectiveFrom}
                      {version.renewsTermTo && ` to ${version.renewsTermTo}`}
                    </span>
                  ),
                },
                version.backdateReason !== null && staff && { label: "Backdated by finance", value: version.backdateReason },
                version.reason !== null && version.kind !== "ORIGINAL" && { label: "Reason", value: version.reason, wide: true },
                { label: "Committed value", value: version.committedValue === null ? <span className="text-slate-500">Fixed when submitted</span> : formatMoney(version.committedValue, contract.currency) },
                staff &&
                  version.submittedAt !== null && {
                    label: "Approvals",
                    value: `${approvals.length} of ${version.requiredApprovals}${version.requiredApprovals > 1 ? " (two distinct approvers)" : ""}`,
                  },
                staff && { label: "Author", value: author ? author.name : "Renewal job" },
                staff && version.submittedAt !== null && { label: "Submitted (UTC)", value: <UtcTime value={version.submittedAt} /> },
                version.decidedAt !== null && { label: "Decided (UTC)", value: <UtcTime value={version.decidedAt} /> },
              ]}
            />
          </CardBody>
        </Card>

        <Card>
          <CardHeader
            title="What changed"
            description={
              previousVersionNumber === null
                ? "Against no earlier approved version: everything in these terms is new."
                : `Against ${versionLabel(previousVersionNumber)}, the approved version before this one${open ? ", as last saved" : ""}.${version.kind === "AMENDMENT" ? ` The changes apply from ${version.effectiveFrom}.` : ""}`
            }
          />
          <CardBody>
            <TermsChanges changes={changes} />
          </CardBody>
        </Card>

        {user.role === "FINANCE" && pending && (
          <DecideVersionPanel
            version={{ id: version.id, kind: version.kind, effectiveFrom: version.effectiveFrom }}
            contractTermStart={contract.termStart}
            approvals={approvals.length}
            requiredApprovals={version.requiredApprovals}
            blockedReason={blockedReason}
          />
        )}

        {editable ? (
          <VersionEditor
            key={version.revision}
            version={version}
            currency={contract.currency}
            today={today}
            header={
              version.kind === "ORIGINAL" && contract.status === "DRAFT"
                ? {
                    title: contract.title,
                    currency: contract.currency,
                    termStart: contract.termStart,
                    termEnd: contract.termEnd,
                    paymentTermsDays: contract.paymentTermsDays,
                    autoRenew: contract.autoRenew,
                    renewalMonths: contract.renewalMonths,
                    noticeDays: contract.noticeDays,
                    roundingMode: contract.roundingMode,
                  }
                : null
            }
          />
        ) : (
          <Card>
            <CardHeader title="Terms" description={`In ${contract.currency}.`} />
            <CardBody>
              <TermsView terms={version.terms} currency={contract.currency} />
            </CardBody>
          </Card>
        )}

        {staff && (
          <Card>
            <CardHeader title="Approval history" description="Internal: advertisers never see reviewers or their comments." />
            <ApprovalHistory decisions={decisions} />
          </Card>
        )}
      </div>
    </>
  );
}
