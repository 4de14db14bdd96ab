import { expect, test } from '@playwright/test';

test('page loads and shows the Strata heading', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page).toHaveTitle('Strata');
  await expect(page.getByRole('heading', { name: 'Strata', level: 1 })).toBeVisible();
  expect(errors).toEqual([]);
});
