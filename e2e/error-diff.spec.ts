// S3's error body: pasted, read, and diffed line by line against the page's own computation.
import { test, expect } from '@playwright/test';
import { boto3Case, headerLines, openPage, whileValid } from './fixtures';

test("S3's canonical request is diffed line by line, the differing characters marked", async ({ page }) => {
  const c = boto3Case('boto3/put-content-type');
  await page.clock.setFixedTime(whileValid(c));
  await openPage(page);
  await page.getByTestId('url-input').fill(c.url);
  await page.getByTestId('method-select').selectOption('PUT');
  await page.getByTestId('headers-input').fill(headerLines(c));
  await page.getByTestId('tab-signature').click();
  const ours = await page.getByTestId('canonical-request').innerText();
  // What S3 computed when the browser added a charset to the Content-Type it sent.
  const theirs = ours.replace('content-type:text/plain', 'content-type:text/plain;charset=UTF-8');
  expect(theirs).not.toBe(ours);
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code>' +
    '<Message>The request signature we calculated does not match the signature you provided.</Message>' +
    `<CanonicalRequest>${theirs}</CanonicalRequest><RequestId>X</RequestId></Error>`;
  await page.getByText('The service’s error response (optional)').click();
  await page.getByTestId('error-xml-input').fill(xml);
  const diff = page.getByTestId('error-diff');
  await expect(diff).toBeVisible();
  await expect(diff).toContainText('SignatureDoesNotMatch');
  await expect(diff.locator('mark', { hasText: ';charset=UTF-8' })).toBeVisible();
  await expect(page.locator('[data-finding="server-canonical-request-differs"]')).toBeVisible();
});
