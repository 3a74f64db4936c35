//! The CLI contract, through the real binary: JSON shape, code-point offsets, bad lines,
//! streaming. Our evaluations depend on this contract: fields may be added, never changed.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};

use quotelens::export::export;
use quotelens::OffsetUnit;

fn quotelens() -> Command {
    Command::new(env!("CARGO_BIN_EXE_quotelens"))
}

/// Runs the CLI with `args` and `stdin`, returning (exit code, stdout, stderr).
fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child =
        quotelens().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn quotelens");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn jsonl(lines: &[Value]) -> Vec<Value> {
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let (code, stdout, _) = run(&["--jsonl"], &input);
    assert_eq!(code, 0);
    stdout.lines().map(|l| serde_json::from_str(l).expect("every stdout line is JSON")).collect()
}

/// Slices `text` by code points, as Python does.
fn slice_cp(text: &str, start: u64, end: u64) -> String {
    text.chars().skip(start as usize).take((end - start) as usize).collect()
}

#[test]
fn an_article_is_printed_as_the_wire_document_in_code_points_after_a_null_id() {
    // The fields themselves are the contract's (src/export.rs); the CLI adds only the id.
    let text = "“We are ready,” the mayor said. The “ghost” town waits.";
    let (code, stdout, stderr) = run(&[], text);
    assert_eq!(code, 0, "{stderr}");
    let document = serde_json::to_string(&export(text, &quotelens::analyze(text), OffsetUnit::CodePoint)).unwrap();
    assert_eq!(stdout, format!("{{\"id\":null,{}\n", &document[1..]), "byte for byte");
    let doc: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["schema"], quotelens::export::SCHEMA_VERSION);
    assert_eq!(doc["unit"], "codepoint");
    assert_eq!(doc["quotes"][0]["kind"], "direct");
    assert_eq!(doc["quotes"][1]["kind"], "term");
    assert_eq!(doc["quotes"][1]["text"], "ghost");
}

#[test]
fn attributions_carry_content_source_cue_and_confidence_in_code_points() {
    // An emoji before the claim: code points and UTF-8 bytes differ from there on.
    let text = "🚋 “The tram is late again,” the driver said. The mayor said that the line would reopen in May.";
    let (code, stdout, stderr) = run(&[], text);
    assert_eq!(code, 0, "{stderr}");
    let doc: Value = serde_json::from_str(&stdout).unwrap();
    let attributions = doc["attributions"].as_array().expect("attributions");
    assert!(!attributions.is_empty());
    for a in attributions {
        let keys: Vec<&str> = a.as_object().unwrap().keys().map(String::as_str).collect();
        for key in ["id", "kind", "content", "content_spans", "source", "cue", "quotes", "confidence"] {
            assert!(keys.contains(&key), "attribution lacks {key}: {keys:?}");
        }
        let content = &a["content"];
        let sliced = slice_cp(text, content["start"].as_u64().unwrap(), content["end"].as_u64().unwrap());
        assert_eq!(sliced, content["text"].as_str().unwrap());
        let confidence = a["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&confidence));
        assert!(["direct", "mixed", "indirect"].contains(&a["kind"].as_str().unwrap()));
    }
    // The quote's speaker is its attribution's source.
    let quote = &doc["quotes"][0];
    let held = attributions.iter().find(|a| a["quotes"].as_array().unwrap().contains(&json!(0))).expect("the quote's attribution");
    assert_eq!(held["kind"], "direct");
    assert_eq!(held["source"], quote["speaker"]);
    assert_eq!(quote["speaker"]["text"], "the driver");
    let claim = attributions.iter().find(|a| a["kind"] == "indirect").expect("the reported claim");
    assert!(claim["content"]["text"].as_str().unwrap().contains("the line would reopen in May"));
    assert_eq!(claim["source"]["text"], "The mayor");
    assert_eq!(claim["cue"]["text"], "said");
}

/// Every case file through the real binary in one `--jsonl` stream: every span sliced from the
/// text by its code-point offsets.
#[test]
fn every_case_and_its_twins_through_the_cli() {
    common::check_all("CLI", |texts| {
        let lines: Vec<Value> = texts.iter().enumerate().map(|(i, text)| json!({"id": i.to_string(), "text": text})).collect();
        let answers = jsonl(&lines);
        texts
            .iter()
            .zip(&answers)
            .enumerate()
            .map(|(i, (text, answer))| {
                assert_eq!(answer["id"], i.to_string(), "answers in input order");
                assert_eq!(answer["unit"], "codepoint");
                common::observe_json(text, answer, common::Unit::CodePoint)
            })
            .collect()
    });
}

#[test]
fn accents_emoji_and_crlf_shift_offsets_by_code_points() {
    let text = "Café 😀 e\u{301}\r\n“Ünïcode 👩‍👩‍👧 works,” she said.";
    let answers = jsonl(&[json!({"id": 1, "text": text})]);
    let q = &answers[0]["quotes"][0];
    // C,a,f,é, ,😀, ,e,◌́,\r,\n,“ are twelve code points (fifteen UTF-16 units, twenty bytes).
    assert_eq!(q["start"], 12);
    assert_eq!(slice_cp(text, 12, q["end"].as_u64().unwrap()), "Ünïcode 👩‍👩‍👧 works,");
    assert_eq!(q["paragraph"], 1);
}

#[test]
fn a_bad_line_gets_an_error_answer_and_the_stream_goes_on() {
    let input =
        "{\"id\": 1, \"text\": \"“Hi,” he said.\"}\n{broken\n\n{\"id\": [\"x\"], \"text\": 5}\n{\"id\": {\"k\": 2}, \"text\": \"ok\"}\n";
    let (code, stdout, stderr) = run(&["--jsonl"], input);
    assert_eq!(code, 0);
    let answers: Vec<Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(answers.len(), 4, "the blank line is skipped, every other line answered: {stdout}");
    assert_eq!(answers[0]["id"], 1);
    assert_eq!(answers[1]["id"], Value::Null);
    assert!(answers[1]["error"].as_str().unwrap().contains("not valid JSON"));
    assert_eq!(answers[2]["id"], json!(["x"]), "a non-string id is echoed as it was");
    assert!(answers[2]["error"].as_str().unwrap().contains("text"));
    assert_eq!(answers[3]["id"], json!({"k": 2}));
    assert!(answers[3]["quotes"].is_array());
    assert_eq!(stderr.lines().count(), 2, "one message per bad line: {stderr}");
}

#[test]
fn a_lone_surrogate_is_read_as_a_replacement_character() {
    let input = "{\"id\": \"s\", \"text\": \"\\ud800 “Quoted text here,” he said.\"}\n";
    let (code, stdout, _) = run(&["--jsonl"], input);
    assert_eq!(code, 0);
    let answer: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(answer["id"], "s");
    // One code point stands for the surrogate, so offsets match the caller's string.
    assert_eq!(answer["quotes"][0]["start"], 3);
}

#[test]
fn each_answer_is_flushed_before_the_next_line_is_sent() {
    let mut child = quotelens().arg("--jsonl").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    writeln!(stdin, "{}", json!({"id": "first", "text": "“One,” she said."})).unwrap();
    stdin.flush().unwrap();
    // Generous: this guards against an answer that never comes while stdin stays open, not speed.
    let first = rx.recv_timeout(Duration::from_secs(30)).expect("answer 1 arrives while input 2 is unsent");
    assert_eq!(serde_json::from_str::<Value>(&first).unwrap()["id"], "first");
    writeln!(stdin, "{}", json!({"id": "second", "text": "Two."})).unwrap();
    drop(stdin);
    let second = rx.recv_timeout(Duration::from_secs(30)).unwrap();
    assert_eq!(serde_json::from_str::<Value>(&second).unwrap()["id"], "second");
    assert!(child.wait().unwrap().success());
}

#[test]
fn help_version_and_usage_errors() {
    let (code, stdout, _) = run(&["--help"], "");
    assert_eq!(code, 0);
    assert!(stdout.contains("--jsonl"));
    assert!(stdout.contains("src/export.rs"), "--help points at the wire contract");
    let (code, stdout, _) = run(&["--version"], "");
    assert_eq!(code, 0);
    assert!(stdout.starts_with("quotelens "));
    let (code, _, stderr) = run(&["--frobnicate"], "");
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown option --frobnicate"));
    let (code, _, stderr) = run(&["/nonexistent/article.txt"], "");
    assert_eq!(code, 1);
    assert!(stderr.contains("cannot read /nonexistent/article.txt"));
}

#[test]
fn a_file_that_is_not_utf8_gets_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("quotelens-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("latin1.txt");
    std::fs::write(&path, b"caf\xe9 \"ok\"").unwrap();
    let (code, _, stderr) = run(&[path.to_str().unwrap()], "");
    assert_eq!(code, 1);
    assert!(stderr.contains("not UTF-8"), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}
