import { expect, test, type Download, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { layerNode } from './canvas-helpers';

const FIXTURE_JSON = new URL('../fixtures/exchange/tfjs-cnn.model.json', import.meta.url).pathname;
const FIXTURE_BIN = new URL('../fixtures/exchange/tfjs-cnn.weights.bin', import.meta.url).pathname;

const text = async (d: Download): Promise<string> => readFileSync((await d.path())!, 'utf8');

/** Clicks a control and returns the download it starts. */
async function downloadOf(page: Page, click: () => Promise<void>): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return download;
}

test('Export dialog: tabs, preview, Copy, Save, Escape', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await expect(layerNode(page, 'Conv2D conv1')).toBeVisible();
  const docName = (await page.locator('.toolbar__doc').textContent())!.trim();

  const opener = page.getByRole('button', { name: 'Export…' });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Export code' });
  await expect(dialog).toBeVisible();
  const pytorch = dialog.getByRole('tab', { name: 'PyTorch' });
  await expect(pytorch).toHaveAttribute('aria-selected', 'true');
  const preview = dialog.getByRole('tabpanel');
  await expect(preview).toContainText('class LayerloomModel(nn.Module)');
  await expect(preview).toContainText('class Conv2d(nn.Conv2d)');
  await page.screenshot({ path: '.tmp/exchange-dialog.png' });

  // Copy puts the code on the clipboard and says so.
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Copied to the clipboard');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('class LayerloomModel(nn.Module)');

  // Save downloads <project>.py, Python from the first line.
  const py = await downloadOf(page, () => dialog.getByRole('button', { name: 'Save…' }).click());
  expect(py.suggestedFilename()).toBe(`${docName}.py`);
  const pyText = await text(py);
  expect(pyText.startsWith('"""')).toBe(true);
  expect(pyText).toContain('import torch.nn as nn');

  // The arrow keys move between the formats.
  await pytorch.focus();
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('tab', { name: 'Keras (Python)' })).toHaveAttribute('aria-selected', 'true');
  await expect(dialog.getByRole('tab', { name: 'Keras (Python)' })).toBeFocused();
  await expect(preview).toContainText('layers.Conv2D(filters=6');
  const keras = await downloadOf(page, () => dialog.getByRole('button', { name: 'Save…' }).click());
  expect(keras.suggestedFilename()).toBe(`${docName}_keras.py`);
  expect(await text(keras)).toContain('from tensorflow import keras');
  await dialog.getByRole('tab', { name: 'tfjs (TypeScript)' }).click();
  await expect(preview).toContainText('export function buildModel(): tf.LayersModel');
  const ts = await downloadOf(page, () => dialog.getByRole('button', { name: 'Save…' }).click());
  expect(ts.suggestedFilename()).toBe(`${docName}.ts`);

  // Nothing trained yet: the trained-model export is off, with the reason.
  const exportModel = dialog.getByRole('button', { name: 'Export trained model' });
  await expect(exportModel).toBeDisabled();
  await expect(exportModel).toHaveAccessibleDescription(/train the model first/);

  // Escape closes and focus returns to the opener; Enter opens it again; Close closes.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  expect(errors).toEqual([]);
});

test('Export dialog in the dark theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./');
  await expect(layerNode(page, 'Conv2D conv1')).toBeVisible();
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export code' });
  await dialog.getByRole('tab', { name: 'Keras (Python)' }).click();
  await expect(dialog.getByRole('tabpanel')).toContainText('keras.Model(');
  await page.screenshot({ path: '.tmp/exchange-dialog-dark.png' });
});

test('Import a tfjs model.json with its weights, export it as a trained model, undo', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await expect(layerNode(page, 'Conv2D conv1')).toBeVisible();
  const input = page.getByLabel('Model files to import (model.json and .bin)');

  // A broken file: the problem names it and the document stays.
  await input.setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"modelTopology": '),
  });
  await expect(page.getByRole('alert')).toContainText('Could not import broken.json');
  await expect(page.getByRole('alert')).toContainText('not valid JSON');
  await expect(layerNode(page, 'Conv2D conv1')).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss' }).click();

  // The model tfjs wrote, with its weights: its layers appear on the canvas.
  await expect(page.getByRole('button', { name: 'Import model…' })).toBeVisible();
  await input.setInputFiles([FIXTURE_JSON, FIXTURE_BIN]);
  for (const name of [
    'Input input',
    'Conv2D conv_a',
    'BatchNorm bn_a',
    'MaxPool2D pool_a',
    'Flatten flat',
    'Dense logits',
    'Output output',
  ])
    await expect(layerNode(page, name)).toBeVisible();
  await expect(layerNode(page, 'Conv2D conv1')).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('Imported tfjs-cnn.model.json with its weights');
  // Laid out top to bottom.
  const y = async (name: string) => (await layerNode(page, name).boundingBox())!.y;
  expect(await y('Conv2D conv_a')).toBeLessThan(await y('Dense logits'));

  // The imported weights can be exported at once: model.json + .bin named after the project.
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export code' });
  const exportModel = dialog.getByRole('button', { name: 'Export trained model' });
  await expect(exportModel).toBeEnabled();
  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await exportModel.click();
  await expect.poll(() => downloads.length).toBe(2);
  expect(downloads.map((d) => d.suggestedFilename()).sort()).toEqual([
    'tfjs_cnn.json',
    'tfjs_cnn.weights.bin',
  ]);
  const json = JSON.parse(await text(downloads.find((d) => d.suggestedFilename().endsWith('.json'))!));
  expect(json.format).toBe('layers-model');
  expect(json.weightsManifest[0].paths).toEqual(['tfjs_cnn.weights.bin']);
  const bin = readFileSync((await downloads.find((d) => d.suggestedFilename().endsWith('.bin'))!.path())!);
  // The same weights in the same order as tfjs saved them.
  expect(Buffer.compare(bin, readFileSync(FIXTURE_BIN))).toBe(0);
  await page.keyboard.press('Escape');

  // One Undo brings the previous network back.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(layerNode(page, 'Conv2D conv1')).toBeVisible();
  await expect(layerNode(page, 'Conv2D conv_a')).toHaveCount(0);
  expect(errors).toEqual([]);
});
