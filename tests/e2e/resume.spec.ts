import { expect, test, type Locator, type Page } from '@playwright/test';

/** Sets a training field the way a user does: select it, type, press Enter. */
async function setField(training: Locator, label: string, value: string): Promise<void> {
  const field = training.getByLabel(label, { exact: true });
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.pressSequentially(value);
  await field.press('Enter');
  await expect(field).toHaveValue(value);
}

/** The first column (the step) of the batch table, as the user reads it. */
async function batchSteps(page: Page): Promise<number[]> {
  const table = page.getByRole('table', { name: /Training data/ });
  const texts = await table.locator('tbody').getByRole('row').allInnerTexts();
  return texts.map((t) => Number(t.split('\t')[0]!.trim()));
}

/** The epoch column of the per-epoch table. */
async function epochRows(page: Page): Promise<string[]> {
  const table = page.getByRole('table', { name: 'Results per epoch' });
  return table.locator('tbody').getByRole('rowheader').allInnerTexts();
}

test('a run interrupted by a reload resumes from its last epoch and finishes', async ({ page }) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Downloads, not the File System Access picker (Playwright cannot answer it).
  await page.goto('./?files=download');
  const training = page.getByRole('region', { name: 'Training' });
  await expect(training).toContainText('Fashion-MNIST');
  await expect(training.getByRole('group', { name: 'Unfinished run' })).toHaveCount(0);
  await setField(training, 'Training examples', '4096');
  await setField(training, 'Epochs', '3');
  await setField(training, 'Batch size', '32');
  // Saved (a download in a browser), so leaving the page asks nothing and leaves no backup to restore.
  const download = page.waitForEvent('download');
  await page.getByRole('toolbar', { name: 'Project' }).getByRole('button', { name: 'Save' }).click();
  await download;
  await expect(page.getByText('Edited')).toHaveCount(0);

  await training.getByRole('button', { name: 'Train', exact: true }).click();
  const progress = training.getByRole('progressbar', { name: 'Training progress' });
  await expect(progress).toHaveAttribute('aria-valuetext', /^Epoch 1\/3 · batch \d+\/128/, {
    timeout: 60_000,
  });
  // Once epoch 1 is done (and its checkpoint kept), pause in epoch 2 and "restart" the app.
  await expect(progress).toHaveAttribute('aria-valuetext', /^Epoch 2\/3/, { timeout: 90_000 });
  await training.getByRole('button', { name: 'Pause' }).click();
  await expect(training).toContainText('Paused.');
  await expect(progress).toHaveAttribute('aria-valuetext', /^Epoch 2\/3/);
  await page.reload();

  // After the restart: the launch document with its own settings (the saved file is not reopened), and the offer.
  const offer = training.getByRole('group', { name: 'Unfinished run' });
  await expect(offer).toBeVisible({ timeout: 30_000 });
  await expect(offer).toContainText('stopped after epoch 1 of 3');
  await expect(offer).toContainText("Resuming uses that run's training settings");
  await expect(training.getByLabel('Epochs', { exact: true })).toHaveValue('10');
  await offer.screenshot({ path: '.tmp/resume-offer.png' });
  await page.screenshot({ path: '.tmp/resume-offer-page.png' });
  const resume = offer.getByRole('button', { name: 'Resume run — epoch 1 of 3' });
  await resume.click();

  await expect(offer).toHaveCount(0);
  await expect(training.getByLabel('Epochs', { exact: true })).toHaveValue('3');
  await expect(training.getByLabel('Training examples', { exact: true })).toHaveValue('4096');
  await expect(progress).toHaveAttribute('aria-valuetext', /^Epoch 2\/3 · batch \d+\/128/, {
    timeout: 60_000,
  });
  expect(Number(await progress.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(128);
  const showData = training.getByRole('button', { name: 'Show data', exact: true });
  await showData.click();
  // Epoch 1's results come back with the run; the batches go on from step 129.
  await expect.poll(() => epochRows(page)).toEqual(['1']);
  await expect.poll(async () => (await batchSteps(page)).length, { timeout: 60_000 }).toBeGreaterThan(0);
  expect((await batchSteps(page))[0]).toBe(129);

  await expect(training).toContainText('Training finished.', { timeout: 120_000 });
  expect(await epochRows(page)).toEqual(['1', '2', '3']);
  expect(Number(await progress.getAttribute('aria-valuenow'))).toBe(3 * 128);

  // A finished run leaves nothing to resume.
  await page.reload();
  await expect(training).toContainText('Fashion-MNIST');
  await expect(training.getByText('Not trained yet.')).toBeVisible();
  await expect(training.getByRole('group', { name: 'Unfinished run' })).toHaveCount(0);
  expect(errors).toEqual([]);
});
