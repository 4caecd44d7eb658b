import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo";

/** Fill and submit the sign-in form without waiting for an outcome. */
export async function attemptSignIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Sign in and wait until the app has taken the user off the sign-in page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await attemptSignIn(page, email, password);
  await expect(page).not.toHaveURL(/\/signin/);
}

export const signInError = (page: Page) => page.locator("form").getByRole("alert");

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
}
