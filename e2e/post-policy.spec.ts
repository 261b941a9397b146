// A presigned POST pasted as boto3's JSON, with the file chosen: the policy's conditions are
// checked against the file's size and the fields, the signature against the secret.
import { test, expect } from '@playwright/test';
import { boto3PostCase, expectVerdict, openPage, sdkJson } from './fixtures';

const c = boto3PostCase('boto3/conditions-full');
const whileValid = new Date(Date.parse(c.signed_at) + 60_000);
// content-length-range is 1 B–10 MiB: one byte more is too big.
const tooBig = { name: 'holiday.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(10 * 1024 * 1024 + 1) };

test('a pasted boto3 POST with a file too big for its range', async ({ page }) => {
  await page.clock.setFixedTime(whileValid);
  await openPage(page);
  await page.getByTestId('url-input').fill(sdkJson(c));
  await expectVerdict(page, 'unverified');
  await page.getByTestId('secret-input').fill(c.secret_access_key);
  await expectVerdict(page, 'signature-valid');
  await page.getByTestId('tab-signature').click();
  await expect(page.getByTestId('string-to-sign')).toHaveText(c.fields.find(([n]) => n === 'policy')![1]);

  await page.getByTestId('file-input').setInputFiles(tooBig);
  await expect(page.getByTestId('file-chosen')).toContainText('holiday.jpg, 10.0 MiB (10485761 bytes), image/jpeg');
  await expectVerdict(page, 'policy-condition-failed');
  const finding = page.locator('[data-finding="policy-condition-failed"]');
  await expect(finding).toHaveAttribute('data-severity', 'error');
  await expect(finding).toContainText('The file is too large for the policy');
  await expect(finding).toContainText('EntityTooLarge');
  // The signature is still right: the file is what is wrong.
  await expect(page.locator('[data-finding="signature-valid"]')).toBeVisible();
  // The snippets send the file last.
  await page.getByRole('button', { name: 'JavaScript fetch' }).click();
  await expect(page.getByTestId('fetch-snippet')).toContainText('form.append("file", file); // the File to upload, always last');
  await page.getByRole('button', { name: 'HTML form' }).click();
  await expect(page.getByTestId('html-snippet')).toContainText('<input type="file" name="file">');

  await page.getByTestId('file-clear').click();
  await expectVerdict(page, 'signature-valid');
});

test('the share link carries the POST and the file, never the secret', async ({ page, context }) => {
  await page.clock.setFixedTime(whileValid);
  await openPage(page);
  await page.getByTestId('url-input').fill(sdkJson(c));
  await page.getByTestId('file-input').setInputFiles(tooBig);
  await page.getByTestId('secret-input').fill(c.secret_access_key);
  await expectVerdict(page, 'policy-condition-failed');
  // A valid policy with its signature is a credential: redact it.
  await expect(page.getByTestId('share-warning')).toBeVisible();
  await page.getByTestId('redact-signature').check();
  await page.getByTestId('share-button').click();
  const link = await page.getByTestId('share-link').inputValue();
  const signature = c.fields.find(([n]) => n === 'x-amz-signature')![1];
  expect(link).not.toContain(c.secret_access_key);
  expect(link).not.toContain(signature);

  const other = await context.newPage();
  await other.clock.setFixedTime(whileValid);
  await other.goto(link);
  await expect(other.getByTestId('restored-notice')).toBeVisible();
  await expect(other.getByTestId('file-chosen')).toContainText('holiday.jpg');
  await expectVerdict(other, 'policy-condition-failed');
  await expect(other.locator('[data-finding="signature-redacted"]')).toBeVisible();
});
