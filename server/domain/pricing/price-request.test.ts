// `tally price` requests: one JSON line in, one answer out. Numbers are read as the exact text they were written as.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerPriceRequest, quoteNumbers } from "./price-request";

const line = (request: unknown) => JSON.stringify(request);
const CPM = { model: "perMille", ratePerThousand: "12.50" };

describe("quoteNumbers: every number literal outside strings becomes a string of its exact text", () => {
  it.each([
    ["a number too long for a float", '{"units":12345678901234567890.123456789}', '{"units":"12345678901234567890.123456789"}'],
    ["numbers inside strings are untouched", '{"note":"call 555-1234 at 9.30","n":1}', '{"note":"call 555-1234 at 9.30","n":"1"}'],
    ["escaped quotes do not end a string", '{"s":"say \\"42\\" twice","n":-7}', '{"s":"say \\"42\\" twice","n":"-7"}'],
    ["an escaped backslash before the closing quote does end it", '{"s":"C:\\\\","n":3}', '{"s":"C:\\\\","n":"3"}'],
    ["negative numbers and negative zero", "[-1.5,-0,-12]", '["-1.5","-0","-12"]'],
    ["exponents, kept as written", "[1e3,2.5E-7,-1e+21]", '["1e3","2.5E-7","-1e+21"]'],
    ["true, false and null stay literals", "[true,null,false,0]", '[true,null,false,"0"]'],
    ["whitespace and nesting are kept", '{ "a" : [ 1 , { "b" : 2.50 } ] }', '{ "a" : [ "1" , { "b" : "2.50" } ] }'],
  ])("%s", (_, json, quoted) => {
    expect(quoteNumbers(json)).toBe(quoted);
  });

  it("lets JSON.parse keep the exact text, trailing zeros and all", () => {
    expect(JSON.parse(quoteNumbers('{"units":12345678901234567890.123456789,"price":2.50}'))).toEqual({ units: "12345678901234567890.123456789", price: "2.50" });
  });
});

describe("answerPriceRequest prices a line", () => {
  it("by units", () => {
    expect(answerPriceRequest(line({ model: CPM, units: "1000000" }))).toEqual({
      amount: "12500",
      breakdown: [{ kind: "perMille", units: "1000000", ratePerThousand: "12.5", amount: "12500" }],
    });
  });

  it("by events: units are their sum", () => {
    expect(answerPriceRequest(line({ model: { model: "standard", unitPrice: "2" }, events: ["1.5", "2.5", "0"] }))).toEqual({
      amount: "8",
      breakdown: [{ kind: "units", units: "4", unitPrice: "2", amount: "8" }],
    });
  });

  it("by events: the event count is their number (the first two free, the third pays)", () => {
    const answer = answerPriceRequest(line({ model: { model: "percentage", rate: "1.3", fixedFee: "0.30", freeEvents: 2 }, events: ["100", "200", "300"] }));
    expect(answer).toMatchObject({ amount: "4.2", breakdown: [{ index: 1, amount: "0" }, { index: 2, amount: "0" }, { index: 3, amount: "4.2" }] });
  });

  it("no events are zero units", () => {
    expect(answerPriceRequest(line({ model: CPM, events: [] }))).toMatchObject({ amount: "0" });
  });

  it("gives the same answer for decimals as JSON numbers and as strings", () => {
    const asNumbers = '{"model":{"model":"percentage","rate":1.3,"fixedFee":0.30,"freeEvents":1,"freeUnits":50,"minPerEvent":0.5,"maxPerEvent":10},"events":[100,250.50,0.25]}';
    const asStrings = '{"model":{"model":"percentage","rate":"1.3","fixedFee":"0.30","freeEvents":"1","freeUnits":"50","minPerEvent":"0.5","maxPerEvent":"10"},"events":["100","250.50","0.25"]}';
    const answer = answerPriceRequest(asNumbers);
    // 50 of 100 free: 0.65 + 0.30 = 0.95; 3.2565 + 0.30 = 3.5565; 0.00325 + 0.30 raised to the 0.5 minimum
    expect(answer).toMatchObject({ amount: "5.0065" });
    expect(answerPriceRequest(asStrings)).toEqual(answer);
  });

  it("reads JSON numbers losslessly: 123456789012345.123456789012 units at 1 stay exact", () => {
    expect(answerPriceRequest('{"model":{"model":"standard","unitPrice":1},"units":123456789012345.123456789012}')).toMatchObject({ amount: "123456789012345.123456789012" });
    expect(answerPriceRequest('{"model":{"model":"standard","unitPrice":0.2},"units":0.1}')).toMatchObject({ amount: "0.02" });
  });
});

describe("answerPriceRequest answers a bad line with an error of its own", () => {
  it.each([
    ["INVALID_JSON", "not json"],
    ["INVALID_JSON", '{"model":'],
    ["INVALID_JSON", '{"units":01}'],
    ["INVALID_JSON", "{'units':'1'}"],
  ])("%s: %s", (code, text) => {
    expect(answerPriceRequest(text)).toEqual({ error: { code, message: "Not a JSON object" } });
  });

  it.each(["[]", '[{"model":{"model":"standard","unitPrice":"1"},"units":"1"}]', '"units"', "42", "null", "true"])("INVALID_REQUEST for a line that is not an object: %s", (text) => {
    expect(answerPriceRequest(text)).toEqual({ error: { code: "INVALID_REQUEST", message: "Expected an object with model and units or events" } });
  });

  it.each([
    ["a missing model", { units: "1" }, "model: Invalid input: expected object, received undefined"],
    ["a price in words", { model: { model: "standard", unitPrice: "twelve" }, units: "1" }, "model.unitPrice: Enter a number, e.g. 12.50"],
    ["a zero CPM rate", { model: { model: "perMille", ratePerThousand: 0 }, units: "1" }, "model.ratePerThousand: Must be greater than zero"],
    [
      "non-increasing tier bounds",
      { model: { model: "graduated", tiers: [{ upTo: "10", unitPrice: "1" }, { upTo: "5", unitPrice: "1" }, { upTo: null, unitPrice: "1" }] }, units: "1" },
      "model.tiers.1.upTo: Must be greater than the previous tier's 10",
    ],
    ["a package of size 0", { model: { model: "package", packageSize: "0", packagePrice: "25" }, units: "1" }, "model.packageSize: Must be greater than zero"],
    ["a model with a bad quantity too (the model is judged first)", { model: { model: "standard", unitPrice: "-1" }, units: "-1" }, "model.unitPrice: Must be zero or more"],
  ])("INVALID_MODEL naming the field: %s", (_, request, message) => {
    expect(answerPriceRequest(line(request))).toEqual({ error: { code: "INVALID_MODEL", message } });
  });

  it("INVALID_MODEL for an unknown model names the model field", () => {
    expect(answerPriceRequest(line({ model: { model: "auction" }, units: "1" }))).toMatchObject({ error: { code: "INVALID_MODEL", message: expect.stringMatching(/^model\.model: /) } });
  });

  it.each([
    ["negative units", { model: CPM, units: "-1" }, "units: Must be zero or more"],
    ["negative units as a JSON number", '{"model":{"model":"standard","unitPrice":"1"},"units":-0.5}', "units: Must be zero or more"],
    ["units in words", { model: CPM, units: "abc" }, "units: Enter a number, e.g. 12.50"],
    ["units with more than 12 decimals", { model: CPM, units: "0.0000000000001" }, "units: Enter a number, e.g. 12.50"],
    // Exponents are refused like everywhere else a decimal is typed: plain notation only.
    ["units with an exponent", '{"model":{"model":"standard","unitPrice":"1"},"units":1e3}', "units: Enter a number, e.g. 12.50"],
    ["a negative event", { model: CPM, events: ["1", -2] }, "events.1: Must be zero or more"],
    ["events that are not a list", { model: CPM, events: "1,2" }, "events: Invalid input: expected array, received string"],
    ["an extra key", { model: CPM, units: "1", currency: "USD" }, 'request: Unrecognized key: "currency"'],
    ["both units and events", { model: CPM, units: "1", events: ["1"] }, 'request: Unrecognized key: "units"'],
  ])("INVALID_QUANTITY for %s", (_, request, message) => {
    expect(answerPriceRequest(typeof request === "string" ? request : line(request))).toEqual({ error: { code: "INVALID_QUANTITY", message } });
  });

  it("INVALID_QUANTITY when there is neither units nor events", () => {
    expect(answerPriceRequest(line({ model: CPM }))).toMatchObject({ error: { code: "INVALID_QUANTITY", message: expect.stringMatching(/^units: /) } });
  });

  it("never throws, whatever the line", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const answer = answerPriceRequest(text);
        expect("amount" in answer || "error" in answer).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
