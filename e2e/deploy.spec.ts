// Where the page can live: any folder of any static host (a GitHub Pages project site serves it
// from /<repository>/).
import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { loadExample } from './fixtures';
import { serveUnder } from './static-server';

const DIST = join(__dirname, '..', 'dist');

test('served from a subfolder (/tools/), the page loads only from there and diagnoses', async ({ page }) => {
  const server = await serveUnder(DIST, 'tools');
  try {
    await loadExample(page, server.url);
    expect(server.requested.length).toBeGreaterThan(1);
    for (const path of server.requested) expect(path, 'every request stays in /tools/').toMatch(/^\/tools\//);
    // The share link is this page's address.
    await page.getByTestId('share-button').click();
    expect((await page.getByTestId('share-link').inputValue()).startsWith(`${server.url}#v1`)).toBe(true);
  } finally {
    await server.close();
  }
});
