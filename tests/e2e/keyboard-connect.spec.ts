import { expect, test, type Page } from '@playwright/test';
import { dropLayer, layerNode } from './canvas-helpers';

const wireOf = (page: Page, from: string, to: string) =>
  page.getByRole('main').getByRole('group', { name: `Wire from ${from} to ${to}`, exact: true });
const status = (page: Page) => page.getByRole('status').last();

/** A cleared network with Input, Dense and Output dropped in a column, unwired. */
async function column(page: Page): Promise<void> {
  await page.goto('./');
  await page
    .getByRole('toolbar', { name: 'Project' })
    .getByRole('button', { name: 'New', exact: true })
    .click();
  // New starts from an Input and an Output; this test builds its own column, so clear them.
  const nodes = page.getByRole('main').locator('.react-flow__node');
  await expect(nodes).toHaveCount(2);
  const box = (await page.getByRole('main').boundingBox())!;
  await page.mouse.click(box.x + 30, box.y + box.height / 2);
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await expect(nodes).toHaveCount(0);
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

test('keyboard: Tab reaches wires; a focused wire shows it, opens its menu and is deleted with Delete', async ({
  page,
}) => {
  await column(page);
  const input = layerNode(page, 'Input input1');
  const dense = layerNode(page, 'Dense dense1');
  const output = layerNode(page, 'Output output1');
  const first = wireOf(page, 'input1', 'dense1');
  const second = wireOf(page, 'dense1', 'output1');
  await input.click();
  await page.keyboard.press('c');
  await page.keyboard.press('Enter');
  await page.keyboard.press('c');
  await page.keyboard.press('Enter');
  await expect(second).toHaveCount(1);

  // Tab goes layer, the wire leaving it, next layer...; Shift+Tab goes back the same way.
  const main = (await page.getByRole('main').boundingBox())!;
  await page.mouse.click(main.x + 30, main.y + 40);
  await page.keyboard.press('Tab');
  await expect(input).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(first).toBeFocused();
  await expect(first).toHaveAccessibleDescription(/Delete or Backspace: delete this wire/);
  // The focus shows on the wire itself, in the theme's focus colour (light: #ff922b).
  const path = first.locator('.react-flow__edge-path');
  await expect(path).toHaveCSS('stroke', 'rgb(255, 146, 43)');
  await expect(first.locator('.react-flow__edge-interaction')).toHaveCSS('stroke-opacity', '0.3');
  await page.screenshot({ path: '.tmp/editor-focused-wire.png' });
  await page.keyboard.press('Tab');
  await expect(dense).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(second).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(output).toBeFocused();
  await page.keyboard.press('Tab'); // past the last stop: on to the canvas's zoom buttons
  await expect(page.getByRole('main').getByRole('button', { name: 'Zoom In' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(output).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(second).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(first).toBeFocused();
  // Up and Down go to the wire's ends.
  await page.keyboard.press('ArrowDown');
  await expect(dense).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowUp');
  await expect(input).toBeFocused();
  await page.keyboard.press('Tab');

  // Shift+F10 opens the wire's menu; Escape gives focus back to the wire.
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Actions for the wire from input1 to dense1' });
  await expect(menu.getByRole('menuitem', { name: 'Delete connection' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(first).toBeFocused();
  await page.keyboard.press('ContextMenu');
  await expect(menu).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(first).toBeFocused();

  // Delete removes the focused wire (only it) in one undo step; focus moves to its source.
  await page.keyboard.press('Delete');
  await expect(first).toHaveCount(0);
  await expect(second).toHaveCount(1);
  await expect(input).toBeVisible();
  await expect(dense).toBeVisible();
  await expect(status(page)).toContainText('Deleted the wire from input1 to dense1.');
  await expect(input).toBeFocused();
  await page.keyboard.press('Control+z');
  await expect(first).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(first).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(first).toHaveCount(1);

  // Backspace does the same on the other wire; dark theme: the focus colour is the theme's.
  await page.getByRole('toolbar', { name: 'View' }).getByRole('button', { name: 'Dark theme' }).click();
  await page.mouse.click(main.x + 30, main.y + 40);
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  await expect(second).toBeFocused();
  await expect(second.locator('.react-flow__edge-path')).toHaveCSS('stroke', 'rgb(255, 169, 77)');
  await page.screenshot({ path: '.tmp/editor-focused-wire-dark.png' });
  await page.keyboard.press('Backspace');
  await expect(second).toHaveCount(0);
  await expect(dense).toBeFocused();
  await page.keyboard.press('Control+z');
  await expect(second).toHaveCount(1);
  await expect(first).toHaveCount(1);
});
