// The newer families on the page: an Azure SAS checked with the account key, a SigV4A URL
// verified with the secret (fixtures made by the SDKs with fake keys; the clock fixed).
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectVerdict, openPage } from './fixtures';

interface Fixture {
  id: string;
  url: string;
  account_key?: string | null;
  secret_access_key?: string;
}

function fixture(file: string, id: string): Fixture {
  const found = readFileSync(join(__dirname, '..', 'tests', 'fixtures', file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Fixture)
    .find((c) => c.id === id);
  if (!found) throw new Error(`no fixture ${id}`);
  return found;
}

// Every fixture was made at 2026-11-20T10:00:00Z, valid for an hour.
const WHILE_VALID = new Date('2026-11-20T10:01:00Z');

test('an Azure SAS is decoded, then verified with the account key', async ({ page }) => {
  const c = fixture('azure-sas/azure-sas.jsonl', 'azure-sas/blob-rw-start');
  await page.clock.setFixedTime(WHILE_VALID);
  await openPage(page);
  await page.getByTestId('url-input').fill(c.url);
  await expectVerdict(page, 'unverified');
  await expect(page.getByText('service SAS (signed with an account key)')).toBeVisible();
  await expect(page.getByTestId('countdown')).toBeVisible();
  // The secret field asks for the account key.
  await expect(page.getByLabel('Account key (optional)')).toHaveAttribute('data-testid', 'secret-input');
  await page.getByTestId('secret-input').fill(c.account_key!);
  await expectVerdict(page, 'signature-valid');
  // The intermediates are in the Signature tab.
  await page.getByTestId('tab-signature').click();
  await expect(page.getByTestId('string-to-sign')).toContainText('/blob/presigninspectorfake/photos/2026/cat.jpg');
  await expect(page.getByTestId('computed-signature')).toHaveText(await page.getByTestId('provided-signature').innerText());
  // The permissions against the method sent.
  await page.getByTestId('method-select').selectOption('DELETE');
  await expectVerdict(page, 'azure-permission-missing');
});

test('an Azure SAS with another key: a mismatch that blames nothing', async ({ page }) => {
  const c = fixture('azure-sas/azure-sas.jsonl', 'azure-sas/blob-r');
  await page.clock.setFixedTime(WHILE_VALID);
  await openPage(page);
  await page.getByTestId('url-input').fill(c.url);
  await page.getByTestId('secret-input').fill('A'.repeat(86) + '==');
  await expectVerdict(page, 'signature-mismatch');
  await expect(page.locator('[data-finding][data-severity="error"]')).toHaveCount(1);
});

test('a SigV4A URL is verified with the secret', async ({ page }) => {
  const c = fixture('sigv4a/botocore-crt.jsonl', 'botocore-crt/get-mrap');
  await page.clock.setFixedTime(WHILE_VALID);
  await openPage(page);
  await page.getByTestId('url-input').fill(c.url);
  await expectVerdict(page, 'unverified');
  await expect(page.getByText('mfzwi23gnjvgw.mrap', { exact: true })).toBeVisible();
  await page.getByTestId('secret-input').fill(c.secret_access_key!);
  await expectVerdict(page, 'signature-valid');
  await page.getByTestId('tab-signature').click();
  await expect(page.getByTestId('public-key')).toContainText('X = 18b7d04643359f6ec270dcbab8dce6d169d66ddc9778c75cfb08dfdb701637ab');
  await page.getByTestId('method-select').selectOption('PUT');
  await expectVerdict(page, 'method-mismatch');
});
