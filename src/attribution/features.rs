//! Token features for the attribution tagger: hashed, from the token, its neighbours, the
//! sentence around it and what the earlier stages found (quotations, entities).
//!
//! The features are chosen to generalise past the training vocabulary: a reporting verb never
//! seen in training ("muttered") is still told by its suffix, by what stands around it (a subject
//! before, "that", a colon or a quotation mark after) and by its place in the sentence; a source
//! outside any list ("the coach") by its shape and its position before a cue. The speech-verb
//! lexicon (src/data/speech_verbs.txt, via `crate::quotes::CUES`) is one feature among these, and
//! so is a list of words of belief, evidence and stance (src/data/attribution/attitude_words.txt:
//! "believes", "showed", "backed"), whose contents PolNeAR attributes as it does speech. Clause
//! structure is seen without a parser: distances to those words, the word after the cue ("that",
//! "to", a determiner), the last clause break and the word after it ("…, but", "…, arguing").
//! Headlines ("Mayor Says …", most words capitalised) are told apart, since capitals mark no
//! names there. A claim made before its cue without quotation marks ("The ferry will resume in
//! March, officials said.") is told by the sentence's short tail after its last comma or dash;
//! a clause governed by a verb no list holds ("muttered that …") by the nearest word in
//! "-ed"/"-s" right before "that".
//!
//! Every feature is a 64-bit hash (`crate::text::hashing`); changing any of them means
//! retraining, which `FEATURE_VERSION` (recorded in the weights) enforces.

#[cfg(feature = "internals")]
use crate::analysis::Span;
use crate::analysis::{Entity, Quote, QuoteKind};
use crate::entities::tokens::{Line, Token, Tokenized};
use crate::quotes::CUES;
use crate::text::hashing::{combine, hash_lower, hash_str, FnvMap};

/// src/data/attribution/attitude_words.txt: words of belief, evidence, intention and stance.
static ATTITUDE: std::sync::LazyLock<crate::text::hashing::FnvSet<&'static str>> = std::sync::LazyLock::new(|| {
    include_str!(concat!(env!("OUT_DIR"), "/attribution_attitude_words.txt"))
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Bump on any change to what `Doc::features` extracts.
pub(crate) const FEATURE_VERSION: u32 = 5;

/// Where a token stands with respect to the quotations.
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum QuoteState {
    Outside = 0,
    InDirect = 1,
    InPartial = 2,
    InOther = 3,
    Opening = 4,
    Closing = 5,
}

/// Distances are bucketed so that "three words after a cue" and "four words after" share weights.
fn bucket_distance(d: usize) -> u64 {
    match d {
        0 => 0,
        1 => 1,
        2 => 2,
        3..=4 => 3,
        5..=8 => 4,
        9..=16 => 5,
        17..=32 => 6,
        _ => 7,
    }
}

const NONE: usize = usize::MAX;

/// A text prepared for feature extraction: tokens and what is known about each.
pub(crate) struct Doc {
    text: String,
    pub tokens: Vec<Token>,
    /// The decoding units: one per line (paragraph).
    pub lines: Vec<Line>,
    lower: Vec<u64>,
    suffix2: Vec<u64>,
    suffix3: Vec<u64>,
    shape: Vec<u8>,
    /// In the speech-verb lexicon (a one-word cue or the first word of a phrase).
    lexicon: Vec<bool>,
    quote: Vec<QuoteState>,
    /// `Label as u8 + 1` of the entity covering the token, 0 for none.
    entity: Vec<u8>,
    /// Index of the token in its sentence.
    in_sentence: Vec<u32>,
    /// Tokens to the nearest lexicon cue before / after in the same sentence, `NONE` if there is none.
    cue_left: Vec<usize>,
    cue_right: Vec<usize>,
    /// Tokens to the sentence end.
    to_end: Vec<u32>,
    /// A "that" stands between the nearest lexicon cue before and the token.
    that_since_cue: Vec<bool>,
    /// Tokens since the last comma of the sentence, `NONE` if there is none.
    comma_left: Vec<usize>,
    /// A colon earlier in the sentence.
    colon_before: Vec<bool>,
    /// The previous sentence of the line ends with a colon.
    after_colon_sentence: Vec<bool>,
    /// The last clause break (comma, colon, semicolon, dash, bracket) earlier in the sentence:
    /// its shape, the tokens since it (`NONE` if there is none) and the word right after it
    /// ("…, but", "…, which", "…, he"): where a reported clause ends without a parser.
    break_shape: Vec<u8>,
    break_left: Vec<usize>,
    break_word: Vec<u64>,
    /// Per line: most of its words are capitalised (a headline, "Trump Says He …"), where
    /// capitals do not mark names.
    headline: Vec<bool>,
    /// In the attitude list (`ATTITUDE`), and tokens to the nearest such word before / after in
    /// the sentence (`NONE` if there is none).
    attitude: Vec<bool>,
    attitude_left: Vec<usize>,
    attitude_right: Vec<usize>,
    /// The sentence's tail: the last few words after its last comma or dash ("…, officials
    /// said.", "…, the treasurer warned on Monday."), where a claim made before its cue ends
    /// without quotation marks. Per token: its side of that break (0 before, 1 in the tail, 2
    /// the sentence has no short tail), the tokens to the break, and the tail itself.
    tail_side: Vec<u8>,
    tail_dist: Vec<usize>,
    tail: Vec<Tail>,
    /// Tokens to the nearest word before in the sentence that could govern a clause: a cue of
    /// the lexicon or the attitude list, or an unlisted word in "-ed"/"-s" right before "that"
    /// ("muttered that", "conceded that"), `NONE` if there is none; and that word's last two letters.
    governor_left: Vec<usize>,
    governor_suffix: Vec<u64>,
}

/// The short clause ending a sentence after its last comma or dash (see `Doc::tail_side`).
#[derive(Clone, Copy, Default)]
struct Tail {
    words: u8,
    first: u64,
    last: u64,
    last_suffix: u64,
    /// A lexicon cue or attitude word stands in it.
    cue: bool,
}

/// What `Doc::from_tokens` reads from a token's spelling alone.
#[derive(Clone, Copy)]
struct Word {
    lower: u64,
    shape: u8,
    suffix2: u64,
    suffix3: u64,
    lexicon: bool,
    attitude: bool,
}

/// The longest tail (in tokens after the break) counted as a sentence's tail.
const MAX_TAIL: usize = 8;

fn shape(text: &str) -> u8 {
    let mut chars = text.chars();
    let Some(first) = chars.next() else { return 0 };
    if first.is_alphabetic() {
        if first.is_uppercase() {
            if text.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) && text.chars().count() > 1 {
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
            ':' => 7,
            ';' => 8,
            '"' | '“' | '”' | '‘' | '’' | '\'' | '«' | '»' | '„' | '‚' => 9,
            '-' | '–' | '—' | '‑' => 10,
            '(' | ')' | '[' | ']' => 11,
            _ => 12,
        }
    }
}

fn suffix_hash(lower: &str, n: usize) -> u64 {
    let count = lower.chars().count();
    let skip = count.saturating_sub(n);
    let start = lower.char_indices().nth(skip).map_or(0, |(i, _)| i);
    hash_str(&lower[start..])
}

impl Doc {
    /// Tokens of `text` with the quotations and entities already found in it.
    #[cfg(any(test, feature = "internals"))]
    pub fn new(text: &str, quotes: &[Quote], entities: &[Entity]) -> Doc {
        Doc::from_tokens(text, crate::entities::tokens::tokenize(text), quotes, entities)
    }

    /// [`Doc::new`] on `text` split by `tokenize` already.
    pub fn from_tokens(text: &str, (tokens, lines): Tokenized, quotes: &[Quote], entities: &[Entity]) -> Doc {
        let n = tokens.len();
        let mut lower = Vec::with_capacity(n);
        let mut suffix2 = Vec::with_capacity(n);
        let mut suffix3 = Vec::with_capacity(n);
        let mut shapes = Vec::with_capacity(n);
        let mut lexicon = Vec::with_capacity(n);
        let mut is_that = Vec::with_capacity(n);
        let mut attitude = Vec::with_capacity(n);
        // Lower-casing without allocating: ASCII words in a stack buffer (every lexicon word is
        // ASCII); other words allocate, and they are rare in English news.
        let mut buf = [0u8; 24];
        let (that, according, to) = (hash_str("that"), hash_str("according"), hash_str("to"));
        // What a token is on its own depends on its spelling alone, and most tokens of an article
        // repeat an earlier one: each distinct spelling is read once. The map is sized for every
        // token being new, as the entity tagger's is, so that it never grows (rehashing it was
        // 0.35% of the CLI's instructions).
        let mut seen: FnvMap<&str, Word> = FnvMap::with_capacity_and_hasher(n, Default::default());
        for t in &tokens {
            let s = t.span.slice(text);
            let w = *seen.entry(s).or_insert_with(|| {
                let lower = hash_lower(s);
                let shape = shape(s);
                if s.is_ascii() && s.len() <= buf.len() {
                    let l = &mut buf[..s.len()];
                    l.copy_from_slice(s.as_bytes());
                    l.make_ascii_lowercase();
                    let l = std::str::from_utf8(l).unwrap_or_default();
                    Word {
                        lower,
                        shape,
                        suffix2: hash_str(&l[l.len().saturating_sub(2)..]),
                        suffix3: hash_str(&l[l.len().saturating_sub(3)..]),
                        lexicon: CUES.is_cue_word(l),
                        attitude: ATTITUDE.contains(l),
                    }
                } else {
                    let l = s.to_lowercase();
                    Word {
                        lower,
                        shape,
                        suffix2: suffix_hash(&l, 2),
                        suffix3: suffix_hash(&l, 3),
                        lexicon: CUES.is_cue_word(&l),
                        attitude: ATTITUDE.contains(l.as_str()),
                    }
                }
            });
            lower.push(w.lower);
            shapes.push(w.shape);
            is_that.push(w.lower == that);
            suffix2.push(w.suffix2);
            suffix3.push(w.suffix3);
            lexicon.push(w.lexicon);
            attitude.push(w.attitude);
        }
        for i in 0..n.saturating_sub(1) {
            lexicon[i] |= lower[i] == according && lower[i + 1] == to;
        }
        let quote = quote_states(&tokens, quotes);
        let entity = entity_labels(&tokens, entities);

        let mut in_sentence = vec![0u32; n];
        let mut cue_left = vec![NONE; n];
        let mut cue_right = vec![NONE; n];
        let mut to_end = vec![0u32; n];
        let mut colon_before = vec![false; n];
        let mut that_since_cue = vec![false; n];
        let mut comma_left = vec![NONE; n];
        let mut after_colon_sentence = vec![false; n];
        let mut break_shape = vec![0u8; n];
        let mut break_left = vec![NONE; n];
        let mut break_word = vec![0u64; n];
        let mut attitude_left = vec![NONE; n];
        let mut attitude_right = vec![NONE; n];
        let mut tail_side = vec![2u8; n];
        let mut tail_dist = vec![NONE; n];
        let mut tail = vec![Tail::default(); n];
        let mut governor_left = vec![NONE; n];
        let mut governor_suffix = vec![0u64; n];
        for line in &lines {
            let mut s = line.first;
            let mut previous_ends_colon = false;
            while s < line.end {
                let mut e = s + 1;
                while e < line.end && !tokens[e].sentence_start {
                    e += 1;
                }
                let mut last_cue = NONE;
                let mut colon = false;
                let mut that = false;
                let mut comma = NONE;
                let mut last_break = NONE;
                for i in s..e {
                    if last_break != NONE {
                        break_shape[i] = shapes[last_break];
                        break_left[i] = i - last_break;
                        break_word[i] = if last_break + 1 < e { lower[last_break + 1] } else { 0 };
                    }
                    if matches!(shapes[i], 5 | 7 | 8 | 10 | 11) {
                        last_break = i;
                    }
                    that_since_cue[i] = that;
                    comma_left[i] = if comma == NONE { NONE } else { i - comma };
                    in_sentence[i] = (i - s) as u32;
                    to_end[i] = (e - 1 - i) as u32;
                    cue_left[i] = if last_cue == NONE { NONE } else { i - last_cue };
                    colon_before[i] = colon;
                    after_colon_sentence[i] = previous_ends_colon;
                    if lexicon[i] {
                        last_cue = i;
                        that = false;
                    }
                    that |= last_cue != NONE && is_that[i];
                    if shapes[i] == 5 {
                        comma = i;
                    }
                    colon |= shapes[i] == 7;
                }
                let mut next_cue = NONE;
                let mut next_attitude = NONE;
                for i in (s..e).rev() {
                    cue_right[i] = if next_cue == NONE { NONE } else { next_cue - i };
                    attitude_right[i] = if next_attitude == NONE { NONE } else { next_attitude - i };
                    if lexicon[i] {
                        next_cue = i;
                    }
                    if attitude[i] {
                        next_attitude = i;
                    }
                }
                let mut last_attitude = NONE;
                for i in s..e {
                    attitude_left[i] = if last_attitude == NONE { NONE } else { i - last_attitude };
                    if attitude[i] {
                        last_attitude = i;
                    }
                }
                let mut governor = NONE;
                for i in s..e {
                    if governor != NONE {
                        governor_left[i] = i - governor;
                        governor_suffix[i] = suffix2[governor];
                    }
                    let before_that = i + 1 < e && is_that[i + 1] && shapes[i] == 3 && !is_that[i];
                    let word = tokens[i].span.slice(text);
                    let verb_like = word.len() > 3 && (word.ends_with("ed") || word.ends_with('s'));
                    if lexicon[i] || attitude[i] || (before_that && verb_like) {
                        governor = i;
                    }
                }
                // The tail: from the last word back to the last comma or dash, if short.
                let last_word = (s..e).rev().find(|&i| shapes[i] <= 4);
                let brk = last_word.and_then(|w| (s + 1..w).rev().take(MAX_TAIL).find(|&i| matches!(shapes[i], 5 | 10)).map(|b| (b, w)));
                if let Some((b, w)) = brk {
                    let t = Tail {
                        words: (b + 1..=w).filter(|&k| shapes[k] <= 4).count() as u8,
                        first: lower[b + 1],
                        last: lower[w],
                        last_suffix: suffix2[w],
                        cue: (b + 1..=w).any(|k| lexicon[k] || attitude[k]),
                    };
                    for i in s..e {
                        tail_side[i] = if i < b { 0 } else { 1 };
                        tail_dist[i] = b.abs_diff(i);
                        tail[i] = t;
                    }
                }
                // A sentence "introducing" the next one ends with a colon (maybe before a quote mark).
                previous_ends_colon = (s..e).rev().take(2).any(|i| shapes[i] == 7);
                s = e;
            }
        }
        let headline = lines
            .iter()
            .map(|l| {
                let words = (l.first..l.end).filter(|&i| shapes[i] <= 3).count();
                let capitalised = (l.first..l.end).filter(|&i| matches!(shapes[i], 1 | 2)).count();
                words >= 3 && capitalised * 3 >= words * 2
            })
            .collect();
        Doc {
            governor_left,
            governor_suffix,
            tail_side,
            tail_dist,
            tail,
            headline,
            attitude,
            attitude_left,
            attitude_right,
            text: text.to_string(),
            tokens,
            lines,
            lower,
            suffix2,
            suffix3,
            shape: shapes,
            lexicon,
            quote,
            entity,
            in_sentence,
            cue_left,
            cue_right,
            to_end,
            that_since_cue,
            comma_left,
            colon_before,
            after_colon_sentence,
            break_shape,
            break_left,
            break_word,
        }
    }

    /// The text of token `i`.
    pub fn word(&self, i: usize) -> &str {
        self.tokens[i].span.slice(&self.text)
    }

    /// Token `i` is in the speech-verb lexicon.
    pub fn in_lexicon(&self, i: usize) -> bool {
        self.lexicon[i]
    }

    /// Token `i` opens a sentence outside any quotation: reported speech does not run past it.
    pub fn opens_unquoted_sentence(&self, i: usize) -> bool {
        self.tokens[i].sentence_start && self.quote[i] == QuoteState::Outside
    }

    /// Token `i` is inside a top-level quotation or one of its marks.
    pub fn in_quotation(&self, i: usize) -> bool {
        self.quote[i] != QuoteState::Outside
    }

    /// Token `i` is part of a name the entity tagger calls a person.
    pub fn in_person_name(&self, i: usize) -> bool {
        self.entity[i] == crate::analysis::Label::Person as u8 + 1
    }

    /// Token `i` is a word or number (not punctuation).
    pub fn is_word(&self, i: usize) -> bool {
        self.shape[i] <= 4
    }

    /// Appends the feature hashes of token `i` of the line `first..end` to `out`
    /// (`N_FEATURES` of them, template `k` at `k`).
    pub fn features(&self, i: usize, first: usize, end: usize, out: &mut Vec<u64>) {
        let at = |k: isize| -> Option<usize> {
            let j = i as isize + k;
            (j >= first as isize && j < end as isize).then_some(j as usize)
        };
        let word = |k: isize| at(k).map_or(1, |j| self.lower[j]);
        let shape = |k: isize| at(k).map_or(15, |j| self.shape[j] as u64);
        let lex = |k: isize| at(k).is_some_and(|j| self.lexicon[j]) as u64;
        let quote = |k: isize| at(k).map_or(7, |j| self.quote[j] as u64);
        // Filled by template number (constant indices: no bounds checks, no growth checks).
        let mut h = [0u64; N_FEATURES];
        macro_rules! f {
            ($template:literal, $value:expr) => {
                h[$template] = combine($template, $value)
            };
        }
        let w0 = self.lower[i];
        f!(0, 0);
        f!(1, w0);
        f!(2, word(-1));
        f!(3, word(1));
        f!(4, word(-2));
        f!(5, word(2));
        f!(6, combine(word(-1), w0));
        f!(7, combine(w0, word(1)));
        f!(8, self.suffix3[i]);
        f!(9, self.suffix2[i]);
        f!(10, combine(self.suffix2[i], word(1)));
        f!(11, combine(shape(-1), self.suffix2[i]));
        f!(12, shape(0));
        f!(13, combine(combine(shape(-1), shape(0)), shape(1)));
        f!(14, lex(-1) | lex(0) << 1 | lex(1) << 2);
        let left = self.cue_left[i];
        let right = self.cue_right[i];
        let left_b = if left == NONE { 9 } else { bucket_distance(left) };
        let right_b = if right == NONE { 9 } else { bucket_distance(right) };
        f!(15, left_b);
        f!(16, right_b);
        f!(17, combine(left_b, right_b));
        f!(18, combine(left_b, quote(0)));
        f!(19, combine(right_b, shape(0)));
        f!(20, quote(0));
        f!(21, combine(quote(-1), quote(0)));
        f!(22, combine(quote(0), quote(1)));
        f!(23, bucket_distance(self.in_sentence[i] as usize));
        f!(24, bucket_distance(self.to_end[i] as usize));
        f!(25, combine(self.colon_before[i] as u64, quote(0)));
        f!(26, combine(self.after_colon_sentence[i] as u64, bucket_distance(self.in_sentence[i] as usize)));
        f!(27, self.entity[i] as u64);
        f!(28, combine(at(-1).map_or(0, |j| self.entity[j] as u64), self.entity[i] as u64));
        f!(29, combine(self.entity[i] as u64, right_b));
        f!(30, combine(combine(shape(-1), self.suffix2[i]), shape(1)));
        f!(31, combine(word(-1), combine(shape(0), right_b)));
        f!(32, combine(self.that_since_cue[i] as u64, left_b));
        // Which cue stands before: "said" and "called" govern contents of different lengths.
        let left_cue_word = if left == NONE { 0 } else { self.lower[i - left] };
        f!(33, combine(left_cue_word, left_b));
        let comma_b = if self.comma_left[i] == NONE { 9 } else { bucket_distance(self.comma_left[i]) };
        f!(34, combine(comma_b, left_b));
        // A wider window, and word pairs on each side.
        f!(35, word(-3));
        f!(36, word(3));
        f!(37, combine(word(-2), word(-1)));
        f!(38, combine(word(1), word(2)));
        // Which cue stands after ("…, he said" vs "… to be announced"), and what follows the cue
        // before: its complement ("said that", "denied the", "urged them to") sets the content.
        let right_cue_word = if right == NONE { 0 } else { self.lower[i + right] };
        f!(39, combine(right_cue_word, right_b));
        let complement = if left == NONE || i - left + 1 >= end { 0 } else { self.lower[i - left + 1] };
        f!(40, combine(complement, left_b));
        // Clause breaks since the cue.
        let break_b = if self.break_left[i] == NONE { 9 } else { bucket_distance(self.break_left[i]) };
        f!(41, combine(combine(self.break_shape[i] as u64, break_b), left_b));
        f!(42, combine(self.break_word[i], break_b));
        f!(43, combine(self.break_word[i], left_b));
        f!(44, combine(w0, shape(1)));
        f!(45, combine(shape(-1), w0));
        let entity = |k: isize| at(k).map_or(15, |j| self.entity[j] as u64);
        f!(46, combine(w0, entity(1)));
        f!(47, combine(entity(-1), w0));
        f!(48, combine(self.suffix3[i], word(1)));
        f!(49, combine(combine(left_b, right_b), combine(quote(0), bucket_distance(self.in_sentence[i] as usize))));
        f!(50, combine(lex(-2) | lex(-1) << 1 | lex(0) << 2 | lex(1) << 3 | lex(2) << 4, shape(0)));
        let headline = self.headline[self.tokens[i].line as usize] as u64;
        f!(51, combine(headline, w0));
        f!(52, combine(headline, combine(combine(left_b, right_b), bucket_distance(self.in_sentence[i] as usize))));
        // Words of belief, evidence and stance govern contents as speech verbs do.
        let (al, ar) = (self.attitude_left[i], self.attitude_right[i]);
        let al_b = if al == NONE { 9 } else { bucket_distance(al) };
        let ar_b = if ar == NONE { 9 } else { bucket_distance(ar) };
        f!(53, combine(al_b, ar_b));
        f!(54, combine(combine(al_b, left_b), quote(0)));
        let att = |k: isize| at(k).is_some_and(|j| self.attitude[j]) as u64;
        f!(55, combine(att(-1) | att(0) << 1 | att(1) << 2, combine(shape(-1), shape(1))));
        f!(56, combine(if al == NONE { 0 } else { self.lower[i - al] }, al_b));
        // The sentence's short tail ("…, officials said."): which side of it the token is on,
        // how far, and what the tail says; its last word is often the cue, seen in training or not.
        let (side, t) = (self.tail_side[i] as u64, self.tail[i]);
        let tail_b = if self.tail_dist[i] == NONE { 9 } else { bucket_distance(self.tail_dist[i]) };
        f!(57, combine(side, t.words as u64));
        f!(58, combine(side, t.last));
        f!(59, combine(side, t.last_suffix));
        f!(60, combine(side, t.first));
        f!(61, combine(combine(side, t.cue as u64), combine(tail_b, quote(0))));
        f!(62, combine(combine(side, t.cue as u64), left_b));
        // The nearest word that could govern a clause, listed or not ("muttered that …").
        let governor_b = if self.governor_left[i] == NONE { 9 } else { bucket_distance(self.governor_left[i]) };
        f!(63, combine(governor_b, quote(0)));
        f!(64, combine(self.governor_suffix[i], combine(governor_b, self.that_since_cue[i] as u64)));
        f!(65, combine(governor_b, left_b));
        out.extend_from_slice(&h);
    }
}

/// How many features `Doc::features` gives a token.
const N_FEATURES: usize = 66;

/// The quote state of each token: inside which kind of top-level quote, or one of its marks.
fn quote_states(tokens: &[Token], quotes: &[Quote]) -> Vec<QuoteState> {
    let mut out = vec![QuoteState::Outside; tokens.len()];
    let top: Vec<&Quote> = quotes.iter().filter(|q| q.parent.is_none()).collect();
    let mut q = 0;
    for (i, t) in tokens.iter().enumerate() {
        while q < top.len() && top[q].outer.end <= t.span.start {
            q += 1;
        }
        let Some(quote) = top.get(q).filter(|quote| quote.outer.start <= t.span.start) else { continue };
        out[i] = if t.span.end <= quote.inner.start {
            QuoteState::Opening
        } else if t.span.start >= quote.inner.end {
            QuoteState::Closing
        } else {
            match quote.kind {
                QuoteKind::Direct => QuoteState::InDirect,
                QuoteKind::Partial => QuoteState::InPartial,
                QuoteKind::Term | QuoteKind::Nested => QuoteState::InOther,
            }
        };
    }
    out
}

fn entity_labels(tokens: &[Token], entities: &[Entity]) -> Vec<u8> {
    let mut out = vec![0u8; tokens.len()];
    let mut e = 0;
    for (i, t) in tokens.iter().enumerate() {
        while e < entities.len() && entities[e].span.end <= t.span.start {
            e += 1;
        }
        if let Some(entity) = entities.get(e).filter(|x| x.span.overlaps(t.span)) {
            out[i] = entity.label as u8 + 1;
        }
    }
    out
}

/// The token range `first..end` covering `span` (tokens that overlap it).
#[cfg(feature = "internals")]
pub(crate) fn token_range(tokens: &[Token], span: Span) -> (usize, usize) {
    let first = tokens.partition_point(|t| t.span.end <= span.start);
    let end = tokens.partition_point(|t| t.span.start < span.end);
    (first, end.max(first))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unseen_cue_shares_context_features_with_a_known_one() {
        // "muttered" is not in the lexicon, but its suffix and context features equal those of
        // "answered" in the same frame.
        let a = "The coach muttered that it was over.";
        let b = "The coach answered that it was over.";
        let feats = |t: &str| {
            let d = Doc::new(t, &[], &[]);
            let mut out = Vec::new();
            d.features(2, d.lines[0].first, d.lines[0].end, &mut out);
            out
        };
        let (fa, fb) = (feats(a), feats(b));
        let shared = fa.iter().filter(|h| fb.contains(h)).count();
        assert!(shared >= 12, "shared {shared}");
        assert_ne!(fa, fb);
    }

    #[test]
    fn a_claim_before_a_short_tail_sees_the_tail() {
        let d = Doc::new("The plan is dead, officials said. It rained all day.", &[], &[]);
        let at = |w: &str| d.tokens.iter().position(|t| t.span.slice(&d.text) == w).expect(w);
        let plan = at("plan");
        assert_eq!(d.tail_side[plan], 0);
        assert_eq!(d.tail_dist[plan], at(",") - plan);
        let tail = d.tail[plan];
        assert_eq!((tail.words, tail.first, tail.last, tail.cue), (2, hash_str("officials"), hash_str("said"), true));
        assert_eq!(d.tail_side[at("officials")], 1);
        // A sentence with no comma has no tail.
        assert_eq!(d.tail_side[at("rained")], 2);
    }

    #[test]
    fn an_unlisted_word_before_that_governs_the_clause() {
        let d = Doc::new("The coach muttered that it was over. He left early so that nobody saw.", &[], &[]);
        let at = |w: &str| d.tokens.iter().position(|t| t.span.slice(&d.text) == w).expect(w);
        assert!(!d.lexicon[at("muttered")] && !d.attitude[at("muttered")]);
        assert_eq!(d.governor_left[at("it")], at("it") - at("muttered"));
        assert_eq!(d.governor_suffix[at("it")], hash_str("ed"));
        // "so that" governs nothing, and the next sentence starts afresh.
        assert_eq!(d.governor_left[at("nobody")], NONE);
    }

    #[test]
    fn speech_acts_the_speech_verb_lexicon_leaves_out_are_attitude_words() {
        // "talked about" and "the remarks" govern contents; "walked about" does not.
        let d = Doc::new("She talked about the remarks. He walked about the town.", &[], &[]);
        let at = |w: &str| d.tokens.iter().position(|t| t.span.slice(&d.text) == w).expect(w);
        assert!(d.attitude[at("talked")] && d.attitude[at("remarks")] && !d.attitude[at("walked")]);
        assert!(!d.lexicon[at("talked")]);
        assert_eq!(d.attitude_left[at("about")], 1);
    }

    #[test]
    fn cue_distances_stay_in_their_sentence() {
        let d = Doc::new("He said it. Then rain fell.", &[], &[]);
        let said = 1;
        assert!(d.lexicon[said]);
        assert_eq!(d.cue_left[2], 1);
        let rain = d.tokens.iter().position(|t| t.span.start == 17).expect("rain");
        assert_eq!(d.cue_left[rain], NONE);
    }
}
