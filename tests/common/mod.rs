//! Reading the shared case files in tests/cases and making the twins of every fixture.

#![allow(dead_code)]

/// One expected quotation: its inner text, kind and whether it is unclosed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    pub text: String,
    pub kind: String,
    pub unclosed: bool,
}

#[derive(Clone, Debug)]
pub struct Case {
    pub name: String,
    pub text: String,
    /// In order of opening marker.
    pub quotes: Vec<Expected>,
}

/// Parses a case file (format described at the top of tests/cases/quotes.txt).
pub fn read_cases(source: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut current: Option<(String, Vec<&str>)> = None;
    for line in source.lines() {
        if let Some(name) = line.strip_prefix("=== ") {
            if let Some((n, body)) = current.take() {
                cases.push(parse_case(n, &body.join("\n")));
            }
            current = Some((name.trim().to_string(), Vec::new()));
        } else if line.starts_with('#') {
            continue;
        } else if let Some((_, body)) = current.as_mut() {
            body.push(line);
        }
    }
    if let Some((n, body)) = current.take() {
        cases.push(parse_case(n, &body.join("\n")));
    }
    cases
}

fn parse_case(name: String, marked: &str) -> Case {
    let marked = marked.trim_matches('\n');
    let mut text = String::new();
    let mut quotes: Vec<(usize, String, bool, usize)> = Vec::new(); // (start, kind, unclosed, end)
    let mut open: Vec<usize> = Vec::new();
    let mut rest = marked;
    while let Some(c) = rest.chars().next() {
        if c == '⟦' {
            let bar = rest.find('|').expect("⟦kind| marker");
            let kind = &rest['⟦'.len_utf8()..bar];
            let (kind, unclosed) = match kind.strip_suffix('!') {
                Some(k) => (k, true),
                None => (kind, false),
            };
            quotes.push((text.len(), kind.to_string(), unclosed, 0));
            open.push(quotes.len() - 1);
            rest = &rest[bar + 1..];
            continue;
        }
        if c == '⟧' {
            let q = open.pop().expect("⟧ without ⟦");
            quotes[q].3 = text.len();
        } else {
            text.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    let quotes = quotes
        .into_iter()
        .map(|(start, kind, unclosed, end)| Expected { text: text[start..end].to_string(), kind, unclosed })
        .collect();
    Case { name, text, quotes }
}

pub fn quote_cases() -> Vec<Case> {
    read_cases(include_str!("../cases/quotes.txt"))
}

/// The same case with CRLF line breaks, with an emoji (two code points, four UTF-16 units) in front, and with
/// no-break spaces: every fixture must give the same quotes in all of them.
pub fn twins(case: &Case) -> Vec<Case> {
    let variant = |suffix: &str, f: &dyn Fn(&str) -> String| Case {
        name: format!("{} ({suffix})", case.name),
        text: f(&case.text),
        quotes: case.quotes.iter().map(|q| Expected { text: f(&q.text), ..q.clone() }).collect(),
    };
    vec![
        case.clone(),
        variant("crlf", &|s| s.replace('\n', "\r\n")),
        Case { name: format!("{} (emoji)", case.name), text: format!("🗞️ {}", case.text), quotes: case.quotes.clone() },
        variant("nbsp", &|s| s.replace(' ', "\u{A0}")),
    ]
}
