//! Truecasing of all-caps and title-case lines (headlines, datelines) before tagging.
//!
//! In "MINISTER ANNA KELLER QUITS" capitals say nothing, and the tagger, trained mostly on
//! mixed-case text, finds little there. So an all-caps line is tagged a second time through a
//! copy of the text in which each of its words is cased as the document writes it elsewhere (a
//! mid-sentence "Keller" in the story), or else by the word lists: a function word, a nominal
//! head ("officials") or a linking word is lower case, a name-list word (first name, surname,
//! place, nationality, organisation or group word) or a title is capitalised, a short word of
//! no list ("PM", "EU", "BBC") stays in capitals as an acronym, and any other word is lower case.
//! A headline in title case ("Mayor Warns Of Flood Risk", `Line::title_case`) is recased the same
//! way, except that its words in capitals stay as written (acronyms: "NATO") and no other word
//! is taken for an acronym ("War").
//!
//! Only the case of letters whose other case has the same UTF-8 length changes, so every byte
//! offset of the copy is an offset of the original and the entities found on it need no mapping.

use std::borrow::Cow;

use super::gazetteer::{Gazetteer, List};
use super::hashing::{hash_lower, HashKeyed};
use super::tokens::{Line, Token};
use crate::text::data::FUNCTION_WORDS;

/// Words up to this many letters that no list knows keep their capitals: acronyms.
const ACRONYM_LETTERS: usize = 3;

/// How a word is written where its case is informative, counted over the document.
#[derive(Clone, Copy, Default)]
struct Seen {
    title: u16,
    lower: u16,
    upper: u16,
    /// Capitalised at a sentence's start, where the case says nothing alone.
    opening: u16,
}

/// The text with the words of every all-caps and title-case line recased (see the module
/// comment); borrowed unchanged when there is none. Same length as `text`, with the same char
/// boundaries.
pub(crate) fn truecased<'t>(text: &'t str, tokens: &[Token], lines: &[Line]) -> Cow<'t, str> {
    if !lines.iter().any(Line::caseless) {
        return Cow::Borrowed(text);
    }
    let seen = forms_elsewhere(text, tokens, lines);
    let mut out = text.to_owned();
    for line in lines.iter().filter(|l| l.caseless()) {
        for t in &tokens[line.first..line.end] {
            let word = t.span.slice(text);
            if !word.chars().any(char::is_alphabetic) {
                continue;
            }
            // In a title-case line a word in capitals was written so: an acronym ("NATO").
            if line.title_case && word.chars().filter(|c| c.is_alphabetic()).count() > 1 && !word.chars().any(char::is_lowercase) {
                continue;
            }
            let cased = recase_word(word, seen.get(&hash_lower(word)).copied(), line.title_case);
            if cased.len() == word.len() {
                out.replace_range(t.span.start..t.span.end, &cased);
            }
        }
    }
    Cow::Owned(out)
}

/// Fewest words of a title-case line that must be everyday words (`confirm_titles`).
const TITLE_MIN_EVERYDAY: usize = 2;

/// Keeps `title_case` only on the lines the document shows to be headlines: at least
/// `TITLE_MIN_EVERYDAY` of their capitalised words other than function words are everyday
/// words, written in lower case more often than not mid-sentence elsewhere in the text, or
/// nominal heads or linking words ("Officials"). A line of names in title case ("Middlesex: J. Pooley, M. Gatting and A.
/// Fraser", a scorecard) has none, and recasing it would lose names no list holds.
pub(crate) fn confirm_titles(text: &str, tokens: &[Token], lines: &mut [Line]) {
    if !lines.iter().any(|l| l.title_case) {
        return;
    }
    let seen = forms_elsewhere(text, tokens, lines);
    let lexicon = &*crate::speakers::lexicon::LEXICON;
    for line in lines.iter_mut().filter(|l| l.title_case) {
        let everyday = tokens[line.first..line.end]
            .iter()
            .map(|t| t.span.slice(text))
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase))
            .filter(|w| {
                let lower = w.to_lowercase();
                let s = seen.get(&hash_lower(w)).copied().unwrap_or_default();
                !FUNCTION_WORDS.contains(lower.as_str()) && (s.lower > s.title + s.upper)
                    || lexicon.heads.contains_key(lower.as_str())
                    || lexicon.linking_words.contains(lower.as_str())
            })
            .count();
        line.title_case = everyday >= TITLE_MIN_EVERYDAY;
    }
}

/// Counts, per lowercased word, how it is written mid-sentence on mixed-case lines, and how
/// often it opens a sentence there capitalised.
fn forms_elsewhere(text: &str, tokens: &[Token], lines: &[Line]) -> HashKeyed<Seen> {
    let mut seen: HashKeyed<Seen> = HashKeyed::default();
    for line in lines.iter().filter(|l| !l.caseless()) {
        for t in &tokens[line.first..line.end] {
            let word = t.span.slice(text);
            if t.sentence_start {
                if word.starts_with(char::is_uppercase) {
                    let s = seen.entry(hash_lower(word)).or_default();
                    s.opening = s.opening.saturating_add(1);
                }
                continue;
            }
            let mut letters = word.chars().filter(|c| c.is_alphabetic());
            let Some(first) = letters.next() else { continue };
            let rest_upper = letters.clone().all(char::is_uppercase);
            let rest_lower = letters.all(char::is_lowercase);
            let s = seen.entry(hash_lower(word)).or_default();
            match (first.is_uppercase(), rest_lower, rest_upper) {
                (false, true, _) => s.lower = s.lower.saturating_add(1),
                (true, true, _) => s.title = s.title.saturating_add(1),
                (true, _, true) => s.upper = s.upper.saturating_add(1),
                _ => {}
            }
        }
    }
    seen
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    Lower,
    Title,
    Upper,
}

/// `word` recased by how the text writes it elsewhere, else by the lists. In a title-case
/// headline (`title`), a word the text writes only at sentences' starts keeps its capital
/// ("Deliveroo Cuts Jobs …" before "Deliveroo said on Tuesday …": the company the story is
/// about, which no list holds); a common noun there is written in lower case somewhere else.
fn recase_word(word: &str, seen: Option<Seen>, title: bool) -> String {
    let form = match seen {
        Some(s) if title && s.title + s.lower + s.upper == 0 && s.opening > 0 && !FUNCTION_WORDS.contains(word.to_lowercase().as_str()) => {
            Form::Title
        }
        Some(s) if s.title + s.lower + s.upper > 0 => {
            if s.upper >= s.title && s.upper >= s.lower {
                Form::Upper
            } else if s.title >= s.lower {
                Form::Title
            } else {
                Form::Lower
            }
        }
        _ => form_by_lists(word),
    };
    apply(word, form)
}

fn form_by_lists(word: &str) -> Form {
    let lower = word.to_lowercase();
    let bare = lower.trim_end_matches('.');
    let lexicon = &*crate::speakers::lexicon::LEXICON;
    if FUNCTION_WORDS.contains(bare) || lexicon.heads.contains_key(bare) || lexicon.linking_words.contains(bare) {
        return Form::Lower;
    }
    let lists = Gazetteer::shared().word(hash_lower(word));
    let personal_or_place = [List::FirstName, List::Surname, List::Place].iter().any(|&l| lists & (1 << l as u8) != 0);
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    // "U.S.", "PM", "AMD": initials and short acronyms keep their capitals ("Tom", "Oslo" do not);
    // a word written with lower-case letters ("War" in a title-case line) is no acronym.
    let in_capitals = !word.chars().any(char::is_lowercase);
    if in_capitals && (word.contains('.') || (letters <= ACRONYM_LETTERS && !personal_or_place)) {
        return Form::Upper;
    }
    if lists != 0 {
        return Form::Title;
    }
    if lexicon.titles.contains_key(bare) {
        return Form::Title;
    }
    Form::Lower
}

/// `word` in `form`, letter by letter; a letter whose other case has another UTF-8 length keeps
/// its case, so the length never changes.
fn apply(word: &str, form: Form) -> String {
    let mut out = String::with_capacity(word.len());
    let mut first_letter = true;
    for c in word.chars() {
        let upper = match form {
            Form::Upper => true,
            Form::Lower => false,
            Form::Title => first_letter,
        };
        if c.is_alphabetic() {
            first_letter = false;
        }
        let mapped: Vec<char> = if upper { c.to_uppercase().collect() } else { c.to_lowercase().collect() };
        match mapped[..] {
            [m] if m.len_utf8() == c.len_utf8() => out.push(m),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn recased(text: &str) -> String {
        let (tokens, lines) = tokenize(text);
        truecased(text, &tokens, &lines).into_owned()
    }

    #[test]
    fn mixed_case_text_is_left_alone() {
        let text = "The minister, Anna Keller, quit on Monday.";
        let (tokens, lines) = tokenize(text);
        assert!(matches!(truecased(text, &tokens, &lines), Cow::Borrowed(_)));
    }

    #[test]
    fn words_take_the_case_they_have_elsewhere() {
        let text = "KELLER QUITS OVER ZORBLAX DEAL\nThe minister Ilse Keller said the Zorblax deal was fair.";
        assert_eq!(recased(text).lines().next(), Some("Keller quits over Zorblax deal"));
    }

    #[test]
    fn lists_case_a_lone_headline() {
        // No other line: first names, surnames and places are capitalised, acronyms kept, function
        // words and unknown words lowered.
        assert_eq!(recased("PM JOHN SMITH VISITS PARIS AND THE EU"), "PM John Smith visits Paris and the EU");
        assert_eq!(recased("U.S. TALKS"), "U.S. talks");
    }

    #[test]
    fn a_title_case_headline_is_cased_as_a_sentence() {
        let text =
            "Keller Warns NATO And EU Of War Over Zorblax Deal\nThe minister Ilse Keller said the Zorblax deal was fair and war was far.";
        assert_eq!(recased(text).lines().next(), Some("Keller warns NATO and EU of war over Zorblax deal"));
    }

    #[test]
    fn a_title_case_headline_keeps_the_capital_of_a_word_that_only_opens_sentences() {
        let text = "Keltra Cuts Jobs As Sales Slump In Europe\nKeltra said on Tuesday that sales fell and jobs would go.";
        assert_eq!(recased(text).lines().next(), Some("Keltra cuts jobs as sales slump in Europe"));
        // Not in a line in capitals, whose words the lists case as before.
        let text = "KELTRA CUTS JOBS\nKeltra said on Tuesday that jobs would go.";
        assert_eq!(recased(text).lines().next(), Some("keltra cuts jobs"));
    }

    #[test]
    fn a_title_case_line_is_a_headline_when_the_text_writes_its_words_in_lower_case() {
        let titles = |text: &str| {
            let (tokens, mut lines) = tokenize(text);
            confirm_titles(text, &tokens, &mut lines);
            lines.iter().map(|l| l.title_case).collect::<Vec<_>>()
        };
        let story = "\nThe river rose, and the mayor spoke of the flood risk.";
        assert_eq!(titles(&format!("Mayor Warns Of Flood Risk As River Rises{story}")), [true, false]);
        // Names alone, or words the text never writes in lower case: left as written.
        assert_eq!(titles(&format!("Anna Keller And Ilse Brandt Of Tolva{story}")), [false, false]);
        assert_eq!(titles("Mayor Warns Of Flood Risk As River Rises"), [false]);
    }

    #[test]
    fn offsets_survive_letters_whose_case_changes_length() {
        // "ẞ" (3 bytes) lowers to "ß" (2 bytes): it keeps its case, and the length holds.
        for text in ["STRAẞE IN WIEN", "İSTANBUL MARKETS RISE", "ÅLAND ÖRE"] {
            let out = recased(text);
            assert_eq!(out.len(), text.len(), "{text}");
            for (i, _) in text.char_indices() {
                assert!(out.is_char_boundary(i), "{text}");
            }
        }
    }
}
