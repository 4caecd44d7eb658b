// Display helpers for the simulator, on top of the contract pages' ones. Amounts stay decimal strings.
import { formatQuantity, formatRate } from "../contracts/format";

/** An unrounded amount, every decimal kept (padded to the currency's minor unit): "11,875.0125 USD". */
export const formatExactMoney = formatRate;

/** A tier's range in units: "0 – 1,000,000" (the upper bound inclusive), "over 5,000,000". */
export const formatTierRange = (from: string, upTo: string | null) => (upTo === null ? `over ${formatQuantity(from)}` : `${formatQuantity(from)} – ${formatQuantity(upTo)}`);
