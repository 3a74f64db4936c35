//! Document consistency: a second pass over the tagger's names that lets a name's mentions where
//! capitalisation is informative (mid-sentence, on a mixed-case line) decide its mentions where
//! it is not (opening a sentence, on an all-caps line).
//!
//! Two things change, nothing else: such a weak mention whose text the strong mentions label
//! one way gets that label ("Apple" opening a sentence, ORG elsewhere) — or, when it is the start
//! of a longer such name whose other words follow it untagged, that name ("PORT" of a dateline
//! "PORT AVERLY —" becomes "PORT AVERLY", a place, as "Port Averly" is) — and an untagged
//! occurrence of a strongly labelled name's words is added with that label (the headline's
//! "KELLER" when the story tags "Keller" a person; a capitalised "Keller" the tagger let pass).
//! Strong mentions are never relabelled, so one name for two referents ("Liverpool" the club and
//! the city) keeps both labels where the text says so.

use crate::text::hashing::FnvMap;

use super::features::Doc;
use crate::analysis::{Entity, Label, Span};

/// Where a mention's capitalisation tells the tagger something.
fn is_strong(doc: &Doc, first: usize) -> bool {
    let t = &doc.tokens[first];
    !t.sentence_start && !doc.lines[t.line as usize].caseless()
}

/// Applies the two rules of the module comment to `entities` (the tagger's names in `text`, in
/// text order, disjoint); the result is in text order and disjoint.
pub(crate) fn apply(text: &str, doc: &Doc, mut entities: Vec<Entity>) -> Vec<Entity> {
    // Each entity's token range; an entity whose span is not on token bounds is left alone.
    // The tokens are disjoint and in text order, so their starts and their ends both increase:
    // a binary search finds a bound (two maps of every token cost more than the whole pass).
    let start_of = |at: usize| doc.tokens.binary_search_by_key(&at, |t| t.span.start).ok();
    let end_of = |at: usize| doc.tokens.binary_search_by_key(&at, |t| t.span.end).ok().map(|i| i + 1);
    let ranges: Vec<Option<(usize, usize)>> = entities.iter().map(|e| Some((start_of(e.span.start)?, end_of(e.span.end)?))).collect();
    let key = |a: usize, b: usize| -> Vec<u64> { (a..b).map(|i| doc.written_lower(i)).collect() };
    // Votes of the strong mentions, per name (its tokens, lowercased).
    let mut votes: FnvMap<Vec<u64>, [u32; 5]> = FnvMap::default();
    for (e, r) in entities.iter().zip(&ranges) {
        let (Some((a, b)), Some(slot)) = (r, slot_of(e.label)) else { continue };
        if is_strong(doc, *a) {
            votes.entry(key(*a, *b)).or_default()[slot] += 1;
        }
    }
    let winner = |counts: &[u32; 5]| -> Option<Label> {
        let best = (0..5).max_by_key(|&s| (counts[s], std::cmp::Reverse(s)))?;
        let unique = counts.iter().enumerate().all(|(s, &c)| s == best || c < counts[best]);
        (counts[best] > 0 && unique).then(|| LABELS[best])
    };
    // Rule 1: weak mentions take the strong mentions' label.
    for (e, r) in entities.iter_mut().zip(&ranges) {
        let Some((a, b)) = *r else { continue };
        if slot_of(e.label).is_none() || is_strong(doc, a) {
            continue;
        }
        if let Some(label) = votes.get(&key(a, b)).and_then(winner) {
            e.label = label;
        }
    }
    // Rule 2: untagged occurrences of a strongly labelled name, in one pass over the tokens
    // (names indexed by their first word; a scan per name was quadratic in a long text). At
    // each capitalised, uncovered token the longest name that fits wins, so "Anna Keller" is
    // found before "Keller".
    let mut by_first: FnvMap<u64, Vec<(Vec<u64>, Label)>> = FnvMap::default();
    for (k, c) in &votes {
        if let (Some(&first), Some(label)) = (k.first(), winner(c)) {
            by_first.entry(first).or_default().push((k.clone(), label));
        }
    }
    for names in by_first.values_mut() {
        // The longest first; the names are keys of `votes`, all different, so there are no ties.
        crate::order::sort_by(names, |a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    }
    let mut covered = vec![false; doc.tokens.len()];
    for r in ranges.iter().flatten() {
        covered[r.0..r.1].iter_mut().for_each(|c| *c = true);
    }
    let lowers: Vec<u64> = (0..doc.tokens.len()).map(|i| doc.written_lower(i)).collect();
    // Rule 1, longer: a weak mention that is the start of a longer strongly labelled name whose
    // other words follow it untagged becomes that name (a dateline's "PORT AVERLY —" tagged
    // "PORT" alone, when the story tags "Port Averly" a place).
    for (e, r) in entities.iter_mut().zip(&ranges) {
        let Some((a, b)) = *r else { continue };
        if is_strong(doc, a) {
            continue;
        }
        let line_end = doc.lines[doc.tokens[a].line as usize].end;
        let longer = by_first.get(&lowers[a]).and_then(|names| {
            names.iter().find(|(name, _)| {
                let j = a + name.len();
                j > b && j <= line_end && lowers[a..j] == name[..] && !covered[b..j].iter().any(|&c| c)
            })
        });
        if let Some((name, label)) = longer {
            let j = a + name.len();
            covered[b..j].iter_mut().for_each(|c| *c = true);
            e.span = Span::new(e.span.start, doc.tokens[j - 1].span.end);
            e.label = *label;
        }
    }
    let mut added = Vec::new();
    for line in &doc.lines {
        let mut i = line.first;
        while i < line.end {
            let capitalised = doc.tokens[i].span.slice(text).chars().next().is_some_and(char::is_uppercase);
            let found = if capitalised && !covered[i] { by_first.get(&lowers[i]) } else { None }.and_then(|names| {
                names.iter().find(|(name, _)| {
                    let j = i + name.len();
                    j <= line.end && lowers[i..j] == name[..] && !covered[i..j].iter().any(|&c| c)
                })
            });
            match found {
                Some((name, label)) => {
                    let j = i + name.len();
                    covered[i..j].iter_mut().for_each(|c| *c = true);
                    added.push(Entity { span: Span::new(doc.tokens[i].span.start, doc.tokens[j - 1].span.end), label: *label, cluster: 0 });
                    i = j;
                }
                None => i += 1,
            }
        }
    }
    if !added.is_empty() {
        entities.extend(added);
        crate::order::sort_by_key(&mut entities, |e| (e.span.start, 0));
    }
    entities
}

/// The tagger's labels, in a fixed order for voting.
const LABELS: [Label; 5] = [Label::Person, Label::Org, Label::Place, Label::Group, Label::Misc];

fn slot_of(label: Label) -> Option<usize> {
    LABELS.iter().position(|&l| l == label)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str, nth: usize, label: Label) -> Entity {
        let start = text.match_indices(needle).nth(nth).expect("needle in text").0;
        Entity { span: Span::new(start, start + needle.len()), label, cluster: 0 }
    }

    fn render(text: &str, entities: &[Entity]) -> Vec<String> {
        entities.iter().map(|e| format!("{}/{}", e.span.slice(text), e.label.as_str())).collect()
    }

    /// `apply` finds a bound by binary search: that needs the tokens' starts and ends to rise
    /// strictly (an empty token, or two at one offset, would make the search pick either).
    #[test]
    fn token_bounds_rise_strictly_on_odd_text() {
        let texts = [
            "",
            "x",
            "...",
            "He said that",
            "that",
            "A\r\nB\r\n\r\nC.",
            "e\u{301}cole Zo\u{308}e \u{200d}\u{200b}Ann\u{feff}a \u{1F600}\u{1F3FD} Bjo\u{308}rk",
            "“‘«nested» quotes’” — (Mr. O’Neil) U.S.-based 1,000.5%",
            "\u{0}\u{1}\t \u{2028}\u{85}Z",
        ];
        for text in texts {
            let doc = Doc::new(text);
            for pair in doc.tokens.windows(2) {
                assert!(pair[0].span.start < pair[1].span.start && pair[0].span.end < pair[1].span.end, "{text:?}");
            }
            for (i, t) in doc.tokens.iter().enumerate() {
                assert!(t.span.start < t.span.end, "{text:?}");
                assert_eq!(doc.tokens.binary_search_by_key(&t.span.start, |t| t.span.start), Ok(i));
            }
        }
    }

    #[test]
    fn weak_mentions_follow_strong_ones() {
        let text = "ZORBLAX PROFITS SOAR\nZorblax rose. Analysts said Zorblax and Quillon grew, as zorblax fans hoped. Quillon fell.";
        let doc = Doc::new(text);
        // The sentence-opening "Zorblax" mislabelled, the headline's missed; the mid-sentence
        // mention decides both. The lower-case word is no name.
        let tagged = vec![
            at(text, "Zorblax", 0, Label::Person),
            at(text, "Zorblax", 1, Label::Org),
            at(text, "Quillon", 0, Label::Org),
            at(text, "Quillon", 1, Label::Place),
        ];
        assert_eq!(render(text, &apply(text, &doc, tagged)), ["ZORBLAX/ORG", "Zorblax/ORG", "Zorblax/ORG", "Quillon/ORG", "Quillon/ORG"]);
    }

    #[test]
    fn a_weak_mention_cut_short_takes_the_longer_strong_name() {
        // A dateline in capitals: the tagger took its first word alone, as an organisation.
        let text = "FORT MIRRAN — The ferry to Fort Mirran will run again, the operator said.";
        let doc = Doc::new(text);
        let entities = vec![at(text, "FORT", 0, Label::Org), at(text, "Fort Mirran", 0, Label::Place)];
        assert_eq!(render(text, &apply(text, &doc, entities)), ["FORT MIRRAN/PLACE", "Fort Mirran/PLACE"]);
        // Not across a word the tagger already gave another name.
        let text = "FORT Mirran Lines ran the ferry to Fort Mirran.";
        let doc = Doc::new(text);
        let entities =
            vec![at(text, "FORT", 0, Label::Org), at(text, "Mirran Lines", 0, Label::Org), at(text, "Fort Mirran", 0, Label::Place)];
        assert_eq!(render(text, &apply(text, &doc, entities)), ["FORT/ORG", "Mirran Lines/ORG", "Fort Mirran/PLACE"]);
    }

    #[test]
    fn strong_mentions_keep_their_labels() {
        // The club and the city: both mentions are mid-sentence, so neither is changed.
        let text = "Fans said Brackton won, and the mayor of Brackton agreed.";
        let doc = Doc::new(text);
        let tagged = vec![at(text, "Brackton", 0, Label::Org), at(text, "Brackton", 1, Label::Place)];
        assert_eq!(render(text, &apply(text, &doc, tagged)), ["Brackton/ORG", "Brackton/PLACE"]);
        // A tie decides nothing for the weak mention.
        let text = "Brackton lost. Fans said Brackton won, and the mayor of Brackton agreed.";
        let doc = Doc::new(text);
        let tagged =
            vec![at(text, "Brackton", 0, Label::Person), at(text, "Brackton", 1, Label::Org), at(text, "Brackton", 2, Label::Place)];
        assert_eq!(render(text, &apply(text, &doc, tagged)), ["Brackton/PERSON", "Brackton/ORG", "Brackton/PLACE"]);
    }
}
