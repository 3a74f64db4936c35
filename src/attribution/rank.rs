//! The learned source linker: for one content, every mention that might be its source, and "no
//! source", paired with each of the (up to three) nearest tagged cues, ranked by a linear model
//! over named features of the pairing; the best pairing gives the content its cue and source.
//!
//! Candidates come from the tagger's source spans, the speaker mentions (names, pronouns,
//! nominals; `crate::speakers`), the entities labelled PERSON, ORG or GROUP and the pronoun
//! words ("who", "which", "I", "you" are no speaker mentions), in the content's sentence, the
//! sentence before it and the cue's, on the same line; and the noun phrases right beside the cue
//! found by shape (`cue_phrases`: "the impostor gushed", "said a neighbour"), so that a speaker
//! no list names and no tagger marked is a candidate. Each becomes a `Speaker` the way the rule
//! linker makes one (`link::speaker_for`), so a pronoun carries the cluster it was resolved to;
//! a relative pronoun ("Beck, who said …") takes the cluster of the mention it follows.
//!
//! Features say where the candidate stands (before or after the cue, how many words and other
//! candidates away, in which sentence, what word is right before and after it), what it is (kind,
//! entity label, where it was found, the tagger's margin), whether the rules chose it and whether
//! it was the previous content's source; "no source" has features of the cue (a bare "seemed",
//! "is expected"); a cue, its rank by distance, side, sentence and word. Words appear in feature
//! names only as words of our own lists (src/data/function_words.txt, src/data/speech_verbs.txt,
//! speakers' linking words, pronouns), else by shape, so the weights name no word of the corpus.
//!
//! The rules stay where they are hard constraints: a content holding a quotation whose speaker
//! the speaker rules found on firm grounds keeps that speaker (`link::agree`), whatever is
//! chosen here.
//!
//! Weights: `src/data/attribution/linker.tsv` (`name\tweight`), written with the tagger by
//! `scripts/train-attribution.sh` (an averaged ranking perceptron on the tagger's
//! cross-validated output over PolNeAR train; `train.rs`). A feature the file does not list
//! weighs nothing.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::sync::LazyLock;

use super::features::Doc;
use super::link::{entities_over, speaker_for};
use super::Tagged;
use crate::analysis::{Basis, Entity, Label, MentionKind, Span, Speaker};
use crate::speakers::{is_determiner, is_linking_word, is_plural_form, may_head_speaker, modifier_reach, Resolved};
use crate::text::data::FUNCTION_WORDS;
use crate::text::hashing::{hash_str, Fnv, HashKeyed};
use crate::text::lower;

/// How many tokens before and after the content and cue candidates are looked for (linear cost).
const REACH: usize = 60;

/// Words that name a source by themselves, beyond the speaker mentions' pronouns.
const PRONOUN_WORDS: &[&str] = &["he", "she", "they", "it", "we", "i", "you", "who", "which"];

/// Candidate origins (bits): a tagged source span, a speaker mention, an entity, a pronoun word,
/// a noun phrase beside the cue (`PHRASE`, below).
const TAGGED: u8 = 1;
const MENTION: u8 = 2;
const ENTITY: u8 = 4;
const WORD: u8 = 8;
/// The noun phrase right beside a cue (`cue_phrases`).
const PHRASE: u8 = 16;
/// How many words a cue's neighbouring noun phrase may hold before its determiner.
const PHRASE_WORDS: usize = 4;

/// The linker's weights, by FNV hash of the feature name (a key the map does not hash again:
/// looking up every feature of every candidate through a second hash cost more than naming them).
#[derive(Debug, Default)]
pub(crate) struct Linker {
    weights: HashKeyed<f32>,
}

/// The weights compiled into the library; an error only if the file is malformed (a test reads it).
/// (src/data/attribution/linker.tsv as build.rs lays it out: src/weight_tables.rs; build.rs checks it.)
pub(crate) static LINKER: LazyLock<Result<Linker, String>> = LazyLock::new(|| {
    let rows = crate::weight_tables::rows::<1>(
        include_str!(concat!(env!("OUT_DIR"), "/linker.names")),
        include_bytes!(concat!(env!("OUT_DIR"), "/linker.weights")),
    );
    Ok(Linker { weights: rows.map(|(name, [w])| (hash_str(name), w)).collect() })
});

impl Linker {
    /// Reads `name\tweight` lines (`#` comments and blank lines skipped). Errors name the bad line.
    #[cfg(test)]
    pub fn parse(s: &str) -> Result<Linker, String> {
        let mut weights = HashKeyed::default();
        for line in crate::text::data::lines(s) {
            let (name, w) = line.split_once('\t').ok_or_else(|| format!("linker.tsv: no tab in {line:?}"))?;
            let w: f32 = w.trim().parse().map_err(|_| format!("linker.tsv: bad weight in {line:?}"))?;
            weights.insert(hash_str(name), w);
        }
        Ok(Linker { weights })
    }

    /// A linker from trained weights (by feature hash).
    #[cfg(feature = "internals")]
    pub fn from_weights(weights: HashKeyed<f32>) -> Linker {
        Linker { weights }
    }

    fn score(&self, features: &[u64]) -> f32 {
        features.iter().filter_map(|h| self.weights.get(h)).sum()
    }
}

/// One possible source of a content: `None` is "no source".
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub speaker: Option<Speaker>,
    /// The candidate's phrase, `doc` tokens `first..end`.
    first: usize,
    end: usize,
    origin: u8,
    /// The tagger's margin when it tagged the candidate as a source.
    margin: f32,
    label: Option<Label>,
}

/// What the candidates of every content of one text are drawn from.
pub(crate) struct Context<'a> {
    pub text: &'a str,
    pub doc: &'a Doc,
    /// Sentence index of each `doc` token.
    pub sentence: &'a [u32],
    /// The tagger's source and cue spans, each in order.
    pub sources: &'a [Tagged],
    pub cues: &'a [Tagged],
    pub mentions: &'a [Resolved],
    pub entities: &'a [Entity],
    /// Each token's `word_class`, filled when first asked for (`Context::classes_for`).
    pub classes: Vec<OnceCell<Cow<'static, str>>>,
}

impl Context<'_> {
    /// Empty word-class cells for `doc`'s tokens.
    pub fn classes_for(doc: &Doc) -> Vec<OnceCell<Cow<'static, str>>> {
        (0..doc.tokens.len()).map(|_| OnceCell::new()).collect()
    }
}

/// One content to find the source of.
pub(crate) struct Query<'a> {
    /// Content pieces, `doc` token ranges, in order.
    pub pieces: &'a [(usize, usize)],
    /// The cue being weighed (`choose` sets it to each of the cues it is given in turn).
    pub cue: Option<(usize, usize)>,
    /// The rule linker's source.
    pub rule: Option<&'a Speaker>,
    /// The rule linker's source of the content before.
    pub previous: Option<&'a Speaker>,
}

/// The candidates of `q`, "no source" first, then in text order.
pub(crate) fn candidates(cx: &Context, q: &Query) -> Vec<Candidate> {
    let (doc, tokens) = (cx.doc, &cx.doc.tokens);
    let mut out = vec![Candidate { speaker: None, first: 0, end: 0, origin: 0, margin: 0.0, label: None }];
    let Some(&(first, _)) = q.pieces.first() else { return out };
    let end = q.pieces[q.pieces.len() - 1].1;
    let lo = q.cue.map_or(first, |c| c.0.min(first));
    let hi = q.cue.map_or(end, |c| c.1.max(end));
    let line = tokens[lo].line;
    let mut ws = lo;
    while ws > 0 && lo - ws < REACH && tokens[ws - 1].line == line && cx.sentence[ws - 1] + 1 >= cx.sentence[lo] {
        ws -= 1;
    }
    // A quotation closing the content or cue may end its sentence ("“…!” Trump said."): its
    // speaker may then stand in the next one.
    let mut close = hi;
    while close < tokens.len() && close - hi < REACH && doc.in_quotation(close) {
        close += 1;
    }
    let last = if doc.in_quotation(hi - 1) && close < tokens.len() { cx.sentence[close] } else { cx.sentence[hi - 1] };
    let mut we = hi;
    while we < tokens.len() && we - hi < REACH && tokens[we].line == line && cx.sentence[we] <= last {
        we += 1;
    }
    let blocked = |f: usize, e: usize| {
        f < ws
            || e > we
            || e <= f
            || doc.in_quotation(f)
            || q.pieces.iter().any(|&(a, b)| f < b && a < e)
            || q.cue.is_some_and(|(a, b)| f < b && a < e)
    };
    let (from, to) = (tokens[ws].span.start, tokens[we - 1].span.end);
    let range = |span: Span| token_range(doc, span);
    let mut add = |speaker: Speaker, (f, e): (usize, usize), origin: u8, margin: f32, label: Option<Label>| {
        if blocked(f, e) {
            return;
        }
        if let Some(c) = out.iter_mut().skip(1).find(|c| c.speaker.as_ref().is_some_and(|s| s.span == speaker.span)) {
            c.origin |= origin;
            c.margin = c.margin.max(margin);
            c.label = c.label.or(label);
            c.first = c.first.min(f);
            c.end = c.end.max(e);
            return;
        }
        out.push(Candidate { speaker: Some(speaker), first: f, end: e, origin, margin, label });
    };
    let span_of = |f: usize, e: usize| Span::new(tokens[f].span.start, tokens[e - 1].span.end);
    for s in &cx.sources[cx.sources.partition_point(|s| s.end <= ws)..] {
        if s.first >= we {
            break;
        }
        let speaker = relative(cx, speaker_for(cx.text, span_of(s.first, s.end), cx.mentions, cx.entities));
        add(speaker, (s.first, s.end), TAGGED, s.margin, None);
    }
    for m in &cx.mentions[cx.mentions.partition_point(|m| m.phrase.start < from)..] {
        if m.phrase.end > to {
            break;
        }
        add(m.speaker.clone(), range(m.phrase), MENTION, 0.0, None);
    }
    for e in &cx.entities[cx.entities.partition_point(|e| e.span.start < from)..] {
        if e.span.end > to {
            break;
        }
        if matches!(e.label, Label::Person | Label::Org | Label::Group) {
            add(speaker_for(cx.text, e.span, cx.mentions, cx.entities), range(e.span), ENTITY, 0.0, Some(e.label));
        }
    }
    for (i, token) in tokens.iter().enumerate().take(we).skip(ws) {
        if is_pronoun_word(doc.word(i)) {
            let speaker = relative(cx, speaker_for(cx.text, token.span, cx.mentions, cx.entities));
            add(speaker, (i, i + 1), WORD, 0.0, None);
        }
    }
    if let Some((a, b)) = q.cue {
        for (f, e) in cue_phrases(doc, a, b) {
            add(speaker_for(cx.text, span_of(f, e), cx.mentions, cx.entities), (f, e), PHRASE, 0.0, None);
        }
    }
    let entity_label = |c: &Candidate| {
        let span = span_of(c.first, c.end);
        entities_over(cx.entities, span).map(|e| e.label).next()
    };
    for c in out.iter_mut().skip(1) {
        if c.label.is_none() {
            c.label = entity_label(c);
        }
    }
    crate::order::sort_by_key(&mut out[1..], |c| (c.first, c.end));
    out
}

/// Whether token `i` may stand in a noun phrase before its head: a word outside our function
/// words and the speech-verb lexicon, or a possessive "'s" ("the party's nominee").
fn phrase_word(doc: &Doc, i: usize) -> bool {
    let w = doc.word(i);
    let lower = lower(w);
    if matches!(&*lower, "'s" | "’s" | "’" | "'") {
        return true;
    }
    doc.is_word(i) && !doc.in_lexicon(i) && !FUNCTION_WORDS.contains(&*lower) && !is_linking_word(&lower) && !is_pronoun_word(w)
}

/// Whether token `i` opens a noun phrase: a determiner or a number.
fn is_phrase_determiner(doc: &Doc, i: usize) -> bool {
    let w = lower(doc.word(i));
    is_determiner(&w) || w.starts_with(|c: char| c.is_ascii_digit())
}

/// The noun phrase ending right before cue token `a` (auxiliaries, adverbs and "not" skipped back
/// to its head), as a token range; see `cue_phrases`.
fn phrase_before(doc: &Doc, a: usize) -> Option<(usize, usize)> {
    let mut h = a;
    while h > 0 && a - h < 3 && !doc.tokens[h].sentence_start && {
        let w = lower(doc.word(h - 1));
        is_linking_word(&w) || w.ends_with("ly") || matches!(&*w, "not" | "n't")
    } {
        h -= 1;
    }
    if !(h > 0 && !doc.tokens[h].sentence_start && phrase_word(doc, h - 1) && doc.is_word(h - 1)) {
        return None;
    }
    let end = h;
    let mut first = h - 1;
    while first > 0 && end - first < PHRASE_WORDS && !doc.tokens[first].sentence_start && phrase_word(doc, first - 1) {
        first -= 1;
    }
    if first > 0 && !doc.tokens[first].sentence_start && is_phrase_determiner(doc, first - 1) {
        first -= 1;
    }
    Some((first, end))
}

/// The noun phrase right before cue token `a` when it is the object of a modifier of the
/// subject ("a nurse at [the hospital] told"), or of an appositive closed by a comma before the
/// cue ("Her sister, a nurse in [Leeds], said"): never the source, whatever the weights say.
fn modifier_object(doc: &Doc, a: usize) -> Option<(usize, usize)> {
    let a = if a > 0 && doc.word(a - 1) == "," { a - 1 } else { a };
    phrase_before(doc, a).filter(|&(first, _)| modified_subject(doc, first).is_some())
}

/// The noun phrases right beside cue `a..b` that may be its source, as token ranges: the subject
/// ending right before it ("the coach said", "one neighbour has also warned", "59 percent
/// said"; auxiliaries and adverbs may stand between) and the one right after it ("…, said a
/// neighbour"). Found by shape, with no noun list, so speakers outside every list ("the
/// impostor", "the crowd", "male troops") are candidates; a phrase runs back over at most
/// `PHRASE_WORDS` words to a determiner or a number, else starts at its first word, and never
/// crosses a sentence start or punctuation. The weights judge them (origin `P`).
fn cue_phrases(doc: &Doc, a: usize, b: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(2);
    let determiner = |i: usize| is_phrase_determiner(doc, i);
    if let Some((first, end)) = phrase_before(doc, a) {
        out.push((modified_subject(doc, first).unwrap_or(first), end));
    }
    // After: a determiner or number and the words after it, or a bare run ("said police"); a
    // "that" after a cue opens its content, not a phrase.
    let opens = |i: usize| determiner(i) && !doc.word(i).eq_ignore_ascii_case("that") || phrase_word(doc, i) && doc.is_word(i);
    if b < doc.tokens.len() && !doc.tokens[b].sentence_start && opens(b) {
        let mut end = b + 1;
        while end < doc.tokens.len() && end - b <= PHRASE_WORDS && !doc.tokens[end].sentence_start && phrase_word(doc, end) {
            end += 1;
        }
        if end > b + 1 || !determiner(b) {
            out.push((b, end));
        }
    }
    out
}

/// Where the subject starts when the phrase at `first` is the object of a modifier of the noun
/// before it ("a nurse at [the hospital] told", "a source familiar with [the matter] said"): the
/// whole noun phrase is the subject and so the source, as PolNeAR writes it; `None` when the
/// phrase modifies nothing. The phrase must open with a determiner or a capital, and the head
/// before the modifier runs back over at most `PHRASE_WORDS` words to its determiner (a plural
/// may go without one, as may a sentence's first words).
fn modified_subject(doc: &Doc, first: usize) -> Option<usize> {
    // "an official at the embassy in Oslo": the subject may carry more than one modifier.
    let mut start = one_modified_subject(doc, first)?;
    for _ in 0..2 {
        match one_modified_subject(doc, start) {
            Some(s) => start = s,
            None => break,
        }
    }
    Some(start)
}

/// One step of [`modified_subject`].
fn one_modified_subject(doc: &Doc, first: usize) -> Option<usize> {
    let opener = doc.word(first);
    if !(is_determiner(&lower(opener)) || opener.starts_with(char::is_uppercase)) || doc.tokens[first].sentence_start {
        return None;
    }
    let p = first.checked_sub(1)?;
    let head = p.checked_sub(modifier_reach(doc.word(p.checked_sub(1)?), doc.word(p))?)?;
    if !doc.is_word(head) || !may_head_speaker(doc.word(head)) || doc.in_lexicon(head) || is_pronoun_word(doc.word(head)) {
        return None;
    }
    let mut start = head;
    while start > 0 && head - start < PHRASE_WORDS && !doc.tokens[start].sentence_start && phrase_word(doc, start - 1) {
        start -= 1;
    }
    // A bare head must be a plural or a person's name, at a sentence's start ("Officials at …",
    // "Tom Rask of Keltra Bank …", not "Elsewhere in …" or "Writing in …") or after a clause's
    // first word ("…, but officials at …").
    let may_stand_bare = is_plural_form(&lower(doc.word(head))) || doc.in_person_name(head);
    if start == 0 || doc.tokens[start].sentence_start {
        return may_stand_bare.then_some(start);
    }
    if is_determiner(&lower(doc.word(start - 1))) {
        Some(start - 1)
    } else {
        (may_stand_bare && !phrase_word(doc, start - 1)).then_some(start)
    }
}

/// A relative pronoun right after a mention ("Beck, who said …", "the union, which …") refers to
/// that mention's cluster; the source span stays the pronoun, as written.
fn relative(cx: &Context, mut speaker: Speaker) -> Speaker {
    let word = lower(speaker.span.slice(cx.text));
    if speaker.entity.is_some() || !matches!(&*word, "who" | "which") {
        return speaker;
    }
    let before = cx.mentions.partition_point(|m| m.phrase.end <= speaker.span.start);
    if let Some(m) = before.checked_sub(1).map(|k| &cx.mentions[k]) {
        let gap = &cx.text[m.phrase.end..speaker.span.start];
        if gap.chars().all(|c| c.is_whitespace() || c == ',') {
            speaker.entity = m.speaker.entity;
            speaker.refers_to = m.speaker.refers_to.or(Some(m.speaker.span));
        }
    }
    speaker.kind = MentionKind::Pronoun;
    speaker.basis = Basis::Pronoun;
    speaker
}

/// Tokens of `doc` overlapping `span`.
fn token_range(doc: &Doc, span: Span) -> (usize, usize) {
    let first = doc.tokens.partition_point(|t| t.span.end <= span.start);
    let end = doc.tokens.partition_point(|t| t.span.start < span.end);
    (first, end.max(first))
}

fn bucket(d: usize) -> usize {
    match d {
        0..=2 => d,
        3..=4 => 3,
        5..=8 => 4,
        9..=16 => 5,
        _ => 6,
    }
}

/// One of `PRONOUN_WORDS`, in any case (they are ASCII, so no lower-cased copy is needed).
fn is_pronoun_word(word: &str) -> bool {
    PRONOUN_WORDS.iter().any(|p| word.eq_ignore_ascii_case(p))
}

/// Token `i` as a feature (`word_class`), computed once per token of a text.
fn class_at<'c>(cx: &'c Context, i: usize) -> &'c str {
    match cx.classes.get(i) {
        Some(cell) => cell.get_or_init(|| word_class(cx.doc, i)).as_ref(),
        None => "",
    }
}

/// Token `i` as a feature: a word of our own lists as itself, else by its shape (a shape is one
/// of eight constant names, so most tokens' classes are no new string).
fn word_class(doc: &Doc, i: usize) -> Cow<'static, str> {
    let w = doc.word(i);
    let lower = lower(w);
    if lower.ends_with("'s") || lower.ends_with("’s") || lower == "’" || lower == "'" {
        return Cow::Borrowed("'s");
    }
    if !doc.is_word(i) {
        return Cow::Owned(w.chars().next().map_or_else(String::new, |c| format!("p{c}")));
    }
    if FUNCTION_WORDS.contains(&*lower) || PRONOUN_WORDS.contains(&&*lower) || is_linking_word(&lower) || doc.in_lexicon(i) {
        return Cow::Owned(lower.into_owned());
    }
    let cap = w.chars().next().is_some_and(char::is_uppercase);
    let suffix = ["ed", "ing", "s"].into_iter().position(|s| lower.ends_with(s)).unwrap_or(3);
    Cow::Borrowed(SHAPE_CLASSES[cap as usize][suffix])
}

/// `word_class`'s shapes: lower-case or capitalised, by suffix ("-ed", "-ing", "-s", other).
const SHAPE_CLASSES: [[&str; 4]; 2] = [["low~ed", "low~ing", "low~s", "low~"], ["Cap~ed", "Cap~ing", "Cap~s", "Cap~"]];

/// Words that mark a clause boundary between a candidate and its cue (at most 5 bytes each), and
/// the comma's place among them.
const MARKERS: [&str; 12] = ["that", "who", "which", "whose", "and", "but", ",", "(", ")", "—", ";", ":"];
const COMMA: usize = 6;

/// `1 << k` when `word` is `MARKERS[k]` in any ASCII case, else 0: one comparison by length and
/// bytes instead of twelve (this runs for every word between every candidate and its cue).
fn marker_bit(word: &str) -> u16 {
    if word.len() > 5 {
        return 0;
    }
    let mut buf = [0u8; 5];
    for (b, c) in buf.iter_mut().zip(word.bytes()) {
        *b = c.to_ascii_lowercase();
    }
    let k = match &buf[..word.len()] {
        b"that" => 0,
        b"who" => 1,
        b"which" => 2,
        b"whose" => 3,
        b"and" => 4,
        b"but" => 5,
        b"," => 6,
        b"(" => 7,
        b")" => 8,
        b"\xe2\x80\x94" => 9,
        b";" => 10,
        b":" => 11,
        _ => return 0,
    };
    1 << k
}

/// Forms of "be" and "get" that make a past participle after them passive ("was asked", "got told").
const PASSIVE_AUXILIARIES: [&str; 12] = ["be", "is", "are", "was", "were", "been", "being", "am", "get", "gets", "got", "gotten"];
/// Past participles of reporting and addressing verbs that do not end in "-ed".
const IRREGULAR_PARTICIPLES: [&str; 10] = ["told", "said", "heard", "known", "thought", "shown", "given", "taught", "sworn", "understood"];

/// Whether cue `a..b` is passive: its last word a past participle with a form of "be" or "get"
/// before it, adverbs and "not" allowed between ("was repeatedly told", "has not been asked").
/// Its subject is then the one asked, told or warned, not the source; the source, if any, is the
/// agent after "by".
/// Whether a reporting verb's object is the one spoken to ("told", "asked", "warned"), so that in
/// the passive its subject is the addressee.
fn is_addressee_verb(participle: &str) -> bool {
    matches!(participle, "told" | "asked" | "warned" | "informed" | "advised" | "reminded" | "urged" | "assured" | "briefed" | "questioned")
}

/// Whether `lower` is a form of "seem" or "appear", whose subject belongs to the clause they
/// report on ("the deal seems dead" is "it seems the deal is dead").
fn is_raising_verb(lower: &str) -> bool {
    matches!(lower, "seem" | "seems" | "seemed" | "seeming" | "appear" | "appears" | "appeared" | "appearing")
}

fn is_passive(doc: &Doc, a: usize, b: usize) -> bool {
    let last = lower(doc.word(b - 1));
    if !(last.ends_with("ed") || IRREGULAR_PARTICIPLES.contains(&&*last)) {
        return false;
    }
    let mut i = b - 1;
    while i > 0 && i + 4 > a && !doc.tokens[i].sentence_start {
        i -= 1;
        let w = lower(doc.word(i));
        if PASSIVE_AUXILIARIES.contains(&&*w) {
            return true;
        }
        if !(w.ends_with("ly") || matches!(&*w, "not" | "n't" | "never" | "also" | "already" | "since")) {
            return false;
        }
    }
    false
}

/// The name a speaker refers to, if its referent is a name: the features were learned before a
/// pronoun could refer to a nominal known by no name ("A witness … he said",
/// `speakers::resolve`), and weighing those as resolved lost train-CV end-to-end F1 (0.6028 ->
/// 0.601, src/data/README.md), so for the linker they stay unresolved.
fn named_referent(cx: &Context, speaker: &Speaker) -> Option<Span> {
    let r = speaker.refers_to?;
    let k = cx.mentions.partition_point(|m| m.speaker.span.start < r.start);
    cx.mentions.get(k).filter(|m| m.speaker.span == r && m.speaker.kind == MentionKind::Name).map(|_| r)
}

/// Small numbers and truth values as feature-name parts, without formatting.
const NUMBERS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
const SIGNED: [&str; 5] = ["-2", "-1", "0", "1", "2"];

fn yes(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// The features of candidate `k` of `cands` for `q`: each name, in parts to be read one after
/// the other, is passed to `sink` (names are built without formatting: this runs for every
/// candidate of every content). `passive`: `is_passive` of `q`'s cue, found once per cue by the
/// caller (it lower-cases words, and every candidate asks).
pub(crate) fn features(cx: &Context, q: &Query, passive: bool, cands: &[Candidate], k: usize, f: &mut impl FnMut(&[&str])) {
    let doc = cx.doc;
    let c = &cands[k];
    let at = |i: usize| class_at(cx, i);
    let Some(speaker) = &c.speaker else {
        let n = cands.len() - 1;
        f(&["null"]);
        f(&["null&cue=", yes(q.cue.is_some())]);
        f(&["null&rule=", yes(q.rule.is_some())]);
        f(&["null&n=", NUMBERS[bucket(n)]]);
        f(&["null&tagged=", yes(cands.iter().any(|c| c.origin & TAGGED != 0))]);
        f(&["null&start=", yes(doc.tokens[q.pieces[0].0].sentence_start)]);
        if let Some((a, b)) = q.cue {
            f(&["null&cw=", at(a)]);
            f(&["null&cl=", at(b - 1)]);
            if a > 0 {
                f(&["null&cp=", at(a - 1)]);
                f(&["null&cp=", at(a - 1), "&cw=", at(a)]);
            }
            f(&["null&cn=", at(b)]);
            f(&["null&pass=", yes(passive)]);
        }
        return;
    };
    let kind = speaker.kind.as_str();
    let mut origin_bytes = [b'-'; 5];
    for (slot, (bit, ch)) in origin_bytes.iter_mut().zip([(TAGGED, b'T'), (MENTION, b'M'), (ENTITY, b'E'), (WORD, b'W'), (PHRASE, b'P')]) {
        if c.origin & bit != 0 {
            *slot = ch;
        }
    }
    let origin = std::str::from_utf8(&origin_bytes).unwrap_or_default();
    let label = c.label.map_or("none", Label::as_str);
    f(&["k=", kind]);
    f(&["o=", origin]);
    f(&["k=", kind, "&o=", origin]);
    f(&["lab=", label, "&k=", kind]);
    f(&["len=", NUMBERS[bucket(c.end - c.first)]]);
    // Its own words: a function word, adverb or adjective ("then", "Instead", "eager") that the
    // tagger or a capital made a candidate is seldom anyone.
    f(&["hw=", at(c.end - 1), "&k=", kind]);
    f(&["fw=", at(c.first), "&len=", NUMBERS[bucket(c.end - c.first).min(3)]]);
    if c.origin & TAGGED != 0 {
        f(&["tm=", NUMBERS[bucket(c.margin.max(0.0) as usize)]]);
    }
    let rule = yes(q.rule.is_some_and(|r| r.span == speaker.span));
    f(&["rule=", rule]);
    f(&["rule=", rule, "&k=", kind]);
    if kind == "pronoun" {
        f(&["pron=", &lower(speaker.span.slice(cx.text))]);
        f(&["pron&resolved=", yes(speaker.entity.is_some() || named_referent(cx, speaker).is_some())]);
    }
    // Where it stands with respect to the cue (or the content when there is none).
    let (rf, re) = q.cue.unwrap_or((q.pieces[0].0, q.pieces[q.pieces.len() - 1].1));
    let (dir, gap) = if c.end <= rf {
        ("before", c.end..rf)
    } else if c.first >= re {
        ("after", re..c.first)
    } else {
        ("around", re..re)
    };
    // One pass over the gap: its words, and which clause markers stand in it.
    let (mut words, mut markers) = (0, 0u16);
    for i in gap.clone() {
        words += doc.is_word(i) as usize;
        markers |= marker_bit(doc.word(i));
    }
    let comma = markers & (1 << COMMA) != 0;
    let anchor = if q.cue.is_some() { "cue=" } else { "content=" };
    let wb = NUMBERS[bucket(words)];
    f(&[anchor, dir, wb]);
    f(&[anchor, dir, wb, "&k=", kind]);
    f(&[anchor, dir, "&comma=", yes(comma), "&adj=", yes(words == 0)]);
    f(&[anchor, dir, "&o=", origin]);
    if words <= 2 && dir != "around" {
        let mut parts = vec!["gap=", dir, ":"];
        for (n, i) in gap.clone().enumerate() {
            if n > 0 {
                parts.push(" ");
            }
            parts.push(at(i));
        }
        f(&parts);
    }
    // What stands between: another cue (the candidate is its source), a clause boundary.
    let other_cue = cx.cues[cx.cues.partition_point(|t| t.end <= gap.start)..]
        .iter()
        .take_while(|t| t.first < gap.end)
        .any(|t| q.cue.map_or(true, |(a, _)| t.first != a));
    f(&["gapcue=", dir, yes(other_cue)]);
    for (bit, w) in MARKERS.iter().enumerate() {
        if markers & (1 << bit) != 0 {
            f(&["gaph=", dir, ":", w]);
        }
    }
    if let Some((a, b)) = q.cue {
        let near = NUMBERS[bucket(words).min(3)];
        f(&["cw=", at(a), "&", dir, near]);
        f(&["cl=", at(b - 1), "&", dir, near]);
        // A passive cue's subject is addressed ("X was asked whether …"); its agent ("by Y") speaks.
        if passive {
            f(&["pass&", dir, near]);
            f(&["pass&", dir, "&pw=", if c.first > 0 { at(c.first - 1) } else { "^" }]);
        }
    }
    let between = cands[1..].iter().filter(|o| o.speaker.is_some() && o.first >= gap.start && o.end <= gap.end && o.end > o.first).count();
    let between = NUMBERS[between.min(3)];
    f(&["btw=", dir, between]);
    f(&["btw=", dir, between, "&k=", kind]);
    // And with respect to the content.
    let (cf, ce) = (q.pieces[0].0, q.pieces[q.pieces.len() - 1].1);
    let (cdir, cgap) = if c.end <= cf {
        ("before", cf - c.end)
    } else if c.first >= ce {
        ("after", c.first - ce)
    } else {
        ("inside", 0)
    };
    f(&["content=", cdir, NUMBERS[bucket(cgap)], "&", anchor, dir]);
    let sd = SIGNED[((cx.sentence[c.first] as i64 - cx.sentence[rf] as i64).clamp(-2, 2) + 2) as usize];
    f(&["sd=", sd]);
    f(&["sd=", sd, "&k=", kind]);
    let before = if c.first > 0 && !doc.tokens[c.first].sentence_start { at(c.first - 1) } else { "^" };
    let next = at(c.end);
    f(&["pw=", before]);
    f(&["pw=", before, "&", dir]);
    f(&["nw=", next]);
    f(&["nw=", next, "&", dir]);
    f(&["pw=", before, "&nw=", next]);
    // The first candidate of its sentence is most often its subject.
    let first = !cands[1..].iter().any(|o| o.speaker.is_some() && o.end <= c.first && cx.sentence[o.first] == cx.sentence[c.first]);
    f(&["first=", yes(first), "&", dir, "&k=", kind]);
    if let Some(p) = q.previous {
        let same = p.span == speaker.span
            || p.entity.is_some() && p.entity == speaker.entity
            || named_referent(cx, p).is_some() && named_referent(cx, p) == named_referent(cx, speaker)
            || p.span.slice(cx.text).eq_ignore_ascii_case(speaker.span.slice(cx.text));
        f(&["prev=", yes(same), "&k=", kind]);
    }
}

/// Every (cue, source) pairing of `q` with the cues `cues` it may take (the rules' first; none
/// when empty), each with its feature hashes (`hash` of each name's parts): `(cue index,
/// candidate, hashes)`.
fn pairings(
    cx: &Context,
    q: &Query,
    cues: &[(usize, usize)],
    hash: &mut impl FnMut(&[&str]) -> u64,
) -> Vec<(Option<usize>, Candidate, Vec<u64>)> {
    let options: Vec<Option<usize>> = if cues.is_empty() { vec![None] } else { (0..cues.len()).map(Some).collect() };
    let mut out = Vec::new();
    for i in options {
        let qi = Query { pieces: q.pieces, cue: i.map(|i| cues[i]), rule: q.rule, previous: q.previous };
        let mut cands = candidates(cx, &qi);
        // "The mayor was asked whether …", "Officials have been warned that …": the subject of a
        // passive verb whose object is the one spoken to is addressed, never the source (the
        // agent after "by" may be); a hard constraint, not a preference for the weights. So is
        // the subject of "seems" or "appears" ("The plan seems doomed", "Sand appeared to
        // concede"): it is the content's own subject, and the claim is nobody's (PolNeAR gives it
        // no source).
        let passive = qi.cue.is_some_and(|(a, b)| is_passive(cx.doc, a, b));
        let subject_not_source = |&(a, b): &(usize, usize)| {
            passive && is_addressee_verb(&lower(cx.doc.word(b - 1))) || (a..b).any(|k| is_raising_verb(&lower(cx.doc.word(k))))
        };
        if let Some((a, b)) = qi.cue.filter(subject_not_source) {
            cands.retain(|c| c.speaker.is_none() || !(c.end <= a && cx.sentence[c.first] == cx.sentence[b - 1]));
        }
        // "a nurse at the hospital told": the modifier's object is not the subject, so not the source.
        if let Some((first, end)) = qi.cue.and_then(|(a, _)| modifier_object(cx.doc, a)) {
            cands.retain(|c| c.speaker.is_none() || !(first <= c.first && c.end <= end));
        }
        for k in 0..cands.len() {
            let mut hashes = Vec::with_capacity(48);
            let mut push = |parts: &[&str]| hashes.push(hash(parts));
            features(cx, &qi, passive, &cands, k, &mut push);
            if let Some(i) = i {
                cue_features(cx, &qi, i, &cands[k], &mut push);
            }
            out.push((i, cands[k].clone(), hashes));
        }
    }
    out
}

/// What tells the content's own cue from another cue within reach (index `i`, nearest first).
fn cue_features(cx: &Context, q: &Query, i: usize, c: &Candidate, f: &mut impl FnMut(&[&str])) {
    let Some((a, b)) = q.cue else { return };
    let doc = cx.doc;
    let (cf, ce) = (q.pieces[0].0, q.pieces[q.pieces.len() - 1].1);
    let (dir, gap) = if b <= cf {
        ("before", cf - b)
    } else if a >= ce {
        ("after", a - ce)
    } else {
        ("inside", 0)
    };
    let kind = c.speaker.as_ref().map_or("null", |s| s.kind.as_str());
    let i = NUMBERS[i.min(9)];
    f(&["cq=", i]);
    f(&["cq=", i, "&src=", kind]);
    f(&["cq=", i, "&", dir, NUMBERS[bucket(gap)]]);
    f(&["cq=", i, "&lex=", yes((a..b).any(|k| doc.in_lexicon(k)))]);
    f(&["cq=", i, "&w=", class_at(cx, a)]);
    let same = cx.sentence[a] == cx.sentence[cf] || cx.sentence[b - 1] == cx.sentence[ce - 1];
    f(&["cq=", i, "&same=", yes(same)]);
    // Another cue between this one and the content ("X reported …, while Y said [content]"):
    // the nearer cue reports it.
    let (from, to) = if dir == "before" { (b, cf) } else { (ce, a) };
    let shadowed = cx.cues[cx.cues.partition_point(|t| t.first < from)..].iter().take_while(|t| t.end <= to).any(|t| t.first != a);
    f(&["cq&shadowed=", yes(shadowed), "&", dir]);
}

/// The hash of a feature name given in parts: the FNV-1a hash of the parts one after the other,
/// which is `hash_str` of the whole name.
fn hash_parts(parts: &[&str]) -> u64 {
    parts.iter().fold(Fnv::new(), |h, p| h.bytes(p.as_bytes())).finish()
}

/// The linker's cue (an index into `cues`) and source for `q`, and the margin of that pairing
/// over the runner-up (weight units, ≥ 0).
pub(crate) fn choose(linker: &Linker, cx: &Context, q: &Query, cues: &[(usize, usize)]) -> (Option<usize>, Option<Speaker>, f32) {
    let items = pairings(cx, q, cues, &mut hash_parts);
    let scores: Vec<f32> = items.iter().map(|(_, _, h)| linker.score(h)).collect();
    let best = (0..items.len()).fold(0, |b, k| if scores[k] > scores[b] { k } else { b });
    let second = (0..items.len()).filter(|&k| k != best).map(|k| scores[k]).fold(f32::NEG_INFINITY, f32::max);
    let margin = if second.is_finite() { scores[best] - second } else { 0.0 };
    let (cue, candidate, _) = items.into_iter().nth(best).expect("\"no source\" is always an item");
    (cue, candidate.speaker, margin)
}

/// One content's (cue, source) pairings as training sees them.
#[cfg(feature = "internals")]
pub(crate) struct Example {
    /// The content's pieces (bytes), to match it with a gold content.
    pub pieces: Vec<Span>,
    /// Each pairing's cue and source spans (`None`: none) and feature hashes.
    pub cues: Vec<Option<Span>>,
    pub sources: Vec<Option<Span>>,
    pub features: Vec<Vec<u64>>,
}

/// The examples of one text, and the name of every feature hash seen (for the weights file).
#[cfg(feature = "internals")]
#[derive(Default)]
pub(crate) struct Recorder {
    pub examples: Vec<Example>,
    pub names: crate::text::hashing::FnvMap<u64, String>,
}

#[cfg(feature = "internals")]
impl Recorder {
    pub fn record(&mut self, cx: &Context, q: &Query, cues: &[(usize, usize)]) {
        let names = &mut self.names;
        let items = pairings(cx, q, cues, &mut |parts| {
            let h = hash_parts(parts);
            names.entry(h).or_insert_with(|| parts.concat());
            h
        });
        let tokens = &cx.doc.tokens;
        let span = |(f, e): (usize, usize)| Span::new(tokens[f].span.start, tokens[e - 1].span.end);
        self.examples.push(Example {
            pieces: q.pieces.iter().map(|&p| span(p)).collect(),
            cues: items.iter().map(|(i, _, _)| i.map(|i| span(cues[i]))).collect(),
            sources: items.iter().map(|(_, c, _)| c.speaker.as_ref().map(|s| s.span)).collect(),
            features: items.into_iter().map(|(_, _, h)| h).collect(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::stages;
    use super::*;
    use crate::analysis::Entity;

    /// The token range of the first occurrence of `words` in `text`.
    fn tokens(doc: &Doc, text: &str, words: &str) -> (usize, usize) {
        let at = text.find(words).expect("words in text");
        token_range(doc, Span::new(at, at + words.len()))
    }

    /// The linker's context of `text` with no tagged sources or cues (the candidates come from
    /// the speaker mentions and entities).
    fn context<'a>(text: &'a str, doc: &'a Doc, sentence: &'a [u32], entities: &'a [Entity], mentions: &'a [Resolved]) -> Context<'a> {
        Context { text, doc, sentence, sources: &[], cues: &[], mentions, entities, classes: Context::classes_for(doc) }
    }

    /// The learned linker's source for the content `content` cued by `cue`, as written.
    fn source_of(text: &str, content: &str, cue: &str) -> (Option<String>, Option<Speaker>) {
        let (doc, _, entities, mentions) = stages(text);
        let sentence = super::super::link::sentence_ids(&doc);
        let cx = context(text, &doc, &sentence, &entities, &mentions);
        let pieces = [tokens(&doc, text, content)];
        let cue = [tokens(&doc, text, cue)];
        let q = Query { pieces: &pieces, cue: None, rule: None, previous: None };
        let (_, speaker, _) = choose(LINKER.as_ref().expect("linker.tsv parses"), &cx, &q, &cue);
        (speaker.as_ref().map(|s| s.span.slice(text).to_string()), speaker)
    }

    #[test]
    fn the_source_is_the_head_before_a_modifier_not_its_object() {
        for (text, content, cue, source) in [
            ("A spokesman for the builder said the work would finish in May.", "the work would finish in May", "said", "A spokesman"),
            ("A nurse at the hospital told reporters that the ward was short of staff.", "the ward was short of staff", "told", "A nurse"),
            ("Officials at the ministry said the figures were wrong.", "the figures were wrong", "said", "Officials"),
            ("Tom Rask of Keltra Bank said rates would rise.", "rates would rise", "said", "Tom Rask"),
            ("Ada Holm from the Port Averly council said the ferry would run.", "the ferry would run", "said", "Ada Holm"),
            // Two modifiers in a row; a quantity before "of"; a bare word at a sentence's start
            // that is no plural is no head.
            ("An official at the embassy in Oslo said the visa was revoked.", "the visa was revoked", "said", "An official"),
            // The object of a modifier inside an appositive closed before the cue.
            ("Lena Varga, a nurse at Mellby Hospital, said the ward was full.", "the ward was full", "said", "Lena Varga"),
            ("Jon Pell, 54, a farmer from Carlisle, said the crop had failed.", "the crop had failed", "said", "Jon Pell"),
            ("Neither of the candidates said how it would be paid for.", "how it would be paid for", "said", "the candidates"),
            ("Elsewhere in the city police said two men were arrested.", "two men were arrested", "said", "the city police"),
        ] {
            assert_eq!(source_of(text, content, cue).0.as_deref(), Some(source), "{text}");
        }
    }

    #[test]
    fn the_object_of_a_modifier_in_an_appositive_is_never_the_source() {
        // Whatever the weights prefer: a long content once made the linker pick the town.
        let text = "Her sister, a nurse in Leeds, said the ward had been short of staff for months.";
        let (source, _) = source_of(text, "the ward had been short of staff for months", "said");
        assert_ne!(source.as_deref(), Some("Leeds"));
    }

    #[test]
    fn a_relative_pronoun_is_a_candidate_with_the_cluster_of_the_name_before_it() {
        let text = "Voters cheered Dana Pruitt, who said the mill would reopen in spring.";
        let (doc, _, entities, mentions) = stages(text);
        let sentence = super::super::link::sentence_ids(&doc);
        let cx = context(text, &doc, &sentence, &entities, &mentions);
        let pieces = [tokens(&doc, text, "the mill would reopen in spring")];
        let q = Query { pieces: &pieces, cue: Some(tokens(&doc, text, "said")), rule: None, previous: None };
        let cands = candidates(&cx, &q);
        assert!(cands[0].speaker.is_none(), "no source is always a candidate");
        let who = cands.iter().filter_map(|c| c.speaker.as_ref()).find(|s| s.span.slice(text) == "who").expect("who is a candidate");
        assert_eq!(who.kind, MentionKind::Pronoun);
        let name = who.refers_to.expect("who refers to the name before it").slice(text);
        assert!(name.contains("Pruitt"), "{name}");
        let content = Span::new(text.find("the mill").expect("content"), text.len() - 1);
        assert!(cands.iter().filter_map(|c| c.speaker.as_ref()).all(|s| !s.span.overlaps(content)), "no candidate inside the content");
    }

    #[test]
    fn the_source_of_a_relative_clause_is_the_relative_pronoun_as_written() {
        let (source, speaker) =
            source_of("Voters cheered Dana Pruitt, who said the mill would reopen in spring.", "the mill would reopen in spring", "said");
        assert_eq!(source.as_deref(), Some("who"));
        assert!(speaker.and_then(|s| s.refers_to).is_some());
    }

    #[test]
    fn a_subject_is_found_across_a_relative_clause_with_a_name_in_it() {
        let text = "Mr. Alder, whose firm, Brightwater Ferries, builds boats, said the harbour was too shallow.";
        let (source, _) = source_of(text, "the harbour was too shallow", "said");
        assert_eq!(source.as_deref(), Some("Alder"));
    }

    #[test]
    fn a_cue_without_an_agent_has_no_source() {
        let text = "The council met on Tuesday. The new terminal is widely expected to open in May.";
        let (source, _) = source_of(text, "to open in May", "is widely expected");
        assert_eq!(source, None);
    }

    #[test]
    fn the_subject_of_a_passive_cue_is_addressed_not_the_source() {
        let text = "The ferry had been late all week. The mayor was asked whether the bridge would reopen.";
        let (source, _) = source_of(text, "whether the bridge would reopen", "was asked");
        assert!(!source.as_deref().is_some_and(|s| s.contains("mayor")), "{source:?}");
        let text = "Officials in Tarnow have been warned that the river could flood the lower town.";
        let (source, _) = source_of(text, "the river could flood the lower town", "have been warned");
        assert!(!source.as_deref().is_some_and(|s| s.contains("Officials") || s.contains("Tarnow")), "{source:?}");
    }

    #[test]
    fn the_subject_of_seems_or_appears_is_not_the_source() {
        let text = "Without new money from the state, the ferry contract appears unlikely to survive the winter.";
        let (source, _) = source_of(text, "unlikely to survive the winter", "appears");
        assert!(!source.as_deref().is_some_and(|s| s.contains("contract")), "{source:?}");
        let text = "Mayor Ivo Sand seemed certain that the harbour would reopen.";
        let (source, _) = source_of(text, "that the harbour would reopen", "seemed");
        assert!(!source.as_deref().is_some_and(|s| s.contains("Sand")), "{source:?}");
        // The same subject with a verb of its own is the source.
        let text = "Mayor Ivo Sand insisted that the harbour would reopen.";
        let (source, _) = source_of(text, "that the harbour would reopen", "insisted");
        assert!(source.as_deref().is_some_and(|s| s.contains("Sand")), "{source:?}");
    }

    #[test]
    fn the_agent_of_a_passive_cue_is_the_source() {
        let text = "Residents were told by the council that the pool would close in June.";
        let (source, _) = source_of(text, "the pool would close in June", "were told");
        assert!(source.as_deref().is_some_and(|s| s.contains("council")), "{source:?}");
    }

    #[test]
    fn a_passive_cue_is_a_form_of_be_or_get_before_a_past_participle() {
        let text = "She was repeatedly told it. He has asked it. They got warned. It is expected. He told them.";
        let (doc, _, _, _) = stages(text);
        let passive = |words: &str| {
            let (a, b) = tokens(&doc, text, words);
            is_passive(&doc, a, b)
        };
        assert!(passive("was repeatedly told"));
        assert!(passive("told"), "the participle alone as the cue sees its auxiliary");
        assert!(passive("got warned"));
        assert!(passive("expected"));
        assert!(!passive("has asked"));
        assert!(!passive("He told"));
    }

    #[test]
    fn the_noun_phrase_beside_a_cue_is_a_candidate_whatever_its_noun() {
        let phrases = |text: &str, cue: &str| -> Vec<String> {
            let (doc, _, _, _) = stages(text);
            let (a, b) = tokens(&doc, text, cue);
            cue_phrases(&doc, a, b)
                .into_iter()
                .map(|(f, e)| text[doc.tokens[f].span.start..doc.tokens[e - 1].span.end].to_string())
                .collect()
        };
        assert_eq!(phrases("At the gate the impostor gushed about it.", "gushed"), ["the impostor"]);
        assert_eq!(phrases("Later one beekeeper has also warned that hives would fail.", "warned"), ["one beekeeper"]);
        assert_eq!(phrases("Of the tenants, 59 percent said that the rent was too high.", "said"), ["59 percent"]);
        assert_eq!(phrases("“The ferry is late again,” grumbled the night porter.", "grumbled"), ["the night porter"]);
        assert_eq!(phrases("The mill’s night foreman said it would close.", "said"), ["The mill’s night foreman"]);
        // No phrase across a sentence start or a mark, and none of function words or pronouns.
        assert!(phrases("It rained. Said, then, it was.", "Said").is_empty());
        assert!(phrases("She said it would close.", "said").is_empty());
    }

    #[test]
    fn a_speaker_outside_every_noun_list_is_found_beside_its_cue() {
        let text = "The market hall was packed on Saturday. Outside the gate the crowd jeered that the vote had been rigged.";
        let (source, speaker) = source_of(text, "the vote had been rigged", "jeered");
        assert_eq!(source.as_deref(), Some("the crowd"));
        assert_eq!(speaker.map(|s| s.kind), Some(MentionKind::Nominal));
        let text = "Work on the bypass stopped in March. The surveyor grumbled that the plans had been drawn in a hurry.";
        let (source, speaker) = source_of(text, "the plans had been drawn in a hurry", "grumbled");
        assert_eq!(source.as_deref(), Some("The surveyor"));
        assert_eq!(speaker.map(|s| s.kind), Some(MentionKind::Nominal), "a capital on \"The\" makes no name");
    }

    #[test]
    fn the_speaker_after_a_quotation_that_ends_its_sentence_is_a_candidate() {
        let text = "The pier was closed at noon. “Nobody told us anything!” Dana Pruitt said. The ferry never came.";
        let (doc, _, entities, mentions) = stages(text);
        let sentence = super::super::link::sentence_ids(&doc);
        let cx = context(text, &doc, &sentence, &entities, &mentions);
        let (f, e) = tokens(&doc, text, "“Nobody told us anything!”");
        assert_ne!(sentence[f], sentence[tokens(&doc, text, "Pruitt").0], "the segmenter ends the sentence at the quotation");
        let pieces = [(f + 1, e - 1)];
        let q = Query { pieces: &pieces, cue: None, rule: None, previous: None };
        let names: Vec<&str> = candidates(&cx, &q).iter().filter_map(|c| c.speaker.as_ref()).map(|s| s.span.slice(text)).collect();
        assert!(names.iter().any(|n| n.contains("Pruitt")), "{names:?}");
        assert!(!names.iter().any(|n| n.contains("ferry")), "no further than the next sentence: {names:?}");
    }

    #[test]
    fn a_cue_with_another_cue_between_it_and_the_content_is_shadowed() {
        let text = "The port reported higher fares, while the ferry company said trials continue.";
        let (doc, _, entities, mentions) = stages(text);
        let sentence = super::super::link::sentence_ids(&doc);
        let tagged = |words: &str| {
            let (first, end) = tokens(&doc, text, words);
            Tagged { first, end, part: super::super::tags::Part::Cue, margin: 0.0 }
        };
        let cues = [tagged("reported"), tagged("said")];
        let cx = Context { cues: &cues, ..context(text, &doc, &sentence, &entities, &mentions) };
        let pieces = [tokens(&doc, text, "trials continue")];
        let q = Query { pieces: &pieces, cue: None, rule: None, previous: None };
        let options = [tokens(&doc, text, "said"), tokens(&doc, text, "reported")];
        let mut names = crate::text::hashing::FnvMap::default();
        let items = pairings(&cx, &q, &options, &mut |parts: &[&str]| {
            let h = hash_parts(parts);
            names.insert(h, parts.concat());
            h
        });
        for (option, shadowed) in [(0, "cq&shadowed=false&before"), (1, "cq&shadowed=true&before")] {
            let (_, _, hashes) = items.iter().find(|(i, _, _)| *i == Some(option)).expect("a pairing with each cue");
            assert!(hashes.iter().any(|h| names[h] == shadowed), "{shadowed}");
        }
    }

    #[test]
    fn the_shipped_weights_parse() {
        let linker = LINKER.as_ref().expect("linker.tsv parses");
        assert!(!linker.weights.is_empty());
    }

    #[test]
    fn a_name_hashed_in_parts_is_the_name_hashed_whole() {
        assert_eq!(hash_parts(&["cue=", "before", "3", "&k=", "name"]), hash_str("cue=before3&k=name"));
        assert_eq!(hash_parts(&[]), hash_str(""));
    }

    #[test]
    fn a_word_outside_our_lists_is_named_by_its_shape() {
        let text = "Harbours flooded, walking boats Onward; the ferry's table";
        let doc = Doc::new(text, &[], &[]);
        let classes: Vec<String> = (0..doc.tokens.len()).map(|i| word_class(&doc, i).into_owned()).collect();
        assert_eq!(classes, ["Cap~s", "low~ed", "p,", "low~ing", "low~s", "Cap~", "p;", "the", "low~", "'s", "low~"]);
    }

    #[test]
    fn a_marker_is_found_by_its_bit_in_any_case() {
        for (k, m) in MARKERS.iter().enumerate() {
            assert_eq!(marker_bit(m), 1 << k, "{m}");
            assert_eq!(marker_bit(&m.to_uppercase()), 1 << k, "{m}");
        }
        assert_eq!(MARKERS[COMMA], ",");
        for w in ["", "thats", "tha", "whom", "–", "-", "Which?", "andrew", "\u{2014}\u{2014}"] {
            assert_eq!(marker_bit(w), 0, "{w}");
        }
    }

    #[test]
    fn a_line_without_a_weight_is_an_error() {
        assert!(Linker::parse("rule=true\t1.5\n").is_ok());
        assert!(Linker::parse("rule=true 1.5\n").is_err());
        assert!(Linker::parse("rule=true\tmany\n").is_err());
    }

    /// The table build.rs compiles is the file's, weight for weight.
    #[test]
    fn the_compiled_linker_is_the_files() {
        let file = Linker::parse(include_str!("../data/attribution/linker.tsv")).expect("linker.tsv parses");
        let bits = |l: &Linker| l.weights.iter().map(|(&h, w)| (h, w.to_bits())).collect::<std::collections::BTreeMap<_, _>>();
        let compiled = LINKER.as_ref().expect("compiled");
        assert!(!file.weights.is_empty());
        assert_eq!(bits(compiled), bits(&file));
    }
}
