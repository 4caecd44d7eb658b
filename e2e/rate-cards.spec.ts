import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// A save is a mutation's first round trip on its page, slow on a development server that compiles on demand.
const SAVED = { timeout: 15_000 };

const rateField = (page: Page, entry: string) => page.getByRole("group", { name: entry }).getByLabel(/Rate per 1,000/);

test("ops creates a rate card, is refused an invalid entry, publishes a dated v2, reads what changed, and prices an entry in the simulator", async ({ page }) => {
  test.setTimeout(120_000);
  const name = `E2E CPM ${Date.now()}`;
  await signIn(page, "ops@demo.tally");

  // Version 1: two entries. A negative price is refused field by field, and nothing is saved.
  await page.goto("/rate-cards/new");
  await page.getByRole("textbox", { name: "Name", exact: true }).first().fill(name);
  const today = await page.getByLabel("Effective from").inputValue();
  await page.getByRole("group", { name: "Entry 1" }).getByLabel("Name").fill("Sports");
  await rateField(page, "Sports").fill("12.00");
  await page.getByRole("button", { name: "Add entry" }).click();
  await page.getByRole("group", { name: "Entry 2" }).getByLabel("Name").fill("News");
  await rateField(page, "News").fill("-8.50");
  await page.getByRole("button", { name: "Create rate card" }).click();
  await expect(page.getByText("Some fields need attention")).toBeVisible(SAVED);
  await expect(rateField(page, "News")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("group", { name: "News" }).getByText("Must be greater than zero")).toBeVisible();
  await expect(page).toHaveURL(/\/rate-cards\/new$/);

  // Fixed, it saves (under the same name: the refused attempt stored nothing).
  await rateField(page, "News").fill("8.50");
  await page.getByRole("button", { name: "Create rate card" }).click();
  await expect(page).toHaveURL(/\/rate-cards\/[0-9a-f-]{36}$/, SAVED);
  const cardUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByText(`In force today: v1 from ${today}.`)).toBeVisible();

  // Version 2: Sports goes up from ten days from now.
  const effective = addDays(today, 10);
  await page.getByRole("link", { name: "Publish new version" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Publish v2 of ${name}`);
  await page.getByLabel("Effective from").fill(effective);
  await page.getByLabel("Note").fill("Sports premium");
  await rateField(page, "Sports").fill("13.25");
  await page.getByRole("button", { name: "Publish v2" }).click();
  await expect(page).toHaveURL(new RegExp(`${cardUrl}$`), SAVED);

  // The history says what changed, and v1 stays in force until v2's date.
  const v2 = page.getByRole("region", { name: `v2 from ${effective}` });
  await expect(v2.getByText("Scheduled")).toBeVisible();
  await expect(v2.getByText("Sports premium")).toBeVisible();
  await expect(v2.getByRole("listitem")).toHaveText([`Entry Sports: rate per thousand 12.00 → 13.25 from ${effective}`]);
  await expect(page.getByRole("region", { name: `v1 from ${today}` }).getByText("In force today")).toBeVisible();

  // The compare view starts on v1 → v2, and says so when both sides are the same version.
  const compare = page.getByRole("group", { name: "Versions to compare" });
  await expect(compare.getByLabel("From")).toHaveValue("1");
  await expect(compare.getByLabel("To")).toHaveValue("2");
  await expect(page.getByRole("heading", { name: "v1 → v2" })).toBeVisible();
  await expect(page.getByText("Entry Sports").first()).toBeVisible();
  await expect(page.getByText("Entry News")).toHaveCount(0);
  await compare.getByLabel("From").selectOption("2");
  await expect(page.getByText("The same version: pick two different ones.")).toBeVisible();

  // Publishing with a negative price is refused too, and v3 does not appear.
  await page.getByRole("link", { name: "Publish new version" }).click();
  await rateField(page, "News").fill("-1");
  await page.getByRole("button", { name: "Publish v3" }).click();
  await expect(rateField(page, "News")).toHaveAttribute("aria-invalid", "true", SAVED);
  await page.goto(cardUrl);
  await expect(page.getByRole("region", { name: /^v\d+ from/ })).toHaveCount(2);

  // In the simulator the card offers v1 (in force today) first; its Sports entry prices a million impressions at 12.00.
  await page.goto("/pricing");
  await page.getByLabel("Rate card").selectOption({ label: name });
  const version = page.getByLabel("Version");
  await expect(version).toHaveValue("1");
  await expect(version.locator("option:checked")).toHaveText(`v1 from ${today} · in force today`);
  await page.getByLabel("Entry").selectOption({ label: "Sports" });
  await expect(page.getByText(`From ${name} v1 · Sports.`)).toBeVisible();
  await expect(page.getByLabel(/Rate per 1,000/)).toHaveValue("12.00");
  await page.getByLabel("Units", { exact: true }).fill("1000000");
  await expect(lineAmount(page)).toHaveText("12,000.00 USD");

  // The scheduled version keeps the entry and prices it at 13.25.
  await version.selectOption("2");
  await expect(page.getByText(`From ${name} v2 · Sports.`)).toBeVisible();
  await expect(lineAmount(page)).toHaveText("13,250.00 USD");
  await page.screenshot({ path: "/tmp/h2-sim.png", fullPage: true });
});

const lineAmount = (page: Page) => page.getByText("Line amount", { exact: true }).locator("xpath=following-sibling::*[1]");

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
