import { expect, test } from "@playwright/test";
import { attemptSignIn, signIn, signInError, signOut } from "./helpers";

test("admin creates a user who can sign in; disabling ends their session and blocks sign-in", async ({ page, browser }) => {
  const email = `e2e-ops-${Date.now()}@demo.tally`;
  const password = "correct-horse-battery";

  await signIn(page, "admin@demo.tally");
  await page.goto("/admin/users");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Create user" }) });
  await form.getByLabel("Name").fill("Eve Example");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption("OPS");
  await form.getByLabel("Initial password").fill(password);
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText(`${email} can now sign in.`)).toBeVisible();

  const userContext = await browser.newContext();
  const userPage = await userContext.newPage();
  await signIn(userPage, email, password);
  await expect(userPage).toHaveURL(/\/ops$/);

  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await page.getByRole("button", { name: "Disable Eve Example" }).click();
  await page.getByRole("dialog").getByLabel("Reason (optional)").fill("left the company");
  await page.getByRole("dialog").getByRole("button", { name: "Disable user" }).click();
  await expect(page.getByRole("button", { name: "Enable Eve Example" })).toBeVisible();

  // The live session ends at the next request...
  await userPage.reload();
  await expect(userPage).toHaveURL(/\/signin/);
  // ...and signing in again gets the same message as a wrong password.
  await attemptSignIn(userPage, email, password);
  await expect(signInError(userPage)).toHaveText("Wrong email or password.");
  await userContext.close();
});

test("admin creates a scoped API key, shown once, that works on /api/v1 until revoked", async ({ page, request }) => {
  const name = `E2E feed ${Date.now()}`;
  await signIn(page, "admin@demo.tally");
  await page.goto("/admin/api-keys");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Create key" }) });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("advertisers:read").check();
  await form.getByRole("button", { name: "Create key" }).click();

  const keyField = page.getByLabel(`API key “${name}”`);
  await expect(keyField).toBeVisible();
  const key = await keyField.inputValue();
  expect(key).toMatch(/^tly_[0-9a-f]{12}_/);

  const ok = await request.get("/api/v1/advertisers", { headers: { authorization: `Bearer ${key}` } });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).total).toBeGreaterThanOrEqual(4);
  const wrongScope = await request.get("/api/v1/whoami", { headers: { authorization: `Bearer ${key}` } });
  expect((await wrongScope.json()).scopes).toEqual(["advertisers:read"]);

  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByLabel(`API key “${name}”`)).toHaveCount(0);

  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);

  const revoked = await request.get("/api/v1/advertisers", { headers: { authorization: `Bearer ${key}` } });
  expect(revoked.status()).toBe(401);
});

test("admin verifies the audit chain; finance reads the audit log but cannot verify", async ({ page }) => {
  await signIn(page, "admin@demo.tally");
  await page.goto("/audit");
  await page.getByRole("button", { name: "Verify audit chain" }).click();
  await expect(page.getByText("Chain intact")).toBeVisible();

  await signOut(page);
  await signIn(page, "finance@demo.tally");
  await expect(page).toHaveURL(/\/finance$/);
  await page.goto("/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Verify audit chain" })).toHaveCount(0);
});
