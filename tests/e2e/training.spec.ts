import { expect, test, type Page } from '@playwright/test';
import { dragNodeBy, layerNode, paletteItem } from './canvas-helpers';

interface Row {
  step: number;
  epoch: number;
  loss: number;
  accuracy: number;
}

/** Reads the "Training data" table as a user would see it (cells separated by tabs). */
async function batchRows(page: Page): Promise<Row[]> {
  const table = page.getByRole('table', { name: /Training data/ });
  const texts = await table.locator('tbody').getByRole('row').allInnerTexts();
  return texts.map((t) => {
    const [step, epoch, loss, accuracy] = t.split('\t').map((s) => Number(s.trim()));
    return { step: step!, epoch: epoch!, loss: loss!, accuracy: accuracy! };
  });
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

test('train on a subset while the canvas stays editable', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  const training = page.getByRole('region', { name: 'Training' });
  await expect(training).toContainText('Fashion-MNIST');
  await expect(training.getByLabel('Training examples')).toHaveValue('');
  await expect(training.getByLabel('Training examples')).toHaveAttribute('placeholder', 'All');
  await training.getByLabel('Training examples').fill('6144');
  await training.getByLabel('Epochs').fill('2');
  await training.getByLabel('Batch size').fill('32');
  await training.getByLabel('Batch size').press('Enter');
  await expect(training.getByLabel('Training examples')).toHaveValue('6144');
  // The test pins its backend, as a user would in the training settings.
  await training.getByRole('combobox', { name: 'Backend' }).selectOption('WebAssembly (wasm)');

  const train = training.getByRole('button', { name: 'Train', exact: true });
  await train.click();
  await expect(train).toBeDisabled();
  await expect(training.getByText(/^Backend: wasm \(chosen in the training settings\)/)).toBeVisible({
    timeout: 60_000,
  });
  const progress = training.getByRole('progressbar', { name: 'Training progress' });
  await expect(progress).toHaveAttribute('aria-valuetext', /^Epoch 1\/2 · batch \d+\/192/);
  const stepsDone = async (): Promise<number> => Number(await progress.getAttribute('aria-valuenow'));

  const showData = training.getByRole('button', { name: 'Show data', exact: true });
  await showData.click();
  await expect(showData).toHaveAttribute('aria-pressed', 'true');
  await expect
    .poll(async () => (await batchRows(page)).length, { timeout: 60_000 })
    .toBeGreaterThanOrEqual(10);
  const first = (await batchRows(page)).slice(0, 10);
  expect(first.map((r) => r.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect(first.every((r) => Number.isFinite(r.loss) && Number.isFinite(r.accuracy))).toBe(true);
  await page.screenshot({ path: 'test-results/training-1-running.png' });

  // While it trains: move a layer by 100 px and add a Dropout; batches keep coming.
  const before = await stepsDone();
  const flatten = layerNode(page, 'Flatten flatten');
  const start = (await flatten.boundingBox())!;
  await dragNodeBy(page, 'Flatten flatten', 100, 0);
  const moved = (await flatten.boundingBox())!;
  expect(Math.abs(moved.x - start.x - 100)).toBeLessThan(4);
  await paletteItem(page, 'Dropout').click();
  await expect(layerNode(page, 'Dropout dropout1')).toBeVisible();
  await expect.poll(stepsDone, { timeout: 30_000 }).toBeGreaterThan(before);
  const rowsMid = (await batchRows(page)).length;
  await expect.poll(async () => (await batchRows(page)).length, { timeout: 30_000 }).toBeGreaterThan(rowsMid);

  // Enough steps for the loss to have fallen clearly.
  await expect.poll(stepsDone, { timeout: 90_000 }).toBeGreaterThanOrEqual(150);
  const rows = await batchRows(page);
  expect(rows.every((r) => Number.isFinite(r.loss) && Number.isFinite(r.accuracy))).toBe(true);
  const last = rows.slice(-10);
  expect(mean(last.map((r) => r.loss))).toBeLessThan(mean(first.map((r) => r.loss)));
  await page.screenshot({ path: 'test-results/training-2-later.png' });

  await training.getByRole('button', { name: 'Stop' }).click();
  await expect(train).toBeEnabled();
  await expect(training).toContainText('Training stopped.');
  await page.screenshot({ path: 'test-results/training-3-stopped.png' });
  expect(errors).toEqual([]);
});
