// A human-readable, field-level diff between two versions' terms: lines are matched by their stable key, so a
// renamed line reads as a rename, not as one line removed and another added.
//   "CPM line Sports: rate per thousand 12.50 → 14.00"
import { Dec } from "../money";
import { PRICING_MODEL_LABELS, type PricingModelName } from "../pricing/pricing-model";
import type { ContractTerms } from "./terms";

export interface TermsChange {
  kind: "ADDED" | "REMOVED" | "CHANGED";
  /** What the change is about: "CPM line Sports". */
  subject: string;
  /** The field, in words ("rate per thousand"); absent for whole added/removed items. */
  field?: string;
  before?: string;
  after?: string;
}

const GROUPS = [
  { key: "recurringFees", label: "Fee", id: (x: { key: string }) => x.key },
  { key: "cpmLines", label: "CPM line", id: (x: { key: string }) => x.key },
  { key: "cpaLines", label: "CPA line", id: (x: { key: string }) => x.key },
  { key: "partnerTerms", label: "Partner", id: (x: { partnerKey: string }) => x.partnerKey },
] as const;

const FIELD_LABELS: Record<string, string> = {
  name: "name",
  amount: "amount",
  frequency: "frequency",
  startDate: "start date",
  endDate: "end date",
  inventoryType: "inventory type",
  "pricing.source": "price source",
  "pricing.rateCard": "rate card",
  "pricing.entry": "rate card entry",
  "model.model": "pricing model",
  "model.ratePerThousand": "rate per thousand",
  "model.unitPrice": "unit price",
  "model.packageSize": "package size",
  "model.packagePrice": "package price",
  "model.freeUnits": "free units",
  "model.rate": "rate (%)",
  billableSource: "billable count",
  discrepancyThresholdPercent: "discrepancy threshold (%)",
  periodCap: "spend cap per period",
  lifetimeBudget: "lifetime budget",
  "minimumCommitment.amount": "minimum commitment",
  "minimumCommitment.period": "minimum commitment period",
  agencyCommissionPercent: "agency commission (%)",
  lockPeriodDays: "review lock period (days)",
  "attribution.clickLookbackDays": "click lookback (days)",
  "attribution.viewLookbackDays": "view-through window (days)",
  "attribution.dedupeWindowHours": "dedupe window (hours)",
  "eligibility.conversionTypes": "eligible conversion types",
  "eligibility.geographies": "eligible geographies",
  "eligibility.minOrderValue": "minimum order value",
  "eligibility.newCustomersOnly": "new customers only",
  "payout.kind": "payout kind",
  "payout.amount": "payout per conversion",
  "payout.percent": "payout share (%)",
  lines: "applies to lines",
};

/** "pricing.model.tiers.1.unitPrice" → "tier 2 unit price"; known paths use their label. */
function labelFor(fullPath: string): string {
  // A CPM line's price and a rate card entry both hold a model: "pricing.model.x" and "model.x" read the same.
  const path = fullPath.replace(/^pricing\.(?=model\.)/, "");
  if (FIELD_LABELS[path]) return FIELD_LABELS[path];
  return path
    .replace(/^model\./, "")
    .replace(/tiers\.(\d+)\./g, (_m, i) => `tier ${Number(i) + 1} `)
    .replace(/payouts\.([^.]+)\./g, (_m, type) => `${type} payout `)
    .replace(/upTo/g, "up to")
    .replace(/unitPrice/g, "unit price")
    .replace(/flatFee/g, "flat fee")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/\./g, " ")
    .toLowerCase();
}

/** Fields holding a pricing model's name, shown by its label; elsewhere "standard" is just a word someone typed. */
const PRICING_MODEL_PATHS = new Set(["pricing.model.model", "model.model", "tiered.model"]);

function render(value: unknown, path: string): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.length ? value.map((v) => render(v, path)).join(", ") : "none";
  if (PRICING_MODEL_PATHS.has(path) && typeof value === "string" && Object.hasOwn(PRICING_MODEL_LABELS, value)) return PRICING_MODEL_LABELS[value as PricingModelName];
  return String(value);
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
/** "12.5" and "12.50" are the same rate: a change of notation is not a change of terms. */
const sameDecimal = (a: unknown, b: unknown) => typeof a === "string" && typeof b === "string" && DECIMAL.test(a) && DECIMAL.test(b) && new Dec(a).equals(b);

/** Array items with a natural key are matched by it, so adding one payout does not shift every later one. */
const itemKey = (item: unknown, index: number) =>
  item !== null && typeof item === "object" && "conversionType" in item ? String((item as { conversionType: unknown }).conversionType) : String(index);

/** Flatten to leaf paths; arrays of scalars stay whole (they read as one value). */
function flatten(value: unknown, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === "object" && !(Array.isArray(value) && value.every((v) => typeof v !== "object"))) {
    const entries = Array.isArray(value) ? value.map((v, i) => [itemKey(v, i), v] as const) : Object.entries(value as Record<string, unknown>);
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}

/** Items matched by identity: added, removed, and field-level changes of the ones in both. */
export function diffItems<T extends object>(label: string, before: readonly T[], after: readonly T[], idOf: (item: T) => string, nameOf: (item: T) => string): TermsChange[] {
  const changes: TermsChange[] = [];
  const olds = new Map(before.map((x) => [idOf(x), x]));
  const news = new Map(after.map((x) => [idOf(x), x]));
  for (const [key, item] of news) {
    const old = olds.get(key);
    if (!old) {
      changes.push({ kind: "ADDED", subject: `${label} ${nameOf(item)}` });
      continue;
    }
    const subject = `${label} ${nameOf(old)}`;
    const a = flatten(old);
    const b = flatten(item);
    for (const path of new Set([...a.keys(), ...b.keys()])) {
      // Keys identify; they are not terms. (A payout's conversion type is its key.)
      if (path === "key" || path === "partnerKey" || /^payouts\.[^.]+\.conversionType$/.test(path)) continue;
      const was = render(a.get(path), path);
      const now = render(b.get(path), path);
      if (was !== now && !sameDecimal(a.get(path), b.get(path))) changes.push({ kind: "CHANGED", subject, field: labelFor(path), before: was, after: now });
    }
  }
  for (const [key, item] of olds) if (!news.has(key)) changes.push({ kind: "REMOVED", subject: `${label} ${nameOf(item)}` });
  return changes;
}

type Item = { key?: string; partnerKey?: string; name?: string; partnerName?: string };

export function diffTerms(before: ContractTerms, after: ContractTerms): TermsChange[] {
  const name = (x: Item) => x.name ?? x.partnerName ?? "";
  return GROUPS.flatMap((group) => diffItems<Item>(group.label, before[group.key] as Item[], after[group.key] as Item[], (x) => group.id(x as never), name));
}

/** One sentence per change, as the version history shows them. */
export function describeChange(change: TermsChange, effectiveFrom?: string): string {
  const from = effectiveFrom ? ` from ${effectiveFrom}` : "";
  if (change.kind === "ADDED") return `Added ${change.subject}${from}`;
  if (change.kind === "REMOVED") return `Removed ${change.subject}${from}`;
  return `${change.subject}: ${change.field} ${change.before} → ${change.after}${from}`;
}
