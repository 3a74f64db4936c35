//! Clause structure from parts of speech (`crate::syntax`), for the attribution tagger's
//! features: each token's tag, the noun phrase it stands in, the verbs around it, the last
//! clause opener ("that", "whether", a wh-word) and the preposition whose object it is. No
//! parser: runs of tags, one pass each way over a sentence.
//!
//! A reported clause starts after a verb that can govern it ("said that …", "said the ferries
//! would …") and a content that is a prepositional object ("concerned about the cuts") follows
//! a preposition after an adjective, a participle or a noun; these are what the word-level
//! features could not see.

use crate::entities::tokens::{Line, Token};
use crate::syntax::{Pos, Tagger};

pub(super) const NONE: usize = usize::MAX;

/// Where a token stands in a noun phrase (a run of determiners, adjectives, numbers, nouns,
/// pronouns and possessives; a determiner or pronoun after a noun starts a new one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(super) enum Np {
    Outside = 0,
    Begin = 1,
    Inside = 2,
}

/// What the tags say around one token.
#[derive(Clone, Copy, Debug)]
pub(super) struct Clause {
    pub pos: Pos,
    pub np: Np,
    /// Tokens back to the nearest verb (any form) in the sentence, and that verb's index.
    pub verb_left: usize,
    pub verb_at: usize,
    /// Tokens on to the nearest finite verb or modal ahead in the sentence.
    pub finite_right: usize,
    /// Tokens back to the nearest finite verb or modal.
    pub finite_left: usize,
    /// Tokens back to the last clause opener ("that", "whether", "if" tagged as a preposition,
    /// or a wh-word), and the tag of the word before it ("said that" vs "the fact that").
    pub opener_left: usize,
    pub opener_after: Option<Pos>,
    /// Tokens back to the start of a clause with no opener: a noun phrase right after a verb
    /// and followed by a finite verb ("said [the ferries] would stop").
    pub bare_clause_left: usize,
    /// The preposition heading the phrase the token is the object of ("about [the cuts]"): its
    /// index and the tag of the word before it; `NONE` outside such an object.
    pub preposition: usize,
    pub before_preposition: Option<Pos>,
}

/// The tags and clause views of every token, sentence by sentence within each line.
pub(super) fn clauses(text: &str, tokens: &[Token], lines: &[Line]) -> Vec<Clause> {
    let mut tags = vec![Pos::Punct; tokens.len()];
    let mut tagger = Tagger::default();
    let mut sentence_tags = Vec::new();
    let mut sentences = Vec::new();
    for line in lines {
        let mut s = line.first;
        while s < line.end {
            let mut e = s + 1;
            while e < line.end && !tokens[e].sentence_start {
                e += 1;
            }
            sentence_tags.clear();
            tagger.tag(tokens[s..e].iter().map(|t| t.span.slice(text)), &mut sentence_tags);
            tags[s..e].copy_from_slice(&sentence_tags);
            sentences.push((s, e));
            s = e;
        }
    }
    let blank = Clause {
        pos: Pos::Punct,
        np: Np::Outside,
        verb_left: NONE,
        verb_at: NONE,
        finite_right: NONE,
        finite_left: NONE,
        opener_left: NONE,
        opener_after: None,
        bare_clause_left: NONE,
        preposition: NONE,
        before_preposition: None,
    };
    let mut out = vec![blank; tokens.len()];
    let lower = |i: usize| tokens[i].span.slice(text).to_ascii_lowercase();
    for (s, e) in sentences {
        let pos = &tags[s..e];
        let at = |i: usize| pos[i - s];
        // Noun phrases.
        for i in s..e {
            out[i].pos = at(i);
            if at(i).in_noun_phrase() {
                let continues = i > s
                    && at(i - 1).in_noun_phrase()
                    && !(matches!(at(i), Pos::Det | Pos::Pron) && matches!(at(i - 1), Pos::Noun | Pos::Propn | Pos::Pron));
                out[i].np = if continues { Np::Inside } else { Np::Begin };
            }
        }
        // Left to right: verbs, openers, bare clauses, prepositional objects.
        let (mut verb, mut finite, mut opener, mut bare, mut prep) = (NONE, NONE, NONE, NONE, NONE);
        let mut opener_after = None;
        let mut before_prep = None;
        for i in s..e {
            let c = &mut out[i];
            let since = |k: usize| if k == NONE { NONE } else { i - k };
            c.verb_left = since(verb);
            c.verb_at = verb;
            c.finite_left = since(finite);
            c.opener_left = since(opener);
            c.opener_after = opener_after;
            c.bare_clause_left = since(bare);
            let t = at(i);
            // A prepositional object runs from the preposition through its noun phrase.
            if prep != NONE && (t.in_noun_phrase() || (i == prep + 1 && matches!(t, Pos::Vbg | Pos::Wh | Pos::Prep))) {
                c.preposition = prep;
                c.before_preposition = before_prep;
            } else if prep != NONE && i > prep + 1 {
                prep = NONE;
            }
            if t.is_verb() {
                verb = i;
            }
            if t.is_finite() {
                finite = i;
            }
            let opens = t == Pos::Wh || (t == Pos::Prep && matches!(lower(i).as_str(), "that" | "whether" | "if"));
            if opens {
                opener = i;
                opener_after = (i > s).then(|| at(i - 1));
            }
            if t == Pos::Prep || t == Pos::To {
                if !opens {
                    prep = i;
                    before_prep = (i > s).then(|| at(i - 1));
                }
            }
            // "said [the ferries] would": a phrase begun right after a verb, a finite verb after it.
            if out[i].np == Np::Begin && i > s && at(i - 1).is_verb() {
                let mut k = i + 1;
                while k < e && out[k].np == Np::Inside {
                    k += 1;
                }
                while k < e && at(k) == Pos::Adv {
                    k += 1;
                }
                if k < e && at(k).is_finite() {
                    bare = i;
                    out[i].bare_clause_left = 0;
                }
            }
        }
        let mut next = NONE;
        for i in (s..e).rev() {
            out[i].finite_right = if next == NONE { NONE } else { next - i };
            if at(i).is_finite() {
                next = i;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::tokens::tokenize;

    fn run(text: &str) -> (Vec<String>, Vec<Clause>) {
        let (tokens, lines) = tokenize(text);
        let words = tokens.iter().map(|t| t.span.slice(text).to_string()).collect();
        (words, clauses(text, &tokens, &lines))
    }

    #[test]
    fn a_clause_without_that_starts_at_the_subject_after_the_verb() {
        let (w, c) = run("The harbour master said the ferries would stop on Monday.");
        let at = |s: &str| w.iter().position(|x| x == s).expect(s);
        assert_eq!(c[at("said")].pos, Pos::Vbd);
        assert_eq!(c[at("the")].np, Np::Begin);
        assert_eq!(c[at("ferries")].np, Np::Inside);
        assert_eq!(c[at("the")].bare_clause_left, 0);
        assert_eq!(c[at("stop")].bare_clause_left, at("stop") - at("the"));
        assert_eq!(c[at("stop")].verb_left, 1);
        assert_eq!(c[at("ferries")].finite_right, 1);
    }

    #[test]
    fn that_opens_a_clause_and_remembers_its_verb() {
        let (w, c) = run("Officials warned that the bridge was unsafe.");
        let at = |s: &str| w.iter().position(|x| x == s).expect(s);
        assert_eq!(c[at("bridge")].opener_left, at("bridge") - at("that"));
        assert_eq!(c[at("bridge")].opener_after, Some(Pos::Vbd));
        assert_eq!(c[at("warned")].opener_left, NONE);
    }

    #[test]
    fn the_object_of_a_preposition_knows_its_preposition() {
        let (w, c) = run("Parents were worried about the new timetable. They left.");
        let at = |s: &str| w.iter().position(|x| x == s).expect(s);
        assert_eq!(c[at("timetable")].preposition, at("about"));
        assert_eq!(c[at("new")].before_preposition, c[at("worried")].pos.into());
        assert_eq!(c[at("They")].preposition, NONE, "a new sentence");
        assert_eq!(c[at("Parents")].preposition, NONE);
    }
}
