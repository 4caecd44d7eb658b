// `tally price`: JSON lines in on stdin, exactly one JSON line out per request line, in order, nothing else on stdout.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "./main";

/** Runs `tally price` with `input` as stdin (chunks as given) and captures what it prints. */
async function tallyPrice(...chunks: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(["price"], { log: (l) => stdout.push(l), error: (l) => stderr.push(l) }, Readable.from(chunks));
  return { code, stdout, stderr, answers: stdout.map((l) => JSON.parse(l) as unknown) };
}

const request = (units: string) => JSON.stringify({ model: { model: "perMille", ratePerThousand: "12.50" }, units });
const answer = (amount: string, units: string) => ({ amount, breakdown: [{ kind: "perMille", units, ratePerThousand: "12.5", amount }] });

describe("tally price", () => {
  it("answers each line with one JSON line, in order, and exits 0", async () => {
    const run = await tallyPrice(`${request("1000")}\n${request("1")}\n`, `${request("1000000")}\n`);
    expect(run.code).toBe(0);
    expect(run.answers).toEqual([answer("12.5", "1000"), answer("0.0125", "1"), answer("12500", "1000000")]);
    expect(run.stdout.every((l) => !l.includes("\n"))).toBe(true);
    expect(run.stderr).toEqual([]);
  });

  it("answers a bad line with its own error and carries on with the next", async () => {
    const run = await tallyPrice(`${request("1000")}\nnot json\n[1]\n{"model":{"model":"perMille"},"units":"1"}\n${request("-1")}\n${request("2000")}\n`);
    expect(run.code).toBe(0);
    expect(run.answers).toEqual([
      answer("12.5", "1000"),
      { error: { code: "INVALID_JSON", message: "Not a JSON object" } },
      { error: { code: "INVALID_REQUEST", message: "Expected an object with model and units or events" } },
      { error: { code: "INVALID_MODEL", message: "model.ratePerThousand: Invalid input" } },
      { error: { code: "INVALID_QUANTITY", message: "units: Must be zero or more" } },
      answer("25", "2000"),
    ]);
    expect(run.stderr).toEqual([]);
  });

  it("skips blank lines without answering them", async () => {
    const run = await tallyPrice(`\n${request("1000")}\n   \n\t\n${request("2000")}\n\n`);
    expect(run.answers).toEqual([answer("12.5", "1000"), answer("25", "2000")]);
  });

  it("reads lines split across chunks, CRLF endings and a last line without a newline", async () => {
    const line = request("1000");
    const run = await tallyPrice(line.slice(0, 10), `${line.slice(10)}\r\n${request("2000")}`);
    expect(run.answers).toEqual([answer("12.5", "1000"), answer("25", "2000")]);
  });

  it("answers nothing and exits 0 for empty input", async () => {
    expect(await tallyPrice()).toMatchObject({ code: 0, stdout: [], stderr: [] });
  });

  it("as a real process, writes only the answers to stdout (no banner, no logs)", () => {
    const lines = [request("1000"), "oops", "", request("3")];
    const run = spawnSync(process.execPath, ["bin/tally.js", "price"], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      input: `${lines.join("\n")}\n`,
      encoding: "utf8",
      // Loggers at their most talkative: anything they print would have to land on stdout to fail this test.
      env: { ...process.env, LOG_LEVEL: "debug" },
      timeout: 15_000,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      [JSON.stringify(answer("12.5", "1000")), JSON.stringify({ error: { code: "INVALID_JSON", message: "Not a JSON object" } }), JSON.stringify(answer("0.0375", "3"))].join("\n") + "\n",
    );
  });
});
