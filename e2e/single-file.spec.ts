// The single file (scripts/single-file.mjs, dist/presign-inspector.html): the whole page in one
// HTML file that opens from disk, offline, under a Content-Security-Policy that allows its inline
// scripts and stylesheet by their hashes and still forbids every request.
import { test, expect, type Page, type Request } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadExample } from './fixtures';

/** Written by the build (Trunk.toml's second post-build hook, scripts/single-file.mjs). */
const file = join(__dirname, '..', 'dist', 'presign-inspector.html');

async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { violations: string[] }).violations);

test('the single file holds everything, and its policy allows its own scripts by hash only', () => {
  const html = readFileSync(file, 'utf8');
  const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/)?.[1] ?? '';
  expect(policy).toMatch(/^default-src 'none'; script-src 'sha256-[^']+' 'sha256-[^']+' 'wasm-unsafe-eval'; style-src 'sha256-[^']+'; img-src data:; connect-src 'none'; /);
  expect(policy).not.toContain("'self'");
  expect(policy).not.toContain('unsafe-inline');
  // No file but itself: every src and href is a data: URL.
  expect(html.match(/\s(?:src|href)="(?!data:)[^"]*"/g)).toBeNull();
  // The words index.html shows when a browser refuses its files from disk are not in it.
  expect(html).not.toContain('data-from-disk');
});

test('opened from disk, offline, the single file diagnoses within its policy and requests nothing', async ({ page, context }) => {
  const requests: Request[] = [];
  context.on('request', (r) => requests.push(r));
  await context.setOffline(true);
  await watchViolations(page);
  const url = pathToFileURL(file).href;
  await loadExample(page, url);
  expect(await violations(page)).toEqual([]);
  for (const r of requests) {
    expect(r.url() === url || r.url().startsWith('data:'), `${r.url()}: only the file itself (and its data: icon)`).toBe(true);
  }

  // The policy is in force: no fetch, and an injected inline script does not run.
  const outcome = await page.evaluate(async () => {
    let fetched = 'fetch went through';
    try {
      await fetch('data:text/plain,x');
    } catch {
      fetched = 'fetch blocked';
    }
    const s = document.createElement('script');
    s.textContent = 'window.injected = true';
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 200));
    return { fetched, injected: (window as unknown as { injected?: boolean }).injected === true };
  });
  expect(outcome).toEqual({ fetched: 'fetch blocked', injected: false });

  // A share link from a file with no hosted page named points to the file, and says so.
  await page.getByTestId('share-button').click();
  expect((await page.getByTestId('share-link').inputValue()).startsWith(`${url}#v1`)).toBe(true);
  await expect(page.getByTestId('share-target')).toContainText('works only on this computer');
});
