//! The WebAssembly boundary: the whole JavaScript API of the crate, and nothing else.
//!
//! It owns three things: converting an analysis to the wire format in UTF-16 code units (the unit
//! JavaScript strings index by, so `text.slice(q.start, q.end)` is the quote), handing it to JS as
//! a plain object, and reporting a Rust panic in the browser console. It deliberately holds no
//! analysis logic and no `if` about language: that is the core's business (`crate::analyze`), and
//! the field names are `export.rs`'s contract.
//!
//! The TypeScript declarations are not written here: `src/export.d.ts` is generated from the
//! wire types (`export.rs`) and goes into the module's `.d.ts` through the custom section below,
//! so `analyze` is declared to return `DocumentOut` exactly as the Rust types define it. This
//! module is public only so that `tests/wasm.rs` can call the real boundary.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::export::export;
use crate::text::offsets::OffsetUnit;

// Text only: wasm-bindgen copies it into quotelens.d.ts and strips it from the .wasm file.
#[wasm_bindgen(typescript_custom_section)]
const WIRE_TYPES: &str = include_str!("export.d.ts");

#[wasm_bindgen]
extern "C" {
    /// The JS object `analyze` returns, typed as `DocumentOut` in the module's `.d.ts`.
    #[wasm_bindgen(typescript_type = "DocumentOut")]
    pub type DocumentJs;

    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// Runs once when the module is instantiated (wasm-bindgen also exports it; calling it again only
/// re-installs the same hook).
///
/// The hook is ours rather than `console_error_panic_hook`'s, because it does one thing more:
/// after logging the message it throws it as a JS `Error`, so the caller (`www/analysis/engine.js`) can
/// show it, where a plain abort would only say "unreachable". Either way the panicking call
/// never returns normally and the instance must not be used again (wasm32 aborts on panic; no
/// destructor ran and std's panic state is left mid-panic): `engine.js` drops it and
/// instantiates a fresh one.
#[wasm_bindgen(start)]
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = format!("quotelens: {info}");
        console_error(&message);
        wasm_bindgen::throw_str(&message);
    }));
}

/// Analyses `text` and returns its quotations, entities and paragraphs with UTF-16 offsets: the
/// wire document (`export::DocumentOut`) as a plain object. Errs only if the document cannot
/// be converted to a JS value, which no document does.
///
/// A lone surrogate in `text` reaches Rust as U+FFFD, which is also one UTF-16 code unit, so the
/// offsets still index the caller's string.
#[wasm_bindgen]
pub fn analyze(text: &str) -> Result<DocumentJs, JsError> {
    to_js(text, &crate::analyze(text))
}

/// `crate::analyze_quotes` (the quote stage alone: quotes with their kinds, a direct one that
/// `ends_mid_clause` perhaps partial in `analyze`; no speakers, entities or attributions) in
/// `analyze`'s shape: what the page draws first while the whole
/// analysis is still to come. Errs as `analyze` does.
#[wasm_bindgen(js_name = analyzeQuotes)]
pub fn analyze_quotes(text: &str) -> Result<DocumentJs, JsError> {
    to_js(text, &crate::analyze_quotes(text))
}

/// The wire document of `analysis` with UTF-16 offsets, as a plain object.
fn to_js(text: &str, analysis: &crate::Analysis) -> Result<DocumentJs, JsError> {
    let document = export(text, analysis, OffsetUnit::Utf16);
    // JSON-compatible: `None` becomes `null` (not `undefined`), as in the CLI's JSON.
    let value = document.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?;
    Ok(value.unchecked_into())
}

/// Panics on purpose, so the tests can check that a panic reaches the console and that the page
/// recovers. Not part of the API: only the tests call it (through `www/analysis/engine.js`'s
/// `panicForTest`).
#[wasm_bindgen]
pub fn __test_panic() {
    panic!("deliberate panic from __test_panic()");
}

/// Builds the `i`th table of `internals::tables::TABLES` for `text` and returns its name, or
/// `undefined` past the last one: the start-up harness (tools/bench/first_call.mjs) times each
/// call. Only in builds with the `internals` feature, which nothing shipped enables.
#[cfg(feature = "internals")]
#[wasm_bindgen(js_name = buildTable)]
pub fn build_table(i: u32, text: &str) -> Option<String> {
    let (name, build) = crate::internals::tables::TABLES.get(i as usize)?;
    build(text);
    Some(name.to_string())
}
