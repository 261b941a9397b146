// GCS V4 and CloudFront signed URLs on the page: verified from the signer's certificate or
// public key alone (pasted, or dropped as a file), decoded in plain words, and shared with the
// public key but never a private one. Fixtures: tests/fixtures/gcs and tests/fixtures/cloudfront
// (test-only keys, signed 2026-11-20T10:00:00Z).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { expectVerdict, openPage } from './fixtures';

const fixtures = join(__dirname, '..', 'tests', 'fixtures');
const read = (path: string) => readFileSync(join(fixtures, path), 'utf8');

function record(file: string, id: string): { url: string; headers: Record<string, string> } {
  const found = read(file)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l))
    .find((r) => r.id === id);
  if (!found) throw new Error(`no fixture ${id}`);
  return found;
}

/** A minute after every fixture was signed. */
const WHILE_VALID = new Date(Date.parse('2026-11-20T10:01:00Z'));

async function dropFile(page: Page, testid: string, name: string, text: string) {
  const target = page.getByTestId(testid);
  const transfer = await page.evaluateHandle(
    ([n, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: 'application/x-pem-file' }));
      return dt;
    },
    [name, text],
  );
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await target.dispatchEvent('drop', { dataTransfer: transfer });
}

test('a GCS URL verifies from a pasted certificate, no secret', async ({ page }) => {
  const r = record('gcs/gcs-signed-urls.jsonl', 'gcs/get-basic');
  await page.clock.setFixedTime(WHILE_VALID);
  await openPage(page);
  await page.getByTestId('url-input').fill(r.url);
  // Without the key: decoded, not verified, and the page asks for the public key.
  await expectVerdict(page, 'unverified');
  await expect(page.getByTestId('verdict')).toContainText('public key');
  await expect(page.getByTestId('public-key-input')).toBeVisible();
  await expect(page.getByText('signer@presign-inspector-fixtures.iam.gserviceaccount.com').first()).toBeVisible();
  await expect(page.getByTestId('countdown')).toBeVisible();
  await page.getByTestId('public-key-input').fill(read('gcs/test-only-fake-sa-cert.pem'));
  await expectVerdict(page, 'signature-valid');
  await page.getByTestId('tab-signature').click();
  await expect(page.getByTestId('canonical-request')).toContainText('/example-bucket/folder/report.pdf');
  await expect(page.getByTestId('string-to-sign')).toContainText('GOOG4-RSA-SHA256');
  // The secret field stayed empty throughout.
  await expect(page.getByTestId('secret-input')).toHaveValue('');
});

test('a GCS URL sent with the wrong method is diagnosed from the certificate alone', async ({ page }) => {
  const r = record('gcs/gcs-signed-urls.jsonl', 'gcs/put-content-type');
  await page.clock.setFixedTime(WHILE_VALID);
  await openPage(page);
  await page.getByTestId('url-input').fill(r.url);
  await page.getByTestId('method-select').selectOption('GET');
  await page.getByTestId('headers-input').fill('Content-Type: image/jpeg');
  await page.getByTestId('public-key-input').fill(read('gcs/test-only-fake-sa-cert.pem'));
  await expectVerdict(page, 'method-mismatch');
  // The symptom is listed among the findings (folded under the cause).
  await expect(page.locator('[data-finding="signature-mismatch"]')).toBeAttached();
});

test('a CloudFront URL verifies from a dropped public key file', async ({ page }) => {
  const r = record('cloudfront/botocore.jsonl', 'botocore/custom-start-ip');
  await page.clock.setFixedTime(WHILE_VALID);
  await openPage(page);
  await page.getByTestId('url-input').fill(r.url);
  await expectVerdict(page, 'unverified');
  await expect(page.locator('[data-finding="cloudfront-ip-restriction"]')).toBeVisible();
  await dropFile(page, 'public-key-input', 'public_key.pem', read('cloudfront/test-only-fake-cf-public-key.pem'));
  await expectVerdict(page, 'signature-valid');
  await page.getByTestId('tab-signature').click();
  await expect(page.getByTestId('policy')).toContainText('"AWS:SourceIp":"203.0.113.7/32"');
});

test('the share link carries the public key, and never a private key', async ({ page, context }) => {
  const r = record('gcs/gcs-signed-urls.jsonl', 'gcs/get-basic');
  await page.clock.setFixedTime(WHILE_VALID);
  await openPage(page);
  await page.getByTestId('url-input').fill(r.url);
  const cert = read('gcs/test-only-fake-sa-cert.pem');
  await page.getByTestId('public-key-input').fill(cert);
  await expectVerdict(page, 'signature-valid');
  await expect(page.getByTestId('share-warning')).toBeVisible();
  await page.getByTestId('share-button').click();
  const link = await page.getByTestId('share-link').inputValue();
  const other = await context.newPage();
  await other.clock.setFixedTime(WHILE_VALID);
  await other.goto(link);
  await expect(other.getByTestId('public-key-input')).toHaveValue(cert);
  await expectVerdict(other, 'signature-valid');

  // A private key pasted in its place is reported, not used, and left out of the link.
  const privateKey = read('gcs/test-only-fake-sa-private-key.pem');
  await page.getByTestId('public-key-input').fill(privateKey);
  await expect(page.locator('[data-finding="private-key-pasted"]')).toBeVisible();
  await page.getByTestId('share-button').click();
  const second = await page.getByTestId('share-link').inputValue();
  const body = privateKey.split('\n')[1];
  expect(decodeURIComponent(second)).not.toContain('PRIVATE KEY');
  expect(second).not.toContain(body.slice(0, 20));
});
