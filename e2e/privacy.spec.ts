// The privacy guarantee, enforced: from load to a full diagnosis and a share, the page requests
// only its own static assets, and a secret typed into it appears in no request, URL, storage,
// cookie, console message or share link. And the Content-Security-Policy is really in force.
import { test, expect, type Page, type Request } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { boto3Case, expectVerdict, openPage, whileValid } from './fixtures';

/** A secret no page text contains, so finding it anywhere means it leaked. */
const CANARY = 'PrivacyCanary/9f3Kq7ZmW2xVb8Ld4Rt6Yh1Jc5Np0Gs';

/** What the page may load: the files of dist/ (the release build under test). */
function ownAssets(): Set<string> {
  const dist = join(__dirname, '..', 'dist');
  return new Set(['/', ...readdirSync(dist).map((f) => `/${f}`)]);
}

/** Every place in the browser the secret could have been written to. */
async function storageDump(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [];
    for (const store of [localStorage, sessionStorage]) {
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i) ?? '';
        parts.push(`${key}=${store.getItem(key)}`);
      }
    }
    parts.push(`cookie=${document.cookie}`);
    const dbs = (await indexedDB.databases?.()) ?? [];
    parts.push(`indexedDB=${JSON.stringify(dbs)}`);
    parts.push(`caches=${JSON.stringify(await caches.keys().catch(() => []))}`);
    return parts.join('\n');
  });
}

test('from load to diagnosis and share: only own assets, and the secret is nowhere', async ({ page, context }) => {
  const requests: Request[] = [];
  context.on('request', (r) => requests.push(r));
  const consoleText: string[] = [];
  page.on('console', (m) => consoleText.push(m.text()));
  page.on('pageerror', (e) => consoleText.push(e.message));

  const c = boto3Case('boto3/put-content-type');
  await page.clock.setFixedTime(whileValid(c));
  await openPage(page);
  const loaded = requests.length;

  // A full diagnosis: URL, method, headers, S3's error body, and the secret (a wrong one, so the
  // root-cause search re-signs every variant with it).
  await page.getByTestId('url-input').fill(c.url);
  await page.getByTestId('method-select').selectOption('PUT');
  await page.getByTestId('headers-input').fill('Content-Type: text/plain');
  await page.locator('details', { has: page.getByTestId('error-xml-input') }).locator('summary').click();
  await page
    .getByTestId('error-xml-input')
    .fill(readFileSync(join(__dirname, '..', 'tests', 'fixtures', 's3-errors', 'signature-does-not-match-same-request.xml'), 'utf8'));
  await page.getByTestId('secret-input').fill(CANARY);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', /.+/);
  await expect(page.getByTestId('verdict')).not.toHaveAttribute('data-verdict', 'unverified');
  await expect(page.locator('[data-finding]').first()).toBeVisible();

  // Share.
  await page.getByTestId('share-button').click();
  const shareLink = page.getByTestId('share-link');
  await expect(shareLink).toBeVisible();
  const link = await shareLink.inputValue();
  expect(link).toContain('#');
  expect(link).not.toContain(CANARY);
  expect(decodeURIComponent(link)).not.toContain(CANARY);

  // Requests: only the page's own static files, all at load, none since.
  const assets = ownAssets();
  for (const r of requests) {
    const url = new URL(r.url());
    expect(`${url.protocol}//${url.host}`, r.url()).toBe(new URL(page.url()).origin);
    expect(url.hostname).toBe('127.0.0.1');
    expect(r.method(), r.url()).toBe('GET');
    expect(assets.has(url.pathname), `${url.pathname} is not a file of dist/`).toBe(true);
    expect(r.postData()).toBeNull();
    const headers = JSON.stringify(await r.allHeaders());
    expect(r.url() + headers).not.toContain(CANARY);
  }
  expect(requests.length, 'requests after the page loaded').toBe(loaded);

  // Nowhere else either.
  expect(page.url()).not.toContain(CANARY);
  expect(await storageDump(page)).not.toContain(CANARY);
  expect(JSON.stringify(await context.cookies())).not.toContain(CANARY);
  expect(consoleText.join('\n')).not.toContain(CANARY);
  // Shown nowhere on the page (the field itself holds it as its value, not as text).
  expect(await page.locator('body').innerText()).not.toContain(CANARY);
  expect(await page.content()).not.toContain(CANARY);

  // The shared link reproduces the inputs, without the secret.
  const receiver = await context.newPage();
  await receiver.clock.setFixedTime(whileValid(c));
  await openPage(receiver, link.slice(link.indexOf('/', link.indexOf('//') + 2)));
  await expect(receiver.getByTestId('url-input')).toHaveValue(c.url);
  await expect(receiver.getByTestId('secret-input')).toHaveValue('');
  expect(await storageDump(receiver)).not.toContain(CANARY);
});

const POLICY =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'none'; base-uri 'self'; form-action 'none'; object-src 'none'";

async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { violations: string[] }).violations);

test('the Content-Security-Policy is in force and the page runs within it', async ({ page }) => {
  await watchViolations(page);
  const c = boto3Case('boto3/get-basic');
  await page.clock.setFixedTime(whileValid(c));
  await openPage(page);
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', POLICY);
  // The built page has no inline script for the policy to allow.
  expect(await page.locator('script:not([src])').count()).toBe(0);

  // A full diagnosis breaks no rule of the policy.
  await page.getByTestId('url-input').fill(c.url);
  await page.getByTestId('secret-input').fill(c.secret_access_key);
  await expectVerdict(page, 'signature-valid');
  expect(await violations(page)).toEqual([]);

  // connect-src 'none': no fetch, XHR, beacon or WebSocket leaves the tab, not even to the
  // page's own origin.
  const attempts = await page.evaluate(async () => {
    const out: string[] = [];
    try {
      await fetch('/index.html');
      out.push('fetch went through');
    } catch {
      out.push('fetch blocked');
    }
    out.push(navigator.sendBeacon('/beacon', 'x') ? 'beacon queued' : 'beacon refused');
    try {
      new WebSocket(`ws://${location.host}/`);
      out.push('websocket opened');
    } catch {
      out.push('websocket blocked');
    }
    return out;
  });
  expect(attempts[0]).toBe('fetch blocked');
  await expect.poll(() => violations(page)).toContain(`connect-src ${new URL('/index.html', page.url()).href}`);

  // script-src 'self': an injected inline script does not run, nor does an inline handler.
  const ran = await page.evaluate(async () => {
    const w = window as unknown as { injected?: boolean };
    const s = document.createElement('script');
    s.textContent = 'window.injected = true';
    document.body.append(s);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.injected = true');
    img.src = 'data:,not-an-image';
    document.body.append(img);
    await new Promise((r) => setTimeout(r, 200));
    return w.injected === true;
  });
  expect(ran).toBe(false);
  const seen = await violations(page);
  expect(seen.some((v) => v.startsWith('script-src-elem inline'))).toBe(true);
  expect(seen.some((v) => v.startsWith('img-src data'))).toBe(true);
});
