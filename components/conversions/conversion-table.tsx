// Conversions with Tally's verdict: eligible or not (with the reason in words) and where review stands.
import Link from "next/link";
import { formatMoney } from "../contracts/format";
import { Badge, Table, TBody, TD, TH, THead, TR, type BadgeTone } from "../ui";

export interface ConversionListItem {
  id: string;
  externalId: string;
  occurredAt: Date;
  type: string;
  value: string | null;
  currency: string | null;
  contractId: string;
  contractNumber: string;
  lineKey: string;
  partnerKey: string | null;
  eligibility: "ELIGIBLE" | "INELIGIBLE" | "OVER_CAP";
  reason: string | null;
  review: "PENDING" | "APPROVED" | "REJECTED";
  reviewReason: string | null;
}

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function status(c: ConversionListItem): { label: string; tone: BadgeTone; why: string | null } {
  if (c.eligibility === "INELIGIBLE") return { label: "Ineligible", tone: "neutral", why: c.reason };
  if (c.eligibility === "OVER_CAP") return { label: "Over cap", tone: "neutral", why: c.reason };
  if (c.review === "REJECTED") return { label: "Rejected", tone: "red", why: c.reviewReason };
  if (c.review === "APPROVED") return { label: "Approved", tone: "green", why: null };
  return { label: "Pending review", tone: "amber", why: null };
}

/** With `selectable`, eligible rows get a checkbox (the review queue). */
export function ConversionTable({ conversions, selectable }: { conversions: ConversionListItem[]; selectable?: { selected: ReadonlySet<string>; toggle: (id: string) => void } }) {
  return (
    <Table>
      <THead>
        <TR>
          {selectable && <TH><span className="sr-only">Select</span></TH>}
          <TH>When (UTC)</TH>
          <TH>Conversion</TH>
          <TH>Contract line</TH>
          <TH>Partner</TH>
          <TH numeric>Value</TH>
          <TH>Status</TH>
        </TR>
      </THead>
      <TBody>
        {conversions.map((c) => {
          const s = status(c);
          return (
            <TR key={c.id}>
              {selectable && (
                <TD>
                  {c.eligibility === "ELIGIBLE" && (
                    <input type="checkbox" aria-label={`Select ${c.externalId}`} checked={selectable.selected.has(c.id)} onChange={() => selectable.toggle(c.id)} />
                  )}
                </TD>
              )}
              <TD className="whitespace-nowrap">{when.format(c.occurredAt)}</TD>
              <TD>
                <span className="font-mono text-xs">{c.externalId}</span>
                <span className="ml-2 text-slate-600">{c.type.replace(/_/g, " ")}</span>
              </TD>
              <TD>
                <Link href={`/contracts/${c.contractId}`} className="font-medium text-indigo-700 hover:underline">
                  {c.contractNumber}
                </Link>{" "}
                · {c.lineKey}
              </TD>
              <TD className="font-mono text-xs text-slate-600">{c.partnerKey ?? "—"}</TD>
              <TD numeric className="whitespace-nowrap">
                {c.value !== null && c.currency ? formatMoney(c.value, c.currency) : "—"}
              </TD>
              <TD>
                <Badge tone={s.tone}>{s.label}</Badge>
                {s.why && <p className="mt-1 text-xs text-slate-600">{s.why}</p>}
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
