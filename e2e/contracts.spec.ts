import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./helpers";

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

const versionLinkIn = (page: Page, number: number) => page.getByRole("link", { name: new RegExp(`^v${number}\\b`) }).first();

test("a contract's life: ops writes and submits, finance approves (two approvers above the threshold), ops amends, the advertiser reads the diff", async ({ browser }) => {
  test.setTimeout(120_000);
  const title = `E2E upfront ${Date.now()}`;

  // OPS writes the contract: a 9,000/month platform fee over a year commits 108,000 (> 100,000: two approvers).
  const ops = await as(browser, "ops@demo.tally");
  await ops.goto("/contracts/new");
  await ops.getByLabel("Advertiser").selectOption({ label: "Acme Streaming Co." });
  await ops.getByLabel("Title").fill(title);
  const termStart = await ops.getByLabel("Term starts").inputValue();

  await ops.getByRole("button", { name: "Add fee" }).click();
  // A row is named after what it holds, so it is found again under its new name once named.
  await ops.getByRole("group", { name: "Fee 1" }).getByLabel("Name").fill("Platform fee");
  await ops.getByRole("group", { name: "Platform fee" }).getByLabel("Amount").fill("9000");

  await ops.getByRole("button", { name: "Add CPM line" }).click();
  await ops.getByRole("group", { name: "CPM line 1" }).getByLabel("Name").fill("Sports");
  const sports = ops.getByRole("group", { name: "Sports" });
  await sports.getByLabel("Inventory type").fill("Sports");
  await sports.getByLabel(/Rate per 1,000/).fill("12.50");

  await ops.getByRole("button", { name: "Create draft contract" }).click();
  await expect(ops).toHaveURL(/\/contracts\/[0-9a-f-]{36}$/);
  const contractUrl = new URL(ops.url()).pathname;
  await expect(ops.getByRole("heading", { level: 1 })).toContainText(title);

  await ops.getByRole("button", { name: "Submit for approval" }).click();
  await ops.getByRole("dialog").getByRole("button", { name: "Submit for approval" }).click();
  await expect(ops.getByText("Awaiting approval").first()).toBeVisible();

  // OPS cannot approve: no decision panel, and the API refuses.
  await versionLinkIn(ops, 1).click();
  await expect(ops.getByRole("button", { name: "Approve" })).toHaveCount(0);
  const versionId = new URL(ops.url()).pathname.split("/").pop();
  const refused = await ops.request.post("/api/trpc/contracts.decideVersion", { data: { json: { versionId, decision: "APPROVE" } } });
  expect(refused.status()).toBe(403);

  // FINANCE approves from the queue; the value needs a second, different approver.
  const finance = await as(browser, "finance@demo.tally");
  await finance.goto("/approvals");
  await finance.getByRole("link", { name: new RegExp(`${title}|v1`) }).first().waitFor();
  await finance.goto(new URL(ops.url()).pathname);
  await expect(finance.getByText("0 of 2 approvals")).toBeVisible();
  await finance.getByLabel("Comment").fill("Matches the signed order form");
  await finance.getByRole("button", { name: "Approve" }).click();
  await expect(finance.getByText("1 of 2 approvals")).toBeVisible();

  const finance2 = await as(browser, "finance2@demo.tally");
  await finance2.goto(new URL(ops.url()).pathname);
  await finance2.getByRole("button", { name: "Approve" }).click();
  // The decision is saved when its panel goes away: leaving before that could cancel the request.
  await expect(finance2.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await finance2.goto(contractUrl);
  await expect(finance2.getByText("Active").first()).toBeVisible();

  // OPS amends the Sports rate from a month after the term starts; finance approves (the rest of the term
  // commits 99,000: one approver is enough).
  await ops.goto(contractUrl);
  await ops.getByRole("button", { name: "Propose amendment" }).click();
  const effective = addMonth(termStart);
  await ops.getByRole("dialog").getByLabel("Effective from").fill(effective);
  await ops.getByRole("dialog").getByLabel("Reason").fill("Sports premium renegotiated");
  await ops.getByRole("dialog").getByRole("button", { name: "Create amendment draft" }).click();
  await expect(ops).toHaveURL(/\/versions\//);
  await ops.getByLabel(/Rate per 1,000/).fill("14.00");
  await ops.getByRole("button", { name: "Save and submit for approval" }).click();
  await expect(ops.getByText("Awaiting approval").first()).toBeVisible();
  const amendmentUrl = new URL(ops.url()).pathname;

  await finance.goto(amendmentUrl);
  await expect(finance.getByText("rate per thousand").first()).toBeVisible();
  await finance.getByRole("button", { name: "Approve" }).click();
  await expect(finance.getByText("Approved").first()).toBeVisible();

  // The advertiser sees both versions and the field-level diff, without the internal discussion.
  const acme = await as(browser, "ads@acme.demo");
  await acme.goto(contractUrl);
  await expect(versionLinkIn(acme, 1)).toBeVisible();
  await expect(versionLinkIn(acme, 2)).toBeVisible();
  await acme.goto(amendmentUrl);
  await expect(acme.getByRole("listitem").filter({ hasText: /rate per thousand.*12\.50.*14\.00/ }).last()).toBeVisible();
  await expect(acme.getByText(effective).first()).toBeVisible();
  await expect(acme.getByText("Matches the signed order form")).toHaveCount(0);

  // Globex's user cannot open Acme's contract or its version.
  const globex = await as(browser, "ads@globex.demo");
  expect((await globex.goto(contractUrl))?.status()).toBe(404);
  expect((await globex.goto(amendmentUrl))?.status()).toBe(404);
});

function addMonth(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}
