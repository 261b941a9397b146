// The page as a person uses it: paste a real SDK URL, type the secret, read the verdict.
import { test, expect } from '@playwright/test';
import { boto3Case, expectVerdict, openPage, whileValid } from './fixtures';

test('renders the title, the inputs and asks for a URL', async ({ page }) => {
  await openPage(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Presign Inspector');
  for (const id of ['url-input', 'method-select', 'headers-input', 'secret-input', 'error-xml-input']) {
    await expect(page.getByTestId(id)).toBeAttached();
  }
  await expectVerdict(page, 'not-a-url');
});

test('a boto3 URL and its secret verify: signature-valid', async ({ page }) => {
  const c = boto3Case('boto3/get-basic');
  await page.clock.setFixedTime(whileValid(c));
  await openPage(page);
  await page.getByTestId('url-input').fill(c.url);
  await expectVerdict(page, 'unverified');
  await expect(page.getByText('AKIAIOSFODNN7EXAMPLE/20261120/us-east-1/s3/aws4_request').first()).toBeVisible();
  await page.getByTestId('secret-input').fill(c.secret_access_key);
  await expectVerdict(page, 'signature-valid');
});

test('one wrong character in the secret: signature-mismatch', async ({ page }) => {
  const c = boto3Case('boto3/get-basic');
  await page.clock.setFixedTime(whileValid(c));
  await openPage(page);
  await page.getByTestId('url-input').fill(c.url);
  await page.getByTestId('secret-input').fill(c.secret_access_key.replace(/.$/, 'X'));
  await expectVerdict(page, 'signature-mismatch');
});
