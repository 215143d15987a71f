import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { layerNode } from './canvas-helpers';

test('a workshop bundle carries the project and its trained weights across a reload', async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Downloads and uploads, not the File System Access pickers (Playwright cannot answer those).
  await page.goto('./?files=download');
  const training = page.getByRole('region', { name: 'Training' });
  await expect(training).toContainText('Fashion-MNIST');
  // A tiny run: 256 examples, one epoch.
  await training.getByLabel('Training examples').fill('256');
  await training.getByLabel('Epochs').fill('1');
  await training.getByLabel('Batch size').fill('64');
  await training.getByLabel('Batch size').press('Enter');
  await expect(training.getByLabel('Training examples')).toHaveValue('256');
  await training.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(training).toContainText('Training finished.', { timeout: 120_000 });

  const toolbar = page.getByRole('toolbar', { name: 'Project' });
  // Saved (a download), so the reload below leaves no unsaved work to offer back.
  await Promise.all([page.waitForEvent('download'), toolbar.getByRole('button', { name: 'Save' }).click()]);
  await expect(page.getByText('Edited')).toHaveCount(0);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    toolbar.getByRole('button', { name: 'Export bundle…' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('LeNet with batch normalization.layerloom-bundle');
  await expect(page.getByRole('status')).toContainText('with the trained weights');
  const bundle = readFileSync(await download.path());
  expect(bundle.subarray(0, 8).toString('latin1')).toBe('LLBUNDLE');

  // A fresh page: the launch document, no trained weights to export.
  await page.reload();
  await expect(training.getByLabel('Training examples')).toHaveValue('');
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export code' });
  await expect(dialog.getByRole('button', { name: 'Export trained model' })).toBeDisabled();
  await page.keyboard.press('Escape');

  await page.getByLabel('Project file to open').setInputFiles({
    name: 'workshop.layerloom-bundle',
    mimeType: 'application/octet-stream',
    buffer: bundle,
  });
  await expect(page.getByRole('status')).toContainText(
    'Opened LeNet with batch normalization. Trained weights loaded.',
  );
  // The same project: its settings and network, and the weights ready to export.
  await expect(training.getByLabel('Training examples')).toHaveValue('256');
  await expect(training.getByLabel('Epochs', { exact: true })).toHaveValue('1');
  await expect(layerNode(page, 'Conv2D conv1')).toBeVisible();
  await page.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.getByRole('button', { name: 'Export trained model' })).toBeEnabled();
  await page.keyboard.press('Escape');

  // A damaged bundle is refused, naming the section, and the document stays.
  const damaged = Buffer.from(bundle);
  damaged[damaged.length - 1] = damaged[damaged.length - 1]! ^ 0xff;
  await page.getByLabel('Project file to open').setInputFiles({
    name: 'damaged.layerloom-bundle',
    mimeType: 'application/octet-stream',
    buffer: damaged,
  });
  await expect(page.getByRole('status')).toContainText(
    /damaged.layerloom-bundle cannot be opened. Section “weights.bin”/,
  );
  await expect(training.getByLabel('Training examples')).toHaveValue('256');
  expect(errors).toEqual([]);
});
