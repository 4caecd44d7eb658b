import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

test("ops imports a delivery file: a bad row refuses the whole file, the fixed file imports and shows in the chart", async ({ page, browser }) => {
  await signIn(page, "ops@demo.tally");
  // The demo's Acme contract, found by title: its number depends on the year the demo world was seeded.
  await page.goto("/contracts?q=Acme");
  const number = (await page.getByRole("row", { name: /Acme CTV/ }).getByText(/^C-\d{4}-\d{4}$/).first().textContent())!.trim();
  const day = yesterday();
  // Unique per run, so a rerun against the same database imports new content instead of replaying the old.
  const impressions = 600_000 + Math.floor(Math.random() * 99_999);
  const csv = (badImpressions: string) =>
    `date,contract,line,source,impressions\n${day},${number},news,first_party,${impressions}\n${day},${number},news,third_party,${badImpressions}\n`;

  await page.goto("/delivery");
  await page.getByLabel("Delivery CSV").setInputFiles({ name: "delivery.csv", mimeType: "text/csv", buffer: Buffer.from(csv("-5")) });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Nothing was imported" })).toContainText("1 problem in 2 rows");
  const report = page.getByRole("table").filter({ hasText: "Problem" });
  await expect(report.getByRole("row", { name: /3 impressions Impressions cannot be negative/ })).toBeVisible();

  await page.getByLabel("Delivery CSV").setInputFiles({ name: "delivery.csv", mimeType: "text/csv", buffer: Buffer.from(csv(String(impressions - 1000))) });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported 2 rows" })).toBeVisible();
  await page.getByRole("status").getByRole("link", { name: number }).click();

  await expect(page).toHaveURL(new RegExp(`/contracts/[0-9a-f-]+/delivery`));
  if (!page.url().includes(`month=${day.slice(0, 7)}`)) await page.goto(`${page.url().split("?")[0]}?month=${day.slice(0, 7)}`);
  const news = page.getByRole("region", { name: "News", exact: true });
  await expect(news.getByRole("figure")).toBeVisible();
  // Attached rather than visible: on the 2nd of a month the line has one point, a path of no size.
  await expect(news.locator(".recharts-line").first()).toBeAttached();
  await news.getByText(/Daily figures/).click();
  await expect(news.getByRole("row", { name: new RegExp(`${day} ${impressions.toLocaleString("en-US")} ${(impressions - 1000).toLocaleString("en-US")}`) })).toBeVisible();

  // The advertiser sees its own delivery, and another advertiser's contract is not found.
  const acme = await (await browser.newContext()).newPage();
  await signIn(acme, "ads@acme.demo");
  await acme.goto(page.url());
  await expect(acme.getByRole("region", { name: "News", exact: true })).toBeVisible();
  const globex = await (await browser.newContext()).newPage();
  await signIn(globex, "ads@globex.demo");
  const response = await globex.goto(page.url());
  expect(response?.status()).toBe(404);
});
