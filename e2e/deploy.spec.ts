// Where the page can live: any folder of any static host (a GitHub Pages project site serves it
// from /<repository>/), and a file on disk opened with file://, offline.
import { test, expect, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadExample } from './fixtures';
import { serveUnder } from './static-server';

const DIST = join(__dirname, '..', 'dist');

/** Shares the loaded diagnosis and returns the link and what the page says about where it leads. */
async function share(page: Page): Promise<{ link: string; target: string | null }> {
  await page.getByTestId('share-button').click();
  const link = await page.getByTestId('share-link').inputValue();
  const note = page.getByTestId('share-target');
  return { link, target: (await note.count()) ? await note.innerText() : null };
}

test('served from a subfolder (/tools/), the page loads only from there and diagnoses', async ({ page }) => {
  const server = await serveUnder(DIST, 'tools');
  try {
    await loadExample(page, server.url);
    expect(server.requested.length).toBeGreaterThan(1);
    for (const path of server.requested) expect(path, 'every request stays in /tools/').toMatch(/^\/tools\//);
    // The share link is this page's address, and the page says nothing more about it.
    const { link, target } = await share(page);
    expect(link.startsWith(`${server.url}#v1`)).toBe(true);
    expect(target).toBeNull();
  } finally {
    await server.close();
  }
});

test('dist/index.html opened from disk: the browser refuses its files, and the page says so and links the single file, which works', async ({ page, context }) => {
  // Chromium refuses scripts and stylesheets with SRI hashes from file:// (no CORS to check them
  // with); no script of the page runs, and without the stylesheet the words show at once.
  await context.setOffline(true);
  await page.clock.setFixedTime(new Date('2013-05-24T01:00:00Z'));
  await page.goto(pathToFileURL(join(DIST, 'index.html')).href);
  const stalled = page.getByTestId('boot-stalled');
  await expect(stalled).toBeVisible();
  await expect(stalled).toContainText('you opened this page from a file on your disk, where browsers refuse its files');
  // Nothing is loading, and the page does not say it is.
  await expect(page.getByTestId('boot-loading')).toBeHidden();
  await page.screenshot({ path: 'test-results/screenshots/file-url-index.png' });

  await stalled.getByRole('link', { name: 'presign-inspector.html' }).click();
  const single = pathToFileURL(join(DIST, 'presign-inspector.html')).href;
  await expect(page).toHaveURL(single);
  await loadExample(page, single);
  await page.screenshot({ path: 'test-results/screenshots/file-url-single.png' });
  const { link, target } = await share(page);
  expect(link.startsWith(`${single}#v1`)).toBe(true);
  expect(target).toContain('works only on this computer');
});

test('opened from disk, a build that names its hosted page makes share links to that page', async ({ page }) => {
  // The single file with the <meta> that csp-loader.mjs writes into index.html (and so into the
  // single file) when the build is given PRESIGN_INSPECTOR_HOSTED_URL; the policy's hashes cover
  // the scripts and the stylesheet, not the rest of the file.
  const dir = mkdtempSync(join(tmpdir(), 'presign-hosted-'));
  try {
    const file = join(dir, 'presign-inspector.html');
    const hosted = 'https://example.github.io/presign-inspector/';
    writeFileSync(
      file,
      readFileSync(join(DIST, 'presign-inspector.html'), 'utf8').replace(
        '</head>',
        `<meta name="presign-inspector-hosted-url" content="${hosted}"></head>`,
      ),
    );
    await loadExample(page, pathToFileURL(file).href);
    const { link, target } = await share(page);
    expect(link.startsWith(`${hosted}#v1`)).toBe(true);
    expect(target).toContain(`The link opens the hosted page, ${hosted}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
