import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const lastMonth = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
};

test("ops imports conversions and rejects one as fraud; finance approves a payout statement and records it paid; the advertiser sees why", async ({ page, browser }) => {
  // Ops imports two Globex conversions from a CSV file (external ids unique per run, so a rerun imports anew).
  await signIn(page, "ops@demo.tally");
  await page.goto("/contracts?q=Globex");
  const number = (await page.getByRole("row", { name: /Globex performance/ }).getByText(/^C-\d{4}-\d{4}$/).first().textContent())!.trim();
  const run = Date.now().toString(36);
  const [day, before] = [daysAgo(1), daysAgo(2)];
  const csv = [
    "external_id,occurred_at,type,contract,line,geography,new_customer,partner,exposures",
    `e2e-${run}-a,${day}T10:00:00Z,app_install,${number},app-installs,DE,true,streamhub,click@${before}T18:00:00Z`,
    `e2e-${run}-b,${day}T11:00:00Z,app_install,${number},app-installs,FR,true,affiliate-one,click@${day}T09:00:00Z`,
  ].join("\n");
  await page.goto("/conversions");
  await page.getByRole("link", { name: "Import CSV" }).click();
  await page.getByLabel("Conversions CSV").setInputFiles({ name: "conversions.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported 2 conversions" })).toContainText("2 eligible");

  // …finds one of them in the queue with the filters, and rejects it as fraud after confirming.
  await page.goto("/conversions");
  await page.getByLabel("Contract").fill(number);
  await page.getByLabel("Partner").fill("streamhub");
  await page.getByRole("button", { name: "Filter" }).click();
  const fraudulent = `e2e-${run}-a`;
  await page.getByRole("checkbox", { name: `Select ${fraudulent}` }).check();
  await page.getByLabel("Rejection reason").selectOption("FRAUD");
  await page.getByRole("button", { name: "Reject…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Reject", exact: true }).click();
  await expect(page.getByRole("row").filter({ hasText: fraudulent })).toContainText("Rejected");

  // Finance opens last month's statements, approves StreamHub's euro statement and records the payment.
  const finance = await (await browser.newContext()).newPage();
  await signIn(finance, "finance@demo.tally");
  await finance.goto(`/payouts?period=${lastMonth()}`);
  const row = finance.getByRole("row").filter({ hasText: "StreamHub Network" }).filter({ hasText: "EUR" });
  await expect(row).toContainText("Draft");
  await row.getByRole("link", { name: "StreamHub Network" }).click();
  await expect(finance.getByRole("heading", { name: /StreamHub Network/ })).toBeVisible();
  await expect(finance.getByRole("table")).toContainText("App installs");
  await finance.getByRole("button", { name: "Approve…" }).click();
  await finance.getByRole("dialog").getByRole("button", { name: "Approve", exact: true }).click();
  await expect(finance.getByText("Approved", { exact: true }).first()).toBeVisible();
  await finance.getByRole("button", { name: /Mark paid/ }).click();
  await finance.getByRole("dialog").getByLabel("Payment reference").fill(`WIRE-${run}`);
  await finance.getByRole("dialog").getByRole("button", { name: "Mark paid" }).click();
  await expect(finance.getByText(`WIRE-${run}`)).toBeVisible();
  await expect(finance.getByText("Paid", { exact: true }).first()).toBeVisible();

  // The advertiser sees the rejected conversion with its reason, and nothing of the partner's payout.
  const globex = await (await browser.newContext()).newPage();
  await signIn(globex, "ads@globex.demo");
  await globex.goto("/conversions?status=REJECTED");
  await expect(globex.getByRole("row").filter({ hasText: fraudulent })).toContainText("Fraud");
  await globex.goto("/payouts");
  await expect(globex).not.toHaveURL(/\/payouts$/);
});
