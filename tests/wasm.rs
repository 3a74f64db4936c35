//! The wasm boundary's promise, checked inside a real wasm32 module: every offset handed to
//! JavaScript is in UTF-16 code units, so slicing the JS string with it gives the quote's text,
//! whatever emoji, accents or CRLF line breaks stand before it.
//!
//! Run with `scripts/test-browser.sh`, or by hand:
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!  cargo test --target wasm32-unknown-unknown --test wasm` (the runner uses Node).
//!
//! `src/wasm.rs` is a private module, so these tests rebuild its one-line pipeline from the public
//! API (`analyze`, `export` in UTF-16, `serde_wasm_bindgen` JSON-compatible) and check the JS value
//! that comes out. The exported function itself, as the browser loads it, is exercised by
//! `tests/e2e/module.test.mjs` (same checks, plus the TypeScript types) and the page tests.

#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Reflect};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use quotelens::export::export;
use quotelens::OffsetUnit;

/// What `src/wasm.rs`'s `analyze` returns for `text`.
fn analyze_js(text: &str) -> JsValue {
    let analysis = quotelens::analyze(text);
    let document = export(text, &analysis, OffsetUnit::Utf16);
    document.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).expect("serializes")
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or_else(|_| panic!("no field {key}"))
}

fn number(object: &JsValue, key: &str) -> u32 {
    get(object, key).as_f64().unwrap_or_else(|| panic!("{key} is not a number")) as u32
}

fn string(object: &JsValue, key: &str) -> String {
    get(object, key).as_string().unwrap_or_else(|| panic!("{key} is not a string"))
}

/// One quote as the JS side sees it: (kind, JS slice of the inner span, JS slice of the outer span).
fn quotes_sliced_in_js(text: &str) -> Vec<(String, String, String)> {
    let js_text = JsString::from(text);
    let document = analyze_js(text);
    assert_eq!(string(&document, "unit"), "utf16");
    let quotes: Array = get(&document, "quotes").dyn_into().expect("quotes is an array");
    quotes
        .iter()
        .map(|quote| {
            let inner: String = js_text.slice(number(&quote, "start"), number(&quote, "end")).into();
            let outer: String = js_text.slice(number(&quote, "outer_start"), number(&quote, "outer_end")).into();
            // The `text` field is sliced in Rust from byte offsets; the JS slice must agree with it.
            assert_eq!(inner, string(&quote, "text"), "JS slice disagrees with the quote's text");
            (string(&quote, "kind"), inner, outer)
        })
        .collect()
}

fn check(text: &str, expected: &[(&str, &str, &str)]) {
    let got = quotes_sliced_in_js(text);
    let got: Vec<(&str, &str, &str)> = got.iter().map(|(k, i, o)| (k.as_str(), i.as_str(), o.as_str())).collect();
    assert_eq!(got, expected, "\ntext: {text:?}");
}

#[wasm_bindgen_test]
fn offsets_slice_js_strings_past_emoji_accents_and_crlf() {
    // 👩‍🍳 is three code points and five UTF-16 units; 🍮, 🎌 and 𝒳 are surrogate pairs.
    let text = "Café owner Zoë 👩‍🍳 said: “Crème brûlée 🍮 sells out by noon.”\r\n\r\n\
                “Ça va,” said Ōta 🎌, “très bien.”\r\n\
                The 𝒳 index called it a “vibe shift” in 2024.\r\n";
    check(
        text,
        &[
            ("direct", "Crème brûlée 🍮 sells out by noon.", "“Crème brûlée 🍮 sells out by noon.”"),
            ("direct", "Ça va,", "“Ça va,”"),
            ("direct", "très bien.", "“très bien.”"),
            ("partial", "vibe shift", "“vibe shift”"),
        ],
    );
}

#[wasm_bindgen_test]
fn crlf_and_lf_give_the_same_quotes() {
    let lf = "“Le café est fermé,” a dit Noémie.\n\n‘Zut,’ said Bjørn 🙃, “c’est la vie.”\n";
    let crlf = lf.replace('\n', "\r\n");
    assert_eq!(quotes_sliced_in_js(lf), quotes_sliced_in_js(&crlf));
    assert_eq!(quotes_sliced_in_js(lf).len(), 3);
}

#[wasm_bindgen_test]
fn paragraphs_are_utf16_ranges_without_line_breaks() {
    let text = "Zoë 👋 said: “hi.”\r\n\r\nÉmile said: “bye.”";
    let js_text = JsString::from(text);
    let paragraphs: Array = get(&analyze_js(text), "paragraphs").dyn_into().expect("array");
    let sliced: Vec<String> =
        paragraphs.iter().map(|p| js_text.slice(number(&p, "start"), number(&p, "end")).into()).collect();
    assert_eq!(sliced, ["Zoë 👋 said: “hi.”", "Émile said: “bye.”"]);
}

#[wasm_bindgen_test]
fn absent_speaker_and_parent_are_null_not_undefined() {
    // The TypeScript types say `| null`; serde-wasm-bindgen's default would give `undefined`.
    // A scare quote: no parent, no speaker, no cue.
    let document = analyze_js("The “ghost” town stands empty.");
    let quote = Array::from(&get(&document, "quotes")).get(0);
    assert!(get(&quote, "parent").is_null());
    assert!(get(&quote, "speaker").is_null());
    assert!(get(&quote, "cue").is_null());
}

// --- The case files (tests/cases, format in tests/cases/README.md) --------------------------------
// Every case and its twins through the wasm boundary, each span sliced from the text by its
// UTF-16 offsets; the same checks as the native and CLI runners (tests/common).

mod common;

#[wasm_bindgen_test]
fn every_case_and_its_twins_through_the_wasm_boundary() {
    common::check_all("wasm", |texts| {
        texts
            .iter()
            .map(|text| {
                let document: serde_json::Value = serde_wasm_bindgen::from_value(analyze_js(text)).expect("the analysis is JSON-like");
                assert_eq!(document["unit"], "utf16");
                common::observe_json(text, &document, common::Unit::Utf16)
            })
            .collect()
    });
}
