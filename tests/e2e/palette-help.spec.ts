import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { paletteItem } from './canvas-helpers';

const en = JSON.parse(readFileSync(new URL('../../assets/locales/en.json', import.meta.url), 'utf8')) as {
  lesson: Record<string, { title: string }>;
  layer: Record<string, { help: string }>;
};

test('palette help: keyboard opens the BatchNorm help, Escape returns focus, a lesson opens from it', async ({
  page,
}) => {
  await page.goto('./');
  const palette = page.getByRole('complementary', { name: 'Layers' });
  const nodes = page.getByRole('main').locator('.react-flow__node');
  const before = await nodes.count();

  // Tab from the BatchNorm item reaches its help button; Enter opens the help.
  await paletteItem(page, 'BatchNorm').focus();
  await page.keyboard.press('Tab');
  const help = palette.getByRole('button', { name: 'Help: BatchNorm', exact: true });
  await expect(help).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'BatchNorm' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(en.layer['batch-norm']!.help);
  await expect(nodes).toHaveCount(before); // the help did not add a layer

  // Escape closes it and puts the focus back on the help button.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(help).toBeFocused();

  // Open it again and start the first lesson that teaches batch norm.
  await page.keyboard.press('Space');
  await expect(dialog).toBeVisible();
  const title = en.lesson['bn-convergence']!.title;
  const open = dialog.getByRole('button', { name: `Open lesson: ${title}`, exact: true });
  await open.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: title })).toBeVisible();
  await expect(dialog).toHaveCount(0);
});
