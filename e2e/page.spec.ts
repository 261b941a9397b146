// The page as a person uses it: paste a real SDK URL, type the secret, read the verdict.
import { test, expect } from '@playwright/test';
import { afterExpiry, boto3Case, expectVerdict, headerLines, loadExample, openPage, whileValid } from './fixtures';

test('renders the title, labelled inputs, and asks for a URL', async ({ page }) => {
  await openPage(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Presign Inspector');
  await expect(page.getByLabel('Presigned URL, POST or signed request', { exact: true })).toHaveAttribute('data-testid', 'url-input');
  await expect(page.getByLabel('Method sent')).toHaveAttribute('data-testid', 'method-select');
  await expect(page.getByLabel('Headers sent')).toHaveAttribute('data-testid', 'headers-input');
  await expect(page.getByLabel('Secret access key (optional)')).toHaveAttribute('data-testid', 'secret-input');
  await expect(page.getByTestId('error-xml-input')).toBeAttached();
  await expectVerdict(page, 'not-a-url');
});

test('a boto3 URL and its secret verify: signature-valid', async ({ page }) => {
  const c = boto3Case('boto3/get-basic');
  await page.clock.setFixedTime(whileValid(c));
  await openPage(page);
  await page.getByTestId('url-input').fill(c.url);
  await expectVerdict(page, 'unverified');
  // Decoded at once: the credential scope's five parts.
  for (const part of ['AKIAIOSFODNN7EXAMPLE', '20261120', 'us-east-1', 's3', 'aws4_request']) {
    await expect(page.locator('.scope code', { hasText: new RegExp(`^${part}$`) })).toBeVisible();
  }
  await page.getByTestId('secret-input').fill(c.secret_access_key);
  await expectVerdict(page, 'signature-valid');
  await expect(page.locator('[data-finding="signature-valid"]')).toHaveAttribute('data-severity', 'ok');
  await page.getByTestId('tab-signature').click();
  await expect(page.getByTestId('computed-signature')).toHaveText(await page.getByTestId('provided-signature').innerText());
});

test('the secret input is a password field that never autocompletes, with a show toggle', async ({ page }) => {
  await openPage(page);
  const secret = page.getByTestId('secret-input');
  await expect(secret).toHaveAttribute('type', 'password');
  await expect(secret).toHaveAttribute('autocomplete', 'off');
  await page.getByTestId('secret-toggle').click();
  await expect(secret).toHaveAttribute('type', 'text');
  await expect(page.getByText('Never leaves this tab', { exact: false })).toBeVisible();
});

test('a PUT URL sent as GET: method-mismatch', async ({ page }) => {
  const c = boto3Case('boto3/put-content-type');
  await page.clock.setFixedTime(whileValid(c));
  await openPage(page);
  await page.getByTestId('url-input').fill(c.url);
  await page.getByTestId('method-select').selectOption('PUT');
  await page.getByTestId('headers-input').fill(headerLines(c));
  await page.getByTestId('secret-input').fill(c.secret_access_key);
  await expectVerdict(page, 'signature-valid');
  await page.getByTestId('method-select').selectOption('GET');
  await expectVerdict(page, 'method-mismatch');
  await expect(page.locator('[data-finding="method-mismatch"]')).toHaveAttribute('data-severity', 'error');
});

test('the clock past expiry: expired, and the countdown says so', async ({ page }) => {
  const c = boto3Case('boto3/get-basic');
  await page.clock.install({ time: new Date(whileValid(c).getTime() - 10_000) });
  await openPage(page);
  // Stop the clock at a known instant; from here it moves only when the test says so.
  await page.clock.pauseAt(whileValid(c));
  await page.getByTestId('url-input').fill(c.url);
  await page.getByTestId('secret-input').fill(c.secret_access_key);
  await expectVerdict(page, 'signature-valid');
  await expect(page.getByTestId('countdown')).toContainText('expires in 59 min');
  // The live countdown ticks every second.
  await page.clock.runFor(2000);
  await expect(page.getByTestId('countdown')).toContainText('expires in 58 min 58 s');
  await page.clock.setSystemTime(afterExpiry(c));
  await page.clock.runFor(1000);
  await expectVerdict(page, 'expired');
  await expect(page.getByTestId('countdown')).toContainText('expired');
});

test('a URL pasted from a JSON log line is read with its escapes undone, and the page says so', async ({ page }) => {
  const c = boto3Case('boto3/get-basic');
  await page.clock.setFixedTime(whileValid(c));
  await openPage(page);
  // As Go's encoding/json writes it into a log: & as \u0026, inside quotes.
  await page.getByTestId('url-input').fill(JSON.stringify(c.url).replaceAll('&', '\\u0026'));
  await page.getByTestId('secret-input').fill(c.secret_access_key);
  await expectVerdict(page, 'signature-valid');
  const escaped = page.locator('[data-finding="escaped-url"]');
  await expect(escaped).toHaveAttribute('data-severity', 'warning');
  await expect(escaped).toContainText('The URL is JSON-escaped');
  // The snippets send the URL itself, not the escaped text.
  await expect(page.getByTestId('curl-snippet')).toContainText(c.url);
});

test('the examples menu loads the S3 documentation example', async ({ page }) => {
  await loadExample(page);
  await expect(page.getByTestId('url-input')).toHaveValue(/examplebucket\.s3\.amazonaws\.com\/test\.txt/);
  await expect(page.getByTestId('curl-snippet')).toContainText("curl --fail-with-body -g --path-as-is");
});

test('the module loads when the server labels every script as UTF-8 (the carrier is UTF-16 with a BOM)', async ({ page }) => {
  // Hosts such as GitHub Pages send `charset=utf-8` with JavaScript. The wasm carrier is a
  // UTF-16LE classic script (scripts/csp-loader.mjs): its byte order mark must win over that
  // label, or every byte pair would decode wrongly and the module would not compile.
  let relabelled = 0;
  await page.route('**/*_bg.wasm.js', async (route) => {
    const response = await route.fetch();
    relabelled++;
    await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'text/javascript; charset=utf-8' } });
  });
  await loadExample(page);
  expect(relabelled).toBe(1);
});
