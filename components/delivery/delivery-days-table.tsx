// The exact daily counts under a delivery chart, with the difference between the two sources.
import { Table, TBody, TD, TH, THead, TR } from "../ui";

const whole = new Intl.NumberFormat("en-US");
const count = (n: number | null) => (n === null ? "—" : whole.format(n));

/** First vs third party, relative to first party (the ad server's count), to one decimal; display only. */
function difference(first: number | null, third: number | null): string {
  if (first === null || third === null || first === 0) return "—";
  const percent = ((third - first) / first) * 100;
  return `${percent > 0 ? "+" : ""}${percent.toFixed(1)} %`;
}

export function DeliveryDaysTable({ days }: { days: { day: string; firstParty: number | null; thirdParty: number | null; corrections: number }[] }) {
  return (
    <details>
      <summary className="cursor-pointer text-sm font-medium text-slate-700">Daily figures ({days.length} days)</summary>
      <Table className="mt-2">
        <THead>
          <TR>
            <TH>Day</TH>
            <TH numeric>First party</TH>
            <TH numeric>Third party</TH>
            <TH numeric>Third vs first</TH>
            <TH numeric>Corrections</TH>
          </TR>
        </THead>
        <TBody>
          {days.map((d) => (
            <TR key={d.day}>
              <TD>{d.day}</TD>
              <TD numeric>{count(d.firstParty)}</TD>
              <TD numeric>{count(d.thirdParty)}</TD>
              <TD numeric>{difference(d.firstParty, d.thirdParty)}</TD>
              <TD numeric>{d.corrections > 0 ? d.corrections : "—"}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </details>
  );
}
