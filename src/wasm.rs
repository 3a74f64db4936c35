//! The WebAssembly boundary: the whole JavaScript API of the crate, and nothing else.
//!
//! It owns three things: converting an analysis to the wire format in UTF-16 code units (the unit
//! JavaScript strings index by, so `text.slice(q.start, q.end)` is the quote), handing it to JS as
//! a plain object, and reporting a Rust panic in the browser console. It deliberately holds no
//! analysis logic and no `if` about language: that is the core's business (`crate::analyze`), and
//! the field names are `export.rs`'s contract.
//!
//! The TypeScript types below are written by hand, because the functions return `JsValue`; they
//! mirror `export::Document` field for field. `tests/e2e/types.test.mjs` checks them against a
//! real result, so a field added to the wire format without its type here fails a test.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::export::export;
use crate::text::offsets::OffsetUnit;

#[wasm_bindgen(typescript_custom_section)]
const TYPESCRIPT_TYPES: &str = r#"
/** One analysed text. Every offset is in UTF-16 code units, end exclusive: `text.slice(start, end)`. */
export interface Analysis {
    /** Wire-format version; bumped only when a field changes meaning. */
    schema: number;
    /** Always "utf16" from this module. */
    unit: "utf16";
    /** Quotations in order of their opening mark; a nested quote follows its parent. */
    quotes: Quote[];
    /** Named entities in text order; they never overlap. */
    entities: Entity[];
    /** One per entity cluster, in order of first mention. */
    clusters: Cluster[];
    /** Non-blank lines, in order, line breaks excluded. */
    paragraphs: TextRange[];
}

export type QuoteKind = "direct" | "partial" | "term" | "nested";

export type EntityLabel =
    "PERSON" | "ORG" | "PLACE" | "GROUP" | "MISC" | "DATE" | "MONEY" | "PERCENT" | "NUMBER";

export interface TextRange {
    start: number;
    end: number;
}

export interface Quote {
    /** Index of this quote in `Analysis.quotes`. */
    id: number;
    /** The quoted words: marks and the blanks just inside them excluded. */
    start: number;
    end: number;
    /** The quotation with its marks (to the paragraph's end when `unclosed`). */
    outer_start: number;
    outer_end: number;
    /** The quoted words, as `text.slice(start, end)`. */
    text: string;
    kind: QuoteKind;
    /** Index into `Analysis.paragraphs` of the paragraph the quote opens in. */
    paragraph: number;
    /** True when no closing mark was found. */
    unclosed: boolean;
    /** Index into `Analysis.quotes` of the quote this one is nested in. */
    parent: number | null;
    speaker: Speaker | null;
    cue: Cue | null;
}

export interface Speaker {
    start: number;
    end: number;
    text: string;
    kind: "name" | "pronoun" | "nominal";
    /** The cluster id (see `Cluster.id`) of the entity the speaker refers to. */
    entity: number | null;
    /** How the attribution was reached, strongest first. */
    basis: "explicit" | "pronoun" | "continuation" | "nearest";
    /** The fullest name mention the speaker resolves to ("he" → "Vladimir Putin"). */
    refers_to: Cue | null;
}

export interface Cue {
    start: number;
    end: number;
    text: string;
}

export interface Entity {
    id: number;
    start: number;
    end: number;
    text: string;
    label: EntityLabel;
    /** Mentions of one real-world entity share a cluster: the id of its first mention. */
    cluster: number;
}

export interface Cluster {
    /** The id its mentions carry in `Entity.cluster`: the index of its first mention. */
    id: number;
    label: EntityLabel;
    /** The cluster's longest proper form ("Vladimir Putin"). */
    name: string;
    mentions: number;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// The typed JS value `analyze` returns; see the `Analysis` interface above.
    #[wasm_bindgen(typescript_type = "Analysis")]
    pub type AnalysisJs;

    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// Runs once when the module is instantiated (wasm-bindgen also exports it; calling it again only
/// re-installs the same hook).
///
/// The hook is ours rather than `console_error_panic_hook`'s, because it does one thing more:
/// after logging the message it throws it as a JS `Error`, so the caller (`www/engine.js`) can
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

/// Analyses `text` and returns its quotations, entities and paragraphs with UTF-16 offsets.
///
/// A lone surrogate in `text` reaches Rust as U+FFFD, which is also one UTF-16 code unit, so the
/// offsets still index the caller's string.
#[wasm_bindgen]
pub fn analyze(text: &str) -> Result<AnalysisJs, JsError> {
    let analysis = crate::analyze(text);
    let document = export(text, &analysis, OffsetUnit::Utf16);
    // JSON-compatible: `None` becomes `null` (not `undefined`), as in the CLI's JSON.
    let value = document.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?;
    Ok(value.unchecked_into())
}

/// Panics on purpose, so the tests can check that a panic reaches the console and that the page
/// recovers. Not part of the API: only the tests call it (through `www/engine.js`'s
/// `panicForTest`).
#[wasm_bindgen]
pub fn __test_panic() {
    panic!("deliberate panic from __test_panic()");
}
