// `tally price` speaks JSON lines: one request in, one answer out, for support, finance and scripts.
// Numbers are read losslessly: a JSON number literal is kept as the exact decimal text it was written as,
// never passed through a binary float.
import { z } from "zod";
import { ZDecimal } from "../money";
import { price, PricingError, type PriceResult } from "./engine";
import { ZPricingModel } from "./pricing-model";

const ZQuantityDecimal = ZDecimal.refine((v) => !v.startsWith("-"), { message: "Must be zero or more" });

const ZUnitsRequest = z.object({ model: ZPricingModel, units: ZQuantityDecimal }).strict();
const ZEventsRequest = z.object({ model: ZPricingModel, events: z.array(ZQuantityDecimal).max(1_000_000) }).strict();

export const ZPriceRequest = z.union([ZUnitsRequest, ZEventsRequest]);

export type PriceAnswer = PriceResult | { error: { code: string; message: string } };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Quote every number literal outside strings, so JSON.parse keeps its exact text. */
export function quoteNumbers(json: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inString) {
      out += c;
      if (c === "\\") out += json[++i] ?? "";
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      continue;
    }
    if (c === "-" || (c >= "0" && c <= "9")) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(json);
      if (match) {
        out += JSON.stringify(match[0]);
        i += match[0].length - 1;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** Issues as `field.path: message`, paths relative to the request line. */
const describe = (error: z.ZodError, under: PropertyKey[] = []) =>
  error.issues.map((i) => `${[...under, ...i.path].join(".") || "request"}: ${i.message}`).join("; ");

/** Price one request line. Never throws: a bad line answers with an error of its own. */
export function answerPriceRequest(line: string): PriceAnswer {
  let raw: unknown;
  try {
    raw = JSON.parse(quoteNumbers(line));
  } catch {
    return { error: { code: "INVALID_JSON", message: "Not a JSON object" } };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { error: { code: "INVALID_REQUEST", message: "Expected an object with model and units or events" } };
  // Every number arrived quoted (to keep decimals exact); the one count in a model goes back to being a number.
  const quoted = (raw as { model?: { freeEvents?: unknown } }).model;
  if (quoted && typeof quoted === "object" && typeof quoted.freeEvents === "string" && /^-?\d+(\.\d+)?$/.test(quoted.freeEvents)) quoted.freeEvents = Number(quoted.freeEvents);
  const model = ZPricingModel.safeParse((raw as { model?: unknown }).model);
  if (!model.success) return { error: { code: "INVALID_MODEL", message: describe(model.error, ["model"]) } };
  // Judge the line against the shape it chose: a union of both would only say "Invalid input", naming no field.
  const request = ("events" in raw ? ZEventsRequest : ZUnitsRequest).safeParse(raw);
  if (!request.success) return { error: { code: "INVALID_QUANTITY", message: describe(request.error) } };
  try {
    return price(request.data.model, "units" in request.data ? { units: request.data.units } : { events: request.data.events });
  } catch (err) {
    if (err instanceof PricingError) return { error: { code: err.code, message: err.message } };
    throw err;
  }
}
