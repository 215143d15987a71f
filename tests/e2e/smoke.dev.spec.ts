import { expect, test } from '@playwright/test';

// Runs against the Vite dev server ("dev-smoke" project): the app boots in development
// as well as from the production build the "app" project tests.
test('the app opens in the dev server', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('./', { timeout: 90_000 });
  await expect(page).toHaveTitle(/Layerloom$/);
  await expect(page.getByRole('main')).toBeVisible({ timeout: 60_000 });
  expect(errors).toEqual([]);
});
