// Trunk post-build hook (Trunk.toml [[hooks]]): makes the page loadable under its
// Content-Security-Policy, `script-src 'self' 'wasm-unsafe-eval'` and `connect-src 'none'`.
//
// Trunk's output breaks that policy twice: its loader is an inline <script type="module"> (which
// `script-src 'self'` refuses), and the loader fetch()es the .wasm file (which
// `connect-src 'none'` refuses, as it does the <link rel="preload" as="fetch">). So this hook
//   1. writes the wasm module as a JavaScript module (`<name>_bg.wasm.js`, base64), which loads
//      under script-src like any other script,
//   2. moves the loader into its own file (`boot-<hash>.js`) that imports it and hands the bytes
//      to wasm-bindgen's init (compiled under 'wasm-unsafe-eval'),
//   3. replaces the inline script and the wasm preload with <script src> and modulepreload tags
//      carrying SRI hashes, and deletes the .wasm file nothing loads any more.
// connect-src 'none' is what lets the page promise that nothing typed can be sent anywhere: no
// fetch, XHR, WebSocket or beacon can leave the tab. The cost is ~35 KB more over the wire
// (base64 compresses a little worse than the raw module).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

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
const wasmFile = fileOf(wasmUrl);
const wasm = readFileSync(join(staging, wasmFile));
const wasmModule = Buffer.from(`export default "${wasm.toString('base64')}";\n`);
const wasmModuleFile = `${wasmFile}.js`;
writeFileSync(join(staging, wasmModuleFile), wasmModule);
unlinkSync(join(staging, wasmFile));

const boot = Buffer.from(`// Loads the page's wasm without fetch() (the CSP has connect-src 'none').
import init, * as bindings from '${bindingsUrl}';
import wasmBase64 from '${publicUrl}${wasmModuleFile}';
const bytes = typeof Uint8Array.fromBase64 === 'function'
  ? Uint8Array.fromBase64(wasmBase64)
  : Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
const wasm = await init({ module_or_path: bytes });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
`);
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
