//! A news story's dateline: the place it was filed from opens a paragraph, in capitals or title
//! case, before a dash, with the region after a comma or the agency in brackets ("SEATTLE (AP)
//! —", "RALEIGH, N.C. (AP) —"), or alone in capitals when the place list holds it ("BOSTON —";
//! "NASA —", "Microsoft —" open no dateline). The tagger, trained on 1996 Reuters, whose
//! datelines are followed by a date and whose sports pages name clubs after their towns, reads
//! "SEATTLE —" and "BOSTON —" as clubs. The name there is a place. (A word in capitals there
//! that the tagger passed over, "DENVER —", is left alone: adding it cost 350 bytes of the
//! module, issue 17.) Applied after tagging, with the joins (`super::Found::as_tagged`): the
//! attribution tagger's weights were trained on the names as tagged.

use super::gazetteer;
use crate::analysis::{Label, Span};

/// Words of the place's name, at most.
const MAX_PLACE_WORDS: usize = 4;

/// Bytes of an agency's name in brackets ("(AP)", "(Reuters)"), at most.
const MAX_AGENCY: usize = 24;

/// Words of the region after the comma, at most ("Belgium", "N.C.", "South Carolina").
const MAX_REGION_WORDS: usize = 4;

/// `names` (in text order) with each name that is the place of a dateline in `text` (or its
/// first words) made that place; `None` when nothing changed.
pub(super) fn apply(text: &str, names: &[(Span, Label)]) -> Option<Vec<(Span, Label)>> {
    let mut out: Option<Vec<(Span, Label)>> = None;
    let mut line = 0;
    while line < text.len() {
        let start = line + text[line..].bytes().take_while(|&b| b == b' ' || b == b'\t').count();
        line = text[line..].find('\n').map_or(text.len(), |n| line + n + 1);
        let Some(end) = dateline_place(text, start) else { continue };
        let place = Span::new(start, end);
        let current = out.as_deref().unwrap_or(names);
        let at = current.partition_point(|(s, _)| s.start < start);
        let Some(&(span, label)) = current.get(at).filter(|(s, _)| s.start == start && s.end <= end) else { continue };
        // The tagger's name may stop short of the place's ("BOCA" of "BOCA RATON").
        let whole = span.end < end && current.get(at + 1).map_or(true, |(next, _)| next.start >= end);
        if label != Label::Place && label != Label::Group || whole {
            out.get_or_insert_with(|| names.to_vec())[at] = (place, Label::Place);
        }
    }
    out
}

/// The end of the place of a dateline opening `text[start..]`, if one does: capitalised words,
/// then a region after a comma or an agency in brackets or both (or neither, for a place of the
/// place list in capitals: "BOSTON —"), then a dash between spaces and the story's first
/// sentence, in running text (a capital then a lower-case letter, a
/// one-letter word or a quotation mark): after a section's name, a headline in capitals follows
/// ("RUGBY UNION - WIGAN BEAT BRADFORD").
fn dateline_place(text: &str, start: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut at = capitalised_words(b, start, MAX_PLACE_WORDS)?;
    let place = at;
    let mut credited = false;
    if b[at..].starts_with(b", ") {
        at = capitalised_words(b, at + 2, MAX_REGION_WORDS)?;
        credited = true;
    }
    // "(AP)", not a results table's "( N )".
    if b[at..].starts_with(b" (") && b.get(at + 2).is_some_and(|&c| c != b' ') {
        at += 2 + text[at + 2..].find(')').filter(|&n| n <= MAX_AGENCY)? + 1;
        credited = true;
    }
    // Without a region or an agency, only a listed place in capitals: "NASA —", "ANALYSIS —",
    // "Microsoft — the company said", "Leeds - Deane scored" open no dateline.
    let name = &text[start..place];
    let first = &name[..name.find(' ').unwrap_or(name.len())];
    let listed = name.bytes().all(|c| !c.is_ascii_lowercase()) && gazetteer::is_place_word(first);
    if !(credited || listed) {
        return None;
    }
    let dash = ["— ", "– ", "― ", "-- ", "- "].iter().find(|d| text[at..].starts_with(' ') && text[at + 1..].starts_with(**d))?;
    at += 1 + dash.len();
    let (first, second) = (b.get(at)?, b.get(at + 1).copied().unwrap_or(b' '));
    let sentence = first.is_ascii_uppercase() && (second.is_ascii_lowercase() || !second.is_ascii_alphabetic());
    (sentence || crate::text::marks::mark_at(text, at).is_some()).then_some(place)
}

/// The end of up to `most` capitalised words from `b[at..]` separated by one space (ASCII
/// letters, and the full stops, apostrophes and hyphens of "D.C.", "O'FALLON", "WINSTON-SALEM"),
/// if there is one.
fn capitalised_words(b: &[u8], mut at: usize, most: usize) -> Option<usize> {
    let mut end = None;
    for _ in 0..most {
        if !b.get(at).is_some_and(u8::is_ascii_uppercase) {
            break;
        }
        at += b[at..].iter().take_while(|c| c.is_ascii_alphabetic() || matches!(c, b'.' | b'\'' | b'-')).count();
        end = Some(at);
        if b.get(at) != Some(&b' ') || !b.get(at + 1).is_some_and(u8::is_ascii_uppercase) {
            break;
        }
        at += 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place_of(text: &str) -> Option<&str> {
        dateline_place(text, 0).map(|end| &text[..end])
    }

    #[test]
    fn a_dateline_is_a_place_before_a_dash() {
        assert_eq!(place_of("BRACKTON (AP) — The council voted."), Some("BRACKTON"));
        assert_eq!(place_of("PORT AVERLY (AP) — “We are ready,” she said."), Some("PORT AVERLY"));
        assert_eq!(place_of("Fort Mirran, Northumberland — The ferry ran."), Some("Fort Mirran"));
        assert_eq!(place_of("TARROW, N.C. (AP) - Stocks fell."), Some("TARROW"));
        assert_eq!(place_of("TARROW (Reuters) -- Stocks fell."), Some("TARROW"));
        // Not a dateline: a dash inside a sentence, or one before lower case.
        assert_eq!(place_of("The mayor — who had left — spoke."), None);
        assert_eq!(place_of("Brackton — who else? — won."), None);
        assert_eq!(place_of("Brackton won — The Courier"), None);
        // A name before a dash is no dateline without a region, an agency or the place list.
        assert_eq!(place_of("Keltra — The company said it would cut jobs."), None);
        assert_eq!(place_of("ANALYSIS — The vote was close."), None);
        assert_eq!(place_of("Leeds - Brian Deane scored twice."), None);
        assert_eq!(place_of("LEEDS - Brian Deane scored twice."), Some("LEEDS"));
        // A section and a headline in capitals; a results table.
        assert_eq!(place_of("RUGBY UNION - WIGAN BEAT BRADFORD 42-36 ."), None);
        assert_eq!(place_of("Radnicki ( N ) - Spartak ( to be played on Sunday )"), None);
        assert_eq!(place_of("BRACKTON, Northumberland — A fire broke out."), Some("BRACKTON"));
    }

    #[test]
    fn the_name_at_a_dateline_is_a_place() {
        let text = "BOSTON (AP) — The council met.\n\nDENVER — Snow fell.";
        let boston = Span::new(0, 6);
        let council = Span::new(text.find("The").unwrap(), text.find(" met").unwrap());
        let names = vec![(boston, Label::Org), (council, Label::Org)];
        assert_eq!(apply(text, &names), Some(vec![(boston, Label::Place), (council, Label::Org)]));
        // Nothing to change: `None`.
        assert_eq!(apply("LONDON — Prices rose.", &[(Span::new(0, 6), Label::Place)]), None);
        // A name cut short is the whole place.
        assert_eq!(
            apply("PORT AVERLY (AP) — Prices rose.", &[(Span::new(0, 4), Label::Org)]),
            Some(vec![(Span::new(0, 11), Label::Place)])
        );
    }
}
