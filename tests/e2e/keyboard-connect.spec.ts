import { expect, test, type Page } from '@playwright/test';
import { dropLayer, layerNode } from './canvas-helpers';

const wireOf = (page: Page, from: string, to: string) =>
  page.getByRole('main').getByRole('group', { name: `Wire from ${from} to ${to}`, exact: true });
const status = (page: Page) => page.getByRole('status').last();

/** A blank network with Input, Dense and Output dropped in a column, unwired. */
async function column(page: Page): Promise<void> {
  await page.goto('./');
  await page
    .getByRole('toolbar', { name: 'Project' })
    .getByRole('button', { name: 'New', exact: true })
    .click();
  await expect(page.getByRole('main').locator('.react-flow__node')).toHaveCount(0);
  const main = (await page.getByRole('main').boundingBox())!;
  const x = main.x + main.width / 2;
  await dropLayer(page, 'Input', { x, y: main.y + 120 });
  await dropLayer(page, 'Dense', { x, y: main.y + 260 });
  await dropLayer(page, 'Output', { x, y: main.y + 400 });
  await expect(layerNode(page, 'Output output1')).toBeVisible();
}

test('keyboard: Tab and arrows move between layers, Enter opens the Inspector', async ({ page }) => {
  await column(page);
  const input = layerNode(page, 'Input input1');
  const dense = layerNode(page, 'Dense dense1');
  const output = layerNode(page, 'Output output1');
  const main = (await page.getByRole('main').boundingBox())!;
  await page.mouse.click(main.x + 30, main.y + 40); // empty canvas: focus the canvas
  await expect(page.getByRole('main')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(input).toBeFocused();
  await expect(input.locator('.layer-node')).toHaveCSS('outline-style', 'solid'); // the focus ring
  await page.keyboard.press('ArrowDown');
  await expect(dense).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(output).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(dense).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(input).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dense).toBeFocused();
  // Arrows navigate; they do not move the layer.
  const box = (await dense.boundingBox())!;
  await page.keyboard.press('ArrowRight'); // nothing to the right: stays put
  await expect(dense).toBeFocused();
  expect((await dense.boundingBox())!.x).toBe(box.x);

  await page.keyboard.press('Enter');
  const nameField = page.getByRole('region', { name: /Inspector/ }).getByLabel('Name');
  await expect(nameField).toBeFocused();
  await expect(nameField).toHaveValue('dense1');
});

test('keyboard connect: C, pick among valid targets, Enter connects, Escape cancels, undo', async ({
  page,
}) => {
  await column(page);
  const input = layerNode(page, 'Input input1');
  const dense = layerNode(page, 'Dense dense1');
  const output = layerNode(page, 'Output output1');

  await input.click();
  await page.keyboard.press('c');
  await expect(status(page)).toContainText('Connecting from input1: 2 possible targets.');
  await expect(dense).toBeFocused(); // the nearest valid target below
  await expect(dense).toHaveClass(/connect-target/);
  await expect(output).toHaveClass(/connect-valid/);
  await page.screenshot({ path: '.tmp/editor-keyboard-connect.png' });
  await page.keyboard.press('Enter');
  await expect(wireOf(page, 'input1', 'dense1')).toHaveCount(1);
  await expect(status(page)).toContainText('Connected input1 to dense1.');

  // From Dense: the Input above is refused by the rules, and the reason is announced.
  await expect(dense).toBeFocused();
  await page.keyboard.press('c');
  await expect(status(page)).toContainText('Connecting from dense1: 1 possible targets.');
  await expect(output).toBeFocused();
  await expect(input).toHaveClass(/connect-invalid/);
  await page.keyboard.press('ArrowUp');
  await expect(status(page)).toContainText("Skipped input1: 'input1' is an Input layer; it takes no input.");
  await expect(output).toBeFocused(); // still on the only valid target
  await page.keyboard.press('Escape');
  await expect(status(page)).toContainText('Connecting cancelled.');
  await expect(dense).toBeFocused();
  await expect(output).not.toHaveClass(/connect-/);
  await expect(wireOf(page, 'dense1', 'output1')).toHaveCount(0);

  // "Connect to…" in the context menu does the same; Tab picks the target.
  await page.keyboard.press('Shift+F10');
  await page
    .getByRole('menu', { name: 'Actions for dense1' })
    .getByRole('menuitem', { name: /^Connect to/ })
    .click();
  await page.keyboard.press('Tab');
  await expect(output).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(wireOf(page, 'dense1', 'output1')).toHaveCount(1);

  // An Output has nothing to connect to.
  await page.keyboard.press('c');
  await expect(status(page)).toContainText('output1 cannot be connected to any layer here.');

  // Each connection is one undo step.
  await page.keyboard.press('Control+z');
  await expect(wireOf(page, 'dense1', 'output1')).toHaveCount(0);
  await expect(wireOf(page, 'input1', 'dense1')).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(wireOf(page, 'input1', 'dense1')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(wireOf(page, 'input1', 'dense1')).toHaveCount(1);
});
