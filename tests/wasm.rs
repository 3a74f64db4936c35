//! The wasm boundary's promise, checked inside a real wasm32 module by calling the exported
//! `analyze` itself (`src/wasm.rs`): the JS value it hands to JavaScript, read back with
//! serde-wasm-bindgen, is the native export in UTF-16 code units, value for value (no field lost,
//! `null` never `undefined`); and slicing the JS string with its offsets gives each span's text,
//! whatever emoji, accents or CRLF line breaks stand before it.
//!
//! Run with `scripts/test-browser.sh`, or by hand:
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!  cargo test --target wasm32-unknown-unknown --test wasm` (the runner uses Node).
//! The module as the browser loads it (wasm-bindgen's glue, the panic hook) is exercised by
//! `tests/e2e/module.test.mjs` and the page tests.

#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Reflect};
use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use quotelens::export::export;
use quotelens::OffsetUnit;

const EMOJI_ACCENTS_CRLF: &str = "Café owner Zoë 👩‍🍳 said: “Crème brûlée 🍮 sells out by noon.”\r\n\r\n\
                                  “Ça va,” said Ōta 🎌, “très bien.”\r\n\
                                  The 𝒳 index called it a “vibe shift” in 2024.\r\n";

/// What the exported `analyze` gives JavaScript for `text`.
fn analyze_js(text: &str) -> JsValue {
    quotelens::wasm::analyze(text).map(JsValue::from).unwrap_or_else(|_| panic!("analyze failed on {text:?}"))
}

/// The exported `analyze`'s value read back into Rust.
fn analyze_read_back(text: &str) -> Value {
    serde_wasm_bindgen::from_value(analyze_js(text)).expect("the JS value reads back as JSON")
}

/// The same text exported natively in UTF-16.
fn native_utf16(text: &str) -> Value {
    serde_json::to_value(export(text, &quotelens::analyze(text), OffsetUnit::Utf16)).unwrap()
}

#[wasm_bindgen_test]
fn the_js_value_is_the_native_utf16_export() {
    let texts = [
        EMOJI_ACCENTS_CRLF,
        "Angela Merkel visited Paris on 3 May 2015.\n\n“We are ‘ready’ for this,” said Chancellor Merkel.\n\n\
         She told reporters: “Nothing changes.” The “ghost” town waits.",
        "“Unclosed, he said.\n\n“Still going",
        "",
    ];
    for text in texts {
        let back = analyze_read_back(text);
        assert_eq!(back, native_utf16(text), "\ntext: {text:?}");
        assert_eq!(back["unit"], "utf16");
    }
}

#[wasm_bindgen_test]
fn the_quote_stage_alone_is_its_native_utf16_export() {
    for text in [EMOJI_ACCENTS_CRLF, "“Unclosed, he said.\n\n“Still going", ""] {
        let js = quotelens::wasm::analyze_quotes(text).map(JsValue::from).unwrap_or_else(|_| panic!("analyze_quotes failed on {text:?}"));
        let back: Value = serde_wasm_bindgen::from_value(js).expect("the JS value reads back as JSON");
        let native = serde_json::to_value(export(text, &quotelens::analyze_quotes(text), OffsetUnit::Utf16)).unwrap();
        assert_eq!(back, native, "\ntext: {text:?}");
        assert_eq!(back["quotes"].as_array().map(Vec::len), analyze_read_back(text)["quotes"].as_array().map(Vec::len), "\ntext: {text:?}");
    }
}

/// Every `{start, end, text}` object in `value` (quotes, speakers, cues, referents, entities),
/// as (JS slice of `text` from start to end, its `text` field).
fn slices(js_text: &JsString, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| slices(js_text, v, out)),
        Value::Object(fields) => {
            if let (Some(start), Some(end), Some(Value::String(text))) = (fields.get("start"), fields.get("end"), fields.get("text")) {
                let sliced = js_text.slice(start.as_u64().unwrap() as u32, end.as_u64().unwrap() as u32);
                out.push((sliced.into(), text.clone()));
            }
            fields.values().for_each(|v| slices(js_text, v, out));
        }
        _ => {}
    }
}

#[wasm_bindgen_test]
fn offsets_slice_js_strings_past_emoji_accents_and_crlf() {
    let document = analyze_read_back(EMOJI_ACCENTS_CRLF);
    let js_text = JsString::from(EMOJI_ACCENTS_CRLF);
    let mut spans = Vec::new();
    slices(&js_text, &document, &mut spans);
    assert!(spans.len() > 4, "quotes, speakers, cues and entities: {spans:?}");
    for (sliced, text) in &spans {
        assert_eq!(sliced, text, "the JS slice disagrees with the span's text");
    }
    let quote = |i: usize, key: &str| document["quotes"][i][key].as_u64().unwrap() as u32;
    let quotes: Vec<(String, String, String)> = (0..document["quotes"].as_array().unwrap().len())
        .map(|i| {
            let kind = document["quotes"][i]["kind"].as_str().unwrap().to_owned();
            (
                kind,
                js_text.slice(quote(i, "start"), quote(i, "end")).into(),
                js_text.slice(quote(i, "outer_start"), quote(i, "outer_end")).into(),
            )
        })
        .collect();
    let expected = [
        ("direct", "Crème brûlée 🍮 sells out by noon.", "“Crème brûlée 🍮 sells out by noon.”"),
        ("direct", "Ça va,", "“Ça va,”"),
        ("direct", "très bien.", "“très bien.”"),
        ("partial", "vibe shift", "“vibe shift”"),
    ];
    let quotes: Vec<(&str, &str, &str)> = quotes.iter().map(|(k, i, o)| (k.as_str(), i.as_str(), o.as_str())).collect();
    assert_eq!(quotes, expected);
}

#[wasm_bindgen_test]
fn crlf_and_lf_give_the_same_quotes() {
    let lf = "“Le café est fermé,” a dit Noémie.\n\n‘Zut,’ said Bjørn 🙃, “c’est la vie.”\n";
    let crlf = lf.replace('\n', "\r\n");
    let texts =
        |text: &str| -> Vec<Value> { analyze_read_back(text)["quotes"].as_array().unwrap().iter().map(|q| q["text"].clone()).collect() };
    assert_eq!(texts(lf), texts(&crlf));
    assert_eq!(texts(lf).len(), 3);
}

#[wasm_bindgen_test]
fn paragraphs_are_utf16_ranges_without_line_breaks() {
    let text = "Zoë 👋 said: “hi.”\r\n\r\nÉmile said: “bye.”";
    let js_text = JsString::from(text);
    let document = analyze_read_back(text);
    let sliced: Vec<String> = document["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| js_text.slice(p["start"].as_u64().unwrap() as u32, p["end"].as_u64().unwrap() as u32).into())
        .collect();
    assert_eq!(sliced, ["Zoë 👋 said: “hi.”", "Émile said: “bye.”"]);
}

#[wasm_bindgen_test]
fn absent_speaker_and_parent_are_null_not_undefined() {
    // The TypeScript types say `| null`; serde-wasm-bindgen's default would give `undefined`,
    // which reads back as null too, so this looks at the JS value itself. A scare quote: no
    // parent, no speaker, no cue.
    let document = analyze_js("The “ghost” town stands empty.");
    let quote = Array::from(&Reflect::get(&document, &"quotes".into()).unwrap()).get(0);
    for field in ["parent", "speaker", "cue"] {
        assert!(Reflect::get(&quote, &field.into()).unwrap().is_null(), "{field} is not null");
    }
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
