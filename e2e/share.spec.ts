// The share link: inputs in the fragment, never the secret; opening it restores the diagnosis.
import { test, expect } from '@playwright/test';
import { boto3Case, expectVerdict, headerLines, openPage, whileValid } from './fixtures';

test('share-link round trip: no secret in the link, same verdict when opened', async ({ page, context }) => {
  const c = boto3Case('boto3/put-content-type');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.clock.setFixedTime(whileValid(c));
  await openPage(page);
  await page.getByTestId('url-input').fill(c.url);
  await page.getByTestId('method-select').selectOption('PUT');
  await page.getByTestId('headers-input').fill(headerLines(c));
  await page.getByTestId('secret-input').fill(c.secret_access_key);
  await expectVerdict(page, 'signature-valid');
  // The URL still works, so the page warns before sharing it.
  await expect(page.getByTestId('share-warning')).toBeVisible();

  await page.getByTestId('share-button').click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toContain('#v1');
  expect(link).not.toContain(c.secret_access_key);
  expect(link).not.toContain(encodeURIComponent(c.secret_access_key));
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // A teammate opens it: the inputs and the diagnosis come back; the secret does not.
  const other = await context.newPage();
  await other.clock.setFixedTime(whileValid(c));
  await other.goto(link);
  await expect(other.getByTestId('restored-notice')).toBeVisible();
  await expect(other.getByTestId('url-input')).toHaveValue(c.url);
  await expect(other.getByTestId('method-select')).toHaveValue('PUT');
  await expect(other.getByTestId('headers-input')).toHaveValue(headerLines(c));
  await expect(other.getByTestId('secret-input')).toHaveValue('');
  await expectVerdict(other, 'unverified');
  await other.getByTestId('secret-input').fill(c.secret_access_key);
  await expectVerdict(other, 'signature-valid');
});

test('redacting the signature keeps it out of the link', async ({ page, context }) => {
  const c = boto3Case('boto3/get-basic');
  await page.clock.setFixedTime(whileValid(c));
  await openPage(page);
  await page.getByTestId('url-input').fill(c.url);
  await page.getByTestId('redact-signature').check();
  await page.getByTestId('share-button').click();
  const link = await page.getByTestId('share-link').inputValue();
  const signature = new URL(c.url).searchParams.get('X-Amz-Signature')!;
  expect(link).not.toContain(signature);
  const other = await context.newPage();
  await other.clock.setFixedTime(whileValid(c));
  await other.goto(link);
  await expect(other.getByTestId('restored-notice')).toContainText('redacted the signature');
  await expect(other.getByTestId('url-input')).toHaveValue(c.url.replace(signature, 'REDACTED'));
});

test('a malformed share link gives a clear message, not a blank page', async ({ page }) => {
  await page.goto('/#v1z.this-is-not-deflate');
  await expect(page.getByTestId('share-error')).toContainText('damaged');
  await expect(page.getByTestId('url-input')).toBeVisible();
  await expectVerdict(page, 'not-a-url');
  await page.goto('/#v9.u=x');
  await page.reload();
  await expect(page.getByTestId('share-error')).toContainText('not a share link');
});
