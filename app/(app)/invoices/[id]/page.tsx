import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DraftPreview } from "@/components/billing/draft-preview";
import { formatMoney } from "@/components/contracts/format";
import { DraftActions, RemoveManualLineButton } from "@/components/invoices/draft-actions";
import { InvoiceDownloads } from "@/components/invoices/invoice-downloads";
import { InvoiceStatusBadge } from "@/components/invoices/invoice-status";
import { IssueInvoiceButton } from "@/components/invoices/issue-invoice-button";
import { SettleInvoiceActions } from "@/components/invoices/settle-invoice-actions";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardHeader, Stat, Table, TBody, TD, TH, THead, TR } from "@/components/ui";
import { api } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";
import { periodLabel } from "@/server/domain/billing/billing-period";
import { Dec } from "@/server/domain/money";

export const metadata: Metadata = { title: "Invoice" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "1,000.00 USD paid, 300.00 USD credited, 120.00 USD refunded; 180.00 USD owed back" */
function settledSoFar(invoice: { currency: string; paid: string; credited: string; refunded: string; refundDue: string }) {
  const money = (amount: string) => formatMoney(amount, invoice.currency);
  const parts = [`${money(invoice.paid)} paid`, ...(new Dec(invoice.credited).isZero() ? [] : [`${money(invoice.credited)} credited`]), ...(new Dec(invoice.refunded).isZero() ? [] : [`${money(invoice.refunded)} refunded`])];
  return `${parts.join(", ")}${new Dec(invoice.refundDue).isZero() ? "" : `; ${money(invoice.refundDue)} owed back to the advertiser`}`;
}

export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser("FINANCE", "ADMIN", "ADVERTISER");
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const invoice = await api.invoices.byId({ id }).catch((err: { code?: string }) => {
    if (err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const title = invoice.number ?? `Draft invoice · ${invoice.contract.number}`;
  const summary = `${invoice.contract.number} for ${periodLabel(invoice.period)} (${formatMoney(invoice.total, invoice.currency)})`;
  return (
    <>
      <Link href="/invoices" className="text-sm text-indigo-700 hover:underline">
        ← Invoices
      </Link>
      <PageHeader
        title={title}
        description={`${invoice.advertiser} · ${invoice.contract.title} · ${periodLabel(invoice.period)}`}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <InvoiceDownloads id={invoice.id} />
            {user.role !== "FINANCE" ? null : invoice.status === "DRAFT" ? (
              <>
                <DraftActions id={invoice.id} summary={summary} currency={invoice.currency} />
                <IssueInvoiceButton id={invoice.id} summary={summary} flagCount={invoice.flags.length} />
              </>
            ) : (
              <SettleInvoiceActions
                id={invoice.id}
                status={invoice.status}
                balanceDue={invoice.balanceDue}
                refundDue={invoice.refundDue}
                creditable={new Dec(invoice.total).minus(invoice.credited).toFixed()}
                currency={invoice.currency}
                summary={invoice.number ?? summary}
              />
            )}
          </div>
        }
      />
      <div className="mb-6 grid gap-4 sm:grid-cols-3">
        <Stat label="Status" value={<InvoiceStatusBadge status={invoice.status} />} hint={invoice.issuedAt ? `Issued ${invoice.issuedAt.toISOString().slice(0, 10)}` : "Not issued: a billing run may still replace it"} />
        <Stat label="Total" value={formatMoney(invoice.total, invoice.currency)} hint={`${invoice.lines.length} line${invoice.lines.length === 1 ? "" : "s"}, each rounded once`} />
        <Stat
          label="Balance due"
          value={formatMoney(invoice.balanceDue, invoice.currency)}
          hint={
            invoice.status === "VOID"
              ? `Void: ${invoice.voidReason}`
              : invoice.status === "UNCOLLECTIBLE"
                ? `Written off as uncollectible: ${invoice.uncollectibleReason}`
                : invoice.dueDate
                ? `Due ${invoice.dueDate}; ${settledSoFar(invoice)}`
                : `Due ${invoice.paymentTermsDays} days after issue`
          }
        />
      </div>
      {invoice.creditNotes.length > 0 && (
        <Card className="mb-6">
          <CardHeader title="Credit notes" description="Corrections of this invoice, each numbered and never changed." />
          <Table>
            <THead>
              <TR>
                <TH>Credit note</TH>
                <TH>Reason</TH>
                <TH>Issued</TH>
                <TH numeric>Amount</TH>
              </TR>
            </THead>
            <TBody>
              {invoice.creditNotes.map((c) => (
                <TR key={c.id}>
                  <TD className="font-mono text-sm">{c.number}</TD>
                  <TD>
                    {c.reason}
                    <p className="text-xs text-slate-600">{c.note}</p>
                  </TD>
                  <TD className="whitespace-nowrap">{c.issuedAt.toISOString().slice(0, 10)}</TD>
                  <TD numeric className="whitespace-nowrap">
                    −{formatMoney(c.amount, invoice.currency)}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </Card>
      )}
      {invoice.payments.length + invoice.refunds.length > 0 && (
        <Card className="mb-6">
          <CardHeader title="Payments and refunds" description="Money received for this invoice, and sent back of what was paid beyond what it asks after its credit notes." />
          <Table>
            <THead>
              <TR>
                <TH>Date</TH>
                <TH>Kind</TH>
                <TH>Reference</TH>
                <TH numeric>Amount</TH>
              </TR>
            </THead>
            <TBody>
              {[...invoice.payments.map((p) => ({ ...p, kind: "Payment received" })), ...invoice.refunds.map((r) => ({ ...r, kind: "Refund sent" }))]
                .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))
                .map((m) => (
                  <TR key={m.id}>
                    <TD className="whitespace-nowrap">{m.on}</TD>
                    <TD>{m.kind}</TD>
                    <TD className="font-mono text-sm">{m.reference}</TD>
                    <TD numeric className="whitespace-nowrap">
                      {formatMoney(m.amount, invoice.currency)}
                    </TD>
                  </TR>
                ))}
            </TBody>
          </Table>
        </Card>
      )}
      <DraftPreview
        title="Lines"
        description="Open a line to see how its amount was reached: terms version, rates, quantities, the exact amount and its rounding."
        currency={invoice.currency}
        lines={invoice.lines}
        total={invoice.total}
        explanations={Object.fromEntries(invoice.lines.map((l) => [l.key, l.explanation]))}
        flagSummaries={invoice.status === "DRAFT" ? invoice.flags.map((f) => f.message) : []}
        lineActions={
          invoice.status === "DRAFT" && user.role === "FINANCE"
            ? Object.fromEntries(invoice.lines.filter((l) => l.kind === "MANUAL").map((l) => [l.key, <RemoveManualLineButton key={l.id} id={invoice.id} lineId={l.id} description={l.description} />]))
            : {}
        }
      />
    </>
  );
}
