import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("finance starts a billing run for last month and watches the progress bar finish", async ({ page }) => {
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
  await run.getByRole("link", { name: "payout statements" }).click();
  await expect(page).toHaveURL(new RegExp(`/payouts\\?period=${lastMonth.toISOString().slice(0, 7)}`));
});
