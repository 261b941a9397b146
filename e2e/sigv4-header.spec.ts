// Header-signed requests on the page: a raw HTTP request and a curl command pasted in the main
// box, the body given as a file and hashed in the tab (tests/fixtures/sigv4-header, fake keys).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { expectVerdict, openPage } from './fixtures';

interface HeaderCase {
  id: string;
  raw_request: string;
  secret_access_key: string;
  signed_at: string;
}

function headerCase(id: string): HeaderCase {
  const file = id.startsWith('botocore/') ? 'botocore.jsonl' : 'aws-sdk-js-v3.jsonl';
  const lines = readFileSync(join(__dirname, '..', 'tests', 'fixtures', 'sigv4-header', file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const found = lines.map((l) => JSON.parse(l) as HeaderCase).find((c) => c.id === id);
  if (!found) throw new Error(`no fixture ${id}`);
  return found;
}

/** A minute after signing: inside every service's clock window. */
function justAfter(c: HeaderCase): Date {
  return new Date(Date.parse(c.signed_at) + 60_000);
}

/** A curl command for a raw request: -X, every header but Host and Content-Length, the body. */
function asCurl(raw: string): string {
  const [head, body] = raw.split('\r\n\r\n');
  const [requestLine, ...lines] = head.split('\r\n');
  const [method, target] = requestLine.split(' ');
  let host = '';
  let command = `curl -X ${method}`;
  for (const line of lines) {
    const at = line.indexOf(': ');
    const name = line.slice(0, at);
    const value = line.slice(at + 2);
    if (name.toLowerCase() === 'host') host = value;
    else if (name.toLowerCase() !== 'content-length') command += ` -H '${name}: ${value}'`;
  }
  if (body) command += ` --data-binary '${body}'`;
  return `${command} 'https://${host}${target}'`;
}

test('a raw HTTP request from botocore: decoded, then verified with the secret', async ({ page }) => {
  const c = headerCase('botocore/dynamodb-get-item');
  await page.clock.setFixedTime(justAfter(c));
  await openPage(page);
  // The text box turns CRLF into LF, as a paste does.
  await page.getByTestId('url-input').fill(c.raw_request);
  await expectVerdict(page, 'unverified');
  await expect(page.locator('dd code', { hasText: /^dynamodb$/ })).toBeVisible();
  await page.getByTestId('tab-signature').click();
  await expect(page.getByTestId('canonical-request')).toContainText('x-amz-target:DynamoDB_20120810.GetItem');
  await page.getByTestId('secret-input').fill(c.secret_access_key);
  await expectVerdict(page, 'signature-valid');
  await expect(page.getByTestId('computed-signature')).toHaveText(await page.getByTestId('provided-signature').innerText());
  // The snippet sends what was signed.
  await expect(page.getByTestId('curl-snippet')).toContainText("-H 'X-Amz-Target: DynamoDB_20120810.GetItem'");
});

test('a raw request whose body changed after signing: the service would refuse it', async ({ page }) => {
  const c = headerCase('botocore/s3-put-object-checksum-when-required');
  await page.clock.setFixedTime(justAfter(c));
  await openPage(page);
  await page.getByTestId('url-input').fill(c.raw_request.replace('Hello, world!', 'Hello, world?'));
  await expectVerdict(page, 'payload-hash-mismatch');
  await expect(page.locator('[data-finding="payload-hash-mismatch"]')).toHaveAttribute('data-severity', 'error');
});

test('a curl command with an Authorization header: verified, and a changed header is caught', async ({ page }) => {
  const c = headerCase('botocore/sts-get-caller-identity');
  await page.clock.setFixedTime(justAfter(c));
  await openPage(page);
  const curl = asCurl(c.raw_request);
  await page.getByTestId('url-input').fill(curl);
  await page.getByTestId('secret-input').fill(c.secret_access_key);
  await expectVerdict(page, 'signature-valid');
  // Re-signing with the value as it was signed reproduces the signature: the cause is proved.
  await page.getByTestId('url-input').fill(curl.replace('charset=utf-8', 'charset=UTF-8'));
  await expectVerdict(page, 'signed-header-value');
  await expect(page.getByTestId('verdict')).toContainText('charset=utf-8');
});

test('the body as a file: hashed in the tab with a progress bar, then the signature verifies', async ({ page }) => {
  const c = headerCase('botocore/dynamodb-get-item');
  await page.clock.setFixedTime(justAfter(c));
  await openPage(page);
  const [head, body] = c.raw_request.split('\r\n\r\n');
  await page.getByTestId('url-input').fill(`${head}\r\n\r\n`);
  await page.getByTestId('secret-input').fill(c.secret_access_key);
  await expectVerdict(page, 'signature-mismatch');
  await page.getByTestId('body-file-input').setInputFiles({
    name: 'item.json',
    mimeType: 'application/json',
    buffer: Buffer.from(body),
  });
  await expect(page.getByTestId('body-digest')).toContainText('item.json: 104 bytes');
  await expectVerdict(page, 'signature-valid');
});

test('a large body file is hashed in chunks, never uploaded', async ({ page }) => {
  const c = headerCase('botocore/dynamodb-get-item');
  await page.clock.setFixedTime(justAfter(c));
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await openPage(page);
  const [head] = c.raw_request.split('\r\n\r\n');
  await page.getByTestId('url-input').fill(`${head}\r\n\r\n`);
  const before = requests.length;
  // 12 MiB: three chunks.
  await page.getByTestId('body-file-input').setInputFiles({
    name: 'big.bin',
    mimeType: 'application/octet-stream',
    buffer: Buffer.alloc(12 * 1024 * 1024, 0x61),
  });
  await expect(page.getByTestId('body-digest')).toContainText('big.bin: 12582912 bytes');
  expect(requests.slice(before)).toEqual([]);
});
