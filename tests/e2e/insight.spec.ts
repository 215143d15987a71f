import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { layerNode } from './canvas-helpers';

/** The body rows of a table, as arrays of numbers (the row header first). */
async function tableRows(table: Locator): Promise<number[][]> {
  const texts = await table.locator('tbody').getByRole('row').allInnerTexts();
  return texts.map((t) => t.split('\t').map((s) => Number(s.trim())));
}

const allFinite = (rows: number[][]): boolean => rows.every((r) => r.every((v) => Number.isFinite(v)));

/** Opens a chart's "Show data" table and returns the table (found by its caption). */
async function openTable(page: Page, chart: string): Promise<Locator> {
  const toggle = page.getByRole('button', { name: `Show data: ${chart}` });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  return page.getByRole('table', { name: new RegExp(`^${chart.replace(/[()]/g, '\\$&')}`) });
}

test('layer insight: per-layer charts, their data tables and node health while training', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  const training = page.getByRole('region', { name: 'Training' });
  // Enough batches that the run is still going while the tables are read; stopped at the end.
  await training.getByLabel('Training examples').fill('32768');
  await training.getByLabel('Epochs').fill('1');
  await training.getByLabel('Batch size').fill('64');
  await training.getByLabel('Batch size').press('Enter');
  await training.getByRole('button', { name: 'Train', exact: true }).click();

  const layersTab = training.getByRole('tab', { name: 'Layers' });
  await layersTab.click();
  await expect(layersTab).toHaveAttribute('aria-selected', 'true');
  const chooser = training.getByRole('combobox', { name: 'Layer' });
  await expect(chooser).toBeVisible({ timeout: 30_000 });
  await chooser.selectOption({ label: 'bn1' });
  await expect(layerNode(page, 'BatchNorm bn1').locator('.layer-node')).toHaveClass(/is-selected/);
  const progress = training.getByRole('progressbar', { name: 'Training progress' });
  await expect
    .poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 20_000 })
    .toBeGreaterThanOrEqual(16);
  // Scroll the training panel (mouse wheel) so the dashboard starts at the top of the window.
  const tabTop = (await layersTab.boundingBox())!.y;
  await training.hover();
  await page.mouse.wheel(0, tabTop - 56);
  await page.screenshot({ path: 'test-results/insight-0-midrun.png' });
  if (process.env['LAYERLOOM_DOCS_SHOTS']) await page.screenshot({ path: 'docs/insight.png' });

  // Activation percentiles of bn1: rows keep coming while it trains, all finite.
  const dist = await openTable(page, 'Activation distribution of bn1');
  await expect
    .poll(async () => (await tableRows(dist)).length, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(2);
  const early = (await tableRows(dist)).length;
  await expect.poll(async () => (await tableRows(dist)).length, { timeout: 20_000 }).toBeGreaterThan(early);
  const distRows = await tableRows(dist);
  expect(distRows[0]!.slice(0, 10).every(Number.isFinite)).toBe(true); // step and the 9 percentiles
  for (const r of distRows) expect(r[1]!).toBeLessThanOrEqual(r[9]!); // min <= max
  await page.screenshot({ path: 'test-results/insight-1-distribution.png' });

  // Gradient norm of every layer, one column per layer.
  const grads = await openTable(page, 'Gradient norm of every layer (log scale)');
  const heads = await grads.getByRole('columnheader').allInnerTexts();
  expect(heads.slice(0, 3)).toEqual(['Step', 'conv1', 'bn1']);
  expect(heads).toContain('bn4');
  await expect.poll(async () => (await tableRows(grads)).length).toBeGreaterThanOrEqual(3);
  expect(allFinite(await tableRows(grads))).toBe(true);

  // bn1: batch vs running mean per channel (6 channels).
  const bn = await openTable(page, 'Mean per channel of bn1: batch vs running');
  await expect.poll(async () => (await tableRows(bn)).length).toBe(6);
  expect(allFinite(await tableRows(bn))).toBe(true);

  // Each trained layer shows a health dot with an accessible label.
  const dot = layerNode(page, 'BatchNorm bn1').getByRole('img', { name: /^Health: / });
  await expect(dot).toBeVisible();
  await expect(
    layerNode(page, 'Conv2D conv1').getByRole('img', { name: /^Gradient norm over recent steps/ }),
  ).toBeVisible();
  await training.getByRole('button', { name: 'Show data: Activation distribution of bn1' }).click();
  await page.screenshot({ path: 'test-results/insight-2-dashboard.png' });
  await training.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(training.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 30_000 });
  await page.screenshot({ path: 'test-results/insight-3-finished.png' });
  // A closer look at the nodes' sparklines and health dots.
  const zoomIn = page.getByRole('button', { name: 'Zoom In' });
  for (let i = 0; i < 3; i++) await zoomIn.click();
  await page.getByRole('main').screenshot({ path: 'test-results/insight-4-nodes.png' });
  expect(errors).toEqual([]);
});

test('a health finding is a flag on the loss chart, reached by keyboard, with its message', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  // Plain LeNet (sigmoids, no batch norm) at a learning rate far too high: its sigmoids
  // saturate within a few dozen steps. (With batch norm a short run may not saturate.)
  await page.getByRole('button', { name: 'New from template…' }).click();
  const gallery = page.getByRole('dialog', { name: 'New from template' });
  await gallery.getByRole('button', { name: 'LeNet', exact: true }).click();
  await expect(gallery).toBeHidden();
  const training = page.getByRole('region', { name: 'Training' });
  await training.getByLabel('Training examples').fill('4096');
  await training.getByLabel('Batch size').fill('64');
  await training.getByLabel('Epochs').fill('2');
  await training.getByRole('spinbutton', { name: 'Learning rate' }).fill('1000');
  await training.getByRole('spinbutton', { name: 'Learning rate' }).press('Enter');
  await training.getByRole('button', { name: 'Train', exact: true }).click();

  const loss = training.getByRole('region', { name: 'Loss per batch' });
  const flags = loss.getByRole('list', { name: 'Findings on Loss per batch' }).getByRole('button');
  await expect(flags.first()).toBeVisible({ timeout: 60_000 });
  const label = (await flags.first().getAttribute('aria-label'))!;
  const [, step, layer] = /^Finding at step (\d+) \(epoch \d+\) · ([^:]+): /.exec(label) ?? [];
  expect(Number(step)).toBeGreaterThan(0);
  // The flag sits over the plot (on its tick), not below the chart.
  const plot = (await loss.getByRole('img', { name: 'Loss per batch' }).boundingBox())!;
  const flag = (await flags.first().boundingBox())!;
  expect(flag.y + flag.height).toBeGreaterThan(plot.y);
  expect(flag.y).toBeLessThan(plot.y + plot.height);

  // From the chart's title, Tab reaches the first flag: its message shows and its layer is selected.
  await loss.getByText('Loss per batch', { exact: true }).click();
  await page.keyboard.press('Tab');
  await expect(flags.first()).toBeFocused();
  await expect(page.getByRole('tooltip')).toHaveText(label);
  await expect(
    page.getByRole('group', { name: new RegExp(` ${layer}$`) }).locator('.layer-node'),
  ).toHaveClass(/is-selected/);
  await page.screenshot({ path: 'test-results/insight-5-finding-flag.png' });
  // Moving on hides its message.
  await page.keyboard.press('Tab');
  await expect(flags.first()).not.toBeFocused();
  await expect(page.getByRole('tooltip').filter({ hasText: label })).toHaveCount(0);
  // The exported image adds the title, the legend and the y label around the plot (and its ticks).
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    loss.getByRole('button', { name: 'Download PNG: Loss per batch' }).click(),
  ]);
  await png.saveAs('test-results/insight-6-loss-export.png');
  const ihdr = readFileSync((await png.path())!).subarray(16, 24);
  const size = { width: ihdr.readUInt32BE(0), height: ihdr.readUInt32BE(4) };
  expect(size.width).toBeGreaterThan(plot.width);
  expect(size.height).toBeGreaterThan(plot.height + 40);
  expect(errors).toEqual([]);
});
