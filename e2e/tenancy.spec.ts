import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("an advertiser opening another advertiser's pages and API gets not-found", async ({ page, browser }) => {
  // Find Globex's id the way staff would: from the advertisers list.
  const staff = await browser.newPage();
  await signIn(staff, "ops@demo.tally");
  await staff.goto("/advertisers");
  const globexHref = await staff.getByRole("link", { name: "Globex Networks" }).getAttribute("href");
  const acmeHref = await staff.getByRole("link", { name: "Acme Streaming Co." }).getAttribute("href");
  await staff.close();
  expect(globexHref).toMatch(/^\/advertisers\/[0-9a-f-]{36}$/);

  await signIn(page, "ads@acme.demo");
  await expect(page).toHaveURL(/\/advertiser$/);

  await page.goto(acmeHref!);
  await expect(page.getByRole("heading", { level: 1, name: "Acme Streaming Co." })).toBeVisible();

  const response = await page.goto(globexHref!);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText("Globex")).toHaveCount(0);

  // The same answer from the API as for an id that never existed.
  const globexId = globexHref!.split("/").pop();
  const viaApi = await page.request.get(`/api/trpc/advertisers.byId?input=${encodeURIComponent(JSON.stringify({ json: { id: globexId } }))}`);
  const unknown = await page.request.get(`/api/trpc/advertisers.byId?input=${encodeURIComponent(JSON.stringify({ json: { id: "00000000-0000-4000-8000-000000000000" } }))}`);
  expect(viaApi.status()).toBe(404);
  expect(unknown.status()).toBe(404);
  expect((await viaApi.json()).error.json.message).toBe((await unknown.json()).error.json.message);

  // The staff-only list sends an advertiser to its own account instead.
  await page.goto("/advertisers");
  await expect(page).toHaveURL(acmeHref!);
});
