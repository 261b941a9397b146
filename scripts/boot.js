// The page's loader. scripts/csp-loader.mjs bundles it with wasm-bindgen's glue into one classic
// script, boot-<hash>.js, that runs after the carrier (<name>_bg.wasm.js, scripts/carrier.mjs),
// another classic script, which leaves the module's bytes in a string. The single file
// (scripts/single-file.mjs) holds the same loader inline, after its own carrier.
//
// CARRIER_GLOBAL, the name of the carrier's global, comes from csp-loader.mjs (esbuild `define`).
/* global CARRIER_GLOBAL */

/**
 * Shows, in the page's static text (index.html), the paragraph that says why the module could
 * not start. When the app has mounted, that text is gone and this does nothing; nor does it when
 * the module started and panicked, which shows its own banner (src/ui/panic.rs).
 */
function failed(reason, error) {
  const box = document.querySelector('[data-testid="boot-failure"]');
  if (!box || document.querySelector('[data-testid="panic-banner"]')) return;
  box.querySelector(`[data-boot-failure="${reason}"]`)?.removeAttribute('hidden');
  const detail = box.querySelector('[data-testid="boot-error"]');
  if (detail && error) detail.textContent = `${error.name}: ${error.message}`;
  box.removeAttribute('hidden');
  for (const gone of document.querySelectorAll('[data-testid="boot-loading"], [data-testid="boot-stalled"]')) gone.remove();
}

/**
 * The module's bytes from what the carrier left (scripts/carrier.mjs): one or two bytes per
 * character of `text`, renamed back by undoing the `swaps`.
 */
function moduleBytes({ length, charBytes, swaps, text }) {
  const original = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (const [a, b] of swaps) [original[a], original[b]] = [original[b], original[a]];
  const bytes = new Uint8Array(length);
  if (charBytes === 1) {
    for (let i = 0; i < length; i++) bytes[i] = original[text.charCodeAt(i)];
    return bytes;
  }
  for (let i = 0, j = 0; i < text.length; i++, j += 2) {
    const unit = text.charCodeAt(i);
    bytes[j] = original[unit & 255];
    if (j + 1 < length) bytes[j + 1] = original[unit >> 8];
  }
  return bytes;
}

/** Compiles and starts the module (`init` is wasm-bindgen's, `bindings` its exports). */
export async function boot(init, bindings) {
  const carried = globalThis[CARRIER_GLOBAL];
  delete globalThis[CARRIER_GLOBAL];
  if (typeof WebAssembly !== 'object') return failed('no-webassembly');
  if (typeof carried?.text !== 'string') return failed('no-module');
  let wasm;
  try {
    // Compiled from bytes, under the policy's 'wasm-unsafe-eval': no fetch (connect-src 'none').
    wasm = await init({ module_or_path: moduleBytes(carried) });
  } catch (error) {
    return failed('refused', error);
  }
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
}
