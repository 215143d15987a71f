import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { fromTemplate, layerNode, setField } from './canvas-helpers';

/** The test accuracies in the "Results per epoch" table, in epoch order. */
async function testAccuracies(training: Locator): Promise<number[]> {
  const table = training.getByRole('table', { name: 'Results per epoch' });
  const rows = await table.locator('tbody').getByRole('row').allInnerTexts();
  return rows.map((r) => Number(r.split('\t')[3]!.trim()));
}

test('pick and tune a toy set; the spiral template trains above 0.9 with a live decision boundary', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await fromTemplate(page, 'MLP for 2D points');
  const training = page.getByRole('region', { name: 'Training' });
  const picker = training.getByRole('combobox', { name: 'Dataset' });
  await expect(picker).toHaveValue('toy-spiral');
  await expect(
    training.getByRole('img', { name: /Scatter plot of the dataset: 1500 points in 3 classes/ }),
  ).toBeVisible();
  await expect(training).toContainText('1200 for training, 300 for testing');

  // Another set, tuned: the preview follows, and the Output's class count no longer fits.
  await picker.selectOption({ label: 'Moons (2D)' });
  await expect(training.getByLabel('Classes', { exact: true })).toHaveCount(0);
  await setField(training, 'Examples', '400');
  await setField(training, 'Noise', '0.2');
  await expect(training.getByRole('img', { name: /400 points in 2 classes/ })).toBeVisible();
  await expect(page.getByText(/Output 'output' gets 3 classes, but the dataset has 2/).first()).toBeVisible();
  await picker.selectOption({ label: 'Gaussian blobs (2D)' });
  await setField(training, 'Classes', '5');
  await expect(training.getByRole('img', { name: /500 points in 5 classes/ })).toBeVisible();
  await training.locator('.dataset-panel').screenshot({ path: '.tmp/data-dataset-panel.png' });

  // Back to the template's spiral (undo the five dataset edits) and train it.
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(picker).toHaveValue('toy-spiral');
  await expect(training.getByRole('img', { name: /1500 points in 3 classes/ })).toBeVisible();
  // The template's own settings: 30 short epochs (a few seconds).
  await expect(training.getByLabel('Epochs', { exact: true })).toHaveValue('30');
  await expect(training.getByText("Train to see the model's decision boundary here.")).toBeVisible();
  await training.getByRole('button', { name: 'Train', exact: true }).click();
  const boundary = training.getByRole('img', {
    name: /Decision boundary of the model over the input plane after step \d+/,
  });
  await expect(boundary).toBeVisible({ timeout: 60_000 });
  const firstName = await boundary.getAttribute('aria-label');
  await expect(training).toContainText('Training finished.', { timeout: 90_000 });
  // The view kept updating while it trained: a later step than the first one shown.
  await expect(boundary).not.toHaveAttribute('aria-label', firstName!);
  await training.getByRole('button', { name: 'Show data', exact: true }).click();
  const accuracies = await testAccuracies(training);
  expect(accuracies).toHaveLength(30);
  expect(accuracies.at(-1)!).toBeGreaterThan(0.9);
  await training.locator('.boundary').screenshot({ path: '.tmp/data-boundary.png' });
  expect(errors).toEqual([]);
});

const FIXTURES = new URL('../fixtures/datasets/', import.meta.url).pathname;

/** Clicks an import button and gives the file chooser these paths. */
async function pickFiles(page: Page, button: string, paths: string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(paths);
}

/** Trains the current project with its settings and returns the last test (validation) accuracy. */
async function trainToEnd(training: Locator, epochs: string): Promise<number> {
  await setField(training, 'Epochs', epochs);
  await training.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(training).toContainText('Training finished.', { timeout: 90_000 });
  const show = training.getByRole('button', { name: 'Show data', exact: true });
  if ((await show.getAttribute('aria-pressed')) !== 'true') await show.click();
  const accuracies = await testAccuracies(training);
  expect(accuracies).toHaveLength(Number(epochs));
  return accuracies.at(-1)!;
}

test('import a CSV file: detection, an error naming line and column, preview, balance; then train above 0.9', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./?files=download');
  await fromTemplate(page, 'MLP for 2D points');
  await pickFiles(page, 'Import CSV…', [`${FIXTURES}points.csv`]);
  const dialog = page.getByRole('dialog', { name: 'Import CSV: points.csv' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Delimiter')).toHaveValue('auto');
  await expect(dialog.getByRole('option', { name: 'Detect (Comma)' })).toHaveCount(1);
  await expect(dialog.getByLabel('Target column')).toHaveValue('species');
  await expect(dialog.getByRole('option', { name: 'Detect (Classification)' })).toHaveCount(1);
  await expect(dialog.getByRole('combobox', { name: 'colour', exact: true })).toHaveValue('categorical');
  const table = dialog.getByRole('table', { name: 'Preview: the first rows of points.csv' });
  await expect(table.getByRole('columnheader')).toHaveText(['length', 'width', 'colour', 'species']);
  await expect(table.locator('tbody tr')).toHaveCount(8);
  const balance = dialog.getByRole('region', { name: 'Class balance' });
  await expect(balance).toContainText(/setosa: \d+ \(33\.\d%\)/);
  await expect(dialog).toContainText(
    /rows were left out\. First: line 7, column 'width': the value is missing/,
  );

  // Refusing missing values turns the dropped row into an error naming line and column.
  await dialog.getByLabel('Missing values').selectOption({ label: 'Refuse the file' });
  await expect(dialog.getByRole('alert')).toContainText("line 7, column 'width': the value is missing");
  await expect(dialog.getByRole('button', { name: 'Import' })).toBeDisabled();
  await dialog.getByLabel('Missing values').selectOption({ label: 'Fill with the column mean' });
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(dialog).toContainText(/210 training · 30 validation · 60 test examples · 5 input features/);
  await dialog.screenshot({ path: '.tmp/data-csv-preview.png' });
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toBeHidden();

  const training = page.getByRole('region', { name: 'Training' });
  await expect(training.getByRole('combobox', { name: 'Dataset' })).toHaveValue(/^imported:/);
  await expect(training).toContainText('[5] · 3 classes');
  expect(await trainToEnd(training, '20')).toBeGreaterThan(0.9);

  // Saved with the project: the file names the source and its hash; the prepared data stays in
  // the browser's storage, so after a restart the reopened project trains at once.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('toolbar', { name: 'Project' }).getByRole('button', { name: 'Save' }).click(),
  ]);
  const saved = readFileSync(await download.path(), 'utf8');
  const dataset = JSON.parse(saved).dataset;
  expect(dataset).toMatchObject({ kind: 'imported', name: 'points.csv', inputShape: [5], classes: 3 });
  expect(dataset.source).toMatchObject({ format: 'csv', files: [{ name: 'points.csv', bytes: 7312 }] });
  expect(dataset.source.hash).toBe(dataset.id);
  await page.reload();
  await expect(training).toContainText('Fashion-MNIST');
  await page.getByLabel('Project file to open').setInputFiles({
    name: 'points.layerloom',
    mimeType: 'application/json',
    buffer: Buffer.from(saved),
  });
  await expect(training.getByRole('combobox', { name: 'Dataset' })).toHaveValue(`imported:${dataset.id}`);
  await expect(training.getByText(/is not stored on this computer/)).toHaveCount(0);
  expect(await trainToEnd(training, '2')).toBeGreaterThan(0.5);
  expect(errors).toEqual([]);
});

test('an imported 2D CSV set shows its points over the live decision boundary', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./?files=download');
  await fromTemplate(page, 'MLP for 2D points');
  await pickFiles(page, 'Import CSV…', [`${FIXTURES}points.csv`]);
  const dialog = page.getByRole('dialog', { name: 'Import CSV: points.csv' });
  // Two numeric columns left: a 2D set (8 rows miss their width and are dropped).
  await dialog.getByRole('combobox', { name: 'colour', exact: true }).selectOption({ label: 'Ignore' });
  await expect(dialog).toContainText(/204 training · 30 validation · 58 test examples · 2 input features/);
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toBeHidden();
  const training = page.getByRole('region', { name: 'Training' });
  await expect(training).toContainText('[2] · 3 classes');
  await setField(training, 'Epochs', '3');
  await training.getByRole('button', { name: 'Train', exact: true }).click();
  const boundary = training.getByRole('img', { name: /after step \d+, with 292 data points on top/ });
  await expect(boundary).toBeVisible({ timeout: 60_000 });
  await expect(training).toContainText('Training finished.', { timeout: 90_000 });
  await training.locator('.boundary').screenshot({ path: '.tmp/data-imported-boundary.png' });
  expect(errors).toEqual([]);
});

/** Starts from the MLP template and fits its last Dense layer to a class count, through the inspector. */
async function mlpFor(page: Page, classes: number): Promise<void> {
  await fromTemplate(page, 'MLP');
  await layerNode(page, 'Dense logits').click();
  const units = page.getByRole('region', { name: 'Inspector' }).getByLabel('Units', { exact: true });
  await units.fill(String(classes));
  await units.press('Enter');
  await expect(units).toHaveValue(String(classes));
}

test('import an image folder: corrupt files named, a grid of examples, then train above 0.9', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await mlpFor(page, 2);
  await pickFiles(page, 'Import image folder…', [`${FIXTURES}shapes`]);
  const dialog = page.getByRole('dialog', { name: 'Import image folder: shapes' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('48 images of 28×28×1 in 2 classes');
  await expect(dialog.getByRole('img', { name: /Example images: 16 of 48, in 2 classes/ })).toBeVisible();
  await expect(dialog.getByRole('status')).toContainText('shapes/vertical/broken.png could not be decoded');
  await setField(dialog, 'Image size', '16');
  await expect(dialog).toContainText('48 images of 16×16×1 in 2 classes');
  await expect(dialog.getByRole('region', { name: 'Class balance' })).toContainText('horizontal: 24 (50.0%)');
  await dialog.screenshot({ path: '.tmp/data-image-folder.png' });
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toBeHidden();

  const training = page.getByRole('region', { name: 'Training' });
  await expect(training).toContainText('[16 × 16 × 1] · 2 classes');
  await setField(training, 'Batch size', '8');
  expect(await trainToEnd(training, '15')).toBeGreaterThan(0.9);
  expect(errors).toEqual([]);
});

test('import IDX files (gzipped images, plain labels), then train above 0.9', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await mlpFor(page, 4);
  await pickFiles(page, 'Import IDX files…', [
    `${FIXTURES}idx/quadrants-labels-idx1-ubyte`,
    `${FIXTURES}idx/quadrants-images-idx3-ubyte.gz`,
  ]);
  const dialog = page.getByRole('dialog', { name: /Import IDX files: / });
  await expect(dialog).toContainText('200 images of 8×8×1 in 4 classes');
  await expect(dialog.getByRole('img', { name: /Example images: 32 of 200, in 4 classes/ })).toBeVisible();
  await expect(dialog).toContainText('140 training · 20 validation · 40 test examples · 64 input features');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toBeHidden();
  const training = page.getByRole('region', { name: 'Training' });
  await expect(training).toContainText('[8 × 8 × 1] · 4 classes');
  await setField(training, 'Batch size', '16');
  expect(await trainToEnd(training, '15')).toBeGreaterThan(0.9);
  expect(errors).toEqual([]);
});
