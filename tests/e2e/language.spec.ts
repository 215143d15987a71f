import { expect, test } from '@playwright/test';
import { layerNode } from './canvas-helpers';

test('switch the interface to Simplified Chinese and back; the choice survives a reload', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await expect(layerNode(page, 'Conv2D conv1')).toBeVisible();
  // The browser runs en-US (playwright.config.ts), so the app starts in English.
  await expect(page.getByRole('button', { name: 'Fit to view' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: '简体中文' });
  await expect(page.getByRole('button', { name: '适应视图' })).toBeVisible();
  await expect(page.getByRole('button', { name: '训练', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.screenshot({ path: 'test-results/language-zh-CN.png' });

  await page.reload();
  await expect(page.getByRole('button', { name: '适应视图' })).toBeVisible();
  await page.getByRole('combobox', { name: '语言（Language）' }).selectOption({ label: 'English' });
  await expect(page.getByRole('button', { name: 'Fit to view' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
  expect(errors).toEqual([]);
});

test.describe('on a Chinese system', () => {
  test.use({ locale: 'zh-CN' });

  test('starts in Simplified Chinese', async ({ page }) => {
    await page.goto('./');
    await expect(page.getByRole('button', { name: '适应视图' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  });
});
