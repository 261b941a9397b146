// A plain static file server for the tests that need the page somewhere other than the root of
// 127.0.0.1:4173 (playwright.config.ts): dist/ under a subfolder, as a GitHub Pages project site
// serves it from /<repository>/.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface StaticServer {
  /** The address of the folder, ending in a slash: http://127.0.0.1:PORT/PREFIX/ */
  url: string;
  /** Every path asked for, in order. */
  requested: string[];
  close(): Promise<void>;
}

/** Serves the files of `dir` under `/<prefix>/` (and nothing elsewhere) on 127.0.0.1. */
export async function serveUnder(dir: string, prefix: string): Promise<StaticServer> {
  const requested: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requested.push(path);
    const base = `/${prefix}/`;
    if (path === `/${prefix}`) {
      res.writeHead(301, { location: base }).end();
      return;
    }
    if (!path.startsWith(base)) {
      res.writeHead(404).end();
      return;
    }
    let file = normalize(path.slice(base.length));
    if (file === '.' || file.endsWith('/')) file = join(file, 'index.html');
    if (file.startsWith('..')) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(join(dir, file));
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/${prefix}/`,
    requested,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
