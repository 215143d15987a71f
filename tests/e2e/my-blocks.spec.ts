import { expect, test, type Page } from '@playwright/test';
import { layerNode } from './canvas-helpers';

const status = (page: Page) => page.getByRole('status').last();

/** A "My blocks" palette entry, by its name. */
const blockItem = (page: Page, name: string) =>
  page.getByRole('complementary', { name: 'Layers' }).getByRole('button', { name, exact: true });

test('my blocks: insert an example, save a block of my own, insert it and delete it', async ({ page }) => {
  await page.goto('./');
  await expect(layerNode(page, 'Conv2D conv1')).toBeVisible();

  // Enter on the residual example inserts its seven layers, wired, as one undo step.
  const residual = blockItem(page, 'Residual block');
  await expect(residual).toHaveAccessibleDescription(/7 layers/);
  await residual.focus();
  await page.keyboard.press('Enter');
  const resLayers = ['Conv2D res_conv1', 'BatchNorm res_bn1', 'Add res_add', 'Activation res_relu2'];
  for (const name of resLayers) await expect(layerNode(page, name)).toBeVisible();
  await expect(status(page)).toContainText('Inserted block Residual block (7 layers).');
  await expect(
    page.getByRole('main').getByRole('group', { name: 'Wire from res_bn2 to res_add', exact: true }),
  ).toHaveCount(1);
  await page.keyboard.press('Control+z');
  for (const name of resLayers) await expect(layerNode(page, name)).toHaveCount(0);
  await expect(layerNode(page, 'Conv2D conv1')).toBeVisible();

  // Group two layers into a block and save it to My blocks from the block's menu.
  const conv = layerNode(page, 'Conv2D conv1');
  const bn = layerNode(page, 'BatchNorm bn1');
  await conv.click();
  await bn.click({ modifiers: ['Shift'] });
  await bn.click({ button: 'right' });
  await page
    .getByRole('menu', { name: 'Actions for bn1' })
    .getByRole('menuitem', { name: 'Group into block…' })
    .click();
  await page.keyboard.type('Stem');
  await page.keyboard.press('Enter');
  const block = layerNode(page, 'Block Stem');
  await expect(block).toBeVisible();
  await block.click({ button: 'right' });
  await page
    .getByRole('menu', { name: 'Actions for block Stem' })
    .getByRole('menuitem', { name: 'Save to My blocks…' })
    .click();
  const name = page.getByRole('textbox', { name: 'Name in My blocks' });
  await expect(name).toBeFocused();
  await expect(name).toHaveValue('Stem');
  await page.keyboard.type('My stem');
  await page.keyboard.press('Enter');
  await expect(status(page)).toContainText('Saved block My stem to My blocks.');

  // It is in the palette; a click inserts copies of its layers.
  const mine = blockItem(page, 'My stem');
  await expect(mine).toBeVisible();
  await expect(mine).toHaveAccessibleDescription('Saved block: 2 layers.');
  await mine.click();
  await expect(layerNode(page, 'Conv2D conv1 copy')).toBeVisible();
  await expect(layerNode(page, 'BatchNorm bn1 copy')).toBeVisible();
  await expect(
    page.getByRole('main').getByRole('group', { name: 'Wire from conv1 copy to bn1 copy', exact: true }),
  ).toHaveCount(1);
  await expect(status(page)).toContainText('Inserted block My stem (2 layers).');

  // An example dragged onto the canvas lands there.
  const main = page.getByRole('main');
  const box = (await main.boundingBox())!;
  await blockItem(page, 'VGG block').dragTo(main, { targetPosition: { x: 60, y: box.height - 80 } });
  await expect(layerNode(page, 'MaxPool2D vgg_pool')).toHaveCount(1);

  // Deleting the saved block removes it from the palette (and from storage: it stays gone after a reload).
  await page.getByRole('button', { name: 'Delete My stem from My blocks', exact: true }).click();
  await expect(mine).toHaveCount(0);
  await expect(status(page)).toContainText('Deleted My stem from My blocks.');
  await page.reload();
  await expect(blockItem(page, 'Residual block')).toBeVisible();
  await expect(blockItem(page, 'My stem')).toHaveCount(0);
});

test('my blocks: with one layer selected a block goes after it, wired in, as one undo step', async ({
  page,
}) => {
  await page.goto('./');
  const wire = (from: string, to: string) =>
    page.getByRole('main').getByRole('group', { name: `Wire from ${from} to ${to}`, exact: true });
  const conv = layerNode(page, 'Conv2D conv1');
  const bn = layerNode(page, 'BatchNorm bn1');
  const vggConv = layerNode(page, 'Conv2D vgg_conv1');
  const vggPool = layerNode(page, 'MaxPool2D vgg_pool');
  await conv.click();
  const bnBefore = (await bn.boundingBox())!;
  await blockItem(page, 'VGG block').click();
  await expect(status(page)).toContainText('Inserted block VGG block (3 layers) between conv1 and bn1.');
  await expect(wire('conv1', 'vgg_conv1')).toHaveCount(1);
  await expect(wire('vgg_pool', 'bn1')).toHaveCount(1);
  await expect(wire('conv1', 'bn1')).toHaveCount(0);
  // bn1 now gets the block's 32 channels, pooled: [?, 12, 12, 32].
  await expect(bn).toContainText('[?, 12, 12, 32]');
  // Below conv1; nothing else moved.
  const convBox = (await conv.boundingBox())!;
  expect((await vggConv.boundingBox())!.y).toBeGreaterThan(convBox.y + convBox.height);
  expect(await bn.boundingBox()).toEqual(bnBefore);
  await page.screenshot({ path: '.tmp/editor-block-after.png' });

  await page.keyboard.press('Control+z');
  await expect(vggConv).toHaveCount(0);
  await expect(wire('conv1', 'bn1')).toHaveCount(1);
  await expect(bn).toContainText('[?, 24, 24, 6]');
  await page.keyboard.press('Control+Shift+z');
  await expect(wire('vgg_pool', 'bn1')).toHaveCount(1);
  await expect(wire('conv1', 'bn1')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(vggPool).toHaveCount(0);

  // After the Output nothing can follow: inserted, unwired, and the reason announced.
  const output = layerNode(page, 'Output output');
  await output.click();
  await blockItem(page, 'VGG block').focus();
  await page.keyboard.press('Enter');
  await expect(status(page)).toContainText(
    "Inserted block VGG block (3 layers) without wiring it after output: 'output' is an Output layer; nothing can follow it.",
  );
  await expect(vggPool).toBeVisible();
  await expect(wire('output', 'vgg_conv1')).toHaveCount(0);
  await expect(wire('vgg_conv1', 'vgg_conv2')).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(vggPool).toHaveCount(0);
});
