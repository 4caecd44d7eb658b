import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("ops prices a million impressions at a 12.50 CPM in the simulator; advertisers cannot open it", async ({ page, browser }) => {
  await signIn(page, "ops@demo.tally");
  await page.goto("/pricing");
  await page.getByLabel("Pricing model").selectOption("perMille");
  await page.getByLabel(/Rate per 1,000/).fill("12.50");
  await page.getByLabel("Units", { exact: true }).fill("1000000");
  await expect(page.getByText("12,500.00").first()).toBeVisible();

  const advertiser = await (await browser.newContext()).newPage();
  await signIn(advertiser, "ads@acme.demo");
  await advertiser.goto("/pricing");
  await expect(advertiser).toHaveURL(/\/advertiser$/);
});
