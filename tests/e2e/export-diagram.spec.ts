import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

/** Chooses Export diagram → format, and returns the download's file name and bytes. */
async function exportAs(
  page: Page,
  format: 'PNG image' | 'SVG drawing',
): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('button', { name: 'Export diagram' }).click();
  const menu = page.getByRole('menu', { name: 'Export diagram as' });
  await expect(menu.getByRole('menuitem')).toHaveText(['PNG image', 'SVG drawing']);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    menu.getByRole('menuitem', { name: format }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

/** Every layer's accessible name on the canvas ("<Title> <name>"). */
const layerLabels = (page: Page): Promise<string[]> =>
  page
    .getByRole('main')
    .locator('.react-flow__node')
    .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));

/** Parses SVG text in the browser's XML parser: the parse error, each layer group's text, background fill. */
const parseSvg = (page: Page, text: string) =>
  page.evaluate((svg) => {
    const xml = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const error = xml.querySelector('parsererror')?.textContent ?? null;
    const layers = [...xml.querySelectorAll('g.layer')].map((g) =>
      [...g.querySelectorAll('tspan')].map((s) => s.textContent).join(' '),
    );
    const root = xml.documentElement;
    return {
      error,
      layers,
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      background: root.querySelector(':scope > rect')?.getAttribute('fill') ?? null,
    };
  }, text);

test('Export diagram saves an SVG with every layer and a PNG of the right size, in the theme', async ({
  page,
}) => {
  await page.goto('./');
  await expect(page.getByRole('main').locator('.react-flow__node').first()).toBeVisible();
  const labels = await layerLabels(page);
  expect(labels.length).toBeGreaterThan(10);

  const svg = await exportAs(page, 'SVG drawing');
  expect(svg.name).toBe('LeNet with batch normalization.svg');
  await expect(page.getByRole('status').last()).toContainText(
    'Exported the diagram as LeNet with batch normalization.svg',
  );
  const parsed = await parseSvg(page, svg.bytes.toString('utf8'));
  expect(parsed.error).toBeNull();
  expect([...parsed.layers].sort()).toEqual([...labels].sort());
  // Cropped to the graph: a tall narrow column, not the whole canvas.
  expect(parsed.height).toBeGreaterThan(parsed.width);
  expect(parsed.width).toBeLessThan(400);

  const png = await exportAs(page, 'PNG image');
  expect(png.name).toBe('LeNet with batch normalization.png');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = png.bytes.readUInt32BE(16);
  const height = png.bytes.readUInt32BE(20);
  expect(width).toBe(parsed.width * 2); // drawn at twice the SVG's size
  expect(height).toBe(parsed.height * 2);
  // Look at it: the PNG shown in a page of its own.
  await page.setContent(
    `<img src="data:image/png;base64,${png.bytes.toString('base64')}" style="height:880px">`,
  );
  await page.screenshot({ path: '.tmp/editor-export-png.png' });
  await page.goBack().catch(() => undefined);

  // Dark theme: the same export takes the theme's colours.
  await page.goto('./');
  await page.getByRole('button', { name: 'Dark theme' }).click();
  const dark = await parseSvg(page, (await exportAs(page, 'SVG drawing')).bytes.toString('utf8'));
  expect(dark.background).not.toBe(parsed.background);
  expect(dark.layers.length).toBe(labels.length);
});
