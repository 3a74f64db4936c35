//! Argument handling, the single-article mode and the JSON-lines stream. The analysis itself is
//! the library's; this module only reads, converts offsets to code points, and writes.

use std::ffi::OsString;
use std::fmt;
use std::io::{self, BufRead, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};

use serde::Serialize;
use serde_json::Value;

use quotelens::export::{export, DocumentOut};
use quotelens::OffsetUnit;

const HELP: &str = "\
quotelens — find quotations, their kinds and named entities in a news article

USAGE:
    quotelens [FILE]        analyse FILE (or stdin when FILE is absent or -) and print one JSON object
    quotelens --jsonl       read JSON lines {\"id\": <any>, \"text\": <string>} on stdin and answer each
                            with one JSON line, flushed as soon as that line is read
    quotelens --help | --version

OUTPUT:
    One wire document per article or line, with the line's \"id\" (null for FILE) as its first field.
    Offsets are Unicode code points into the input text, end exclusive (\"unit\": \"codepoint\").
    Every field is documented once, in the wire contract: src/export.rs, and the same generated
    as TypeScript in src/export.d.ts.
    A bad JSON line is answered with {\"id\": <id or null>, \"error\": \"<message>\"} and the stream goes on.
";

/// Why the command failed; each variant has its exit code.
#[derive(Debug)]
pub enum CliError {
    Usage(String),
    Read { path: String, source: io::Error },
    NotUtf8 { path: String, valid_up_to: usize },
    Io(io::Error),
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => 2,
            _ => 1,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(msg) => write!(f, "{msg}\n\nRun `quotelens --help` for usage."),
            CliError::Read { path, source } => write!(f, "cannot read {path}: {source}"),
            CliError::NotUtf8 { path, valid_up_to } => {
                write!(f, "{path} is not UTF-8 text (invalid byte at offset {valid_up_to}); convert it to UTF-8 first")
            }
            CliError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl From<io::Error> for CliError {
    fn from(e: io::Error) -> Self {
        CliError::Io(e)
    }
}

/// One answer line: the caller's id and the analysed document.
#[derive(Serialize)]
struct Answer<'t> {
    id: &'t Value,
    #[serde(flatten)]
    document: DocumentOut<'t>,
}

#[derive(Serialize)]
struct ErrorAnswer<'a> {
    id: &'a Value,
    error: &'a str,
}

enum Mode {
    Help,
    Version,
    Jsonl,
    Article(Option<OsString>),
}

fn parse_args(args: Vec<OsString>) -> Result<Mode, CliError> {
    let mut file = None;
    let mut jsonl = false;
    for arg in args {
        match arg.to_str() {
            Some("-h" | "--help") => return Ok(Mode::Help),
            Some("-V" | "--version") => return Ok(Mode::Version),
            Some("--jsonl") => jsonl = true,
            Some("-") => file = None,
            Some(flag) if flag.starts_with('-') => return Err(CliError::Usage(format!("unknown option {flag}"))),
            _ if file.is_some() => return Err(CliError::Usage("only one FILE may be given".into())),
            _ => file = Some(arg),
        }
    }
    match (jsonl, file) {
        (true, Some(_)) => Err(CliError::Usage("--jsonl reads stdin; give no FILE".into())),
        (true, None) => Ok(Mode::Jsonl),
        (false, file) => Ok(Mode::Article(file)),
    }
}

pub fn run(args: Vec<OsString>) -> Result<(), CliError> {
    let stdout = io::stdout();
    match parse_args(args)? {
        Mode::Help => Ok(stdout.lock().write_all(HELP.as_bytes())?),
        Mode::Version => Ok(writeln!(stdout.lock(), "quotelens {}", env!("CARGO_PKG_VERSION"))?),
        Mode::Jsonl => stream(io::stdin().lock(), &mut stdout.lock()),
        Mode::Article(file) => {
            let (path, bytes) = match file {
                Some(path) => {
                    let shown = path.to_string_lossy().into_owned();
                    let bytes = std::fs::read(&path).map_err(|source| CliError::Read { path: shown.clone(), source })?;
                    (shown, bytes)
                }
                None => {
                    let mut bytes = Vec::new();
                    io::stdin().lock().read_to_end(&mut bytes)?;
                    ("stdin".to_string(), bytes)
                }
            };
            let text = String::from_utf8(bytes).map_err(|e| CliError::NotUtf8 { path, valid_up_to: e.utf8_error().valid_up_to() })?;
            let mut out = stdout.lock();
            match analyse(&Value::Null, &text) {
                Ok(line) => writeln!(out, "{line}")?,
                Err(msg) => return Err(CliError::Io(io::Error::other(msg))),
            }
            Ok(())
        }
    }
}

/// Answers each JSON line of `input` on `out`, flushing after every answer.
fn stream(mut input: impl BufRead, out: &mut impl Write) -> Result<(), CliError> {
    let mut raw = Vec::new();
    loop {
        raw.clear();
        if input.read_until(b'\n', &mut raw)? == 0 {
            return Ok(());
        }
        let line = String::from_utf8_lossy(&raw);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let answer = match parse_line(line) {
            Ok((id, text)) => analyse(&id, &text).unwrap_or_else(|msg| error_line(&id, &msg)),
            Err((id, msg)) => {
                eprintln!("quotelens: {msg}");
                error_line(&id, &msg)
            }
        };
        writeln!(out, "{answer}")?;
        out.flush()?;
    }
}

fn error_line(id: &Value, msg: &str) -> String {
    serde_json::to_string(&ErrorAnswer { id, error: msg }).unwrap_or_else(|_| r#"{"id":null,"error":"unprintable error"}"#.into())
}

/// The id and text of one input line, or the id (null if unreadable) and what is wrong.
fn parse_line(line: &str) -> Result<(Value, String), (Value, String)> {
    let value: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        // JSON from JavaScript or Python may carry a lone surrogate (`"\ud800"`), which no Rust
        // string can hold: read it as U+FFFD, one code point for one, so offsets stay right.
        Err(first) => match replace_lone_surrogates(line).and_then(|fixed| serde_json::from_str(&fixed).ok()) {
            Some(v) => v,
            None => return Err((Value::Null, format!("line is not valid JSON: {first}"))),
        },
    };
    let Value::Object(mut object) = value else {
        return Err((Value::Null, "line must be a JSON object {\"id\": …, \"text\": \"…\"}".into()));
    };
    let id = object.remove("id").unwrap_or(Value::Null);
    match object.remove("text") {
        Some(Value::String(text)) => Ok((id, text)),
        Some(_) => Err((id, "field \"text\" must be a string".into())),
        None => Err((id, "missing field \"text\"".into())),
    }
}

/// `line` with every `\uXXXX` escape of an unpaired surrogate replaced by `\uFFFD`, or None if
/// there was none.
fn replace_lone_surrogates(line: &str) -> Option<String> {
    fn escape_at(s: &str, i: usize) -> Option<u16> {
        let hex = s.get(i + 2..i + 6)?;
        if !s[i..].starts_with("\\u") {
            return None;
        }
        u16::from_str_radix(hex, 16).ok()
    }
    let mut out = String::with_capacity(line.len());
    let mut changed = false;
    let mut i = 0;
    let bytes = line.as_bytes();
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            let c = line[i..].chars().next()?;
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        match escape_at(line, i) {
            Some(high @ 0xD800..=0xDBFF) if matches!(escape_at(line, i + 6), Some(0xDC00..=0xDFFF)) => {
                out.push_str(&line[i..i + 12]);
                i += 12;
                let _ = high;
            }
            Some(0xD800..=0xDFFF) => {
                out.push_str("\\uFFFD");
                changed = true;
                i += 6;
            }
            _ => {
                // Any other escape: copy the backslash and the escaped char as they are.
                out.push('\\');
                i += 1;
                if let Some(c) = line[i..].chars().next() {
                    out.push(c);
                    i += c.len_utf8();
                }
            }
        }
    }
    changed.then_some(out)
}

/// The answer line for one text, or the message of an internal failure.
fn analyse(id: &Value, text: &str) -> Result<String, String> {
    // `analyze` is meant never to panic; if it ever does, one bad text must not end the stream.
    let analysis = catch_unwind(AssertUnwindSafe(|| quotelens::analyze(text)))
        .map_err(|_| "internal error while analysing this text (please report it)".to_string())?;
    let document = export(text, &analysis, OffsetUnit::CodePoint);
    serde_json::to_string(&Answer { id, document }).map_err(|e| format!("cannot write answer: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(replace_lone_surrogates(r#"{"text":"a\ud800b"}"#).as_deref(), Some(r#"{"text":"a\uFFFDb"}"#));
        assert_eq!(replace_lone_surrogates(r#"{"text":"\ud83d\ude00"}"#), None, "a pair is kept");
        assert_eq!(replace_lone_surrogates(r#"{"text":"\\ud800"}"#), None, "an escaped backslash is not an escape");
        assert_eq!(replace_lone_surrogates(r#"{"text":"\udc00\ud800"}"#).as_deref(), Some(r#"{"text":"\uFFFD\uFFFD"}"#));
    }

    #[test]
    fn bad_lines_keep_their_id_when_it_can_be_read() {
        assert_eq!(parse_line(r#"{"id": 7, "text": 3}"#).unwrap_err().0, Value::from(7));
        assert_eq!(parse_line("{not json").unwrap_err().0, Value::Null);
        assert_eq!(parse_line(r#"[1]"#).unwrap_err().0, Value::Null);
    }
}
