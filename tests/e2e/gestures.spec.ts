import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { centreOf, dragNodeBy, dropLayer, layerNode, paletteItem } from './canvas-helpers';

/** A wire on the canvas, by its accessible name. */
const wireOf = (page: Page, from: string, to: string) =>
  page.getByRole('main').getByRole('group', { name: `Wire from ${from} to ${to}`, exact: true });

const status = (page: Page) => page.getByRole('status').last();

/** A point of empty canvas: the strip left of the template's column. */
async function emptySpot(page: Page, dy = 0): Promise<{ x: number; y: number }> {
  const main = (await page.getByRole('main').boundingBox())!;
  return { x: main.x + 40, y: main.y + main.height / 2 + dy };
}

test('node context menu: keyboard navigation, Escape, and each action with undo', async ({ page }) => {
  await page.goto('./');
  const conv = layerNode(page, 'Conv2D conv1');
  await expect(conv).toBeVisible();

  // Right-click opens the menu on the first item; arrows move, Escape closes and refocuses the node.
  await conv.click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Actions for conv1' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem')).toHaveText([
    'Rename',
    /^Duplicate\s*Ctrl\+D$/,
    /^Copy/,
    /^Cut/,
    /^Delete/,
    /^Connect to…\s*C$/,
    'Disconnect all',
    'Show help',
  ]);
  await expect(menu.getByRole('menuitem', { name: 'Duplicate', exact: true })).toHaveAttribute(
    'aria-keyshortcuts',
    'Control+D',
  );
  await expect(conv).toHaveClass(/selected/); // the menu's layer is selected, so one sees what it acts on
  await expect(menu.getByRole('menuitem', { name: 'Rename' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Duplicate' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: 'Show help' })).toBeFocused();
  await page.screenshot({ path: '.tmp/editor-context-menu.png' });
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(conv).toBeFocused();

  // Shift+F10 on the focused node; Duplicate by keyboard; undo and redo.
  await page.keyboard.press('Shift+F10');
  await expect(menu).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const copy = layerNode(page, 'Conv2D conv1 copy');
  await expect(copy).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(copy).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(copy).toBeVisible();
  await page.keyboard.press('Control+z');

  // Disconnect all removes both of conv1's wires in one step.
  await conv.click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Disconnect all' }).click();
  await expect(wireOf(page, 'input', 'conv1')).toHaveCount(0);
  await expect(wireOf(page, 'conv1', 'bn1')).toHaveCount(0);
  await expect(status(page)).toContainText('Disconnected conv1.');
  await page.keyboard.press('Control+z');
  await expect(wireOf(page, 'input', 'conv1')).toHaveCount(1);
  await expect(wireOf(page, 'conv1', 'bn1')).toHaveCount(1);

  // Delete, undo, redo, undo.
  await conv.click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Delete' }).click();
  await expect(conv).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(conv).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(conv).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(conv).toBeVisible();

  // Cut, then Paste from the canvas menu: a fresh conv1 comes back (named as before: the name is free).
  await conv.click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Cut' }).click();
  await expect(conv).toHaveCount(0);
  const spot = await emptySpot(page);
  await page.mouse.click(spot.x, spot.y, { button: 'right' });
  const paneMenu = page.getByRole('menu', { name: 'Canvas actions' });
  await paneMenu.getByRole('menuitem', { name: 'Paste' }).click();
  await expect(conv).toBeVisible();
  await page.keyboard.press('Control+z'); // the paste
  await expect(conv).toHaveCount(0);
  await page.keyboard.press('Control+z'); // the cut
  await expect(conv).toBeVisible();
  await expect(wireOf(page, 'input', 'conv1')).toHaveCount(1);

  // Copy + Paste makes a copy next to it.
  await conv.click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Copy' }).click();
  await page.mouse.click(spot.x, spot.y, { button: 'right' });
  await paneMenu.getByRole('menuitem', { name: 'Paste' }).click();
  await expect(copy).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(copy).toHaveCount(0);

  // Rename moves focus to the Inspector's Name field; the rename is one undo step.
  await conv.click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Rename' }).click();
  const inspector = page.getByRole('region', { name: /Inspector/ });
  const nameField = inspector.getByLabel('Name');
  await expect(nameField).toBeFocused();
  await page.keyboard.type('features');
  await page.keyboard.press('Enter');
  await expect(layerNode(page, 'Conv2D features')).toBeVisible();
  await layerNode(page, 'Conv2D features').click();
  await page.keyboard.press('Control+z');
  await expect(conv).toBeVisible();

  // Show help opens the layer's help text in the Inspector.
  await conv.click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Show help' }).click();
  await expect(inspector.getByText('Each of the filters is a k×k×C kernel')).toBeVisible();
});

test('edge menu: delete a connection and insert a layer from the picker, with undo', async ({ page }) => {
  await page.goto('./');
  const edge = wireOf(page, 'conv1', 'bn1');
  await expect(edge).toHaveCount(1);
  const at = await centreOf(edge);
  await page.mouse.click(at.x, at.y, { button: 'right' });
  const menu = page.getByRole('menu', { name: 'Actions for the wire from conv1 to bn1' });
  await expect(menu.getByRole('menuitem')).toHaveText(['Delete connection', 'Insert layer…']);
  await menu.getByRole('menuitem', { name: 'Delete connection' }).click();
  await expect(edge).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(edge).toHaveCount(1);

  // Insert layer…: a searchable picker; Enter inserts the active kind. Keyboard-opened this time.
  await page.mouse.click(at.x, at.y); // selects and focuses the wire
  await page.keyboard.press('Shift+F10');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const search = page.getByRole('combobox', { name: 'Search layer kinds' });
  await expect(search).toBeFocused();
  const options = page.getByRole('listbox', { name: 'Layer to insert' }).getByRole('option');
  await expect(options.first()).toHaveText('Conv2D'); // common kinds first
  await expect(options.filter({ hasText: /^Input$/ })).toHaveCount(0); // never offered inside a wire
  await page.keyboard.type('drop');
  await expect(options).toHaveText(['Dropout']);
  await page.keyboard.press('Enter');
  await expect(layerNode(page, 'Dropout dropout1')).toBeVisible();
  await expect(wireOf(page, 'conv1', 'dropout1')).toHaveCount(1);
  await expect(wireOf(page, 'dropout1', 'bn1')).toHaveCount(1);
  await expect(edge).toHaveCount(0);
  await expect(status(page)).toContainText('Inserted Dropout dropout1 between conv1 and bn1.');
  // The layers below moved down to make room: Dropout sits above bn1.
  const d = (await layerNode(page, 'Dropout dropout1').boundingBox())!;
  const b = (await layerNode(page, 'BatchNorm bn1').boundingBox())!;
  expect(d.y + d.height).toBeLessThanOrEqual(b.y);

  await page.keyboard.press('Control+z');
  await expect(layerNode(page, 'Dropout dropout1')).toHaveCount(0);
  await expect(edge).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(wireOf(page, 'dropout1', 'bn1')).toHaveCount(1);
});

test('canvas menu: add a layer here, select all, auto-layout and zoom to fit', async ({ page }) => {
  await page.goto('./');
  await expect(layerNode(page, 'Conv2D conv1')).toBeVisible();
  const spot = await emptySpot(page, -120);
  await page.mouse.click(spot.x, spot.y, { button: 'right' });
  const menu = page.getByRole('menu', { name: 'Canvas actions' });
  await expect(menu.getByRole('menuitem')).toHaveText([
    'Add layer here…',
    /^Paste/,
    /^Select all/,
    /^Auto-layout/,
    /^Zoom to fit/,
  ]);
  await menu.getByRole('menuitem', { name: 'Add layer here…' }).click();
  await page.keyboard.type('dense');
  await page.keyboard.press('Enter');
  const dense = layerNode(page, 'Dense dense4');
  await expect(dense).toBeVisible();
  const box = (await dense.boundingBox())!;
  // Centred where the menu was opened.
  expect(Math.abs(box.x + box.width / 2 - spot.x)).toBeLessThan(box.width);
  expect(Math.abs(box.y + box.height / 2 - spot.y)).toBeLessThan(40);
  await page.keyboard.press('Control+z');
  await expect(dense).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(dense).toBeVisible();

  // From the keyboard: focus the canvas, Shift+F10, Select all.
  await page.mouse.click(spot.x, spot.y + 200);
  await expect(page.getByRole('main')).toBeFocused();
  await page.keyboard.press('Shift+F10');
  await expect(menu).toBeVisible();
  await page.keyboard.press('s'); // first letter jumps to "Select all"
  await expect(menu.getByRole('menuitem', { name: 'Select all' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  const all = await page.getByRole('main').locator('.react-flow__node').count();
  await expect(page.getByRole('main').locator('.react-flow__node.selected')).toHaveCount(all);

  // Auto-layout moves the stray Dense into the layout; undo puts it back.
  await page.mouse.click(spot.x, spot.y + 200, { button: 'right' });
  await menu.getByRole('menuitem', { name: 'Auto-layout' }).click();
  await expect(status(page)).toContainText('Arranged');
  await expect.poll(async () => Math.round((await dense.boundingBox())!.x)).not.toBe(Math.round(box.x));
  await page.keyboard.press('Control+z');

  // Zoom to fit after scrolling the network out of view: every layer is back in view.
  await page.mouse.move(spot.x + 300, spot.y);
  for (let i = 0; i < 8; i++) await page.mouse.wheel(0, 400);
  await expect(layerNode(page, 'Input input')).not.toBeInViewport();
  await page.mouse.click(spot.x, spot.y + 200, { button: 'right' });
  await menu.getByRole('menuitem', { name: 'Zoom to fit' }).click();
  await expect(layerNode(page, 'Output output')).toBeInViewport();
  await expect(layerNode(page, 'Input input')).toBeInViewport();
});

test('drop a layer onto a wire to insert it; one undo step; refused kinds are only added', async ({
  page,
}) => {
  await page.goto('./');
  const edge = wireOf(page, 'conv1', 'bn1');
  await expect(edge).toHaveCount(1);
  const at = await centreOf(edge);

  // While the palette item is dragged over the wire, the wire is highlighted.
  await paletteItem(page, 'Dropout').hover();
  await page.mouse.down();
  await page.mouse.move(at.x - 40, at.y, { steps: 4 });
  await page.mouse.move(at.x, at.y, { steps: 4 });
  // Emulated drags report dragover one move late: a last small move settles on the wire.
  await page.mouse.move(at.x + 1, at.y);
  await page.mouse.move(at.x, at.y);
  await expect(edge).toHaveClass(/edge-drop-target/);
  await expect(edge).toContainText('Drop to insert it into this wire');
  await page.screenshot({ path: '.tmp/editor-drop-on-wire.png' });
  await page.mouse.up();
  const dropout = layerNode(page, 'Dropout dropout1');
  await expect(dropout).toBeVisible();
  await expect(wireOf(page, 'conv1', 'dropout1')).toHaveCount(1);
  await expect(wireOf(page, 'dropout1', 'bn1')).toHaveCount(1);
  await expect(edge).toHaveCount(0);
  await expect(status(page)).toContainText('Inserted Dropout dropout1 between conv1 and bn1.');
  // Room was made: the layers below moved down, so nothing overlaps.
  const d = (await dropout.boundingBox())!;
  const b = (await layerNode(page, 'BatchNorm bn1').boundingBox())!;
  expect(d.y + d.height).toBeLessThanOrEqual(b.y);
  await page.keyboard.press('Control+z');
  await expect(dropout).toHaveCount(0);
  await expect(edge).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(wireOf(page, 'dropout1', 'bn1')).toHaveCount(1);
  await page.keyboard.press('Control+z');

  // An Input cannot sit in a wire: it is added where dropped, and the reason is given.
  await dropLayer(page, 'Input', at);
  await expect(layerNode(page, 'Input input1')).toBeVisible();
  await expect(status(page)).toContainText(
    "Added input1, but did not insert it into the wire: 'input1' is an Input layer; it takes no input.",
  );
  await expect(edge).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(layerNode(page, 'Input input1')).toHaveCount(0);

  // An existing layer without wires, dragged onto the wire, is spliced in; undo is one step.
  await paletteItem(page, 'Dense').click(); // added in the middle of the view, unwired
  const dense = layerNode(page, 'Dense dense4');
  await expect(dense).toBeVisible();
  const before = (await dense.boundingBox())!;
  const grip = await centreOf(dense.locator('.layer-node__head'));
  await dragNodeBy(page, 'Dense dense4', at.x - grip.x, at.y - grip.y);
  await expect(wireOf(page, 'conv1', 'dense4')).toHaveCount(1);
  await expect(wireOf(page, 'dense4', 'bn1')).toHaveCount(1);
  await expect(status(page)).toContainText('Inserted Dense dense4 between conv1 and bn1.');
  await page.keyboard.press('Control+z');
  await expect(edge).toHaveCount(1);
  await expect(wireOf(page, 'conv1', 'dense4')).toHaveCount(0);
  const back = (await dense.boundingBox())!;
  expect(Math.abs(back.x - before.x)).toBeLessThan(2);
  expect(Math.abs(back.y - before.y)).toBeLessThan(2);
  await page.keyboard.press('Control+Shift+z');
  await expect(wireOf(page, 'dense4', 'bn1')).toHaveCount(1);
});

test('blocks: group selected layers into a named block, collapse, expand, ungroup, with undo', async ({
  page,
}) => {
  // Downloads, not the File System Access picker (Playwright cannot answer it).
  await page.goto('./?files=download');
  const conv = layerNode(page, 'Conv2D conv1');
  const bn = layerNode(page, 'BatchNorm bn1');
  await conv.click();
  await bn.click({ modifiers: ['Shift'] });
  await bn.click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Actions for bn1' });
  await menu.getByRole('menuitem', { name: 'Group into block…' }).click();
  const name = page.getByRole('textbox', { name: 'Block name' });
  await expect(name).toBeFocused();
  await expect(name).toHaveValue('Block 1');
  await page.keyboard.type('Stem');
  await page.keyboard.press('Enter');

  const block = layerNode(page, 'Block Stem');
  await expect(block).toBeVisible();
  await expect(block).toContainText('2 layers');
  await expect(conv).toHaveCount(0);
  await expect(bn).toHaveCount(0);
  await expect(wireOf(page, 'conv1', 'bn1')).toHaveCount(0); // inside the block: hidden
  await expect(wireOf(page, 'input', 'conv1')).toHaveCount(1); // now drawn into the block
  await expect(status(page)).toContainText('Grouped 2 layers into block Stem.');
  await page.screenshot({ path: '.tmp/editor-block.png' });
  await page.keyboard.press('Control+z');
  await expect(block).toHaveCount(0);
  await expect(conv).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(block).toBeVisible();

  // Enter on the focused block expands it; undo collapses it again.
  await block.click();
  await page.keyboard.press('Enter');
  await expect(conv).toBeVisible();
  await expect(bn).toBeVisible();
  await expect(block).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(block).toBeVisible();

  // The block's menu expands; a member's menu collapses; then ungroup, and undo that.
  await block.click({ button: 'right' });
  await page
    .getByRole('menu', { name: 'Actions for block Stem' })
    .getByRole('menuitem', { name: 'Expand block' })
    .click();
  await expect(conv).toBeVisible();
  await conv.click({ button: 'right' });
  await page
    .getByRole('menu', { name: 'Actions for conv1' })
    .getByRole('menuitem', { name: 'Collapse block' })
    .click();
  await expect(block).toBeVisible();
  await block.click({ button: 'right' });
  await page
    .getByRole('menu', { name: 'Actions for block Stem' })
    .getByRole('menuitem', { name: 'Ungroup block' })
    .click();
  await expect(block).toHaveCount(0);
  await expect(conv).toBeVisible();
  await expect(wireOf(page, 'conv1', 'bn1')).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(block).toBeVisible();

  // The block is saved in the project file.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('toolbar', { name: 'Project' }).getByRole('button', { name: 'Save' }).click(),
  ]);
  const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(saved.blocks).toEqual([{ id: 'block-1', name: 'Stem', collapsed: true }]);
});

test('a collapsed block shows its output shape, parameter total and the worst problem inside', async ({
  page,
}) => {
  await page.goto('./');
  const conv = layerNode(page, 'Conv2D conv1');
  const bn = layerNode(page, 'BatchNorm bn1');
  const group = async (name: string): Promise<void> => {
    // bn1's lower left: a broken conv1 above it grows its error text over bn1's top.
    const low = { x: 30, y: (await bn.boundingBox())!.height - 8 };
    await conv.click();
    await bn.click({ modifiers: ['Shift'], position: low });
    await bn.click({ button: 'right', position: low });
    await page
      .getByRole('menu', { name: 'Actions for bn1' })
      .getByRole('menuitem', { name: 'Group into block…' })
      .click();
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
  };
  await group('Stem');
  const block = layerNode(page, 'Block Stem');
  // The exit layer (bn1) gives the block's output; conv1 (156) and bn1 (24) its parameters.
  await expect(block).toContainText('[?, 24, 24, 6]');
  await expect(block).toContainText('180 params');
  await expect(block.getByRole('img', { name: /^(Error|Warning):/ })).toHaveCount(0);
  await block.focus();
  await page.screenshot({ path: '.tmp/editor-collapsed-block.png' });

  // A kernel larger than the image breaks conv1: the collapsed block shows conv1's error.
  await page.keyboard.press('Control+z');
  await expect(conv).toBeVisible();
  const empty = await emptySpot(page);
  await page.mouse.click(empty.x, empty.y); // clears the selection
  await conv.click();
  const kernel = page.getByRole('region', { name: /Inspector/ }).getByLabel('Kernel size');
  await kernel.fill('40');
  await kernel.press('Enter');
  const convBadge = conv.getByRole('img', { name: /^Error: / });
  await expect(convBadge).toBeVisible();
  const convError = (await convBadge.getAttribute('aria-label'))!.replace(/^Error: /, '');
  await expect(conv.getByText(convError, { exact: true })).toBeVisible();
  await group('Broken');
  const broken = layerNode(page, 'Block Broken');
  await expect(broken.getByRole('img', { name: /^Error: conv1: / })).toBeVisible();
  // Like the layer node, the block spells the error out in a line, naming the layer.
  await expect(broken.getByText(`conv1: ${convError}`, { exact: true })).toBeVisible();
  await expect(broken).toContainText('shape unknown');
  await page.screenshot({ path: '.tmp/editor-collapsed-block-error.png' });
  await page.getByRole('toolbar', { name: 'View' }).getByRole('button', { name: 'Dark theme' }).click();
  await page.screenshot({ path: '.tmp/editor-collapsed-block-dark.png' });
});
