import { expect, test, type Page } from '@playwright/test';
import { centreOf, layerNode, paletteItem } from './canvas-helpers';

/** Drags a selection box with the mouse over empty canvas, from one screen point to another. */
async function boxSelect(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
}

/** Clicks empty canvas left of the template's column, so keys go to the canvas. */
async function clickEmptyCanvas(page: Page): Promise<void> {
  const main = (await page.getByRole('main').boundingBox())!;
  await page.mouse.click(main.x + 30, main.y + main.height / 2);
}

const nodes = (page: Page) => page.getByRole('main').locator('.react-flow__node');

test('palette search filters the grouped layer list', async ({ page }) => {
  await page.goto('./');
  const palette = page.getByRole('complementary', { name: 'Layers' });
  await expect(palette.getByRole('heading', { name: 'Convolution' })).toBeVisible();
  const search = palette.getByRole('searchbox', { name: 'Search layers' });
  await search.click();
  await page.keyboard.type('pool');
  await expect(paletteItem(page, 'MaxPool2D')).toBeVisible();
  await expect(paletteItem(page, 'Dense')).toHaveCount(0);
  await expect(palette.getByRole('heading', { name: 'Pooling' })).toBeVisible();
  await expect(palette.getByRole('heading', { name: 'Convolution' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/designer-1-search.png' });
  await page.keyboard.press('Control+a');
  await page.keyboard.type('fully connected');
  await expect(palette.getByRole('button')).toHaveCount(2); // the Dense item and its help button
  await expect(palette.getByRole('button', { name: 'Help: Dense' })).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // adds the one match in the middle of the canvas
  await expect(layerNode(page, 'Dense dense4')).toBeVisible();
});

test('box select, delete and undo; select all', async ({ page }) => {
  await page.goto('./');
  const conv = layerNode(page, 'Conv2D conv1');
  const bn = layerNode(page, 'BatchNorm bn1');
  await expect(conv).toBeVisible();
  const total = await nodes(page).count();
  const a = (await conv.boundingBox())!;
  const b = (await bn.boundingBox())!;
  await boxSelect(page, { x: a.x - 30, y: a.y - 8 }, { x: b.x + b.width + 30, y: b.y + b.height + 4 });
  await expect(page.getByRole('main').locator('.react-flow__node.selected')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/designer-2-box.png' });
  await page.keyboard.press('Delete');
  await expect(conv).toHaveCount(0);
  await expect(bn).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(conv).toBeVisible();
  await expect(bn).toBeVisible();

  await clickEmptyCanvas(page);
  await page.keyboard.press('Control+a');
  await expect(page.getByRole('main').locator('.react-flow__node.selected')).toHaveCount(total);
  await expect(page.getByRole('region', { name: /Inspector/ })).toContainText(/items selected/);
});

test('copy, paste, undo the paste, duplicate, shift-click', async ({ page }) => {
  await page.goto('./');
  const conv = layerNode(page, 'Conv2D conv1');
  await conv.click();
  await layerNode(page, 'BatchNorm bn1').click({ modifiers: ['Shift'] });
  await expect(page.getByRole('main').locator('.react-flow__node.selected')).toHaveCount(2);
  await page.keyboard.press('Control+c');
  await expect(page.getByRole('status')).toContainText('Copied 2 layers.');
  await page.keyboard.press('Control+v');
  const pastedConv = layerNode(page, 'Conv2D conv1 copy');
  await expect(pastedConv).toBeVisible();
  await expect(layerNode(page, 'BatchNorm bn1 copy')).toBeVisible();
  // The wire between them came along, and the pasted conv is offset from the original.
  await expect(page.getByRole('main').getByLabel('Wire from conv1 copy to bn1 copy')).toHaveCount(1);
  const from = await centreOf(conv);
  const to = await centreOf(pastedConv);
  expect(to.x).toBeGreaterThan(from.x);
  expect(to.y).toBeGreaterThan(from.y);
  await page.screenshot({ path: 'test-results/designer-3-pasted.png' });
  await page.keyboard.press('Control+z');
  await expect(pastedConv).toHaveCount(0);
  await expect(layerNode(page, 'BatchNorm bn1 copy')).toHaveCount(0);

  await layerNode(page, 'Flatten flatten').click();
  await page.keyboard.press('Control+d');
  await expect(layerNode(page, 'Flatten flatten copy')).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Duplicated 1 layer.');

  // Paste into a new project.
  await page
    .getByRole('toolbar', { name: 'Project' })
    .getByRole('button', { name: 'New', exact: true })
    .click();
  // A new network holds just an Input and an Output.
  await expect(nodes(page)).toHaveCount(2);
  await expect(layerNode(page, 'Input input')).toBeVisible();
  await expect(layerNode(page, 'Output output')).toBeVisible();
  await clickEmptyCanvas(page);
  await page.keyboard.press('Control+v');
  await expect(layerNode(page, 'Conv2D conv1')).toBeVisible();
  await expect(layerNode(page, 'BatchNorm bn1')).toBeVisible();
});

test('arrange lays out in one undo step; snap, summary and theme toggles', async ({ page }) => {
  await page.goto('./');
  const view = page.getByRole('toolbar', { name: 'View' });
  const flatten = layerNode(page, 'Flatten flatten');
  const conv = layerNode(page, 'Conv2D conv1');
  await expect(flatten).toBeVisible();
  // Scramble two layers with the mouse, then arrange with the keyboard shortcut.
  const at = (await conv.boundingBox())!;
  await page.mouse.move(at.x + 40, at.y + 12);
  await page.mouse.down();
  await page.mouse.move(at.x + 45, at.y + 14);
  await page.mouse.move(at.x + 300, at.y + 60, { steps: 8 });
  await page.mouse.up();
  const moved = (await conv.boundingBox())!;
  await clickEmptyCanvas(page);
  await page.keyboard.press('Control+Shift+L');
  await expect(page.getByRole('status')).toContainText('Arranged the network.');
  await expect.poll(async () => Math.round((await conv.boundingBox())!.x)).not.toBe(Math.round(moved.x));
  await page.waitForTimeout(400); // the fit animation
  await page.screenshot({ path: 'test-results/designer-4-arranged.png' });
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('status')).toContainText('Undone.');

  const snap = view.getByRole('button', { name: 'Snap to grid' });
  await expect(snap).toHaveAttribute('aria-pressed', 'false');
  await snap.click();
  await expect(snap).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('main').getByLabel('Overview map')).toBeVisible();

  await view.getByRole('button', { name: 'Model summary' }).click();
  const summary = page.getByRole('region', { name: 'Model summary' });
  const table = summary.getByRole('table');
  await expect(table.getByRole('row', { name: /conv1 Conv2D \[\?, 24, 24, 6\] 156/ })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'MACs' })).toBeVisible();
  await expect(table.getByRole('row', { name: /^Total/ })).toBeVisible();

  const dark = view.getByRole('button', { name: 'Dark theme' });
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await bg();
  await dark.click();
  await expect(dark).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(bg).not.toBe(light);
  await page.screenshot({ path: 'test-results/designer-5-dark-summary.png' });
  await summary.getByRole('button', { name: 'Close model summary' }).click();
  await expect(summary).toHaveCount(0);
  await page.screenshot({ path: 'test-results/designer-6-dark.png' });
  await dark.click();
  await expect.poll(bg).toBe(light);
});

test('the first theme follows the system colour scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./');
  const dark = page.getByRole('toolbar', { name: 'View' }).getByRole('button', { name: 'Dark theme' });
  await expect(dark).toHaveAttribute('aria-pressed', 'true');
  await dark.focus();
  await page.keyboard.press('Enter');
  await expect(dark).toHaveAttribute('aria-pressed', 'false');
});

test('copy in one project window, paste into another through the system clipboard', async ({
  browser,
  baseURL,
}) => {
  // Two windows of the app in one browser profile share the system clipboard, as two
  // projects open side by side do.
  const context = await browser.newContext({
    baseURL,
    locale: 'en-US',
    viewport: { width: 1440, height: 900 },
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! });
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto('./');
  await second.goto('./');
  await second
    .getByRole('toolbar', { name: 'Project' })
    .getByRole('button', { name: 'New', exact: true })
    .click();
  await expect(nodes(second)).toHaveCount(2);

  await first.bringToFront();
  await layerNode(first, 'Conv2D conv2').click();
  await layerNode(first, 'BatchNorm bn2').click({ modifiers: ['Shift'] });
  await first.keyboard.press('Control+c');
  await expect(first.getByRole('status')).toContainText('Copied 2 layers.');

  await second.bringToFront();
  await clickEmptyCanvas(second);
  await second.keyboard.press('Control+v');
  await expect(layerNode(second, 'Conv2D conv2')).toBeVisible();
  await expect(layerNode(second, 'BatchNorm bn2')).toBeVisible();
  await expect(second.getByRole('main').getByLabel('Wire from conv2 to bn2')).toHaveCount(1);
  // The paste is one undo step in the window it landed in, and the source is untouched.
  await second.keyboard.press('Control+z');
  await expect(nodes(second)).toHaveCount(2);
  await expect(layerNode(first, 'Conv2D conv2')).toBeVisible();
  await context.close();
});
