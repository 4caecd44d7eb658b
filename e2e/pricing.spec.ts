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

test("finance starts from a rate card entry with the keyboard, edits it into a custom model and restores it", async ({ page }) => {
  await signIn(page, "finance@demo.tally");
  await page.goto("/pricing");
  const card = page.getByRole("combobox", { name: "Rate card" });
  const version = page.getByRole("combobox", { name: "Version" });
  const entry = page.getByRole("combobox", { name: "Entry" });
  await expect(card).toBeEnabled();
  await expect(entry).toBeDisabled();

  // Type-ahead on each select, Tab between them: the demo's CTV CPM card, the version in force, its News entry.
  await card.focus();
  await page.keyboard.type("CTV CPM");
  await expect(card.locator("option:checked")).toHaveText("CTV CPM");
  await expect(version.locator("option:checked")).toContainText("· in force today");
  await page.keyboard.press("Tab");
  await expect(version).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(entry).toBeFocused();
  await page.keyboard.type("News");
  const versionNumber = await version.inputValue();
  await expect(page.getByRole("status").filter({ hasText: `From CTV CPM v${versionNumber} · News.` })).toBeVisible();

  // News is 8.50 per thousand in every version of the demo card.
  await expect(page.getByLabel(/Rate per 1,000/)).toHaveValue("8.50");
  await page.getByLabel("Units", { exact: true }).fill("1000000");
  await expect(page.getByText("8,500.00 USD").first()).toBeVisible();

  // An edit makes it a custom model, priced as edited; restoring brings the entry's price back.
  await page.getByLabel(/Rate per 1,000/).fill("9");
  await expect(page.getByText("Custom model", { exact: true })).toBeVisible();
  await expect(page.getByText("9,000.00 USD").first()).toBeVisible();
  await page.getByRole("button", { name: "Restore the entry’s price" }).click();
  await expect(page.getByText("Custom model", { exact: true })).toHaveCount(0);
  await expect(page.getByLabel(/Rate per 1,000/)).toHaveValue("8.50");
  await expect(page.getByText("8,500.00 USD").first()).toBeVisible();
});
