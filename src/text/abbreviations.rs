//! Abbreviations: whether the full stop after a word is the word's own ("Capt.", "U.S.", "J.")
//! rather than the end of a sentence. The one table is src/data/abbreviations.txt, read once;
//! sentences (`segment`), the speaker tokens (`words`) and the tagger's CoNLL tokens
//! (`entities::tokens`) all ask here, so "Capt." is the same word to every stage.

use super::hashing::FnvSet;
use std::sync::LazyLock;

use super::data::lines;

struct Table {
    /// Every reader but the tagger.
    prose: FnvSet<&'static str>,
    /// The tagger's CoNLL tokenizer (the file's `conll` / `-conll` flags).
    conll: FnvSet<&'static str>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut table = Table { prose: FnvSet::default(), conll: FnvSet::default() };
    for line in lines(include_str!(concat!(env!("OUT_DIR"), "/abbreviations.txt"))) {
        let mut parts = line.split_whitespace();
        let Some(word) = parts.next() else { continue };
        let flag = parts.next();
        if flag != Some("conll") {
            table.prose.insert(word);
        }
        if flag != Some("-conll") {
            table.conll.insert(word);
        }
    }
    table
});

/// True when `word` (the letters before a full stop, without it) has the shape of an
/// abbreviation: a single letter (an initial) or a dotted initialism whose parts are one or
/// two characters long ("U.S", "e.g", "Ph.D").
fn has_abbreviation_shape(word: &str) -> bool {
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    if first.is_alphabetic() && chars.next().is_none() {
        return true;
    }
    word.contains('.') && word.split('.').all(|part| !part.is_empty() && part.chars().count() <= 2)
}

fn listed(set: &FnvSet<&'static str>, word: &str) -> bool {
    // Every entry is ASCII and at most 6 bytes: a longer word is never one.
    word.len() <= 6 && set.contains(word.to_ascii_lowercase().as_str())
}

/// True when the full stop after `word` belongs to it (`word` without that full stop, any case).
pub(crate) fn is_abbreviation(word: &str) -> bool {
    has_abbreviation_shape(word) || listed(&TABLE.prose, word)
}

/// The same for the entity tagger's CoNLL tokenizer, which differs only by the table's `conll`
/// flags (its weights were trained on those tokens).
pub(crate) fn is_conll_abbreviation(word: &str) -> bool {
    has_abbreviation_shape(word) || listed(&TABLE.conll, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_words_and_shapes() {
        for yes in ["Mr", "mr", "Capt", "CAPT", "Inc", "Sept", "J", "U.S", "e.g", "a.m", "Ph.D", "Sens"] {
            assert!(is_abbreviation(yes), "{yes}");
        }
        for no in ["", "said", "no", "No", "100.5", "R-S.C", "Washington", "3", "1996"] {
            assert!(!is_abbreviation(no), "{no}");
        }
    }

    #[test]
    fn the_tagger_differs_only_by_its_flags() {
        assert!(is_conll_abbreviation("No"), "CoNLL's No. 2");
        assert!(!is_conll_abbreviation("Sens"), "model.bin was trained with Sens . split");
        for word in ["Capt", "Mr", "Inc", "Adm", "U.S", "J"] {
            assert_eq!(is_abbreviation(word), is_conll_abbreviation(word), "{word}");
        }
    }

    #[test]
    fn capt_is_one_word_to_every_stage() {
        // "Capt." once ended a sentence for the quote classifier and not for the segmenter.
        let text = "Capt. Smith said: “We hold.” Then Capt. Jones left.";
        let paragraphs = crate::text::segment::paragraphs(text);
        let sentences = crate::text::segment::sentences(text, &paragraphs);
        let got: Vec<&str> = sentences.iter().map(|s| s.span.slice(text)).collect();
        assert_eq!(got, ["Capt. Smith said: “We hold.”", "Then Capt. Jones left."]);
        let words = crate::text::words::split(text, &paragraphs);
        assert_eq!(words.tokens.iter().filter(|t| t.span.slice(text) == "Capt.").count(), 2);
        assert!(is_conll_abbreviation("Capt"));
        let quote = &crate::analyze(text).quotes[0];
        assert_eq!(quote.speaker.as_ref().map(|s| s.span.slice(text)), Some("Smith"));
    }

    #[test]
    fn every_entry_is_short_lower_case_ascii() {
        for line in lines(include_str!("../data/abbreviations.txt")) {
            let word = line.split_whitespace().next().unwrap_or("");
            assert!(word.len() <= 6 && word.bytes().all(|b| b.is_ascii_lowercase() || b == b'.'), "{line}");
            assert!(matches!(line.split_whitespace().nth(1), None | Some("conll" | "-conll")), "{line}");
        }
    }
}
