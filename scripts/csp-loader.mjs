// Trunk post-build hook (Trunk.toml [[hooks]]): makes the page loadable under its
// Content-Security-Policy, `script-src 'self' 'wasm-unsafe-eval'` and `connect-src 'none'`, from
// any folder of any static host and from a file on disk.
//
// Trunk's output breaks that policy twice: its loader is an inline <script type="module"> (which
// `script-src 'self'` refuses), and the loader fetch()es the .wasm file (which
// `connect-src 'none'` refuses, as it does the <link rel="preload" as="fetch">). So this hook
//   1. writes the wasm module as a classic script (`<name>_bg.wasm.js`) that holds its bytes in
//      one string and loads under script-src like any other script (scripts/carrier.mjs),
//   2. bundles the loader (scripts/boot.js: reads that string back into bytes, hands them to
//      wasm-bindgen's init, compiled under 'wasm-unsafe-eval', and says in words on the page why
//      the module could not start, if it could not) with wasm-bindgen's glue into one classic
//      script (`boot-<hash>.js`), minified with esbuild (pinned in package.json),
//   3. replaces the inline script with the carrier's and the loader's deferred <script src>, both
//      with SRI hashes, drops the glue's modulepreload and the wasm preload (the carrier's tag in
//      <head> starts its download as early), and deletes the files nothing loads any more,
//   4. minifies the stylesheet (esbuild) and gives its tag the minified file's SRI hash,
//   5. writes <meta name="presign-inspector-hosted-url"> when PRESIGN_INSPECTOR_HOSTED_URL is set:
//      the page's address on the web, where share links made in a copy opened from disk point,
//   6. writes the same page as one self-contained file, presign-inspector.html, which opens from
//      disk (single-file.mjs: a browser refuses index.html's SRI-checked files there).
// connect-src 'none' is what lets the page promise that nothing typed can be sent anywhere: no
// fetch, XHR, WebSocket or beacon can leave the tab.
//
// Classic scripts, the glue bundled into the loader, no `crossorigin`: the single file inlines
// this very loader, where a module could not import the glue from another file. A page opened
// from file:// has no CORS, with which browsers fetch module and crossorigin scripts and check SRI
// hashes: Chromium refuses all three there, hence the single file for disk. Same-origin files need
// no crossorigin attribute for their SRI hashes to be checked. Every URL is relative
// (Trunk.toml public_url = "./", no <base>), so the page works from any folder of any host.
//
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync, transformSync } from 'esbuild';
import { CARRIER_GLOBAL, carrierScript } from './carrier.mjs';
import { writeSingleFile } from './single-file.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('csp-loader: TRUNK_STAGING_DIR is not set (run me as a Trunk post_build hook)');
  process.exit(1);
}
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? './';
const indexPath = join(staging, 'index.html');
let html = readFileSync(indexPath, 'utf8');

const fail = (what) => {
  console.error(`csp-loader: ${what}; Trunk's output changed, update scripts/csp-loader.mjs`);
  process.exit(1);
};
const inline = html.match(/<script type="module">([\s\S]*?)<\/script>/);
if (!inline) fail('no inline module loader in index.html');
const bindingsUrl = inline[1].match(/import init, \* as bindings from '([^']+)'/)?.[1];
const wasmUrl = inline[1].match(/module_or_path: '([^']+)'/)?.[1];
if (!bindingsUrl || !wasmUrl) fail('cannot read the bindings and wasm paths from the loader');
const fileOf = (url) => {
  if (!url.startsWith(publicUrl)) fail(`${url} is not under the public URL ${publicUrl}`);
  return url.slice(publicUrl.length);
};

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const bindingsFile = fileOf(bindingsUrl);
// The glue is bundled into the loader: its modulepreload goes.
const bindingsPreload = html
  .match(/<link rel="modulepreload"[^>]*>/g)
  ?.filter((tag) => tag.includes(`href="${bindingsUrl}"`));
if (bindingsPreload?.length !== 1) fail('no modulepreload link for the bindings in index.html');
html = html.replace(bindingsPreload[0], '');
// The stylesheet (Trunk hashes it but does not minify it): minified in place, new SRI hash.
for (const tag of html.match(/<link rel="stylesheet"[^>]*>/g) ?? []) {
  const href = tag.match(/href="([^"]+)"/)?.[1];
  if (!href || !/integrity="[^"]*"/.test(tag)) fail(`stylesheet link without href or integrity: ${tag}`);
  const cssFile = fileOf(href);
  const css = Buffer.from(
    transformSync(readFileSync(join(staging, cssFile), 'utf8'), { loader: 'css', minify: true, legalComments: 'none' }).code,
  );
  writeFileSync(join(staging, cssFile), css);
  html = html.replace(tag, tag.replace(/integrity="[^"]*"/, `integrity="${sri(css)}"`));
}

const wasmFile = fileOf(wasmUrl);
const wasm = readFileSync(join(staging, wasmFile));

// The carrier file: UTF-16LE with a byte order mark (see carrier.mjs).
const carrier = carrierScript(wasm, 2);
const wasmScript = Buffer.from(`\ufeff${carrier.source}`, 'utf16le');
const wasmScriptFile = `${wasmFile}.js`;
writeFileSync(join(staging, wasmScriptFile), wasmScript);
unlinkSync(join(staging, wasmFile));

// The loader: scripts/boot.js and the glue, one classic script (see the header).
const bundled = buildSync({
  stdin: {
    contents: `import init, * as bindings from './${bindingsFile}';
import { boot } from ${JSON.stringify(join(dirname(fileURLToPath(import.meta.url)), 'boot.js'))};
boot(init, bindings);
`,
    resolveDir: staging,
    sourcefile: 'boot-entry.js',
  },
  bundle: true,
  format: 'iife',
  // ES2022: the glue's syntax stays as written, only shorter.
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  write: false,
  define: { CARRIER_GLOBAL: JSON.stringify(CARRIER_GLOBAL) },
  // The glue's default module path, new URL('…_bg.wasm', import.meta.url), is never used: the
  // loader always passes the bytes.
  logOverride: { 'empty-import-meta': 'silent' },
});
const boot = Buffer.from(bundled.outputFiles[0].contents);
const bootFile = `boot-${createHash('sha256').update(boot).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(staging, bootFile), boot);
unlinkSync(join(staging, bindingsFile));

const wasmTag = `<script defer src="${publicUrl}${wasmScriptFile}" integrity="${sri(wasmScript)}"></script>`;
html = html.replace(
  inline[0],
  `${wasmTag}<script defer src="${publicUrl}${bootFile}" integrity="${sri(boot)}"></script>`,
);
const preload = html.match(/<link rel="preload" href="[^"]*_bg\.wasm"[^>]*>/);
if (!preload) fail('no wasm preload link in index.html');
html = html.replace(preload[0], '');
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) fail('an inline <script> is left in index.html');
if (/type="module"|crossorigin/.test(html)) fail('a module script or a crossorigin attribute is left in index.html');

// Where share links made in a copy opened from disk point (src/components/share.rs).
const hosted = process.env.PRESIGN_INSPECTOR_HOSTED_URL;
if (hosted) {
  let url;
  try {
    url = new URL(hosted);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hash) {
    console.error(`csp-loader: PRESIGN_INSPECTOR_HOSTED_URL must be an http(s) URL without a #fragment, not ${hosted}`);
    process.exit(1);
  }
  const escaped = url.href.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  html = html.replace('</head>', `<meta name="presign-inspector-hosted-url" content="${escaped}"></head>`);
}
writeFileSync(indexPath, html);

// Last, the same page as one file, for opening from disk (see single-file.mjs).
let single;
try {
  single = writeSingleFile(staging, join(staging, 'presign-inspector.html'), carrierScript(wasm, 1).source);
} catch (error) {
  console.error(`csp-loader: the single file: ${error.message}`);
  process.exit(1);
}
console.log(
  `csp-loader: ${bootFile} loads ${wasmScriptFile} (${wasmScript.length} bytes, ${carrier.escapes} escapes); no inline script left` +
    (hosted ? `; share links from disk point to ${hosted}` : ''),
);
console.log(`csp-loader: presign-inspector.html, the page in one file: ${single.raw} bytes (${single.brotli} brotli)`);
