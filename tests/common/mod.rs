//! The case files of tests/cases (their format: tests/cases/README.md), read by the native,
//! CLI and wasm runners (tests/cases.rs, tests/cli.rs, tests/wasm.rs; the browser runner reads
//! them with tests/e2e/cases.mjs). A runner turns its own output into an [`Observed`], with every
//! text sliced by the offsets in its own unit, and [`check`] compares it with the case.

#![allow(dead_code)]

use quotelens::Analysis;

/// The case files, by name: each is read by every runner.
pub const CASE_FILES: [(&str, &str); 3] = [
    ("quotes.txt", include_str!("../cases/quotes.txt")),
    ("speakers.txt", include_str!("../cases/speakers.txt")),
    ("entities.txt", include_str!("../cases/entities.txt")),
];

/// What a case file checks (its `@checks` line); a layer it does not name is not compared.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Checks {
    pub quotes: bool,
    pub speakers: bool,
    pub entities: bool,
}

/// One expected quotation: its inner text, kind and whether it is unclosed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedQuote {
    pub text: String,
    pub kind: String,
    pub unclosed: bool,
}

/// One expected entity mention; mentions with the same `cluster` key are one entity, a mention
/// without a key is an entity of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedEntity {
    pub text: String,
    pub label: String,
    pub cluster: Option<String>,
}

/// One expected attribution: the start of a direct or partial quote's text; `none` or
/// `speaker | refers to | basis`; and the cue, where the case names one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedSpeaker {
    pub quote_start: String,
    pub who: String,
    pub cue: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Case {
    /// `file: name`, and the twin's name after it.
    pub name: String,
    pub text: String,
    pub checks: Checks,
    /// In order of opening mark.
    pub quotes: Vec<ExpectedQuote>,
    /// In text order.
    pub entities: Vec<ExpectedEntity>,
    /// In order of the direct and partial quotes.
    pub speakers: Vec<ExpectedSpeaker>,
}

/// Every case of every case file.
pub fn all_cases() -> Vec<Case> {
    CASE_FILES.iter().flat_map(|(file, source)| read_cases(file, source)).collect()
}

/// The cases of one file. Panics with the file and line on a malformed case: a slip in a case
/// file must fail the tests, not skip the case.
pub fn read_cases(file: &str, source: &str) -> Vec<Case> {
    let mut checks = None;
    let mut blocks: Vec<(String, Vec<&str>)> = Vec::new();
    for (n, line) in source.lines().enumerate() {
        if let Some(name) = line.strip_prefix("=== ") {
            blocks.push((format!("{file}: {}", name.trim()), Vec::new()));
        } else if let Some(layers) = line.strip_prefix("@checks ") {
            assert!(blocks.is_empty() && checks.is_none(), "{file}:{}: one @checks line, before the first case", n + 1);
            checks = Some(parse_checks(file, layers));
        } else if line.starts_with('#') {
            continue;
        } else if let Some((_, body)) = blocks.last_mut() {
            body.push(line);
        } else {
            assert!(line.trim().is_empty(), "{file}:{}: text before the first `=== name`", n + 1);
        }
    }
    let checks = checks.unwrap_or_else(|| panic!("{file}: no `@checks` line"));
    let cases: Vec<Case> = blocks.into_iter().map(|(name, body)| parse_case(name, &body.join("\n"), checks)).collect();
    assert!(!cases.is_empty(), "{file}: no cases");
    cases
}

fn parse_checks(file: &str, layers: &str) -> Checks {
    let mut checks = Checks::default();
    for layer in layers.split([',', ' ']).filter(|l| !l.is_empty()) {
        match layer {
            "quotes" => checks.quotes = true,
            "speakers" => checks.speakers = true,
            "entities" => checks.entities = true,
            other => panic!("{file}: unknown layer {other:?} in @checks (quotes, speakers, entities)"),
        }
    }
    checks
}

const QUOTE_KINDS: [&str; 4] = ["direct", "partial", "term", "nested"];
const LABELS: [&str; 9] = ["PERSON", "ORG", "PLACE", "GROUP", "MISC", "DATE", "MONEY", "PERCENT", "NUMBER"];

fn parse_case(name: String, body: &str, checks: Checks) -> Case {
    let (marked, expectations) = match body.split_once("\n---\n") {
        Some((marked, rest)) => (marked, rest),
        None => (body.strip_suffix("\n---").unwrap_or(body), ""),
    };
    let marked = marked.trim_matches('\n');
    let mut text = String::new();
    // (start, tag, end) per mark, in order of opening.
    let mut marks: Vec<(usize, &str, usize)> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut rest = marked;
    while let Some(c) = rest.chars().next() {
        if c == '⟦' {
            let bar = rest.find('|').unwrap_or_else(|| panic!("{name}: ⟦ without |"));
            marks.push((text.len(), &rest['⟦'.len_utf8()..bar], 0));
            open.push(marks.len() - 1);
            rest = &rest[bar + 1..];
            continue;
        }
        if c == '⟧' {
            let m = open.pop().unwrap_or_else(|| panic!("{name}: ⟧ without ⟦"));
            marks[m].2 = text.len();
        } else {
            text.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    assert!(open.is_empty(), "{name}: ⟦ without ⟧");
    let (mut quotes, mut entities) = (Vec::new(), Vec::new());
    for (start, tag, end) in marks {
        let span = text[start..end].to_string();
        let (kind, unclosed) = tag.strip_suffix('!').map_or((tag, false), |k| (k, true));
        let (label, cluster) = tag.split_once('#').map_or((tag, None), |(l, c)| (l, Some(c.to_string())));
        if QUOTE_KINDS.contains(&kind) {
            quotes.push(ExpectedQuote { text: span, kind: kind.to_string(), unclosed });
        } else if LABELS.contains(&label) {
            entities.push(ExpectedEntity { text: span, label: label.to_string(), cluster });
        } else {
            panic!("{name}: unknown mark ⟦{tag}|: a quote kind {QUOTE_KINDS:?} or an entity label {LABELS:?}");
        }
    }
    let speakers = expectations
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (quote, who) = l.split_once(" => ").unwrap_or_else(|| panic!("{name}: `quote start => speaker` expected, got {l:?}"));
            let fields: Vec<&str> = who.trim().split(" | ").collect();
            let n = if fields[0] == "none" { 1 } else { 3 };
            assert!(
                fields.len() == n || fields.len() == n + 1,
                "{name}: `none [| cue]` or `speaker | refers to | basis [| cue]`, got {l:?}"
            );
            let cue = fields.get(n).map(|c| c.to_string());
            ExpectedSpeaker { quote_start: quote.trim().to_string(), who: fields[..n].join(" | "), cue }
        })
        .collect();
    assert!(checks.quotes || quotes.is_empty(), "{name}: quote marks in a file that does not check quotes");
    assert!(checks.entities || entities.is_empty(), "{name}: entity marks in a file that does not check entities");
    Case { name, text, checks, quotes, entities, speakers }
}

/// The same case with CRLF line breaks, with an emoji (two code points, four UTF-16 units) in
/// front, and with no-break spaces: every case must give the same answer in all of them.
pub fn twins(case: &Case) -> Vec<Case> {
    let variant = |suffix: &str, f: &dyn Fn(&str) -> String| Case {
        name: format!("{} ({suffix})", case.name),
        text: f(&case.text),
        checks: case.checks,
        quotes: case.quotes.iter().map(|q| ExpectedQuote { text: f(&q.text), ..q.clone() }).collect(),
        entities: case.entities.iter().map(|e| ExpectedEntity { text: f(&e.text), ..e.clone() }).collect(),
        speakers: case
            .speakers
            .iter()
            .map(|s| ExpectedSpeaker {
                quote_start: f(&s.quote_start),
                who: s.who.split(" | ").map(f).collect::<Vec<_>>().join(" | "),
                cue: s.cue.as_deref().map(f),
            })
            .collect(),
    };
    vec![
        case.clone(),
        variant("crlf", &|s| s.replace('\n', "\r\n")),
        Case { name: format!("{} (emoji)", case.name), text: format!("🗞️ {}", case.text), ..case.clone() },
        variant("nbsp", &|s| s.replace(' ', "\u{A0}")),
    ]
}

/// What a runner found, every text sliced from the runner's own offsets.
#[derive(Clone, Debug, Default)]
pub struct Observed {
    /// In order of opening mark.
    pub quotes: Vec<ObservedQuote>,
    /// In text order.
    pub entities: Vec<ObservedEntity>,
}

#[derive(Clone, Debug)]
pub struct ObservedQuote {
    pub kind: String,
    pub text: String,
    pub unclosed: bool,
    /// `(speaker, refers to, basis)`.
    pub speaker: Option<(String, Option<String>, String)>,
    pub cue: Option<String>,
}

#[derive(Clone, Debug)]
pub struct ObservedEntity {
    pub label: String,
    pub text: String,
    /// Any id shared by the mentions of one entity.
    pub cluster: usize,
}

/// Compares what a runner found with the case, on the layers the case file checks.
pub fn check(case: &Case, got: &Observed) -> Result<(), String> {
    let mut problems = Vec::new();
    if case.checks.quotes {
        let expected: Vec<String> =
            case.quotes.iter().map(|q| format!("{}{} {:?}", q.kind, if q.unclosed { "!" } else { "" }, q.text)).collect();
        let found: Vec<String> =
            got.quotes.iter().map(|q| format!("{}{} {:?}", q.kind, if q.unclosed { "!" } else { "" }, q.text)).collect();
        if expected != found {
            problems.push(format!("quotes:\n    expected: {expected:?}\n    got:      {found:?}"));
        }
    }
    if case.checks.speakers {
        let found: Vec<&ObservedQuote> = got.quotes.iter().filter(|q| q.kind == "direct" || q.kind == "partial").collect();
        let matches = found.len() == case.speakers.len()
            && found.iter().zip(&case.speakers).all(|(q, want)| {
                // The cue is compared only where the case names one.
                q.text.starts_with(want.quote_start.as_str())
                    && who(q) == want.who
                    && want.cue.as_ref().map_or(true, |cue| q.cue.as_ref() == Some(cue))
            });
        if !matches {
            let expected: Vec<String> = case
                .speakers
                .iter()
                .map(|s| format!("{} => {}{}", s.quote_start, s.who, s.cue.as_ref().map_or(String::new(), |c| format!(" | {c}"))))
                .collect();
            let found: Vec<String> =
                found.iter().map(|q| format!("{} => {} | {}", q.text, who(q), q.cue.as_deref().unwrap_or("(no cue)"))).collect();
            problems.push(format!("speakers:\n    expected: {expected:#?}\n    got:      {found:#?}"));
        }
    }
    if case.checks.entities {
        // A cluster is named by the index of its first mention, so ids of any kind compare.
        let expected: Vec<String> = case
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let first = e.cluster.as_ref().and_then(|c| case.entities.iter().position(|o| o.cluster.as_ref() == Some(c)));
                format!("{} {:?} in {}", e.label, e.text, first.unwrap_or(i))
            })
            .collect();
        let found: Vec<String> = got
            .entities
            .iter()
            .map(|e| {
                let first = got.entities.iter().position(|o| o.cluster == e.cluster).expect("itself");
                format!("{} {:?} in {first}", e.label, e.text)
            })
            .collect();
        if expected != found {
            problems.push(format!(
                "entities (label, text, in: index of the cluster's first mention):\n    expected: {expected:?}\n    got:      {found:?}"
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\n  text: {:?}\n  {}", case.name, case.text, problems.join("\n  ")))
    }
}

/// `speaker | refers to | basis`, or `none`.
fn who(q: &ObservedQuote) -> String {
    match &q.speaker {
        None => "none".to_string(),
        Some((speaker, refers_to, basis)) => format!("{speaker} | {} | {basis}", refers_to.as_deref().unwrap_or("")),
    }
}

/// Runs every case and its twins through `run` (all texts at once, answers in the same order),
/// and fails listing every case that disagrees.
pub fn check_all(runner: &str, run: impl FnOnce(&[String]) -> Vec<Observed>) {
    let cases: Vec<Case> = all_cases().iter().flat_map(twins).collect();
    for (layer, n) in [
        ("quotes", cases.iter().filter(|c| c.checks.quotes).count()),
        ("speakers", cases.iter().filter(|c| c.checks.speakers).count()),
        ("entities", cases.iter().filter(|c| c.checks.entities).count()),
    ] {
        // Guards the runner itself: a parse slip that read no case would pass every check.
        assert!(n >= 8, "{runner}: only {n} cases check {layer}");
    }
    let texts: Vec<String> = cases.iter().map(|c| c.text.clone()).collect();
    let observed = run(&texts);
    assert_eq!(observed.len(), cases.len(), "{runner}: one answer per case");
    let failures: Vec<String> = cases.iter().zip(&observed).filter_map(|(case, got)| check(case, got).err()).collect();
    assert!(failures.is_empty(), "{runner}: {} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

/// The native runner's view: byte spans sliced from the text.
pub fn observe_analysis(text: &str, analysis: &Analysis) -> Observed {
    Observed {
        quotes: analysis
            .quotes
            .iter()
            .map(|q| ObservedQuote {
                kind: q.kind.as_str().to_string(),
                text: q.inner.slice(text).to_string(),
                unclosed: q.unclosed,
                speaker: q.speaker.as_ref().map(|s| {
                    (s.span.slice(text).to_string(), s.refers_to.map(|r| r.slice(text).to_string()), s.basis.as_str().to_string())
                }),
                cue: q.cue.map(|c| c.slice(text).to_string()),
            })
            .collect(),
        entities: analysis
            .entities
            .iter()
            .map(|e| ObservedEntity { label: e.label.as_str().to_string(), text: e.span.slice(text).to_string(), cluster: e.cluster })
            .collect(),
    }
}

/// The offset unit of an exported document.
#[derive(Clone, Copy, Debug)]
pub enum Unit {
    CodePoint,
    Utf16,
}

/// The CLI's and the wasm boundary's view: the wire format (as JSON), every text sliced from
/// `text` by its `start`/`end` in `unit`, never read from its `text` field.
pub fn observe_json(text: &str, document: &serde_json::Value, unit: Unit) -> Observed {
    let slice = |object: &serde_json::Value| -> String {
        let at = |key: &str| whole(&object[key]).unwrap_or_else(|| panic!("{key} is not an offset in {object}"));
        let (start, end) = (at("start"), at("end"));
        match unit {
            Unit::CodePoint => text.chars().skip(start).take(end - start).collect(),
            Unit::Utf16 => {
                let units: Vec<u16> = text.encode_utf16().collect();
                String::from_utf16(&units[start..end]).expect("UTF-16 offsets on code point boundaries")
            }
        }
    };
    let string = |v: &serde_json::Value| v.as_str().unwrap_or_else(|| panic!("not a string: {v}")).to_string();
    let list = |key: &str| document[key].as_array().unwrap_or_else(|| panic!("{key} is not an array")).clone();
    let present = |v: &serde_json::Value| !v.is_null();
    Observed {
        quotes: list("quotes")
            .iter()
            .map(|q| ObservedQuote {
                kind: string(&q["kind"]),
                text: slice(q),
                unclosed: q["unclosed"].as_bool().expect("unclosed is a boolean"),
                speaker: present(&q["speaker"]).then(|| {
                    let s = &q["speaker"];
                    (slice(s), present(&s["refers_to"]).then(|| slice(&s["refers_to"])), string(&s["basis"]))
                }),
                cue: present(&q["cue"]).then(|| slice(&q["cue"])),
            })
            .collect(),
        entities: list("entities")
            .iter()
            .map(|e| ObservedEntity {
                label: string(&e["label"]),
                text: slice(e),
                cluster: whole(&e["cluster"]).expect("cluster is a number"),
            })
            .collect(),
    }
}

/// A non-negative whole number, whether JSON holds it as an integer or (from JS) as a float.
fn whole(value: &serde_json::Value) -> Option<usize> {
    value.as_u64().or_else(|| value.as_f64().filter(|f| *f >= 0.0 && f.fract() == 0.0).map(|f| f as u64)).map(|n| n as usize)
}
