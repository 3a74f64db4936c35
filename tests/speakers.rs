//! The shared attribution cases (tests/cases/speakers.txt), run natively: each direct and
//! partial quote's speaker text, the name it refers to and the basis; and the entity cluster the
//! tagger gives that name.

use quotelens::QuoteKind;

struct Case {
    name: String,
    text: String,
    /// (start of the quote's text, expected "speaker | refers to | basis" or "none")
    expected: Vec<(String, String)>,
}

fn read_cases(source: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    for block in source.split("\n=== ").skip(1) {
        let (name, rest) = block.split_once('\n').expect("a case name line");
        let (text, expected) = rest.split_once("\n---\n").expect("a --- line after the article");
        let expected = expected
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| {
                let (quote, who) = l.split_once(" => ").expect("`quote => speaker` line");
                (quote.trim().to_string(), who.trim().to_string())
            })
            .collect();
        cases.push(Case { name: name.trim().to_string(), text: text.trim_matches('\n').to_string(), expected });
    }
    cases
}

#[test]
fn every_speaker_case() {
    let cases = read_cases(include_str!("cases/speakers.txt"));
    assert!(cases.len() >= 2, "the case file has cases");
    let mut failures = Vec::new();
    for case in &cases {
        let text = &case.text;
        let analysis = quotelens::analyze(text);
        let got: Vec<(String, String)> = analysis
            .quotes
            .iter()
            .filter(|q| matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial))
            .map(|q| {
                let who = match &q.speaker {
                    None => "none".to_string(),
                    Some(s) => format!(
                        "{} | {} | {}",
                        s.span.slice(text),
                        s.refers_to.map_or("", |r| r.slice(text)),
                        s.basis.as_str()
                    ),
                };
                (q.inner.slice(text).to_string(), who)
            })
            .collect();
        let matches = got.len() == case.expected.len()
            && got.iter().zip(&case.expected).all(|((quote, who), (start, want))| quote.starts_with(start.as_str()) && who == want);
        if !matches {
            failures.push(format!("{}:\n  expected: {:?}\n  got:      {:?}", case.name, case.expected, got));
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

/// The speaker's entity is the cluster of the person the mention refers to, named by its longest
/// form: "he" three paragraphs on is still Jonas Weber's cluster.
#[test]
fn every_credited_speaker_carries_the_cluster_of_the_person_it_refers_to() {
    let cases = read_cases(include_str!("cases/speakers.txt"));
    let mut checked = 0;
    for case in &cases {
        let text = &case.text;
        let analysis = quotelens::analyze(text);
        for q in &analysis.quotes {
            let Some(s) = &q.speaker else { continue };
            let Some(refers_to) = s.refers_to else { continue };
            let who = refers_to.slice(text);
            let cluster = s.entity.and_then(|id| analysis.clusters.iter().find(|c| c.id == id));
            let name = cluster.map(|c| c.name.slice(text));
            // The cluster's display name is the person's fullest form, which contains the name
            // the mention was resolved to ("Keller" is Anna Keller's).
            assert!(
                name.is_some_and(|n| n.contains(who) || who.contains(n)),
                "{}: speaker {:?} of {:?} refers to {who:?} but its entity is {name:?}",
                case.name,
                s.span.slice(text),
                q.inner.slice(text)
            );
            checked += 1;
        }
    }
    assert!(checked >= 12, "only {checked} speakers checked");
}
