// Where the embed finds the wasm-bindgen output: www/pkg/, which scripts/build-wasm.sh makes
// for the page too. The npm package (scripts/build-package.sh) keeps the same layout — this
// file, core/ and pkg/ are copied as they are — so these paths hold in both places.
//
// The .wasm's URL is written out as `new URL('…', import.meta.url)`, with a literal path, so
// that bundlers (Vite, webpack, Rollup, esbuild) see the file and ship it with the app.

export { default as initGlue, initSync as initGlueSync, analyze as analyzeGlue } from '../pkg/quotelens.js';

/** The module next to the glue: fetched by `init()` when it is given nothing else. */
export const WASM_URL = new URL('../pkg/quotelens_bg.wasm', import.meta.url);
