//! Parts of speech: a greedy left-to-right averaged-perceptron tagger (in the manner of
//! Honnibal's "A good POS tagger in about 200 lines") over a coarse tag set ([`Pos`], 21 tags
//! folded from the Penn Treebank's 45), whose tags the attribution tagger reads as features
//! (`attribution::features`: the verb that may govern a clause, the noun phrase a token is in).
//!
//! Learned from the POS column of CoNLL-2003 train (`train`, scripts/train-pos.sh); the weights
//! (src/data/syntax/pos.bin) are hashed features in the taggers' shared quantised format
//! (`tagging::weights`), so they name no word of the corpus. A token's features are its own
//! word, suffixes and shape and its neighbours' words, suffixes and shapes, all within its
//! sentence; the previous tag enters through the transition weights, decoded greedily (one pass,
//! `N` additions per tag instead of Viterbi's `N²`).

#[cfg(feature = "internals")]
pub(crate) mod train;

use std::sync::OnceLock;

use crate::tagging::{Format, Model, ModelError, Scorer};
use crate::text::hashing::{combine, hash_lower, hash_str};

/// Bump on any change to what [`features`] extracts.
pub(crate) const FEATURE_VERSION: u32 = 1;

/// The coarse tags: Penn Treebank tags folded where the attribution tagger does not need the
/// difference (nouns by number, adjectives and adverbs by degree, punctuation by kind), kept
/// apart where it does (verbs by form, "to", modals, the possessive, wh-words).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub(crate) enum Pos {
    /// NN, NNS, FW.
    Noun,
    /// NNP, NNPS.
    Propn,
    /// PRP, EX.
    Pron,
    /// DT, PDT, PRP$, WP$.
    Det,
    /// WDT, WP, WRB.
    Wh,
    /// JJ, JJR, JJS.
    Adj,
    /// RB, RBR, RBS.
    Adv,
    /// RP.
    Particle,
    /// CD.
    Num,
    /// IN (prepositions and subordinating conjunctions, "that" among them).
    Prep,
    /// TO.
    To,
    /// CC.
    Conj,
    /// MD.
    Modal,
    /// VB.
    Vb,
    /// VBD.
    Vbd,
    /// VBZ.
    Vbz,
    /// VBP.
    Vbp,
    /// VBN.
    Vbn,
    /// VBG.
    Vbg,
    /// POS ('s).
    Possessive,
    /// Punctuation, symbols, interjections.
    Punct,
}

/// How many tags.
pub(crate) const N_TAGS: usize = 21;

const ALL: [Pos; N_TAGS] = [
    Pos::Noun,
    Pos::Propn,
    Pos::Pron,
    Pos::Det,
    Pos::Wh,
    Pos::Adj,
    Pos::Adv,
    Pos::Particle,
    Pos::Num,
    Pos::Prep,
    Pos::To,
    Pos::Conj,
    Pos::Modal,
    Pos::Vb,
    Pos::Vbd,
    Pos::Vbz,
    Pos::Vbp,
    Pos::Vbn,
    Pos::Vbg,
    Pos::Possessive,
    Pos::Punct,
];

impl Pos {
    /// The tag of index `i` (`i < N_TAGS`).
    pub(crate) fn from_index(i: usize) -> Pos {
        ALL[i]
    }

    /// The coarse tag of a Penn Treebank tag; `None` for a tag outside the tag set.
    #[cfg_attr(not(any(test, feature = "internals")), allow(dead_code))]
    pub(crate) fn from_ptb(tag: &str) -> Option<Pos> {
        Some(match tag {
            "NN" | "NNS" | "FW" | "NN|SYM" => Pos::Noun,
            "NNP" | "NNPS" => Pos::Propn,
            "PRP" | "EX" => Pos::Pron,
            "DT" | "PDT" | "PRP$" | "WP$" => Pos::Det,
            "WDT" | "WP" | "WRB" => Pos::Wh,
            "JJ" | "JJR" | "JJS" => Pos::Adj,
            "RB" | "RBR" | "RBS" => Pos::Adv,
            "RP" => Pos::Particle,
            "CD" => Pos::Num,
            "IN" => Pos::Prep,
            "TO" => Pos::To,
            "CC" => Pos::Conj,
            "MD" => Pos::Modal,
            "VB" => Pos::Vb,
            "VBD" => Pos::Vbd,
            "VBZ" => Pos::Vbz,
            "VBP" => Pos::Vbp,
            "VBN" => Pos::Vbn,
            "VBG" => Pos::Vbg,
            "POS" => Pos::Possessive,
            "." | "," | ":" | "\"" | "''" | "``" | "(" | ")" | "$" | "#" | "SYM" | "LS" | "UH" => Pos::Punct,
            _ => return None,
        })
    }

    /// A verb of any form, or a modal.
    pub(crate) fn is_verb(self) -> bool {
        matches!(self, Pos::Modal | Pos::Vb | Pos::Vbd | Pos::Vbz | Pos::Vbp | Pos::Vbn | Pos::Vbg)
    }

    /// A verb that can head a clause on its own: past, present, modal.
    pub(crate) fn is_finite(self) -> bool {
        matches!(self, Pos::Modal | Pos::Vbd | Pos::Vbz | Pos::Vbp)
    }

    /// A word that can stand in a noun phrase before or at its head.
    pub(crate) fn in_noun_phrase(self) -> bool {
        matches!(self, Pos::Noun | Pos::Propn | Pos::Pron | Pos::Det | Pos::Adj | Pos::Num | Pos::Possessive)
    }
}

/// What the features read of one word, computed once per word.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Word {
    lower: u64,
    suffix1: u64,
    suffix2: u64,
    suffix3: u64,
    shape: u8,
}

/// A word's shape: capitalisation, digits, hyphens, punctuation.
fn shape(word: &str) -> u8 {
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return 0 };
    let hyphen = word.len() > 1 && word.contains('-');
    let digit = word.chars().any(|c| c.is_ascii_digit());
    let base = if first.is_alphabetic() {
        if first.is_uppercase() {
            if word.chars().count() > 1 && word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) {
                2
            } else {
                1
            }
        } else {
            3
        }
    } else if first.is_numeric() {
        4
    } else {
        match first {
            ',' => 5,
            '.' | '!' | '?' => 6,
            ':' | ';' => 7,
            '"' | '“' | '”' | '‘' | '’' | '\'' | '«' | '»' | '„' | '‚' | '`' => 8,
            '-' | '–' | '—' => 9,
            '(' | ')' | '[' | ']' => 10,
            '$' | '€' | '£' | '%' => 11,
            _ => 12,
        }
    };
    base | (hyphen as u8) << 4 | (digit as u8) << 5
}

impl Word {
    /// The features' view of `word` (as written: capitals count).
    pub(crate) fn new(word: &str) -> Word {
        let lower = hash_lower(word);
        let mut buf = [0u8; 8];
        let suffix = |n: usize, buf: &mut [u8; 8]| -> u64 {
            let start = word.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
            let tail = &word[start..];
            if tail.is_ascii() && tail.len() <= buf.len() {
                let l = &mut buf[..tail.len()];
                l.copy_from_slice(tail.as_bytes());
                l.make_ascii_lowercase();
                hash_str(std::str::from_utf8(l).unwrap_or_default())
            } else {
                hash_lower(tail)
            }
        };
        Word { lower, suffix1: suffix(1, &mut buf), suffix2: suffix(2, &mut buf), suffix3: suffix(3, &mut buf), shape: shape(word) }
    }
}

/// Appends the feature hashes of word `i` of a sentence to `out`.
pub(crate) fn features(words: &[Word], i: usize, out: &mut Vec<u64>) {
    const EDGE: Word = Word { lower: 1, suffix1: 1, suffix2: 1, suffix3: 1, shape: 63 };
    let at = |k: isize| -> Word {
        let j = i as isize + k;
        if j < 0 || j as usize >= words.len() {
            EDGE
        } else {
            words[j as usize]
        }
    };
    let (w, p, n) = (words[i], at(-1), at(1));
    let mut f = |template: u64, value: u64| out.push(combine(template, value));
    f(0, 0);
    f(1, w.lower);
    f(2, w.suffix3);
    f(3, w.suffix2);
    f(4, combine(w.suffix1, w.shape as u64));
    f(5, combine(w.shape as u64, (i == 0) as u64));
    f(6, p.lower);
    f(7, n.lower);
    f(8, p.suffix2);
    f(9, n.suffix2);
    f(10, combine(p.shape as u64, n.shape as u64));
}

const FORMAT: Format = Format { magic: b"QLPOS\0", features: FEATURE_VERSION, n_extra: 0 };

/// The shipped weights; scripts/train-pos.sh regenerates them.
static MODEL_BYTES: &[u8] = include_bytes!("../data/syntax/pos.bin");

/// Parses and validates a POS model file.
pub(crate) fn load(bytes: &[u8]) -> Result<Model<N_TAGS>, ModelError> {
    Model::from_bytes(bytes, &FORMAT)
}

/// The bytes of a POS model file.
#[cfg(feature = "internals")]
pub(crate) fn to_bytes(weights: &crate::tagging::Weights<N_TAGS>) -> Vec<u8> {
    weights.to_bytes(&FORMAT)
}

fn shipped_model() -> Result<&'static Model<N_TAGS>, &'static ModelError> {
    static MODEL: OnceLock<Result<Model<N_TAGS>, ModelError>> = OnceLock::new();
    MODEL.get_or_init(|| load(MODEL_BYTES)).as_ref()
}

/// Greedy decoding: each word's best tag given its features and the tag before it.
/// `emissions` is `words × N_TAGS`; `transitions` `(N_TAGS + 1) × N_TAGS`, the last row from
/// the sentence start.
pub(crate) fn greedy(emissions: &[f32], transitions: &[f32], path: &mut Vec<usize>) {
    path.clear();
    let mut prev = N_TAGS;
    for row in emissions.chunks_exact(N_TAGS) {
        let from = &transitions[prev * N_TAGS..(prev + 1) * N_TAGS];
        let mut best = (0, f32::NEG_INFINITY);
        for (t, (e, tr)) in row.iter().zip(from).enumerate() {
            if e + tr > best.1 {
                best = (t, e + tr);
            }
        }
        path.push(best.0);
        prev = best.0;
    }
}

/// Reusable buffers of [`tag_with`].
#[derive(Default)]
pub(crate) struct Tagger {
    words: Vec<Word>,
    hashes: Vec<u64>,
    emissions: Vec<f32>,
    path: Vec<usize>,
}

impl Tagger {
    /// The tags of one sentence's `words`, appended to `out`, with the weights of `scorer`.
    pub(crate) fn tag_with<'a>(&mut self, scorer: &impl Scorer, words: impl Iterator<Item = &'a str>, out: &mut Vec<Pos>) {
        self.words.clear();
        self.words.extend(words.map(Word::new));
        self.emissions.clear();
        self.emissions.resize(self.words.len() * N_TAGS, 0.0);
        for (i, scores) in self.emissions.chunks_exact_mut(N_TAGS).enumerate() {
            self.hashes.clear();
            features(&self.words, i, &mut self.hashes);
            scorer.add_scores(&self.hashes, scores);
        }
        greedy(&self.emissions, scorer.transitions(), &mut self.path);
        out.extend(self.path.iter().map(|&t| Pos::from_index(t)));
    }

    /// The tags of one sentence's `words` with the shipped weights, appended to `out`; every
    /// word `Pos::Noun` if the weights do not load (the tests catch such a build).
    pub(crate) fn tag<'a>(&mut self, words: impl Iterator<Item = &'a str>, out: &mut Vec<Pos>) {
        match shipped_model() {
            Ok(model) => self.tag_with(model, words, out),
            Err(_) => out.extend(words.map(|_| Pos::Noun)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(sentence: &str) -> Vec<Pos> {
        let mut out = Vec::new();
        Tagger::default().tag(sentence.split(' '), &mut out);
        out
    }

    #[test]
    fn the_shipped_model_loads() {
        assert!(shipped_model().is_ok(), "{:?}", shipped_model().err());
    }

    #[test]
    fn every_tag_round_trips_its_index() {
        for (i, t) in ALL.iter().enumerate() {
            assert_eq!(*t as usize, i);
            assert_eq!(Pos::from_index(i), *t);
        }
        assert_eq!(Pos::from_ptb("VBD"), Some(Pos::Vbd));
        assert_eq!(Pos::from_ptb("-X-"), None);
    }

    #[test]
    fn a_reported_clause_is_tagged() {
        use Pos::*;
        assert_eq!(
            tags("The harbour master said that the ferries would stop on Monday ."),
            [Det, Noun, Noun, Vbd, Prep, Det, Noun, Modal, Vb, Prep, Propn, Punct]
        );
    }

    #[test]
    fn verb_forms_are_told_apart_in_words_we_chose() {
        use Pos::*;
        let t = tags("She has warned residents who are leaving the valley to pack blankets .");
        assert_eq!(t[1], Vbz, "{t:?}");
        assert_eq!(t[2], Vbn, "{t:?}");
        assert_eq!(t[4], Wh, "{t:?}");
        assert_eq!(t[6], Vbg, "{t:?}");
        assert_eq!(t[9], To, "{t:?}");
        assert_eq!(t[10], Vb, "{t:?}");
    }

    #[test]
    fn an_empty_sentence_has_no_tags() {
        let mut out = Vec::new();
        Tagger::default().tag(std::iter::empty(), &mut out);
        assert!(out.is_empty());
    }
}
