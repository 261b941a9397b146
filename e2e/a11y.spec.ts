// Accessibility and layout: an axe-core scan, keyboard use, and screenshots at desktop and
// phone widths kept as test artifacts (test-results/screenshots/, written after Playwright
// empties test-results/ at the start of a run).
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { boto3Case, expectVerdict, openPage, whileValid } from './fixtures';

async function loadFailingPut(page: import('@playwright/test').Page) {
  // A PUT URL sent as GET, with its secret: a real failure, fully diagnosed.
  const c = boto3Case('boto3/put-content-type');
  await page.clock.setFixedTime(whileValid(c));
  await openPage(page);
  await page.getByTestId('url-input').fill(c.url);
  // The client sends GET: told here, so the page can say so.
  await page.getByTestId('method-select').selectOption('GET');
  await page.getByTestId('headers-input').fill('Content-Type: text/plain');
  await page.getByTestId('secret-input').fill(c.secret_access_key);
  await expect(page.getByTestId('verdict')).not.toHaveAttribute('data-verdict', 'signature-valid');
}

for (const scheme of ['light', 'dark'] as const) {
  test(`axe-core: no serious or critical violation (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await loadFailingPut(page);
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes)`)).toEqual([]);
  });
}

for (const [name, width, height] of [
  ['desktop-1280', 1280, 900],
  ['phone-375', 375, 812],
] as const) {
  test(`screenshot at ${width} px, no horizontal scroll`, async ({ page }, info) => {
    await page.setViewportSize({ width, height });
    await loadFailingPut(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const path = `test-results/screenshots/${name}.png`;
    await page.screenshot({ path, fullPage: true });
    await info.attach(name, { path, contentType: 'image/png' });
  });
}

test('at 375 px, findings that quote long hosts and URLs wrap instead of scrolling sideways', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  const c = boto3Case('boto3/get-path-style-dotted-bucket');
  await page.clock.setFixedTime(whileValid(c));
  await openPage(page);
  // The dotted bucket moved into the host name: the finding names hosts and a whole URL.
  const virtualHosted = c.url.replace(
    'https://s3.eu-west-1.amazonaws.com/my.dotted.bucket/',
    'https://my.dotted.bucket.s3.eu-west-1.amazonaws.com/',
  );
  await page.getByTestId('url-input').fill(virtualHosted);
  await expectVerdict(page, 'dotted-bucket-https');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('keyboard only: tab to the examples menu, open it and load an example', async ({ page }) => {
  await openPage(page);
  await page.getByTestId('url-input').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('example-button')).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('example-put-sent-as-get')).toBeFocused();
  await page.keyboard.press('Enter');
  await expectVerdict(page, 'method-mismatch');
  // The details tabs follow the arrow keys.
  await page.getByTestId('tab-decoded').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-parameters')).toBeFocused();
  await expect(page.getByTestId('tab-parameters')).toHaveAttribute('aria-selected', 'true');
});

test('README screenshot: the page diagnosing a real failure', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await loadFailingPut(page);
  await page.screenshot({ path: 'test-results/screenshots/readme.png' });
});
