import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("ops rejects a pending conversion as fraud; the advertiser sees it rejected with the reason", async ({ page, browser }) => {
  await signIn(page, "ops@demo.tally");
  await page.goto("/conversions?status=PENDING");
  const firstRow = page.getByRole("row").filter({ has: page.getByRole("checkbox", { name: /^Select gx-/ }) }).first();
  const externalId = (await firstRow.getByRole("checkbox").getAttribute("aria-label"))!.replace("Select ", "");
  await firstRow.getByRole("checkbox").check();
  await expect(page.getByText("1 selected")).toBeVisible();
  await page.getByLabel("Rejection reason").selectOption("FRAUD");
  await page.getByRole("button", { name: "Reject…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Reject", exact: true }).click();
  await expect(page.getByRole("checkbox", { name: `Select ${externalId}` })).toHaveCount(0);

  const globex = await (await browser.newContext()).newPage();
  await signIn(globex, "ads@globex.demo");
  await globex.goto("/conversions?status=REJECTED");
  const row = globex.getByRole("row").filter({ hasText: externalId });
  await expect(row).toContainText("Rejected");
  await expect(row).toContainText("Fraud");
  // Advertisers review nothing: no checkboxes, no actions.
  await expect(globex.getByRole("button", { name: "Approve" })).toHaveCount(0);
});
