// What a render costs in the page for the newer families: a SigV4A URL (right secret, and a
// wrong one, so the root-cause search verifies every variant) and an Azure SAS (right key,
// wrong key), in headless Debian Chromium, dist/ served on 127.0.0.1. The page inspects again
// on every render, the clock's once-a-second tick included, so this is also what each tick
// costs. Each sample edits the headers box (a header nothing signs), dispatches `input` and
// times to the report's DOM update and to the next painted frame. Prints medians.
//
//   node scripts/bench-families.mjs        # after `trunk build --release`
//   KEYS=40 node scripts/bench-families.mjs
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { readFile as readFileAsync } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from '@playwright/test';

const DIST = process.env.DIST ?? 'dist';
const KEYS = Number(process.env.KEYS ?? 30);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml' };

function serve() {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = join(DIST, normalize(path === '/' ? '/index.html' : path));
    try {
      const body = await readFileAsync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function fixture(file, id) {
  return readFileSync(join('tests', 'fixtures', file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l))
    .find((c) => c.id === id);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

async function renders(browser, origin, { url, secret, method }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Every fixture was made at 2026-11-20T10:00:00Z.
  await page.clock.setFixedTime(new Date('2026-11-20T10:01:00Z'));
  await page.goto(origin);
  await page.waitForSelector('[data-testid="url-input"]');
  await page.selectOption('[data-testid="method-select"]', method);
  await page.fill('[data-testid="secret-input"]', secret);
  await page.fill('[data-testid="url-input"]', url);
  const verdict = await page.getAttribute('[data-testid="verdict"]', 'data-verdict');
  const samples = await page.evaluate(async (keys) => {
    const box = document.querySelector('[data-testid="headers-input"]');
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const nextTask = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
    const out = [];
    for (let i = 0; i < keys; i++) {
      await new Promise((r) => setTimeout(r, Math.random() * 16));
      let domAt;
      const changed = new Promise((resolve) => {
        const mo = new MutationObserver((records) => {
          if (records.some((r) => r.target !== box && !box.contains(r.target))) {
            domAt = performance.now();
            mo.disconnect();
            resolve();
          }
        });
        mo.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
        setTimeout(() => { mo.disconnect(); resolve(); }, 5000);
      });
      const t0 = performance.now();
      box.value = i % 2 === 0 ? 'X-Trace: 1' : 'X-Trace: 12';
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: '2' }));
      await changed;
      await frame();
      await nextTask();
      if (domAt !== undefined) out.push({ dom: domAt - t0, paint: performance.now() - t0 });
    }
    return out;
  }, KEYS);
  await context.close();
  return { verdict, samples };
}

const sigv4a = fixture('sigv4a/botocore-crt.jsonl', 'botocore-crt/get-mrap-unicode-key');
const sas = fixture('azure-sas/azure-sas.jsonl', 'azure-sas/blob-unicode-name');
const cases = [
  ['SigV4A, right secret', { url: sigv4a.url, secret: sigv4a.secret_access_key, method: 'GET' }],
  ['SigV4A, wrong secret (search)', { url: sigv4a.url, secret: `${sigv4a.secret_access_key.slice(0, -1)}Z`, method: 'GET' }],
  ['Azure SAS, right key', { url: sas.url, secret: sas.account_key, method: 'GET' }],
  ['Azure SAS, wrong key (search)', { url: sas.url, secret: `${'A'.repeat(86)}==`, method: 'GET' }],
];
const server = await serve();
const origin = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const [name, c] of cases) {
    const r = await renders(browser, origin, c);
    const dom = median(r.samples.map((s) => s.dom));
    const paint = median(r.samples.map((s) => s.paint));
    console.log(`${name} (verdict ${r.verdict}, ${r.samples.length}/${KEYS} renders): DOM update ${dom.toFixed(1)} ms, painted ${paint.toFixed(1)} ms (medians)`);
  }
} finally {
  await browser.close();
  server.close();
}
