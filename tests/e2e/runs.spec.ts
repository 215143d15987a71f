import { expect, test, type Locator, type Page } from '@playwright/test';

/** Sets a training field the way a user does: select it, type, press Enter. */
async function setField(scope: Locator, label: string, value: string): Promise<void> {
  const field = scope.getByRole('spinbutton', { name: label, exact: true });
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.pressSequentially(value);
  await field.press('Enter');
  await expect(field).toHaveValue(value);
}

/** Clicks Train and waits for the run to finish. */
async function trainOnce(training: Locator): Promise<void> {
  await training.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(training.getByText('Training finished.')).toBeVisible({ timeout: 60_000 });
}

/** The body rows of a table as lists of cell texts. */
async function rowsOf(table: Locator): Promise<string[][]> {
  const texts = await table.locator('tbody').getByRole('row').allInnerTexts();
  return texts.map((t) => t.split('\t').map((s) => s.trim()));
}

/** The first column of the "Picked runs per epoch" table: one run label per row. */
async function overlaidRuns(page: Page): Promise<string[]> {
  const table = page.getByRole('table', { name: 'Picked runs per epoch' });
  return (await rowsOf(table)).map((r) => r[0]!);
}

const LIVE_LOSS = 'Training loss per batch (smoothed), live';

/**
 * Opens the live loss chart's data table and reads it until both variants have shown a
 * number or the experiment has ended: every number shown must be finite. Returns which
 * variants' columns showed numbers before the experiment ended, and the polls made.
 */
async function watchRace(page: Page, training: Locator): Promise<{ variants: string[]; polls: number }> {
  const live = training.getByRole('region', { name: LIVE_LOSS });
  await live.getByRole('button', { name: `Show data: ${LIVE_LOSS}` }).click();
  // (uPlot's legend is a table too: pick the data table by its caption.)
  const table = live.getByRole('table', { name: /\(last \d+ steps\)$/ });
  const heads = (await table.getByRole('columnheader').allInnerTexts()).map((h) => h.trim());
  expect(heads).toEqual(['Step', 'with batch norm', 'without batch norm']);
  const variants = new Set<string>();
  let polls = 0;
  while (variants.size < 2 && (await live.count()) > 0) {
    polls++;
    const rows = await rowsOf(table).catch(() => [] as string[][]);
    for (const row of rows) {
      expect(Number.isInteger(Number(row[0]))).toBe(true);
      row.slice(1).forEach((cell, k) => {
        if (cell === '–' || cell === '') return;
        expect(Number.isFinite(Number(cell)), `${heads[k + 1]}: ${cell}`).toBe(true);
        variants.add(heads[k + 1]!);
      });
    }
    await page.waitForTimeout(150);
  }
  // Both lines while they train (when the experiment is still on).
  if (variants.size === 2) {
    await live.scrollIntoViewIfNeeded().catch(() => undefined);
    await page.screenshot({ path: '.tmp/liveexp-race.png' }).catch(() => undefined);
  }
  return { variants: [...variants].sort(), polls };
}

test('runs are kept and overlaid; the batch-norm experiment runs end to end; evaluation', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  const training = page.getByRole('region', { name: 'Training' });
  await expect(training).toContainText('Fashion-MNIST');
  await setField(training, 'Training examples', '512');
  await setField(training, 'Epochs', '1');
  await setField(training, 'Batch size', '64');

  // Two plain runs, the second with another learning rate.
  await trainOnce(training);
  await setField(training, 'Learning rate', '0.5');
  await trainOnce(training);

  const tabs = training.getByRole('tablist', { name: 'Training charts' });
  await tabs.getByRole('tab', { name: 'Runs' }).click();
  const history = training.getByRole('table', { name: 'Run history (2)' });
  await expect(history.locator('tbody').getByRole('row')).toHaveCount(2);
  await expect(training.getByText('Pick two or more runs to overlay their curves.')).toBeVisible();
  await training.getByRole('checkbox', { name: 'Pick Run 1' }).check();
  await training.getByRole('checkbox', { name: 'Pick Run 2' }).check();
  await expect(training.getByRole('img', { name: 'Training loss per batch (picked runs)' })).toBeVisible();
  await training.getByRole('button', { name: 'Show run data' }).click();
  expect(await overlaidRuns(page)).toEqual(['Run 1', 'Run 2']);

  // Evaluation of the last run on 300 test examples, in both modes.
  await tabs.getByRole('tab', { name: 'Evaluation' }).click();
  const panel = training.getByRole('tabpanel');
  await setField(panel, 'Test examples evaluated', '300');
  const summary = panel.getByText(/% correct \(/);
  await expect(summary).toContainText('of 300 test examples, Prediction mode');
  const matrix = panel.getByRole('table', { name: /Confusion matrix/ });
  const cells = (await rowsOf(matrix)).flatMap((r) => r.slice(1).map(Number));
  expect(cells).toHaveLength(100);
  expect(cells.reduce((a, b) => a + b, 0)).toBe(300);
  const training_mode = panel.getByRole('radio', { name: 'Training mode' });
  await training_mode.check();
  await expect(summary).toContainText('of 300 test examples, Training mode');
  await expect(training_mode).toBeChecked();
  await expect(summary).toContainText(/\d+ predictions? differs? from the other mode/);
  await expect(
    panel.getByRole('list', { name: 'Test images with their predictions' }).getByRole('button'),
  ).toHaveCount(40);
  await expect(panel.getByRole('img', { name: /^Map 1 of / })).toBeVisible();

  // Try your own image: 10 class probabilities that sum to 1.
  await panel.getByLabel('Image file').setInputFiles('tests/fixtures/images/trouser-40.png');
  await expect(panel.getByRole('img', { name: 'Your image as the model sees it' })).toBeVisible();
  const probs = panel.getByRole('table', { name: /Predicted class probabilities/ });
  const values = (await rowsOf(probs)).map((r) => Number(r.at(-1)!.replace('%', '').trim()));
  expect(values).toHaveLength(10);
  expect(Math.abs(values.reduce((a, b) => a + b, 0) - 100)).toBeLessThan(0.6);
  await summary.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '.tmp/runs-evaluation.png' });
  await panel.getByRole('heading', { name: 'Feature maps' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '.tmp/runs-evaluation-2.png' });

  // One click: with and without batch norm, then the overlay of both opens by itself.
  // On two or more cores both variants train at once, each in a worker of its own: both
  // have a progress bar at the same time (one at a time, the second waits without one).
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await training.getByRole('button', { name: 'Experiment…' }).click();
  await training
    .getByRole('group', { name: 'Experiments' })
    .getByRole('button', { name: 'With and without batch norm' })
    .click();
  const parallel = cores >= 2 ? 2 : 1;
  await expect(
    training.getByRole('status').filter({
      hasText: `With and without batch norm: ${parallel} of 2 runs training, up to ${parallel} at a time`,
    }),
  ).toBeVisible();
  const variants = training.getByRole('list', { name: 'Runs of the experiment' });
  await expect(
    variants.getByRole('progressbar', { name: /^Progress of (with|without) batch norm$/ }),
  ).toHaveCount(parallel);
  if (parallel === 1) await expect(variants).toContainText('without batch norm · waiting');
  // The Runs tab opens as the experiment starts, on both variants' curves growing live.
  await expect(tabs.getByRole('tab', { name: 'Runs' })).toHaveAttribute('aria-selected', 'true');
  // Which variants show numbers before the end depends on how the two workers share the
  // cores; the first to finish keeps its curve in the race until the other ends.
  const started = Date.now();
  const seen = await watchRace(page, training);
  console.log(`live race: ${JSON.stringify(seen)} in ${Date.now() - started} ms`);
  expect(seen.variants.length).toBeGreaterThanOrEqual(1);
  await expect(training.getByRole('table', { name: 'Run history (4)' })).toBeVisible({ timeout: 60_000 });
  await training.getByRole('button', { name: 'Show run data' }).click();
  expect(await overlaidRuns(page)).toEqual(['Run 3 · with batch norm', 'Run 4 · without batch norm']);
  await expect(training.getByRole('checkbox', { name: 'Pick Run 3 · with batch norm' })).toBeChecked();
  await training.getByRole('img', { name: 'Training loss per batch (picked runs)' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '.tmp/runs-overlay.png' });
  expect(errors).toEqual([]);
});
