// Trunk post-build hook (Trunk.toml [[hooks]]): makes the page loadable under its
// Content-Security-Policy, `script-src 'self' 'wasm-unsafe-eval'` and `connect-src 'none'`.
//
// Trunk's output breaks that policy twice: its loader is an inline <script type="module"> (which
// `script-src 'self'` refuses), and the loader fetch()es the .wasm file (which
// `connect-src 'none'` refuses, as it does the <link rel="preload" as="fetch">). So this hook
//   1. writes the wasm module as a classic script (`<name>_bg.wasm.js`) that holds its bytes in
//      one string and loads under script-src like any other script (see "The carrier" below),
//   2. moves the loader into its own file (`boot-<hash>.js`) that reads that string back into
//      bytes and hands them to wasm-bindgen's init (compiled under 'wasm-unsafe-eval'),
//   3. replaces the inline script with the carrier's deferred <script src> and the loader's
//      module <script src>, both with SRI hashes, drops the wasm preload (the carrier's tag in
//      <head> starts its download as early), and deletes the .wasm file nothing loads any more,
//   4. minifies the JavaScript, wasm-bindgen's glue and the loader, and the stylesheet (esbuild,
//      pinned in package.json), and gives their tags the minified files' SRI hashes.
// connect-src 'none' is what lets the page promise that nothing typed can be sent anywhere: no
// fetch, XHR, WebSocket or beacon can leave the tab.
//
// The carrier. A script is text, so the module's bytes must become characters that compress
// (brotli, on the wire) almost as well as the bytes themselves:
//   - A module script is always read as UTF-8, where each byte 0x80-0xFF becomes two bytes:
//     brotli +6.5% over the raw module (base64 would cost +33%).
//   - A classic script that starts with a UTF-16LE byte order mark is read as UTF-16LE whatever
//     charset the server names (the BOM wins in the Encoding Standard's decode), so two bytes of
//     the module can be one UTF-16 code unit, and the file's bytes after the BOM are the module's
//     own bytes: brotli about +1%. What remains is the code units a string literal cannot hold
//     as they are: line breaks, the quote, the backslash, and surrogates (an unpaired one would
//     be decoded as U+FFFD). They are written as \uXXXX escapes. To make them rare, the bytes are
//     first renamed by a permutation that gives the module's nine rarest byte values the high
//     bytes 0xD8-0xDF (surrogates) and 0x00 (the ASCII escapes); the loader undoes it.
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

// The permutation: the nine rarest byte values trade places with 0xD8-0xDF and 0x00, as a list
// of swaps [a, b] the loader applies to the identity to get back the original byte values.
const counts = new Array(256).fill(0);
for (const byte of wasm) counts[byte]++;
const rarest = [...counts.keys()].sort((a, b) => counts[a] - counts[b] || a - b);
const rename = [...counts.keys()]; // byte value -> byte value in the file
const original = [...counts.keys()]; // byte value in the file -> byte value
const swaps = [];
[0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf, 0x00].forEach((target, i) => {
  const from = rarest[i];
  const displaced = original[target];
  if (displaced === from) return;
  const fromNow = rename[from];
  rename[from] = target;
  rename[displaced] = fromNow;
  original[target] = from;
  original[fromNow] = displaced;
  swaps.push([target, fromNow]);
});
const units = [0xfeff];
const text = (ascii) => { for (let i = 0; i < ascii.length; i++) units.push(ascii.charCodeAt(i)); };
const global = '__presignWasm';
text(`globalThis.${global}="`);
let escapes = 0;
for (let i = 0; i < wasm.length; i += 2) {
  // An odd-length module gets a padding byte; the loader knows the real length.
  const unit = rename[wasm[i]] | (rename[i + 1 < wasm.length ? wasm[i + 1] : 0] << 8);
  if ((unit >= 0xd800 && unit <= 0xdfff) || unit === 0x0a || unit === 0x0d || unit === 0x22 || unit === 0x5c) {
    text(`\\u${unit.toString(16).padStart(4, '0')}`);
    escapes++;
  } else {
    units.push(unit);
  }
}
text('";\n');
const wasmScript = Buffer.from(Uint16Array.from(units).buffer); // little-endian on every host Node runs on
if (wasmScript.readUInt16LE(0) !== 0xfeff) fail('the wasm carrier is not little-endian UTF-16');
const wasmScriptFile = `${wasmFile}.js`;
writeFileSync(join(staging, wasmScriptFile), wasmScript);
unlinkSync(join(staging, wasmFile));

// Loads the page's wasm without fetch() (the CSP has connect-src 'none'): the carrier, a deferred
// classic script placed before this module, has run by the time this module does.
const boot = Buffer.from(minify(`import init, * as bindings from '${bindingsUrl}';
const text = globalThis.${global};
delete globalThis.${global};
const original = Uint8Array.from({ length: 256 }, (_, i) => i);
for (const [a, b] of ${JSON.stringify(swaps)}) [original[a], original[b]] = [original[b], original[a]];
const bytes = new Uint8Array(${wasm.length});
for (let i = 0, j = 0; i < text.length; i++, j += 2) {
  const unit = text.charCodeAt(i);
  bytes[j] = original[unit & 255];
  if (j + 1 < bytes.length) bytes[j + 1] = original[unit >> 8];
}
const wasm = await init({ module_or_path: bytes });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
`));
const bootFile = `boot-${createHash('sha256').update(boot).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(staging, bootFile), boot);

const wasmTag = `<script defer src="${publicUrl}${wasmScriptFile}" integrity="${sri(wasmScript)}" crossorigin="anonymous"></script>`;
html = html.replace(
  inline[0],
  `${wasmTag}<script type="module" src="${publicUrl}${bootFile}" integrity="${sri(boot)}" crossorigin="anonymous"></script>`,
);
const preload = html.match(/<link rel="preload" href="[^"]*_bg\.wasm"[^>]*>/);
if (!preload) fail('no wasm preload link in index.html');
html = html.replace(preload[0], '');
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) fail('an inline <script> is left in index.html');
writeFileSync(indexPath, html);
console.log(`csp-loader: ${bootFile} loads ${wasmScriptFile} (${wasmScript.length} bytes, ${escapes} escapes); no inline script left`);
