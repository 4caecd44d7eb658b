// Every timestamp in the back office reads in UTC, the time zone invoices and the audit chain are kept in.
const formatter = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

export function formatUtc(date: Date): string {
  return formatter.format(date);
}

/** A machine-readable <time>; `fallback` stands in when there is no date (e.g. "Never"). */
export function UtcTime({ value, fallback = "—" }: { value: Date | null; fallback?: string }) {
  if (!value) return <span className="text-slate-500">{fallback}</span>;
  return (
    <time dateTime={value.toISOString()} className="whitespace-nowrap tabular-nums">
      {formatUtc(value)}
    </time>
  );
}
