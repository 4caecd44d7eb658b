import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("finance runs billing for last month, reviews a flagged draft, explains a CPM line and issues it; the advertiser sees it, downloads its PDF and sees its balance after a part payment and a credit note; paid in full and credited again, the difference is refunded", async ({ page, browser }) => {
  await signIn(page, "finance@demo.tally");
  await page.getByRole("navigation").getByRole("link", { name: "Billing runs" }).click();
  await expect(page.getByRole("heading", { name: "Billing runs" })).toBeVisible();
  const now = new Date();
  const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const label = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(lastMonth);
  await expect(page.getByLabel("Month")).toHaveValue(lastMonth.toISOString().slice(0, 7));
  await page.getByRole("button", { name: "Start billing run" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Start run" }).click();

  const run = page.getByRole("region", { name: `Billing run for ${label}` }).first();
  const bar = run.getByRole("progressbar");
  await expect(bar).toBeVisible();
  await expect(run.getByText("Done", { exact: true })).toBeVisible({ timeout: 60_000 });
  const total = Number(await bar.getAttribute("aria-valuemax"));
  expect(total).toBeGreaterThan(0);
  await expect(bar).toHaveAttribute("aria-valuenow", String(total));
  await expect(run).toContainText(`${total} of ${total}`);

  // Review: the flagged drafts, then Acme's, with a CPM line explained.
  await page.getByRole("navigation").getByRole("link", { name: "Invoices" }).click();
  await page.getByRole("link", { name: "Drafts to review" }).click();
  const acmeRow = page.getByRole("row").filter({ hasText: "Acme CTV" }).filter({ hasText: label });
  await expect(acmeRow).toContainText("flag");
  await acmeRow.getByRole("link", { name: "Draft" }).click();
  await expect(page.getByRole("heading", { name: /Draft invoice/ })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "For finance review" })).toBeVisible();
  const sports = page.getByRole("row").filter({ hasText: /Sports — [\d,]+ impressions/ }).first();
  await sports.getByText("Explain").click();
  await expect(sports.getByRole("listitem").filter({ hasText: /rounded once/ })).toBeVisible();
  await expect(sports.getByRole("listitem").filter({ hasText: /Impressions: first party/ })).toBeVisible();

  // A manual line with its reason joins the lines, the total and the review flags.
  await page.getByRole("button", { name: "Add line…" }).click();
  const lineDialog = page.getByRole("dialog");
  await lineDialog.getByLabel("Description").fill("Goodwill discount");
  await lineDialog.getByLabel(/Amount/).fill("-100");
  await lineDialog.getByLabel("Reason").fill("Outage during the launch week");
  await lineDialog.getByRole("button", { name: "Add line" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Goodwill discount" })).toContainText("100.00");
  await expect(page.getByRole("status").filter({ hasText: "For finance review" })).toContainText("Manual line “Goodwill discount”");

  await page.getByRole("button", { name: "Issue…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Issue invoice" }).click();
  const heading = page.getByRole("heading", { name: /^INV-\d{4}-\d{6}$/ });
  await expect(heading).toBeVisible();
  const number = (await heading.textContent())!;
  await expect(page.getByRole("button", { name: "Issue…" })).toHaveCount(0);

  // Finance records a part payment: the invoice is partially paid.
  await page.getByRole("button", { name: "Record payment…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/Amount/).fill("1000.00");
  await dialog.getByLabel("Reference").fill("WIRE-E2E-1");
  await dialog.getByRole("button", { name: "Record payment" }).click();
  await expect(page.getByText("Partially paid").first()).toBeVisible();

  // …and a partial credit note for a delivery discrepancy.
  await page.getByRole("button", { name: "Credit…" }).click();
  const creditDialog = page.getByRole("dialog");
  await creditDialog.getByLabel(/Amount/).fill("500");
  await creditDialog.getByLabel("Reason").selectOption("DISCREPANCY");
  await creditDialog.getByLabel("What it corrects").fill("Verifier counts came in lower on News");
  await creditDialog.getByRole("button", { name: "Issue credit note" }).click();
  const creditNote = page.getByRole("cell", { name: /^CN-\d{4}-\d{6}$/ });
  await expect(creditNote).toBeVisible();
  const creditNumber = (await creditNote.textContent())!;

  // The advertiser sees its issued invoice, never a draft.
  const acme = await (await browser.newContext()).newPage();
  await signIn(acme, "ads@acme.demo");
  await acme.goto("/invoices");
  const row = acme.getByRole("row").filter({ has: acme.getByRole("link", { name: number }) });
  await expect(row).toContainText("Partially paid");
  await row.getByRole("link", { name: number }).click();
  const invoiceTotal = Number((await acme.getByText(/^[\d,]+\.\d{2} USD$/).first().textContent())!.replace(/[^\d.]/g, ""));
  await expect(acme.getByText(`${(invoiceTotal - 1500).toLocaleString("en-US", { minimumFractionDigits: 2 })} USD`).first()).toBeVisible();
  await expect(acme.getByRole("cell", { name: creditNumber })).toBeVisible();

  // The advertiser downloads the invoice as a PDF document.
  const [download] = await Promise.all([acme.waitForEvent("download"), acme.getByRole("link", { name: "Download PDF" }).click()]);
  expect(download.suggestedFilename()).toBe(`${number}.pdf`);
  const pdf = fs.readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  expect(pdf.length).toBeGreaterThan(2_000);
  await expect(acme.getByRole("button", { name: "Credit…" })).toHaveCount(0);
  await expect(acme.getByRole("link", { name: "Draft" })).toHaveCount(0);

  // Finance is paid the rest (the amount offered is the balance due), then credits 200 more: the advertiser has paid
  // 200 beyond what the invoice now asks, and finance sends it back.
  await page.getByRole("button", { name: "Record payment…" }).click();
  await page.getByRole("dialog").getByLabel("Reference").fill("WIRE-E2E-2");
  await page.getByRole("dialog").getByRole("button", { name: "Record payment" }).click();
  await expect(page.getByRole("button", { name: "Record payment…" })).toHaveCount(0);
  await page.getByRole("button", { name: "Credit…" }).click();
  await page.getByRole("dialog").getByLabel(/Amount/).fill("200");
  await page.getByRole("dialog").getByLabel("Reason").selectOption("GOODWILL");
  await page.getByRole("dialog").getByLabel("What it corrects").fill("Goodwill for the late report");
  await page.getByRole("dialog").getByRole("button", { name: "Issue credit note" }).click();
  await expect(page.getByText("200.00 USD owed back to the advertiser")).toBeVisible();
  await page.getByRole("button", { name: "Record refund…" }).click();
  await expect(page.getByRole("dialog").getByLabel(/Amount/)).toHaveValue("200");
  await page.getByRole("dialog").getByLabel("Reference").fill("REFUND-E2E-1");
  await page.getByRole("dialog").getByRole("button", { name: "Record refund" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Refund sent" })).toContainText("REFUND-E2E-1");
  await expect(page.getByRole("button", { name: "Record refund…" })).toHaveCount(0);
  await acme.reload();
  await expect(acme.getByRole("row").filter({ hasText: "Refund sent" })).toContainText("200.00");
});
