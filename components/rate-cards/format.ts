// Rate cards carry no currency of their own: an entry's price is read in the currency of the contract that uses
// it. The shared pricing components take a currency code; an empty one shows bare amounts.
import { versionLabel } from "../contracts/format";

export const RATE_CARD_CURRENCY = "";

/** What a rate card prices. */
export const RATE_CARD_UNIT = "impressions";

/** "v2 from 2026-08-01" */
export const versionFrom = (v: { number: number; effectiveFrom: string }) => `${versionLabel(v.number)} from ${v.effectiveFrom}`;
