// Verdicts on evidence (issue 13): the page names a cause only when the evidence proves it.
import { test, expect } from '@playwright/test';
import { boto3Case, expectVerdict, openPage, whileValid } from './fixtures';

test('method not told: the page names the method the URL was signed for, never what was sent', async ({ page }) => {
  const c = boto3Case('boto3/put-basic');
  await page.clock.setFixedTime(whileValid(c));
  await openPage(page);
  await expect(page.getByTestId('method-select')).toHaveValue('');
  await page.getByTestId('url-input').fill(c.url);
  await page.getByTestId('secret-input').fill(c.secret_access_key);
  await expectVerdict(page, 'signature-valid');
  const signed = page.locator('[data-finding="signed-method"]');
  await expect(signed).toContainText('Signed for PUT');
  await expect(page.getByTestId('method-evaluated')).toHaveText('PUT');
  await expect(page.getByTestId('method-source')).toContainText('not told');
  await expect(page.locator('body')).not.toContainText('you sent');
  // Told: the client sends GET, and now the page can say so.
  await page.getByTestId('method-select').selectOption('GET');
  await expectVerdict(page, 'method-mismatch');
  await expect(page.getByTestId('verdict')).toContainText('signed for PUT, you sent GET');
});

test('a redacted share link opens as "signature redacted by the sender", the rest intact', async ({ page }) => {
  const c = boto3Case('boto3/get-basic');
  await page.clock.setFixedTime(whileValid(c));
  const redacted = c.url.replace(/X-Amz-Signature=[0-9a-f]+/, 'X-Amz-Signature=REDACTED');
  await openPage(page, `/#v1.u=${encodeURIComponent(redacted)}&r=1`);
  await expect(page.getByTestId('url-input')).toHaveValue(redacted);
  await expectVerdict(page, 'unverified');
  await expect(page.getByTestId('verdict')).toContainText('Signature redacted by the sender');
  await expect(page.locator('[data-finding="signature-redacted"]')).toBeVisible();
  await expect(page.locator('[data-finding="malformed-parameter"]')).toHaveCount(0);
  // The rest of the diagnosis is there: the decoded URL and its countdown.
  await expect(page.getByTestId('countdown')).toBeVisible();
});

test('a signed header the request does not send is an error without the secret', async ({ page }) => {
  const c = boto3Case('boto3/put-content-type');
  await page.clock.setFixedTime(whileValid(c));
  await openPage(page);
  await page.getByTestId('url-input').fill(c.url);
  await page.getByTestId('method-select').selectOption('PUT');
  await expectVerdict(page, 'missing-signed-header');
  const f = page.locator('[data-finding="missing-signed-header"]');
  await expect(f).toHaveAttribute('data-severity', 'error');
  await expect(f).toContainText('content-type');
});
