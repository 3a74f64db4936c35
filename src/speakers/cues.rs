//! Cues: the words that introduce speech ("said", "told", "according to"), read from the same
//! lexicon as the quote classifier (src/data/speech_verbs.txt) so the two never disagree.
//!
//! A cue word used as a noun ("the report", "a warning") is not a cue: attribution needs a verb.

use crate::analysis::Span;
use crate::quotes::CUES;
use crate::text::words::Token;

/// A cue found among tokens: its token range (`first..=last`) and text span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cue {
    pub first: usize,
    pub last: usize,
    pub span: Span,
}

impl Cue {
    pub fn is_according_to(&self, tokens: &[Token]) -> bool {
        tokens[self.first].lower == "according"
    }

    /// "adding", "saying": a participle reporting clause takes the subject of its main clause.
    pub fn is_participle(&self, tokens: &[Token]) -> bool {
        self.first == self.last && tokens[self.first].lower.ends_with("ing")
    }
}

fn is_noun_context(word: &str) -> bool {
    matches!(word, "the" | "a" | "an" | "his" | "her" | "its" | "their" | "our" | "this" | "that" | "’s" | "'s" | "whose" | "no" | "any")
}

/// "did not say", "never said", "didn’t tell": whatever is quoted next to it was not said.
pub(crate) fn is_negation(word: &str) -> bool {
    matches!(word, "not" | "never" | "n't" | "n’t") || word.ends_with("n't") || word.ends_with("n’t")
}

/// The cue starting at token `i` of `tokens`, if there is one.
pub(crate) fn cue_at(tokens: &[Token], i: usize) -> Option<Cue> {
    if !tokens[i].is_word {
        return None;
    }
    // Phrases are short: look at a few words from `i` only.
    let window: Vec<String> = tokens[i..tokens.len().min(i + 3)].iter().map(|t| t.lower.clone()).collect();
    let len = CUES.cue_len_at(&window, 0)?;
    if i > 0 && (is_noun_context(&tokens[i - 1].lower) || is_negation(&tokens[i - 1].lower)) {
        return None;
    }
    // "United States", "Fox News Says", "Secretary of State": a capitalised cue word inside a
    // name is part of it.
    let capitalised = |k: usize| tokens[k].is_word && tokens[k].capitalised;
    if tokens[i].capitalised
        && i > 0
        && (capitalised(i - 1) || i > 1 && matches!(tokens[i - 1].lower.as_str(), "of" | "for") && capitalised(i - 2))
    {
        return None;
    }
    let last = i + len - 1;
    Some(Cue { first: i, last, span: Span::new(tokens[i].span.start, tokens[last].span.end) })
}

/// The first cue in `tokens[from..to]`.
#[cfg(test)]
pub(crate) fn first_cue(tokens: &[Token], from: usize, to: usize) -> Option<Cue> {
    (from..to).find_map(|i| cue_at(tokens, i).filter(|c| c.last < to))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words::tokenize;

    /// The text of every cue in `text`, scanning left to right.
    fn check(text: &str, expected: &[&str]) {
        let mut tokens = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut tokens);
        let mut got = Vec::new();
        let mut i = 0;
        while let Some(c) = first_cue(&tokens, i, tokens.len()) {
            got.push(c.span.slice(text));
            i = c.last + 1;
        }
        assert_eq!(got, expected, "cues of {text:?}");
    }

    #[test]
    fn verbs_and_phrases_are_cues_and_nouns_are_not() {
        check("He said, according to the report, that she warned", &["said", "according to", "warned"]);
        check("the report and a warning", &[]);
        check("Trump’s tweets", &[]);
        check("the United States ambassador", &[]);
        // A capitalised cue word after a name's "of" is the name's ("Secretary of State").
        check("Secretary of State Anna Keller said so", &["said"]);
        check("a Department of State official", &[]);
    }
}
