import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ContractActions } from "@/components/contracts/contract-actions";
import { ContractSummary } from "@/components/contracts/contract-summary";
import { VERSION_KIND_LABELS, versionLabel } from "@/components/contracts/format";
import { ContractStatusBadge, VersionStatusBadge } from "@/components/contracts/status-badges";
import { TermsView } from "@/components/contracts/terms-view/terms-view";
import { VersionTable } from "@/components/contracts/version-table";
import { PageHeader } from "@/components/shell/page-header";
import { Alert, buttonClasses, Card, CardBody, CardHeader, EmptyState } from "@/components/ui";
import { api, orNotFound } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";
import { todayIso } from "@/server/domain/contracts/dates";

export const metadata: Metadata = { title: "Contract" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ContractPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser("OPS", "FINANCE", "ADMIN", "ADVERTISER");
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const contract = await orNotFound(api.contracts.byId({ id }));
  const today = todayIso();
  const approved = contract.versions.filter((v) => v.status === "APPROVED");
  const inForce = contract.versions.find((v) => v.id === contract.inForceVersionId);
  const upcoming = approved.find((v) => v.effectiveFrom > today);
  // A termination closes whatever was in progress; nothing is left to work on.
  const openVersion = contract.status === "TERMINATED" ? null : (contract.versions.find((v) => v.id === contract.openVersionId) ?? null);
  // Today's terms; before the term starts, the terms it will start with; for a draft contract, the draft.
  const shown = inForce ?? upcoming ?? approved.at(-1) ?? openVersion ?? contract.versions.at(-1);
  const notStarted = contract.status === "ACTIVE" && today < contract.termStart;
  const scheduled = approved.filter((v) => v !== shown && v.effectiveFrom > today);
  const versionHref = (versionId: string) => `/contracts/${contract.id}/versions/${versionId}`;
  const earliestAmendment = [today, contract.termStart, ...approved.map((v) => v.effectiveFrom)].reduce((a, b) => (a > b ? a : b));

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/contracts" className="font-medium text-indigo-700 hover:underline">
          ← Contracts
        </Link>
      </p>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {contract.title}
            <ContractStatusBadge status={contract.status} />
          </span>
        }
        description={`${contract.number} · ${contract.advertiser.name}`}
        actions={
          <>
            {contract.status !== "DRAFT" && (
              <Link href={`/contracts/${contract.id}/delivery`} className={buttonClasses({ variant: "secondary" })}>
                Delivery
              </Link>
            )}
            <ContractActions
              role={user.role}
              today={today}
              earliestAmendment={earliestAmendment}
              contract={{ id: contract.id, number: contract.number, status: contract.status, termStart: contract.termStart, termEnd: contract.termEnd }}
              openVersion={openVersion && { id: openVersion.id, number: openVersion.number, status: openVersion.status, revision: openVersion.revision }}
            />
          </>
        }
      />
      <div className="space-y-6">
        {contract.status === "TERMINATED" && (
          <Alert tone="error" title={`Terminated: last day in force ${contract.terminatedOn}`}>
            {contract.terminationReason}
          </Alert>
        )}
        {notStarted && <Alert tone="info" title={`Starts on ${contract.termStart}`}>The contract is approved; its terms apply from the first day of the term.</Alert>}
        {openVersion && openVersion !== shown && user.role !== "ADVERTISER" && (
          <Alert tone={openVersion.status === "REJECTED" ? "warning" : "info"}>
            <span className="flex flex-wrap items-center gap-2">
              <Link href={versionHref(openVersion.id)} className="font-medium underline hover:no-underline">
                {VERSION_KIND_LABELS[openVersion.kind]} {versionLabel(openVersion.number)}
              </Link>
              <VersionStatusBadge status={openVersion.status} />
              <span>effective from {openVersion.effectiveFrom}.</span>
            </span>
          </Alert>
        )}

        <Card>
          <CardHeader title="Contract" />
          <CardBody>
            <ContractSummary contract={contract} />
          </CardBody>
        </Card>

        <Card>
          <CardHeader
            title={shown === inForce && inForce ? "Terms in force today" : shown?.status === "APPROVED" ? `Terms from ${shown.effectiveFrom}` : "Draft terms"}
            description={
              shown ? (
                <>
                  <Link href={versionHref(shown.id)} className="font-medium text-indigo-700 hover:underline">
                    {VERSION_KIND_LABELS[shown.kind]} {versionLabel(shown.number)}
                  </Link>
                  {shown.status === "APPROVED" ? `, effective from ${shown.effectiveFrom}.` : ", not yet approved: nothing is billed on it."}
                </>
              ) : undefined
            }
          />
          <CardBody className="space-y-4">
            {scheduled.map((v) => (
              <Alert key={v.id} tone="info">
                <Link href={versionHref(v.id)} className="font-medium underline hover:no-underline">
                  {VERSION_KIND_LABELS[v.kind]} {versionLabel(v.number)}
                </Link>{" "}
                is approved and takes effect on {v.effectiveFrom}.
              </Alert>
            ))}
            {shown ? <TermsView terms={shown.terms} currency={contract.currency} /> : <EmptyState title="No terms in force" description="No approved version applies today." />}
          </CardBody>
        </Card>

        <Card>
          <CardHeader title="Versions" description="Every version of the terms, newest first. Approved versions never change; later terms are new versions." />
          {contract.versions.length === 0 ? (
            <CardBody>
              <EmptyState title="No approved versions yet" description="Versions appear here once finance approves them." />
            </CardBody>
          ) : (
            <VersionTable contractId={contract.id} currency={contract.currency} versions={contract.versions} inForceVersionId={contract.inForceVersionId} />
          )}
        </Card>
      </div>
    </>
  );
}
