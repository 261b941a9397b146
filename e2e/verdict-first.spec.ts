// The page reads as one answer first (issue 14): a neutral first visit with examples at stated
// instants, one verdict card with its evidence, the URL marked where the finding is, quiet
// findings below, reference material in tabs, words instead of codes, and a clock tick that
// moves the countdown without making the report again.
import { test, expect, type Page } from '@playwright/test';
import { boto3Case, expectVerdict, headerLines, openPage, whileValid } from './fixtures';

/** Loads an example from the examples menu. */
async function loadExample(page: Page, id: string) {
  await page.getByTestId('example-button').click();
  await page.getByTestId(`example-${id}`).click();
}

/** `data-inspections` and `data-searches` of the results: reports and searches made so far. */
async function counts(page: Page): Promise<[number, number]> {
  const results = page.locator('.results');
  return [Number(await results.getAttribute('data-inspections')), Number(await results.getAttribute('data-searches'))];
}

test('a first visit is a neutral empty state that says what to paste, with five failing examples', async ({ page }) => {
  await openPage(page);
  const empty = page.getByTestId('verdict');
  await expect(empty).toHaveAttribute('data-state', 'empty');
  await expect(empty).toContainText('Paste a presigned URL to see why it fails');
  // Nothing is red: no error is shown before anything is pasted.
  await expect(page.locator('[data-severity="error"]')).toHaveCount(0);
  await expect(page.locator('.sev-error')).toHaveCount(0);
  const examples = empty.locator('[data-example]');
  expect(await examples.count()).toBeGreaterThanOrEqual(6);
  for (const id of ['put-sent-as-get', 'content-type-drift', 'expired', 'plus-in-key', 's3-error-body']) {
    await expect(empty.locator(`[data-example="${id}"]`)).toBeVisible();
  }
});

test('each example is evaluated at its stated instant, whatever the clock says', async ({ page }) => {
  // A clock far from the examples' instants: the verdicts must not depend on it.
  await page.clock.setFixedTime(new Date('2031-01-01T00:00:00Z'));
  await openPage(page);
  for (const [id, verdict] of [
    ['put-sent-as-get', 'method-mismatch'],
    ['content-type-drift', 'signed-header-value'],
    ['expired', 'expired'],
    ['plus-in-key', 'key-encoding'],
    ['s3-error-body', 'server-canonical-request-differs'],
    ['s3-documentation', 'signature-valid'],
  ]) {
    await loadExample(page, id);
    await expectVerdict(page, verdict);
  }
  await loadExample(page, 'expired');
  await expect(page.getByTestId('example-clock')).toContainText('Evaluated at 2026-11-20 13:00:00 UTC');
  await expect(page.getByTestId('verdict')).toContainText('The URL expired 2 h ago');
  await expect(page.getByTestId('countdown')).toHaveText('expired 2 h ago');
  // Against the page's clock instead, years later.
  await page.getByTestId('use-browser-clock').click();
  await expect(page.getByTestId('example-clock')).toHaveCount(0);
  await expect(page.getByTestId('countdown')).toHaveText(/^expired \d+ d( \d+ h)? ago$/);
});

test('one verdict card first, with the evidence side by side; symptoms folded, one red card', async ({ page }) => {
  await openPage(page);
  await loadExample(page, 'put-sent-as-get');
  await expectVerdict(page, 'method-mismatch');
  const verdict = page.getByTestId('verdict');
  // First in the results, the cause in words and the two values side by side.
  await expect(page.locator('.results > :first-child')).toHaveAttribute('data-testid', 'verdict');
  await expect(verdict.locator('h2')).toHaveText('This URL was signed for PUT, you sent GET');
  const compare = verdict.getByTestId('compare');
  await expect(compare.locator('.left')).toContainText('GET');
  await expect(compare.locator('.right')).toContainText('PUT');
  // The verdict is not repeated as a finding, and the mismatch it explains is folded away.
  await expect(page.locator('.findings [data-finding="method-mismatch"]')).toHaveCount(0);
  await expect(page.locator('[data-finding="signature-mismatch"]')).toBeHidden();
  await expect(page.locator('.verdict-card')).toHaveCount(1);
  // No raw counter or code in the text: the code is a chip.
  await expect(page.locator('.results')).not.toContainText('variants-tried');
  await expect(verdict.locator('.chip')).toHaveText('method-mismatch');
  await expect(verdict.locator('.verdict-detail')).not.toContainText('method-mismatch');
});

test('a mismatch nothing explains lists what remains possible, most likely first', async ({ page }) => {
  const c = boto3Case('boto3/get-basic');
  await page.clock.setFixedTime(whileValid(c));
  await openPage(page);
  await page.getByTestId('url-input').fill(c.url);
  await page.getByTestId('method-select').selectOption('GET');
  await page.getByTestId('secret-input').fill(`${c.secret_access_key.slice(0, -1)}Z`);
  await expectVerdict(page, 'signature-mismatch');
  const list = page.getByTestId('possibilities').locator('li');
  expect(await list.count()).toBeGreaterThanOrEqual(2);
  await expect(list.first()).toContainText('To tell:');
  await expect(page.getByTestId('verdict')).toContainText('None of');
});

test('the URL is shown part by part, and the part a finding is about is marked', async ({ page }) => {
  const c = boto3Case('boto3/put-content-type');
  await page.clock.setFixedTime(whileValid(c));
  await openPage(page);
  await loadExample(page, 'expired');
  const url = page.getByTestId('url-anatomy');
  await expect(url.locator('.part-bucket')).toHaveText('examplebucket');
  await expect(url.locator('.part-key')).toHaveText('test.txt');
  // The verdict (expired) marks the parameters that set the expiry.
  await expect(url.locator('mark')).toHaveText(['X-Amz-Date=20261120T100000Z', 'X-Amz-Expires=3600']);
  // The key segment whose case changed.
  await page.getByTestId('url-input').fill(c.url.replace('upload/hello.txt', 'upload/Hello.txt'));
  await page.getByTestId('method-select').selectOption('PUT');
  await page.getByTestId('headers-input').fill(headerLines(c));
  await page.getByTestId('secret-input').fill(c.secret_access_key);
  await expectVerdict(page, 'key-case');
  await expect(url.locator('mark')).toHaveText(['Hello.txt']);
  // Pointing at another finding marks its part instead.
  await page.locator('[data-finding="signed-headers"]').hover();
  await expect(url.locator('mark')).toHaveText(['X-Amz-SignedHeaders=content-type%3Bhost']);
});

test('an appended parameter is marked in the URL', async ({ page }) => {
  const c = boto3Case('boto3/get-basic');
  await page.clock.setFixedTime(whileValid(c));
  await openPage(page);
  await page.getByTestId('url-input').fill(`${c.url}&cb=1763632800`);
  await page.getByTestId('method-select').selectOption('GET');
  await page.getByTestId('secret-input').fill(c.secret_access_key);
  await expectVerdict(page, 'query-encoding');
  await expect(page.getByTestId('url-anatomy').locator('mark')).toHaveText(['cb=1763632800']);
});

test('at 375 px a pasted URL brings the verdict into view, the focus staying in the box', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  const c = boto3Case('boto3/put-content-type');
  await page.clock.setFixedTime(whileValid(c));
  await openPage(page);
  const box = page.getByTestId('url-input');
  await box.focus();
  await box.fill(c.url);
  await expectVerdict(page, 'missing-signed-header');
  await expect(async () => {
    const v = await page.getByTestId('verdict').boundingBox();
    expect(v).not.toBeNull();
    // The verdict's heading is on the screen.
    expect(v!.y).toBeGreaterThanOrEqual(0);
    expect(v!.y + 60).toBeLessThanOrEqual(812);
  }).toPass();
  await expect(box).toBeFocused();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('instants read one way (UTC, local time in a tooltip) and durations in words', async ({ page }) => {
  await openPage(page);
  await loadExample(page, 'expired');
  const results = page.locator('.results');
  // No RFC 3339 instant is shown as such: every one is written "2026-11-20 11:00:00 UTC".
  expect(await results.innerText()).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/);
  const expiry = page.getByTestId('verdict').locator('time').first();
  await expect(expiry).toHaveText('2026-11-20 11:00:00 UTC');
  await expect(expiry).toHaveAttribute('title', /^Local time: 2026-11-20 \d\d:00:00 \(UTC[+-]\d\d:\d\d\)$/);
  await expect(expiry).toHaveAttribute('datetime', '2026-11-20T11:00:00Z');
});

test('snippets send the header value the search recovered, and copying says so on the button', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openPage(page);
  await loadExample(page, 'content-type-drift');
  await expectVerdict(page, 'signed-header-value');
  const curl = page.getByTestId('curl-snippet');
  await expect(curl).toContainText("-H 'content-type: text/plain'");
  await expect(curl).not.toContainText('<content-type>');
  const copy = page.getByTestId('copy-curl-snippet');
  await copy.click();
  await expect(copy).toHaveText(/Copied/);
  await expect(copy).toHaveAttribute('data-copy-status', 'copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("content-type: text/plain");
  await page.getByRole('button', { name: 'JavaScript fetch' }).click();
  await expect(page.getByTestId('fetch-snippet')).toContainText('"content-type": "text/plain"');
});

test('a share link is taken away when the inputs change', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openPage(page);
  await loadExample(page, 'expired');
  await page.getByTestId('share-button').click();
  await expect(page.getByTestId('share-link')).toHaveValue(/#v1/);
  await expect(page.getByTestId('share-button')).toHaveText(/Link copied/);
  await page.getByTestId('method-select').selectOption('HEAD');
  await expect(page.getByTestId('share-link')).toHaveCount(0);
  await expect(page.getByTestId('share-stale')).toContainText('The inputs changed');
  await expect(page.getByTestId('share-button')).toHaveText('Copy share link');
});

test('a pasted curl command shows what it sends as chips, and the method follows it', async ({ page }) => {
  const c = boto3Case('boto3/put-content-type');
  await page.clock.setFixedTime(whileValid(c));
  await openPage(page);
  await page.getByTestId('url-input').fill(c.url);
  await page.getByTestId('headers-input').fill(`curl -X PUT -H 'Content-Type: text/plain' --data-binary @file.txt '${c.url}'`);
  const chips = page.getByTestId('curl-chips');
  await expect(chips).toContainText('PUT');
  await expect(chips).toContainText('Content-Type: text/plain');
  await expect(page.getByTestId('method-select')).toHaveValue('PUT');
  await expect(page.getByTestId('method-select')).toBeDisabled();
  await expect(page.getByTestId('method-source')).toContainText('curl');
});

test('the clock tick moves the countdown, and makes neither a report nor a search', async ({ page }) => {
  const c = boto3Case('boto3/put-content-type');
  await page.clock.install({ time: whileValid(c) });
  await page.clock.pauseAt(whileValid(c));
  await openPage(page);
  await page.getByTestId('url-input').fill(c.url);
  await page.getByTestId('method-select').selectOption('PUT');
  await page.getByTestId('headers-input').fill(headerLines(c));
  // A wrong secret: the root-cause search runs (once typing pauses) and finds nothing.
  await page.getByTestId('secret-input').fill(`${c.secret_access_key.slice(0, -1)}Z`);
  await page.clock.runFor(500);
  await expectVerdict(page, 'signature-mismatch');
  await expect(page.locator('.results')).toHaveAttribute('data-searching', 'false');
  const before = await counts(page);
  expect(before[1]).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('countdown')).toHaveText('expires in 59 min');
  await page.clock.runFor(5_000);
  await expect(page.getByTestId('countdown')).toHaveText('expires in 58 min 55 s');
  expect(await counts(page)).toEqual(before);
});
