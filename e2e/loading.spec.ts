// Before the module runs, the page already says what it is and what to paste; when the module
// cannot start, it says why in words instead of staying blank.
import { test, expect, type Page } from '@playwright/test';

const CARRIER = '**/*_bg.wasm.js';

const failure = (page: Page) => page.getByTestId('boot-failure');

test('while the module loads, the page says what it is and what to paste; the app then replaces that text', async ({ page }) => {
  // Hold the module's carrier until the loading text has been seen.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(CARRIER, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto('/', { waitUntil: 'commit' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Presign Inspector');
  await expect(page.getByTestId('boot-loading')).toHaveText('Loading the inspector…');
  await expect(page.getByText('The presigned URL', { exact: false })).toBeVisible();
  await expect(page.getByText('It never leaves this tab.', { exact: false })).toBeVisible();
  await expect(failure(page)).toBeHidden();
  await expect(page.getByTestId('boot-stalled')).toBeHidden();
  await page.screenshot({ path: 'test-results/screenshots/loading.png' });

  release();
  await expect(page.getByTestId('verdict')).toBeVisible();
  await expect(page.getByTestId('boot')).toHaveCount(0);
  await expect(page.getByTestId('url-input')).toBeVisible();
});

test('the module cannot be loaded: the page says so in words', async ({ page }) => {
  await page.route(CARRIER, (route) => route.abort());
  await page.goto('/');
  await expect(failure(page)).toBeVisible();
  await expect(failure(page)).toContainText('The inspector could not start.');
  await expect(page.locator('[data-boot-failure="no-module"]')).toBeVisible();
  await expect(page.getByTestId('boot-loading')).toBeHidden();
  await page.screenshot({ path: 'test-results/screenshots/load-failed.png' });
});

test('a browser without WebAssembly: the page says so in words', async ({ page }) => {
  await page.addInitScript(() => {
    delete (globalThis as { WebAssembly?: unknown }).WebAssembly;
  });
  await page.goto('/');
  await expect(page.locator('[data-boot-failure="no-webassembly"]')).toBeVisible();
  await expect(failure(page)).toContainText('does not run WebAssembly');
});

test('a server policy that forbids compiling WebAssembly: the page names the refusal', async ({ page }) => {
  // As a host would send it, on top of the page's own policy: no 'wasm-unsafe-eval'.
  await page.route('**/', async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: { ...response.headers(), 'content-security-policy': "script-src 'self'" },
    });
  });
  await page.goto('/');
  await expect(page.locator('[data-boot-failure="refused"]')).toBeVisible();
  await expect(page.getByTestId('boot-error')).toContainText('CompileError');
});

test('no script of the page runs: after a few seconds the page says what to do', async ({ page }) => {
  await page.route('**/*.js', (route) => route.abort());
  await page.goto('/');
  await expect(page.getByTestId('boot-stalled')).toBeHidden();
  await expect(page.getByTestId('boot-loading')).toBeVisible();
  await expect(page.getByTestId('boot-stalled')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('boot-loading')).toBeHidden();
  await expect(page.getByTestId('boot-stalled')).toContainText('did not run the page’s scripts');
  await page.screenshot({ path: 'test-results/screenshots/load-stalled.png' });
});
