import { expect, test } from '@playwright/test';
import { layerNode } from './canvas-helpers';

test('start from a template in the gallery, then undo back to LeNet-BN', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await expect(layerNode(page, 'Conv2D conv1')).toBeVisible();

  const opener = page.getByRole('button', { name: 'New from template…' });
  await opener.click();
  const gallery = page.getByRole('dialog', { name: 'New from template' });
  await expect(gallery).toBeVisible();
  const resnet = gallery.getByRole('button', { name: 'ResNet-18 (small)', exact: true });
  await expect(resnet).toContainText('703,578 parameters');
  await expect(gallery.getByRole('button', { name: 'New (empty)' })).toBeVisible();
  await page.screenshot({ path: 'test-results/gallery-1-open.png' });

  // Escape closes it without changes and gives focus back to the opener.
  await page.keyboard.press('Escape');
  await expect(gallery).toBeHidden();
  await expect(opener).toBeFocused();
  await expect(layerNode(page, 'Conv2D conv1')).toBeVisible();

  // Keyboard: open again, Tab to the ResNet card, Enter.
  await page.keyboard.press('Enter');
  await expect(gallery).toBeVisible();
  for (let i = 0; i < 20 && !(await resnet.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(resnet).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(gallery).toBeHidden();
  await expect(layerNode(page, 'Add res2a_add')).toBeVisible();
  await expect(layerNode(page, 'Conv2D res2a_proj')).toBeVisible();
  await expect(layerNode(page, 'Conv2D conv1')).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('Started from the ResNet-18 (small) template');
  await page.getByRole('button', { name: 'Model summary' }).click();
  await expect(page.getByText('Trainable: 701,178', { exact: false })).toBeVisible();
  await page.screenshot({ path: 'test-results/gallery-2-resnet.png' });

  // One Undo brings LeNet-BN back.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(layerNode(page, 'Conv2D conv1')).toBeVisible();
  await expect(layerNode(page, 'Add res2a_add')).toHaveCount(0);
  expect(errors).toEqual([]);
});
