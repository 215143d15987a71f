import { expect, test, type Locator, type Page } from '@playwright/test';
import { fromTemplate, setField } from './canvas-helpers';

/** One row of the "Results per epoch" table of a regression run. */
interface EpochFigures {
  loss: number;
  mae: number;
  testMae: number;
  r2: number;
}

/** Opens "Show data" and reads the epoch table, checking that its columns name the MAE, not accuracy. */
async function epochFigures(training: Locator): Promise<EpochFigures[]> {
  const show = training.getByRole('button', { name: 'Show data', exact: true });
  if ((await show.getAttribute('aria-pressed')) !== 'true') await show.click();
  const table = training.getByRole('table', { name: 'Results per epoch' });
  await expect(table.getByRole('columnheader')).toHaveText([
    'Epoch',
    'Loss',
    'MAE',
    'Test MAE',
    'Test MAE (batch stats)',
    'Test R²',
  ]);
  const rows = await table.locator('tbody').getByRole('row').allInnerTexts();
  return rows.map((r) => {
    const c = r.split('\t').map((s) => Number(s.trim()));
    return { loss: c[1]!, mae: c[2]!, testMae: c[3]!, r2: c[5]! };
  });
}

/** The training region of the window. */
const trainingRegion = (page: Page): Locator => page.getByRole('region', { name: 'Training' });

/** Trains with the project's settings until the run ends. */
async function train(training: Locator): Promise<void> {
  await training.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(training).toContainText('Training finished.', { timeout: 90_000 });
}

/** The loss fell by a large factor, every MAE is a finite, positive number, and the fit explains most variance. */
function expectLearned(rows: EpochFigures[], epochs: number): void {
  expect(rows).toHaveLength(epochs);
  expect(rows.at(-1)!.loss).toBeLessThan(rows[0]!.loss / 3);
  for (const r of rows) {
    for (const v of [r.loss, r.mae, r.testMae]) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThan(0);
    }
  }
  expect(rows.at(-1)!.testMae).toBeLessThan(rows[0]!.testMae);
  expect(rows.at(-1)!.r2).toBeGreaterThan(0.8);
}

test('the Regression MLP fits the toy sine set: MAE charts, a live fit curve, no classification views', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  const training = page.getByRole('region', { name: 'Training' });
  // A classifier on a regression set is named as a problem before anything trains.
  await fromTemplate(page, 'MLP for 2D points');
  await training.getByRole('combobox', { name: 'Dataset' }).selectOption({ label: 'Sine (1D regression)' });
  await expect(page.getByText(/predicts classes, but the dataset is a regression set/).first()).toBeVisible();
  await fromTemplate(page, 'Regression MLP');
  await expect(training.getByRole('combobox', { name: 'Dataset' })).toHaveValue('toy-sine');
  await expect(training).toContainText('[1] · regression');
  await expect(training.getByText(/Regression output layer/)).toBeVisible();
  await expect(
    training.getByText("Train to see the model's prediction curve over the data here."),
  ).toBeVisible();
  await setField(training, 'Epochs', '12');
  await training.getByRole('button', { name: 'Train', exact: true }).click();
  const fit = training.getByRole('img', {
    name: /The model's prediction curve over the input after step \d+, with 500 data points/,
  });
  await expect(fit).toBeVisible({ timeout: 60_000 });
  const firstFit = await fit.getAttribute('aria-label');
  await expect(training).toContainText('Training finished.', { timeout: 90_000 });
  // The curve kept updating while it trained.
  await expect(fit).not.toHaveAttribute('aria-label', firstFit!);

  // The metric chart speaks of the mean absolute error; its own table has finite values.
  await expect(training.getByRole('region', { name: 'Accuracy', exact: true })).toHaveCount(0);
  const chart = training.getByRole('region', { name: 'Mean absolute error (MAE)' });
  await chart.getByRole('button', { name: 'Show data: Mean absolute error (MAE)' }).click();
  const chartTable = chart.getByRole('table');
  await expect(chartTable.getByRole('columnheader')).toContainText(['Training MAE (raw)', 'Test MAE']);
  // The first value cell of each row: the raw training MAE of that step.
  const rawMae = await chartTable.locator('tbody tr > td:first-of-type').allTextContents();
  expect(rawMae.length).toBeGreaterThan(10);
  for (const v of rawMae) expect(Number.isFinite(Number(v))).toBe(true);

  expectLearned(await epochFigures(training), 12);
  await training.locator('.fit-view').screenshot({ path: '.tmp/regression-fit.png' });

  // The Evaluation tab explains instead of drawing a confusion matrix.
  await training.getByRole('tab', { name: 'Evaluation' }).click();
  await expect(training.getByText(/are for classification runs/)).toBeVisible();
  await expect(training.getByRole('table', { name: /Confusion matrix/ })).toHaveCount(0);
  // The run history names the figure, too.
  await training.getByRole('tab', { name: 'Runs' }).click();
  await expect(training.getByRole('cell', { name: /^MAE \d+\.\d{4}$/ }).first()).toBeVisible();
  // Switched to a set with class labels, the Regression output is marked, naming the set.
  await training.getByRole('combobox', { name: 'Dataset' }).selectOption({ label: 'Gaussian blobs (2D)' });
  await expect(
    page
      .getByText(/predicts numbers, but the dataset 'Gaussian blobs \(2D\)' has class labels \(3 classes\)/)
      .first(),
  ).toBeVisible();
  expect(errors).toEqual([]);
});

const FIXTURES = new URL('../fixtures/datasets/', import.meta.url).pathname;

test('import a CSV file with a numeric target as a regression set and train it', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./?files=download');
  await fromTemplate(page, 'Regression MLP');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import CSV…' }).click();
  await (await chooser).setFiles([`${FIXTURES}curve.csv`]);
  const dialog = page.getByRole('dialog', { name: 'Import CSV: curve.csv' });
  await expect(dialog.getByLabel('Target column')).toHaveValue('y');
  await dialog.getByLabel('Task', { exact: true }).selectOption({ label: 'Regression' });
  await expect(dialog.getByRole('region', { name: 'Class balance' })).toHaveCount(0);
  await expect(dialog).toContainText(/\d+ training · \d+ validation · \d+ test examples · 1 input features/);
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toBeHidden();

  await expect(trainingRegion(page)).toContainText('[1] · regression');
  await setField(trainingRegion(page), 'Epochs', '15');
  await train(trainingRegion(page));
  expectLearned(await epochFigures(trainingRegion(page)), 15);
  await expect(
    trainingRegion(page).getByRole('img', {
      name: /prediction curve over the input after step \d+, with 240 data points/,
    }),
  ).toBeVisible();
  expect(errors).toEqual([]);
});

test('the saddle set shows a live prediction surface with its data table', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  const training = trainingRegion(page);
  await fromTemplate(page, 'Regression MLP');
  await training.getByRole('combobox', { name: 'Dataset' }).selectOption({ label: 'Saddle (2D regression)' });
  const view = training.getByRole('region', { name: 'Prediction surface' });
  await expect(
    view.getByText("Train to see the model's prediction over the input plane here."),
  ).toBeVisible();
  await expect(training.getByRole('region', { name: 'Model fit' })).toHaveCount(0);
  await setField(training, 'Epochs', '10');
  await training.getByRole('button', { name: 'Train', exact: true }).click();
  const surface = view.getByRole('img', {
    name: /prediction over the input plane after step \d+ as a heat map .* with \d+ data points coloured by their target value/,
  });
  await expect(surface).toBeVisible({ timeout: 60_000 });
  const first = await surface.getAttribute('aria-label');
  await expect(training).toContainText('Training finished.', { timeout: 90_000 });
  await expect(surface).not.toHaveAttribute('aria-label', first!);
  await expect(view).toContainText(/Colour scale: blue -?\d+\.\d{4} · white -?\d+\.\d{4} · red -?\d+\.\d{4}/);

  await view.locator('figure').screenshot({ path: '.tmp/regression-surface.png' });
  await view.getByRole('button', { name: 'Show data: prediction surface' }).click();
  const table = view.getByRole('table', { name: /Predicted value on a 8×8 sample of the plane/ });
  await expect(table.getByRole('row')).toHaveCount(9);
  // The trained saddle: the corners on the x1 axis (row middle, columns at the ends) are high,
  // those on the x2 axis (column middle, rows at the ends) low.
  // Each row: its x2 heading, then the 8 predictions.
  const rows = await table.locator('tbody').getByRole('row').allInnerTexts();
  const cells = rows.map((r) =>
    r
      .split('\t')
      .slice(1)
      .map((v) => Number(v.trim())),
  );
  expect(cells.map((r) => r.length)).toEqual([8, 8, 8, 8, 8, 8, 8, 8]);
  expect(cells.flat().every(Number.isFinite)).toBe(true);
  const edgeX1 = (cells[3]![0]! + cells[4]![7]!) / 2;
  const edgeX2 = (cells[0]![3]! + cells[7]![4]!) / 2;
  expect(edgeX1).toBeGreaterThan(edgeX2 + 0.5);
  expect(errors).toEqual([]);
});
