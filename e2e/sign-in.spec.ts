import { expect, test } from "@playwright/test";
import { attemptSignIn, signIn, signInError, signOut } from "./helpers";

const DASHBOARDS = [
  { email: "ops@demo.tally", path: "/ops", heading: "Operations" },
  { email: "finance@demo.tally", path: "/finance", heading: "Finance" },
  { email: "finance2@demo.tally", path: "/finance", heading: "Finance" },
  { email: "admin@demo.tally", path: "/admin", heading: "Administration" },
  { email: "ads@acme.demo", path: "/advertiser", heading: "Acme Streaming Co." },
  { email: "ads@globex.demo", path: "/advertiser", heading: "Globex Networks" },
];

for (const { email, path, heading } of DASHBOARDS) {
  test(`${email} signs in, lands on ${path} and signs out`, async ({ page }) => {
    await signIn(page, email);
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await signOut(page);
    await page.goto(path);
    await expect(page).toHaveURL(/\/signin/);
  });
}

test("wrong credentials get one generic message, whether or not the account exists", async ({ page }) => {
  await attemptSignIn(page, "ops@demo.tally", "wrong-password");
  await expect(signInError(page)).toHaveText("Wrong email or password.");
  await attemptSignIn(page, "nobody@demo.tally", "wrong-password");
  await expect(signInError(page)).toHaveText("Wrong email or password.");
});

test("a signed-out visitor is sent to sign-in from any page", async ({ page }) => {
  for (const path of ["/admin", "/advertisers", "/finance"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/signin/);
  }
});

test("a role opening another role's dashboard is sent back to its own", async ({ page }) => {
  await signIn(page, "ops@demo.tally");
  await expect(page).toHaveURL(/\/ops$/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/ops$/);
});
