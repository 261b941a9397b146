// The carrier: the page's wasm module as a classic script, which loads under `script-src` like
// any other script, where fetching a .wasm file would need `connect-src` (the page's policy has
// 'none'). Run, it leaves the module's bytes in a string, and how to read them, in
// globalThis.__presignWasm = { length, charBytes, swaps, text }; scripts/boot.js reads them back.
//
// A script is text, so the module's bytes must become characters that compress (brotli, on the
// wire) almost as well as the bytes themselves. Two forms, priced on the module of 2026-12-04
// (brotli 11 of the bare module: 149.7 KB):
//   - charBytes 2, for the file dist/<name>_bg.wasm.js. A classic script that starts with a
//     UTF-16LE byte order mark is read as UTF-16LE whatever charset the server names (the BOM wins
//     in the Encoding Standard's decode), so two bytes of the module can be one UTF-16 code unit,
//     and the file's bytes after the BOM are the module's own bytes: brotli 151.0 KB. (A module
//     script is always read as UTF-8, where each byte 0x80-0xFF takes two bytes: +6.5%; base64:
//     +33% raw.)
//   - charBytes 1, for the single file (scripts/single-file.mjs), where the script is inline in a
//     UTF-8 page and cannot be UTF-16: one character U+0000-U+00FF per byte, brotli 152.5 KB. (Its
//     code units as characters would be 194.2 KB: a unit past U+07FF takes three bytes in UTF-8,
//     and brotli finds a repeat only at the same byte parity.)
// What remains is the characters a string literal cannot hold as they are: line breaks, the
// quote, the backslash, and, in UTF-16, surrogates (an unpaired one would be decoded as U+FFFD);
// inline in HTML also NUL (the parser replaces it) and "<" (which could end the <script>). They
// are written as escapes. To make them rare, the bytes are first renamed by a permutation that
// gives the module's rarest byte values the positions that need escapes; the loader undoes it.

export const CARRIER_GLOBAL = '__presignWasm';

/** Per form: the byte values the rarest bytes are moved to, which characters need an escape, and how to write one. */
const FORMS = {
  // The high byte of a code unit: 0xD8-0xDF make surrogates, 0x00 the ASCII escapes below.
  2: {
    targets: [0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf, 0x00],
    needsEscape: (c) => (c >= 0xd800 && c <= 0xdfff) || c === 0x0a || c === 0x0d || c === 0x22 || c === 0x5c,
    escape: (c) => `\\u${c.toString(16).padStart(4, '0')}`,
  },
  1: {
    targets: [0x00, 0x0a, 0x0d, 0x22, 0x3c, 0x5c],
    needsEscape: (c) => c === 0x00 || c === 0x0a || c === 0x0d || c === 0x22 || c === 0x3c || c === 0x5c,
    escape: (c) => `\\x${c.toString(16).padStart(2, '0')}`,
  },
};

/**
 * The carrier script's source for `wasm` (a Buffer), `charBytes` (1 or 2) bytes per character,
 * and how many characters it had to escape.
 */
export function carrierScript(wasm, charBytes) {
  const form = FORMS[charBytes];
  if (!form) throw new Error(`carrier: charBytes must be 1 or 2, not ${charBytes}`);
  // The permutation: the rarest byte values trade places with the form's targets, as a list of
  // swaps [a, b] the loader applies to the identity to get back the original byte values.
  const counts = new Array(256).fill(0);
  for (const byte of wasm) counts[byte]++;
  const rarest = [...counts.keys()].sort((a, b) => counts[a] - counts[b] || a - b);
  const rename = [...counts.keys()]; // byte value -> byte value in the text
  const original = [...counts.keys()]; // byte value in the text -> byte value
  const swaps = [];
  form.targets.forEach((target, i) => {
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

  const chunks = [];
  let escapes = 0;
  for (let i = 0; i < wasm.length; i += charBytes) {
    // An odd-length module gets a padding byte in the two-byte form; the loader knows the length.
    const code = charBytes === 1 ? rename[wasm[i]] : rename[wasm[i]] | (rename[i + 1 < wasm.length ? wasm[i + 1] : 0] << 8);
    if (form.needsEscape(code)) {
      chunks.push(form.escape(code));
      escapes++;
    } else {
      chunks.push(String.fromCharCode(code));
    }
  }
  const head = `globalThis.${CARRIER_GLOBAL}={length:${wasm.length},charBytes:${charBytes},swaps:${JSON.stringify(swaps)},text:"`;
  return { source: `${head}${chunks.join('')}"};\n`, escapes };
}
