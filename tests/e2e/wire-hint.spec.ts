import { expect, test, type Page } from '@playwright/test';
import { centreOf, layerNode } from './canvas-helpers';

const wireOf = (page: Page, from: string, to: string) =>
  page.getByRole('main').getByRole('group', { name: `Wire from ${from} to ${to}`, exact: true });

/** Presses the mouse on `from`'s output and moves onto `to`'s input, without releasing. */
async function dragWireOnto(page: Page, from: string, to: string): Promise<void> {
  const source = await centreOf(layerNode(page, from).locator('.react-flow__handle-bottom'));
  const target = await centreOf(layerNode(page, to).locator('.react-flow__handle-top').first());
  await page.mouse.move(source.x, source.y);
  await page.mouse.down();
  await page.mouse.move((source.x + target.x) / 2, (source.y + target.y) / 2, { steps: 8 });
  await page.mouse.move(target.x, target.y, { steps: 8 });
}

test('a dragged wire says before release what it would do, or why it cannot', async ({ page }) => {
  await page.goto('./');
  await expect(layerNode(page, 'Conv2D conv1')).toBeVisible();
  const hint = page.getByTestId('connect-hint');

  // bn1 -> conv1 closes a loop: the reason shows while the button is still down.
  await dragWireOnto(page, 'BatchNorm bn1', 'Conv2D conv1');
  await expect(hint).toHaveText("Cannot connect: Connecting 'bn1' to 'conv1' would make a cycle.");
  await expect(hint).toHaveClass(/connect-hint--refused/);
  await page.screenshot({ path: 'test-results/wire-hint-refused.png' });
  await page.mouse.up();
  await expect(hint).toHaveCount(0);
  await expect(wireOf(page, 'bn1', 'conv1')).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('would make a cycle');

  // input -> bn1: bn1's only input is taken by conv1, so the wire would replace that one.
  await dragWireOnto(page, 'Input input', 'BatchNorm bn1');
  await expect(hint).toHaveText('Connect input → bn1 (replaces the wire from conv1)');
  await expect(hint).toHaveClass(/connect-hint--ok/);
  await page.mouse.up();
  await expect(wireOf(page, 'input', 'bn1')).toHaveCount(1);
  await expect(wireOf(page, 'conv1', 'bn1')).toHaveCount(0);

  // Undo with Ctrl+Z, redo with Ctrl+Y (and Ctrl+Shift+Z), each one step.
  await page.keyboard.press('Control+z');
  await expect(wireOf(page, 'conv1', 'bn1')).toHaveCount(1);
  await expect(wireOf(page, 'input', 'bn1')).toHaveCount(0);
  await page.keyboard.press('Control+y');
  await expect(wireOf(page, 'input', 'bn1')).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+Shift+z');
  await expect(wireOf(page, 'input', 'bn1')).toHaveCount(1);
  await expect(wireOf(page, 'conv1', 'bn1')).toHaveCount(0);
});

test('clicking the overview map moves the view there', async ({ page }) => {
  await page.goto('./');
  const conv = layerNode(page, 'Conv2D conv1');
  await expect(conv).toBeVisible();
  const map = page.getByRole('main').getByRole('img', { name: /Overview map/ });
  const box = (await map.boundingBox())!;
  const before = (await conv.boundingBox())!;
  // The top-left corner of the map lies far from the view's centre: the view pans there.
  await page.mouse.click(box.x + 6, box.y + 6);
  await expect
    .poll(async () => {
      const now = (await conv.boundingBox())!;
      return Math.hypot(now.x - before.x, now.y - before.y);
    })
    .toBeGreaterThan(20);
});
