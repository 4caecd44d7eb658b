import type { RouterOutputs } from "@/app/_trpc/react";
import { DetailList } from "./detail-list";

type Contract = RouterOutputs["contracts"]["byId"];

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

export function ContractSummary({ contract }: { contract: Contract }) {
  return (
    <DetailList
      items={[
        { label: "Advertiser", value: contract.advertiser.name },
        { label: "Term", value: <span className="tabular-nums">{contract.termStart} – {contract.termEnd}</span> },
        { label: "Currency", value: contract.currency },
        { label: "Payment terms", value: `Net ${plural(contract.paymentTermsDays, "day")}` },
        {
          label: "Renewal",
          value: contract.autoRenew
            ? `Renews automatically for ${plural(contract.renewalMonths, "month")}; notice ${plural(contract.noticeDays, "day")} before term end`
            : `Expires at term end (no auto-renewal; notice ${plural(contract.noticeDays, "day")})`,
        },
        contract.terminatedOn !== null && { label: "Terminated", value: <span className="tabular-nums">{contract.terminatedOn}</span> },
      ]}
    />
  );
}
