import { expect, type Locator, type Page } from '@playwright/test';

/** A layer node on the canvas, by its accessible name ("<Title> <name>"). */
export const layerNode = (page: Page, name: string): Locator =>
  page.getByRole('group', { name, exact: true });

/** The palette's button for a layer kind, by its title. */
export const paletteItem = (page: Page, title: string): Locator =>
  page.getByRole('complementary', { name: 'Layers' }).getByRole('button', { name: title, exact: true });

/** Centre of an element on screen. */
export async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  expect(box, 'element has a box').not.toBeNull();
  return { x: box!.x + box!.width / 2, y: box!.y + box!.height / 2 };
}

/** Drags a palette item onto the canvas at a point on screen (HTML5 drag and drop). */
export async function dropLayer(page: Page, title: string, at: { x: number; y: number }): Promise<void> {
  const main = page.getByRole('main');
  const box = (await main.boundingBox())!;
  await paletteItem(page, title).dragTo(main, { targetPosition: { x: at.x - box.x, y: at.y - box.y } });
}

/**
 * Draws a wire with the mouse from one node's output handle (bottom) to another's
 * input handle (top). Handles carry no role, so they are found inside the node by
 * React Flow's position class.
 */
export async function wire(page: Page, from: string, to: string): Promise<void> {
  const source = await centreOf(layerNode(page, from).locator('.react-flow__handle-bottom'));
  const target = await centreOf(layerNode(page, to).locator('.react-flow__handle-top').first());
  await page.mouse.move(source.x, source.y);
  await page.mouse.down();
  await page.mouse.move((source.x + target.x) / 2, (source.y + target.y) / 2, { steps: 8 });
  await page.mouse.move(target.x, target.y, { steps: 8 });
  await page.mouse.up();
}

/**
 * Drags a node by an offset, holding it by its title. React Flow starts a drag with
 * the first pointer move past its threshold and moves the node only from there on,
 * so the drag is started with a small move first, as a hand would.
 */
export async function dragNodeBy(page: Page, name: string, dx: number, dy: number): Promise<void> {
  const grip = await centreOf(layerNode(page, name).locator('.layer-node__head'));
  const start = { x: grip.x + 3 * Math.sign(dx), y: grip.y + 3 * Math.sign(dy) };
  await page.mouse.move(grip.x, grip.y);
  await page.mouse.down();
  await page.mouse.move(start.x, start.y);
  await page.mouse.move(start.x + dx, start.y + dy, { steps: 12 });
  await page.mouse.up();
}

/** Opens the template gallery and starts from a template, by its title. */
export async function fromTemplate(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'New from template…' }).click();
  const gallery = page.getByRole('dialog', { name: 'New from template' });
  await gallery.getByRole('button', { name: title, exact: true }).click();
  await expect(gallery).toBeHidden();
}

/** Sets a training setting (a field that commits on Enter). */
export async function setField(region: Locator, label: string, value: string): Promise<void> {
  const field = region.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Enter');
  await expect(field).toHaveValue(value);
}
