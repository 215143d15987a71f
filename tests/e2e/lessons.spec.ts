import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';

/** A lesson file as the test needs it (the app validates the full format itself). */
interface LessonFile {
  id: string;
  order: number;
  title: string;
  steps: { title: string; action?: Record<string, unknown> }[];
}

const dir = new URL('../../assets/lessons/', import.meta.url);
const en: unknown = JSON.parse(
  readFileSync(new URL('../../assets/locales/en.json', import.meta.url), 'utf8'),
);
const lessons: LessonFile[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as LessonFile)
  .sort((a, b) => a.order - b.order);

/** Catalog text by dotted key. */
const text = (key: string): string =>
  key.split('.').reduce<unknown>((at, k) => (at as Record<string, unknown>)[k], en) as string;

/** How many runs a step's action makes (0 for open and highlight). */
function runsOf(action: Record<string, unknown> | undefined): number {
  if (!action) return 0;
  if ('train' in action) return 1;
  if (!('compare' in action)) return 0;
  const c = action['compare'] as string | { lrs?: number[]; templates?: string[] };
  return typeof c === 'string' ? 2 : (c.lrs ?? c.templates ?? []).length;
}

/** A template's document name, and its catalog title. */
function template(id: string): { name: string; title: string } {
  const file = new URL(`../../assets/templates/${id}.json`, import.meta.url);
  const { name } = JSON.parse(readFileSync(file, 'utf8')) as { name: string };
  return { name, title: text(`template.${id}.title`) };
}

/** The accessible name of a step's action button. */
function actionLabel(action: Record<string, unknown>): string {
  if ('open' in action) {
    const open = action['open'] as string | { template: string };
    return `Open ${template(typeof open === 'string' ? open : open.template).title}`;
  }
  if ('train' in action) {
    const epochs = (action['train'] as { epochs: number }).epochs;
    return `Train ${epochs} epoch${epochs === 1 ? '' : 's'}`;
  }
  return 'compare' in action ? 'Compare' : 'Show the chart';
}

/** The body rows of a table as numbers (row header first). */
async function tableRows(table: Locator): Promise<number[][]> {
  const texts = await table.locator('tbody').getByRole('row').allInnerTexts();
  return texts.map((t) => t.split('\t').map((s) => Number(s.trim())));
}

async function openLesson(page: Page, title: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Lessons…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Lessons' });
  await dialog.getByRole('button', { name: title }).click();
  await expect(dialog).toBeHidden();
  const panel = page.getByRole('complementary', { name: title });
  await expect(panel).toBeVisible();
  return panel;
}

/** Sets the lesson run size (kept for the whole session) once a train or compare step shows it. */
async function smallRuns(panel: Locator, train: number, testExamples: number): Promise<void> {
  await panel.getByLabel('Training examples per run').fill(String(train));
  await panel.getByLabel('Test examples per evaluation').fill(String(testExamples));
}

test('every lesson opens and each step runs with small limits', async ({ page }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  expect(lessons.length).toBeGreaterThanOrEqual(8);
  let sized = false;
  for (const lesson of lessons) {
    const panel = await openLesson(page, text(lesson.title));
    for (const [i, step] of lesson.steps.entries()) {
      await expect(panel.getByText(`Step ${i + 1} of ${lesson.steps.length}`)).toBeVisible();
      await expect(panel.getByRole('heading', { name: text(step.title) })).toBeVisible();
      const runs = runsOf(step.action);
      if (runs > 0 && !sized) {
        await smallRuns(panel, 256, 256);
        sized = true;
      }
      if (step.action) {
        const button = panel.getByRole('button', { name: actionLabel(step.action), exact: true });
        await expect(button).toBeEnabled({ timeout: 30_000 });
        await button.click();
      }
      if (step.action && 'open' in step.action) {
        const open = step.action['open'] as string | { template: string };
        const { name } = template(typeof open === 'string' ? open : open.template);
        await expect(page.locator('.toolbar__doc')).toHaveText(name);
      }
      if (runs > 0) {
        const results = panel.getByRole('table', { name: /^Results? of/ });
        await expect(results.locator('tbody tr')).toHaveCount(runs, { timeout: 60_000 });
        await expect(panel.getByRole('status')).toHaveCount(0);
        const rows = await tableRows(results);
        // Each run finished an epoch: a loss to show (a diverged run says so by name instead).
        const labels = await results.locator('tbody th').allInnerTexts();
        rows.forEach((r, k) => {
          if (!labels[k]!.includes('(failed)')) expect(Number.isFinite(r[1]), labels[k]).toBe(true);
        });
      }
      if (step.action && 'highlight' in step.action) {
        await expect(page.locator('.lesson-highlight')).toBeVisible({ timeout: 15_000 });
      }
      if (i < lesson.steps.length - 1) await panel.getByRole('button', { name: 'Next' }).click();
    }
    await panel.getByRole('button', { name: 'Close lesson' }).click();
    await expect(panel).toBeHidden();
  }
  expect(errors).toEqual([]);
});

test('a lesson step in normal and presenter mode', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  const title = text('lesson.bn-train-vs-predict.title');
  const panel = await openLesson(page, title);
  await panel.getByRole('button', { name: 'Next' }).click();
  await smallRuns(panel, 2048, 1000);
  await panel.getByRole('button', { name: 'Train 3 epochs' }).click();
  await expect(panel.getByRole('table', { name: /^Result of 1 run/ }).locator('tbody tr')).toHaveCount(1, {
    timeout: 90_000,
  });
  await panel.getByRole('button', { name: 'Next' }).click();
  await panel.getByRole('button', { name: 'Show the chart' }).click();
  const accuracy = page.getByRole('region', { name: 'Accuracy', exact: true });
  await expect(accuracy).toHaveClass(/lesson-highlight/);
  // The epoch points: prediction-mode and training-mode test accuracy, one row per epoch end.
  await accuracy.getByRole('button', { name: 'Show data: Accuracy' }).click();
  const table = page.getByRole('table', { name: /^Accuracy \(last/ });
  const rows = await tableRows(table);
  expect(rows.filter((r) => Number.isFinite(r[3]!) && Number.isFinite(r[4]!)).length).toBe(3);
  await accuracy.getByRole('button', { name: 'Show data: Accuracy' }).click();
  await expect(page.getByRole('complementary', { name: 'Layers' })).toBeVisible();
  await page.screenshot({ path: '.tmp/lessons-normal.png' });

  const presenter = panel.getByRole('button', { name: 'Presenter mode' });
  await presenter.click();
  await expect(presenter).toHaveAttribute('aria-pressed', 'true');
  // Only the lesson's controls: no palette, no inspector, no training settings.
  await expect(page.getByRole('complementary', { name: 'Layers' })).toBeHidden();
  await expect(page.getByLabel('Batch size')).toBeHidden();
  await page.screenshot({ path: '.tmp/lessons-presenter.png' });

  // The launch switch: ?presenter opens in presenter mode.
  await page.goto('./?presenter');
  // The earlier page's autosave offers itself back after the reload.
  await page.getByRole('button', { name: 'Discard' }).click();
  const again = await openLesson(page, title);
  await expect(again.getByRole('button', { name: 'Presenter mode' })).toHaveAttribute('aria-pressed', 'true');
});

test('charts are fed by the trainer and export PNG and CSV of their data', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('./');
  const training = page.getByRole('region', { name: 'Training' });
  await training.getByLabel('Training examples').fill('3072');
  await training.getByLabel('Epochs').fill('1');
  await training.getByLabel('Batch size').fill('32');
  await training.getByLabel('Batch size').press('Enter');
  const train = training.getByRole('button', { name: 'Train', exact: true });
  await train.click();

  // The loss table grows while the run goes on, every value finite.
  const loss = page.getByRole('region', { name: 'Loss per batch' });
  await loss.getByRole('button', { name: 'Show data: Loss per batch' }).click();
  const lossTable = page.getByRole('table', { name: /^Loss per batch/ });
  await expect
    .poll(async () => (await tableRows(lossTable)).length, { timeout: 60_000 })
    .toBeGreaterThanOrEqual(3);
  const early = (await tableRows(lossTable)).length;
  await expect
    .poll(async () => (await tableRows(lossTable)).length, { timeout: 60_000 })
    .toBeGreaterThan(early);
  await expect(train).toBeEnabled({ timeout: 90_000 });
  const lossRows = await tableRows(lossTable);
  expect(lossRows).toHaveLength(96); // 3072 examples / 32 per batch
  expect(lossRows.every((r) => r.every(Number.isFinite))).toBe(true);

  const [png] = await Promise.all([
    page.waitForEvent('download'),
    loss.getByRole('button', { name: 'Download PNG: Loss per batch' }).click(),
  ]);
  expect(png.suggestedFilename()).toBe('Loss per batch.png');
  await png.saveAs('.tmp/lessons-export-loss.png');
  const pngBytes = readFileSync((await png.path())!);
  expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    loss.getByRole('button', { name: 'Download CSV: Loss per batch' }).click(),
  ]);
  const lines = readFileSync((await csv.path())!, 'utf8')
    .trim()
    .split(/\r\n/);
  expect(lines[0]).toBe('Step,Training loss (raw),Training loss');
  // The same rows as the table, at full precision.
  expect(lines.slice(1).map((l) => l.split(',').map(Number))).toHaveLength(lossRows.length);
  lines.slice(1).forEach((l, i) => {
    const v = l.split(',').map(Number);
    expect(v[0]).toBe(lossRows[i]![0]);
    expect(v[1]).toBeCloseTo(lossRows[i]![1]!, 3);
  });

  // Log scale switch, and the learning-rate chart's data: constant at the template's rate.
  const log = loss.getByRole('checkbox', { name: 'Log scale: Loss per batch' });
  await log.check();
  await expect(log).toBeChecked();
  const lr = page.getByRole('region', { name: 'Learning rate', exact: true });
  await lr.getByRole('button', { name: 'Show data: Learning rate' }).click();
  const lrRows = await tableRows(page.getByRole('table', { name: /^Learning rate/ }));
  expect(lrRows).toHaveLength(96);
  expect(new Set(lrRows.map((r) => r[1])).size).toBe(1);

  // Per layer (bn1): histogram heat map, weights, variance per channel and one channel over time.
  await training.getByRole('tab', { name: 'Layers' }).click();
  await training.getByRole('combobox', { name: 'Layer' }).selectOption({ label: 'bn1' });
  const heat = page.getByRole('region', { name: 'Activation histogram of bn1 over time' });
  const [heatPng] = await Promise.all([
    page.waitForEvent('download'),
    heat.getByRole('button', { name: 'Download PNG: Activation histogram of bn1 over time' }).click(),
  ]);
  expect([...readFileSync((await heatPng.path())!).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  await heatPng.saveAs('.tmp/lessons-export-heatmap.png');
  await heat.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '.tmp/lessons-layer-charts.png' });
  for (const [title, columns, least] of [
    ['Activation histogram of bn1 over time', 1 + 2 + 32, 2],
    ['Weights of bn1 (log scale)', 4, 2],
    ['Variance per channel of bn1: batch vs running', 3, 6],
    ['Channel 0 of bn1 over time: batch vs running', 5, 2],
  ] as const) {
    const chart = page.getByRole('region', { name: title, exact: true });
    await chart.getByRole('button', { name: `Show data: ${title}` }).click();
    const caption = new RegExp(`^${title.replace(/[()]/g, '\\$&')} \\(`);
    const rows = await tableRows(chart.getByRole('table', { name: caption }));
    expect(rows.length, title).toBeGreaterThanOrEqual(least);
    for (const r of rows) {
      expect(r, title).toHaveLength(columns);
      expect(r.every(Number.isFinite), title).toBe(true);
    }
  }
});
