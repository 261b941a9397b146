// Trunk post-build hook (Trunk.toml [[hooks]]): makes the page loadable under its
// Content-Security-Policy, `script-src 'self' 'wasm-unsafe-eval'` and `connect-src 'none'`.
//
// Trunk's output breaks that policy twice: its loader is an inline <script type="module"> (which
// `script-src 'self'` refuses), and the loader fetch()es the .wasm file (which
// `connect-src 'none'` refuses, as it does the <link rel="preload" as="fetch">). So this hook
//   1. writes the wasm module as a JavaScript module (`<name>_bg.wasm.js`: one string, a
//      character U+0000–U+00FF per byte), which loads under script-src like any other script,
//   2. moves the loader into its own file (`boot-<hash>.js`) that imports it and hands the bytes
//      to wasm-bindgen's init (compiled under 'wasm-unsafe-eval'),
//   3. replaces the inline script and the wasm preload with <script src> and modulepreload tags
//      carrying SRI hashes, and deletes the .wasm file nothing loads any more,
//   4. minifies the JavaScript, wasm-bindgen's glue and the loader, and the stylesheet (esbuild,
//      pinned in package.json), and gives their tags the minified files' SRI hashes.
// connect-src 'none' is what lets the page promise that nothing typed can be sent anywhere: no
// fetch, XHR, WebSocket or beacon can leave the tab. The cost is small: a byte-per-character
// string compresses almost like the raw module (brotli: +7%; base64 would cost +33%).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('csp-loader: TRUNK_STAGING_DIR is not set (run me as a Trunk post_build hook)');
  process.exit(1);
}
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? '/';
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
// ES2022: the loader's top-level await and the glue's syntax stay as written, only shorter.
const minify = (code) =>
  transformSync(code, { format: 'esm', minify: true, target: 'es2022', legalComments: 'none' }).code;

// The glue: minified in place (same name), and its preload tag's hash follows the new bytes.
const bindingsFile = fileOf(bindingsUrl);
const bindings = Buffer.from(minify(readFileSync(join(staging, bindingsFile), 'utf8')));
writeFileSync(join(staging, bindingsFile), bindings);
const bindingsPreload = html
  .match(/<link rel="modulepreload"[^>]*>/g)
  ?.filter((tag) => tag.includes(`href="${bindingsUrl}"`));
if (bindingsPreload?.length !== 1 || !/integrity="[^"]*"/.test(bindingsPreload[0])) {
  fail('no modulepreload link with an integrity hash for the bindings in index.html');
}
html = html.replace(
  bindingsPreload[0],
  bindingsPreload[0].replace(/integrity="[^"]*"/, `integrity="${sri(bindings)}"`),
);
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
// Module scripts are always decoded as UTF-8, so bytes 0x80–0xFF take two bytes on disk; only
// the backslash, the quote, line breaks and NUL need escapes inside the literal.
const escapes = { 0x00: '\\x00', 0x0a: '\\n', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };
let literal = '';
for (const byte of wasm) literal += escapes[byte] ?? String.fromCharCode(byte);
const wasmModule = Buffer.from(`export default "${literal}";\n`, 'utf8');
const wasmModuleFile = `${wasmFile}.js`;
writeFileSync(join(staging, wasmModuleFile), wasmModule);
unlinkSync(join(staging, wasmFile));

// Loads the page's wasm without fetch() (the CSP has connect-src 'none').
const boot = Buffer.from(minify(`import init, * as bindings from '${bindingsUrl}';
import wasmText from '${publicUrl}${wasmModuleFile}';
const bytes = new Uint8Array(wasmText.length);
for (let i = 0; i < wasmText.length; i++) bytes[i] = wasmText.charCodeAt(i);
const wasm = await init({ module_or_path: bytes });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
`));
const bootFile = `boot-${createHash('sha256').update(boot).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(staging, bootFile), boot);

html = html.replace(
  inline[0],
  `<script type="module" src="${publicUrl}${bootFile}" integrity="${sri(boot)}" crossorigin="anonymous"></script>`,
);
const preload = html.match(/<link rel="preload" href="[^"]*_bg\.wasm"[^>]*>/);
if (!preload) fail('no wasm preload link in index.html');
html = html.replace(
  preload[0],
  `<link rel="modulepreload" href="${publicUrl}${wasmModuleFile}" crossorigin="anonymous" integrity="${sri(wasmModule)}">`,
);
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) fail('an inline <script> is left in index.html');
writeFileSync(indexPath, html);
console.log(`csp-loader: ${bootFile} loads ${wasmModuleFile} (${wasmModule.length} bytes); no inline script left`);
