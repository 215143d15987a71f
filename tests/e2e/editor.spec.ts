import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dropLayer, layerNode, wire } from './canvas-helpers';

test('build a branch from the palette, see shapes and errors, delete and undo', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await expect(layerNode(page, 'Conv2D conv1')).toBeVisible();
  await expect(layerNode(page, 'Conv2D conv1')).toContainText('[?, 24, 24, 6]');
  await expect(layerNode(page, 'Conv2D conv1')).toContainText('156 params');
  const train = page
    .getByRole('region', { name: 'Training' })
    .getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled();
  await expect(page.getByRole('region', { name: 'Training' })).toContainText('Fashion-MNIST');

  // Empty canvas space: the strip left of the template's column.
  const main = (await page.getByRole('main').boundingBox())!;
  const input = (await layerNode(page, 'Input input').boundingBox())!;
  const x = (main.x + input.x) / 2;
  await dropLayer(page, 'Conv2D', { x, y: main.y + 170 });
  await dropLayer(page, 'BatchNorm', { x, y: main.y + 300 });
  await dropLayer(page, 'Dense', { x, y: main.y + 430 });
  const conv = layerNode(page, 'Conv2D conv2d1');
  const bn = layerNode(page, 'BatchNorm batch-norm1');
  const dense = layerNode(page, 'Dense dense4');
  await expect(conv).toBeVisible();
  await expect(bn).toBeVisible();
  await expect(dense).toBeVisible();
  await page.screenshot({ path: 'test-results/editor-1-dropped.png' });

  // Input -> Conv2D -> BatchNorm: the new layers get their shapes.
  await wire(page, 'Input input', 'Conv2D conv2d1');
  await expect(conv).toContainText('[?, 26, 26, 16]');
  await expect(conv).toContainText('160 params');
  await wire(page, 'Conv2D conv2d1', 'BatchNorm batch-norm1');
  await expect(bn).toContainText('[?, 26, 26, 16]');

  // A wire that would close a loop is refused, with the reason.
  await wire(page, 'BatchNorm batch-norm1', 'Conv2D conv2d1');
  await expect(page.getByRole('status')).toContainText('would make a cycle');

  // BatchNorm -> Dense: Dense on an image. Off the Input-to-Output path it is only a warning...
  await wire(page, 'BatchNorm batch-norm1', 'Dense dense4');
  await expect(dense.getByRole('img', { name: /^Warning: .*\[\?, 26, 26, 16\]/ })).toBeVisible();
  await expect(train).toBeEnabled();
  // ...until it feeds the Output (replacing dense3's wire): now it is an error and Train is blocked.
  await wire(page, 'Dense dense4', 'Output output');
  const badge = dense.getByRole('img', {
    name: /^Error: .*needs a rank-2 input, but gets \[\?, 26, 26, 16\]/,
  });
  await expect(badge).toBeVisible();
  await expect(train).toBeDisabled();
  await expect(page.getByText("Fix this error to train: Dense 'dense4' needs a rank-2 input")).toBeVisible();
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('needs a rank-2 input');
  await page.screenshot({ path: 'test-results/editor-2-error.png' });

  // Delete the offending layer with the keyboard; undo and redo it.
  await dense.click();
  await page.keyboard.press('Delete');
  await expect(dense).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(dense).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(dense).toHaveCount(0);

  // Rewire the template's last Dense to the Output: the network trains again.
  await wire(page, 'Dense dense3', 'Output output');
  await expect(train).toBeEnabled();
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('0 errors');
  await page.screenshot({ path: 'test-results/editor-3-fixed.png' });
  expect(errors).toEqual([]);
});

test('the inspector edits a layer and validates values', async ({ page }) => {
  await page.goto('./');
  await layerNode(page, 'Conv2D conv1').click();
  const inspector = page.getByRole('region', { name: /Inspector/ });
  const filters = inspector.getByLabel('Filters');
  await expect(filters).toHaveValue('6');
  await filters.fill('0');
  await filters.press('Enter');
  await expect(inspector.getByText('Enter a value from 1 to 4096.')).toBeVisible();
  await filters.fill('8');
  await filters.press('Enter');
  await expect(layerNode(page, 'Conv2D conv1')).toContainText('[?, 24, 24, 8]');
  await expect(layerNode(page, 'Conv2D conv1')).toContainText('208 params');
  await inspector.getByLabel('Name').fill('first conv');
  await inspector.getByLabel('Name').blur();
  await expect(layerNode(page, 'Conv2D first conv')).toBeVisible();
  await layerNode(page, 'BatchNorm bn1').click();
  await expect(inspector).toContainText("PyTorch's convention: momentum = 0.1");
  await page.screenshot({ path: 'test-results/editor-4-inspector.png' });
});

test('save downloads the project, open reads one back and reports broken files', async ({ page }) => {
  // Downloads, not the File System Access picker (Playwright cannot answer it).
  await page.goto('./?files=download');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('toolbar', { name: 'Project' }).getByRole('button', { name: 'Save' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('LeNet with batch normalization.layerloom');
  const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(saved.format).toBe('layerloom-project');

  // A file with a bad value: the error names the JSON path, and the document stays.
  const broken = {
    ...saved,
    layers: saved.layers.map((l: { id: string }, i: number) => (i === 1 ? { ...l, position: 'x' } : l)),
  };
  const fileInput = page.getByLabel('Project file to open');
  await fileInput.setInputFiles({
    name: 'broken.layerloom',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(broken)),
  });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not open broken.layerloom.');
  await expect(alert).toContainText('$.layers[1].position');
  await expect(layerNode(page, 'Conv2D conv1')).toBeVisible();

  // A valid file replaces the document.
  const renamed = {
    ...saved,
    name: 'Renamed net',
    layers: saved.layers.map((l: { id: string; name: string }) =>
      l.id === 'conv1' ? { ...l, name: 'c1' } : l,
    ),
  };
  await fileInput.setInputFiles({
    name: 'ok.layerloom',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(renamed)),
  });
  await expect(layerNode(page, 'Conv2D c1')).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Renamed net');
  await expect(page.getByRole('alert')).toHaveCount(0);
});
