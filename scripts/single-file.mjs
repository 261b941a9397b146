// Writes the page as one self-contained HTML file, presign-inspector.html, beside index.html.
// csp-loader.mjs (Trunk's post-build hook) calls it last, so `trunk build --release` leaves it in
// dist/.
//
// Why: a browser refuses the scripts and stylesheet of dist/index.html opened from disk
// (file://), because they carry SRI hashes and a file has no CORS to check them with (Chromium:
// "the resource requires the request to be CORS enabled to check the integrity"). This file
// needs no other file: the stylesheet, the module's carrier, the loader with wasm-bindgen's glue
// (the very files of the build, checked against their SRI hashes) and the icon are inline. Its
// Content-Security-Policy allows exactly these scripts and this stylesheet by their SHA-256
// hashes instead of 'self', which pins their content as SRI does; connect-src 'none' stays, so
// the page still cannot send anything anywhere.
//
// The carrier is written for this file (carrier.mjs, one byte per character: a UTF-16 script
// cannot be inline in a UTF-8 page) and handed over by csp-loader.mjs.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

class SingleFileError extends Error {}
const fail = (what) => {
  throw new SingleFileError(what);
};

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Fails on the sequences that would end or nest a <script> element (or comment it out). */
function scriptSafe(code, what) {
  if (/<\/script|<!--|<script/i.test(code)) fail(`${what} holds a sequence that would end or nest the <script> element`);
  return code;
}

/**
 * Writes `out`, the page of `dist` (a release build after csp-loader.mjs) as one file, with
 * `carrierSource` (carrier.mjs, one byte per character) for its module, and returns its sizes:
 * raw, gzip level 9 and brotli quality 11, in bytes.
 */
export function writeSingleFile(dist, out, carrierSource) {
  let html = readFileSync(join(dist, 'index.html'), 'utf8');

  /** The one tag matching `pattern`, and the bytes of the file its `attribute` names. */
  const tagAndFile = (pattern, attribute, what) => {
    const tags = html.match(new RegExp(pattern, 'g')) ?? [];
    if (tags.length !== 1) fail(`expected one ${what} in ${dist}/index.html, found ${tags.length}`);
    const url = tags[0].match(new RegExp(`${attribute}="([^"]+)"`))?.[1];
    if (!url) fail(`${what} has no ${attribute}: ${tags[0]}`);
    // Every file of the build is at the top of dist/, whatever the public URL.
    const bytes = readFileSync(join(dist, url.split('/').pop()));
    const integrity = tags[0].match(/integrity="([^"]+)"/)?.[1];
    if (integrity) {
      const [algorithm, digest] = integrity.split('-', 2);
      if (createHash(algorithm).update(bytes).digest('base64') !== digest) fail(`${url} does not match its SRI hash`);
    }
    return { tag: tags[0], bytes };
  };

  const style = tagAndFile('<link rel="stylesheet"[^>]*>', 'href', 'stylesheet');
  const css = style.bytes.toString('utf8');
  if (/<\/style/i.test(css)) fail('the stylesheet holds </style');

  const icon = tagAndFile('<link rel="icon"[^>]*>', 'href', 'icon');
  const iconType = icon.tag.match(/type="([^"]+)"/)?.[1] ?? 'image/svg+xml';

  const carrier = tagAndFile('<script defer src="[^"]*_bg\\.wasm\\.js"[^>]*></script>', 'src', 'carrier script');
  const carrierCode = scriptSafe(carrierSource, 'the carrier');

  const loader = tagAndFile('<script defer src="[^"]*boot-[^"]*\\.js"[^>]*></script>', 'src', 'loader script');
  const loaderCode = scriptSafe(loader.bytes.toString('utf8'), 'the loader');

  // Inline scripts run where they stand, not deferred: both go at the end of <body>, after the
  // text they may update, carrier first.
  html = html
    .replace(style.tag, () => `<style>${css}</style>`)
    .replace(icon.tag, () => `<link rel="icon" type="${iconType}" href="data:${iconType};base64,${icon.bytes.toString('base64')}">`)
    .replace(carrier.tag, '')
    .replace(loader.tag, '');
  if (!html.includes('</body>')) fail('no </body> in index.html');
  html = html.replace('</body>', () => `<script>${carrierCode}</script><script>${loaderCode}</script></body>`);

  const policy = [
    "default-src 'none'",
    `script-src ${sha256(carrierCode)} ${sha256(loaderCode)} 'wasm-unsafe-eval'`,
    `style-src ${sha256(css)}`,
    'img-src data:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="[^"]*"\s*\/?>/);
  if (!csp) fail('no Content-Security-Policy meta tag in index.html');
  html = html.replace(csp[0], () => `<meta http-equiv="Content-Security-Policy" content="${policy}">`);

  // What index.html says to do when its files are refused from disk is not for this file.
  const fromDisk = html.match(/<span data-from-disk>[\s\S]*?<\/span>/);
  if (!fromDisk) fail('no <span data-from-disk> in index.html');
  html = html.replace(fromDisk[0], '');

  // Nothing may point to another file.
  const external = html.match(/\s(?:src|href)="(?!data:)[^"]*"/g);
  if (external) fail(`references to other files are left: ${external.join(' ')}`);

  const bytes = Buffer.from(html, 'utf8');
  writeFileSync(out, bytes);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}
