import { z } from "zod";
import { price, PricingError } from "../../domain/pricing/engine";
import { ZPriceRequest } from "../../domain/pricing/price-request";
import { AppError } from "../../errors";
import { createTRPCRouter, permittedProcedure } from "../trpc";

const ZBreakdownItem = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("units"), units: z.string(), unitPrice: z.string(), amount: z.string() }),
  z.object({ kind: z.literal("perMille"), units: z.string(), ratePerThousand: z.string(), amount: z.string() }),
  z.object({ kind: z.literal("tier"), tier: z.number().int(), from: z.string(), upTo: z.string().nullable(), units: z.string(), unitPrice: z.string().optional(), rate: z.string().optional(), flatFee: z.string(), amount: z.string() }),
  z.object({ kind: z.literal("package"), units: z.string(), freeUnits: z.string(), billableUnits: z.string(), packages: z.string(), packageSize: z.string(), packagePrice: z.string(), amount: z.string() }),
  z.object({ kind: z.literal("event"), index: z.number().int(), value: z.string(), freeUnits: z.string(), chargedUnits: z.string(), fixedFee: z.string(), clampedTo: z.enum(["min", "max"]).nullable(), amount: z.string() }),
]);

export const pricingRouter = createTRPCRouter({
  /** The pricing simulator: the same engine billing uses, nothing saved. */
  simulate: permittedProcedure("pricing:simulate")
    .input(ZPriceRequest)
    .output(z.object({ amount: z.string(), breakdown: z.array(ZBreakdownItem) }))
    .query(({ input }) => {
      try {
        return price(input.model, "units" in input ? { units: input.units } : { events: input.events });
      } catch (err) {
        if (err instanceof PricingError) throw new AppError("VALIDATION_FAILED", err.message, { fieldErrors: { units: [err.message] } });
        throw err;
      }
    }),
});
