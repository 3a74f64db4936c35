//! Feature extraction: what the tagger sees of each token, as hashes.
//!
//! A [`Doc`] precomputes per-token hashes once (word, lowercase, shapes, affixes, gazetteer
//! matches, and how the same word is written elsewhere in the document), so that extracting a
//! token's features is a few dozen hash combinations with no allocation. The features do not
//! depend on the tags being decoded; tag context comes from the transition weights.
//!
//! Changing any template, the hashing, the tokenizer or the gazetteers changes what the weights
//! mean: bump [`FEATURE_VERSION`] and retrain (scripts/train-ner.sh).

use super::gazetteer::{Gazetteer, List, Position};
use super::hashing::{combine, hash_lower, hash_str, Fnv, FnvMap, HashKeyed};
use super::tokens::{Line, Token, Tokenized};
use super::word_classes::{WordClass, WordClasses};
use crate::text::marks::is_apostrophe;

/// Recorded in the model header; a model built for other features is refused.
pub(crate) const FEATURE_VERSION: u32 = 3;

/// How a word is capitalised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    NoLetters,
    Lower,
    Title,
    Upper,
    Mixed,
}

/// Bits of [`TokenInfo::doc_evidence`]: how the same word (lowercased) appears elsewhere in the
/// document where its capitalisation means something (mid-sentence, in a mixed-case line).
mod evidence {
    pub const TITLE: u8 = 1;
    pub const LOWER: u8 = 2;
    pub const UPPER: u8 = 4;
    /// After a first name in a run of capitalised words: a surname.
    pub const AFTER_FIRST_NAME: u8 = 8;
    /// In a run of capitalised words ending with an organisation word ("Inc", "Party").
    pub const IN_ORG_RUN: u8 = 16;
}

#[derive(Clone, Copy, Debug)]
struct TokenInfo {
    word: u64,
    lower: u64,
    shape: u64,
    short_shape: u64,
    prefixes: [u64; 4],
    suffixes: [u64; 4],
    case: Case,
    gazetteer: [Position; List::COUNT],
    doc_evidence: u8,
    class: WordClass,
    /// How the first pass labelled the other occurrences of this word in the document
    /// (`set_first_pass`); 0 before it or when there are none.
    first_pass: u8,
    /// Which distinct spelling of the text the token is (0, 1, … in order of first occurrence).
    spelling: u32,
    /// Which distinct `lower` of the text the token has (0, 1, … in order of first occurrence):
    /// the document-level passes count per lowercase form in a vector indexed by it, rather
    /// than in a map probed for every token.
    lower_id: u32,
    /// `hash_lower` of the word as written (`lower` reads its apostrophes as ASCII ones).
    written_lower: u64,
}

/// A tokenised document with everything features need.
pub(crate) struct Doc {
    pub tokens: Vec<Token>,
    pub lines: Vec<Line>,
    info: Vec<TokenInfo>,
    /// How many distinct spellings the tokens have (`TokenInfo::spelling`).
    spellings: usize,
    /// How many distinct lowercase forms (`TokenInfo::lower_id`) the tokens have.
    lowers: usize,
    /// The first pass's tag of each token (`entities::stacked`); empty without one.
    pub first_tags: Vec<u8>,
    /// The first pass's scores of each token (`N_TAGS` a token), which the second pass only
    /// adds its `first_pass_features` to; empty without a first pass.
    pub first_emissions: Vec<f32>,
}

/// Stands for the words before a line's first token and after its last.
const OUTSIDE: u64 = 0x00b0_5e05;

/// Which part of the context features `Doc::context_part` appends.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    All,
    Variant,
    Neighbours,
}

impl Doc {
    /// The features of `text`, tokenised here (for the trainer and tests; `analyze` tokenises once
    /// for both taggers and calls [`Doc::from_tokens`]).
    #[cfg(any(test, feature = "internals"))]
    pub fn new(text: &str) -> Doc {
        Doc::from_tokens(text, super::tokens::tokenize(text))
    }

    /// [`Doc::new`] on `text` split by `tokenize` already.
    pub fn from_tokens(text: &str, (tokens, lines): Tokenized) -> Doc {
        let gazetteer = Gazetteer::shared();
        let classes = WordClasses::shared();
        // A word's info depends on its spelling alone, and most tokens of an article repeat an
        // earlier one ("the", "said", a name): each distinct spelling is read once, and the
        // maps are sized for every token being new, so that they never grow.
        let mut seen: FnvMap<&str, u32> = FnvMap::with_capacity_and_hasher(tokens.len(), Default::default());
        let mut lower_ids: HashKeyed<u32> = HashKeyed::with_capacity_and_hasher(tokens.len(), Default::default());
        let mut distinct: Vec<TokenInfo> = Vec::new();
        let mut info: Vec<TokenInfo> = Vec::with_capacity(tokens.len());
        for t in &tokens {
            let word = t.span.slice(text);
            let next = distinct.len() as u32;
            let spelling = *seen.entry(word).or_insert(next);
            if spelling == next {
                let ascii = ascii_apostrophes(word);
                let info = token_info(&ascii);
                // A class the file gives the word as written ("o’malley") before the ASCII one.
                let written_lower = match ascii {
                    std::borrow::Cow::Borrowed(_) => info.lower,
                    std::borrow::Cow::Owned(_) => hash_lower(word),
                };
                let class = match classes.of_lower_hash(written_lower) {
                    c if c.fine != 0 || written_lower == info.lower => c,
                    _ => classes.of_lower_hash(info.lower),
                };
                let new_lower = lower_ids.len() as u32;
                let lower_id = *lower_ids.entry(info.lower).or_insert(new_lower);
                distinct.push(TokenInfo { class, spelling, lower_id, written_lower, ..info });
            }
            info.push(distinct[spelling as usize]);
        }
        let spellings = distinct.len();
        let n_lowers = lower_ids.len();
        let mut matches = Vec::with_capacity(tokens.len());
        let mut lowers = Vec::new();
        for line in &lines {
            lowers.clear();
            lowers.extend(info[line.first..line.end].iter().map(|i| i.lower));
            gazetteer.matches(&lowers, &mut matches);
        }
        for (i, m) in info.iter_mut().zip(matches) {
            i.gazetteer = m;
        }
        add_doc_evidence(&tokens, &lines, &mut info, n_lowers);
        Doc { tokens, lines, info, spellings, lowers: n_lowers, first_tags: Vec::new(), first_emissions: Vec::new() }
    }

    /// Appends the feature hashes of token `i` to `out`.
    pub fn features(&self, i: usize, out: &mut Vec<u64>) {
        self.spelling_features(i, out);
        self.context_features(i, out);
    }

    /// How many distinct spellings the tokens have (`TokenInfo::spelling`).
    pub fn spellings(&self) -> usize {
        self.spellings
    }

    /// `hashing::hash_lower` of token `i` as written (`t.span.slice(text)`), computed once per
    /// spelling.
    pub fn written_lower(&self, i: usize) -> u64 {
        self.info[i].written_lower
    }

    /// The first of `features`: those that depend on token `i`'s spelling alone.
    pub fn spelling_features(&self, i: usize, out: &mut Vec<u64>) {
        let me = &self.info[i];
        let mut push = |template: u64, value: u64| out.push(combine(template, value));
        push(0, 0);
        push(1, me.word);
        push(2, me.lower);
        for (k, (&p, &s)) in me.prefixes.iter().zip(&me.suffixes).enumerate() {
            push(3 + k as u64, p);
            push(7 + k as u64, s);
        }
        push(11, me.shape);
        push(12, me.short_shape);
    }

    /// The rest of `features`: those that read the token's neighbours, line, sentence or document.
    pub fn context_features(&self, i: usize, out: &mut Vec<u64>) {
        self.context_part(i, Context::All, out);
    }

    /// Which of token `i`'s context features have the same hashes for every token of its
    /// [`Doc::variant`]: those that read nothing but its spelling, its lowercase form's
    /// evidence, its line being all caps and its opening a sentence. A tagger whose scorer
    /// `sums_exactly` adds them once per variant.
    pub fn variant_features(&self, i: usize, out: &mut Vec<u64>) {
        self.context_part(i, Context::Variant, out);
    }

    /// The context features that are not `variant_features` (the first-pass features last).
    pub fn neighbour_features(&self, i: usize, out: &mut Vec<u64>) {
        self.context_part(i, Context::Neighbours, out);
    }

    /// Token `i`'s variant, below `4 * spellings()`: its spelling, whether its line is all caps
    /// and whether it opens a sentence. Tokens of one variant have the same
    /// [`Doc::spelling_features`] and [`Doc::variant_features`].
    pub fn variant(&self, i: usize) -> usize {
        let caps = self.lines[self.tokens[i].line as usize].all_caps as usize;
        self.info[i].spelling as usize * 4 + caps * 2 + self.tokens[i].sentence_start as usize
    }

    /// `which` of the context features, in the order `context_features` gives them: one body
    /// for the three, so that the split cannot drift from the whole.
    fn context_part(&self, i: usize, which: Context, out: &mut Vec<u64>) {
        let (own, others) = (which != Context::Neighbours, which != Context::Variant);
        let line = &self.lines[self.tokens[i].line as usize];
        let me = &self.info[i];
        let at = |offset: isize| -> Option<&TokenInfo> {
            let j = i as isize + offset;
            (j >= line.first as isize && j < line.end as isize).then(|| &self.info[j as usize])
        };
        let lower = |offset| at(offset).map_or(OUTSIDE, |t| t.lower);
        let short = |offset| at(offset).map_or(OUTSIDE, |t| t.short_shape);
        let sentence_start = self.tokens[i].sentence_start as u64;
        let caps = line.all_caps as u64;
        let mut push = |template: u64, value: u64| out.push(combine(template, value));

        if others {
            push(13, lower(-1));
            push(14, lower(1));
            push(15, lower(-2));
            push(16, lower(2));
            push(17, short(-1));
            push(18, short(1));
            push(19, combine(short(-1), me.short_shape));
            push(20, combine(me.short_shape, short(1)));
            push(21, combine(lower(-1), me.lower));
            push(22, combine(me.lower, lower(1)));
            push(23, combine(at(-1).map_or(OUTSIDE, |t| t.word), me.short_shape));
            push(24, combine(lower(1), me.short_shape));
        }
        if own {
            push(25, combine(sentence_start, me.short_shape));
            push(26, combine(caps, me.short_shape));
            push(27, combine(caps * 2 + sentence_start, combine(me.doc_evidence as u64, me.case as u64)));
            push(28, combine(me.doc_evidence as u64, me.short_shape));
        }
        if others {
            for (l, &pos) in me.gazetteer.iter().enumerate() {
                if pos != Position::None {
                    let key = (l as u64) << 8 | pos as u64;
                    push(29, key);
                    push(30, combine(key, me.case as u64 + 8 * caps));
                }
            }
            for (offset, template) in [(-1, 31), (1, 32)] {
                if let Some(t) = at(offset) {
                    for (l, &pos) in t.gazetteer.iter().enumerate() {
                        if pos != Position::None {
                            push(template, combine((l as u64) << 8 | pos as u64, me.case as u64));
                        }
                    }
                }
            }
            push(33, combine(short(-2), combine(short(-1), me.short_shape)));
            push(34, combine(lower(-2), lower(-1)));
        }
        // Word classes (`word_classes`): the word's own, with its case, and its neighbours'.
        let class = |offset| at(offset).map_or(OUTSIDE, |t| t.class.fine as u64);
        if own && me.class.fine != 0 {
            push(35, me.class.fine as u64);
            push(36, combine(me.class.fine as u64, me.case as u64 + 8 * caps));
            push(37, combine(me.class.coarse as u64, me.short_shape));
        }
        if !others {
            return;
        }
        push(38, combine(class(-1), me.short_shape));
        push(39, combine(class(1), me.short_shape));
        self.first_pass_features(i, out);
    }

    /// Appends the features of token `i` that come from the first pass (`set_first_pass`): how
    /// the document labels this word elsewhere. The last of `features`, and the only ones that
    /// differ between the passes.
    pub fn first_pass_features(&self, i: usize, out: &mut Vec<u64>) {
        let me = &self.info[i];
        if me.first_pass == 0 {
            return;
        }
        let line = &self.lines[self.tokens[i].line as usize];
        // Before the line's first word: `OUTSIDE` cut to a byte (5, as the model was trained).
        let before = if i > line.first { self.info[i - 1].first_pass } else { OUTSIDE as u8 } as u64;
        let sentence_start = self.tokens[i].sentence_start as u64;
        let caps = line.all_caps as u64;
        let fp = me.first_pass as u64;
        out.push(combine(40, fp));
        out.push(combine(41, combine(fp, me.case as u64 + 8 * caps + 16 * sentence_start)));
        out.push(combine(42, combine(fp, before)));
    }

    /// Whether any token of `line` has a first-pass feature: only those lines read differently
    /// in the second pass.
    pub fn has_first_pass(&self, line: &Line) -> bool {
        self.info[line.first..line.end].iter().any(|t| t.first_pass != 0)
    }

    /// Records a first pass over the document (`kinds`: per token, 0 for outside a name, else
    /// 1 + the tagger's kind), as features of the second: each capitalised word learns how its
    /// other occurrences (same lowercase form) were labelled — the label most of them got, and
    /// whether all agreed — so that an article's unambiguous mentions of a name inform its
    /// ambiguous ones (a stacked tagger, Krishnan & Manning 2006).
    pub fn set_first_pass(&mut self, kinds: &[u8]) {
        const N: usize = 5;
        let mut counts = vec![[0u16; N]; self.lowers];
        for (t, &k) in self.info.iter().zip(kinds) {
            let c = &mut counts[t.lower_id as usize][(k as usize).min(N - 1)];
            *c = c.saturating_add(1);
        }
        for (t, &k) in self.info.iter_mut().zip(kinds) {
            t.first_pass = 0;
            if matches!(t.case, Case::Lower | Case::NoLetters) {
                continue;
            }
            // The token itself was counted above: what is left is its other occurrences.
            let mut c = counts[t.lower_id as usize];
            c[(k as usize).min(N - 1)] -= 1;
            let total: u16 = c.iter().sum();
            if total == 0 {
                continue;
            }
            // Names first on a tie: the document calls the word a name at least as often.
            let best = (1..N).chain([0]).max_by_key(|&s| (c[s], std::cmp::Reverse((s + N - 1) % N))).unwrap_or(0);
            let unanimous = c[best] == total;
            t.first_pass = 1 + best as u8 + if unanimous { 8 } else { 0 };
        }
    }
}

/// `word` with every apostrophe (`text::marks::is_apostrophe`) written as the ASCII one: the
/// tagger reads "GE’s" as it reads "GE's". Its training text (CoNLL-2003) has no other
/// apostrophe, so a typographic one was a word it had never seen ("’s" after an acronym left
/// the acronym untagged); and since that text has none, the features of every training token,
/// and so the trained weights, are the same with this or without it (no retraining, and
/// `FEATURE_VERSION` stays).
fn ascii_apostrophes(word: &str) -> std::borrow::Cow<'_, str> {
    if word.bytes().all(|b| b.is_ascii()) {
        return std::borrow::Cow::Borrowed(word);
    }
    std::borrow::Cow::Owned(word.chars().map(|c| if is_apostrophe(c) { '\'' } else { c }).collect())
}

fn token_info(word: &str) -> TokenInfo {
    let mut shape = Fnv::new();
    let mut short_shape = Fnv::new();
    let (mut n_upper, mut n_lower, mut n_chars) = (0usize, 0usize, 0usize);
    let mut first_upper = false;
    let mut last_class = '\0';
    let mut n_short = 0;
    let mut head = [0u64; 4];
    let mut prefix = Fnv::new();
    // Last four lowercase chars, for suffixes, in a ring.
    let mut tail = ['\0'; 4];
    for c in word.chars() {
        let lc = if c.is_ascii() { c.to_ascii_lowercase() } else { c.to_lowercase().next().unwrap_or(c) };
        let class = if c.is_uppercase() {
            n_upper += 1;
            if n_chars == 0 {
                first_upper = true;
            }
            'X'
        } else if c.is_lowercase() {
            n_lower += 1;
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if n_chars < 12 {
            shape = shape.char(class);
        } else if n_chars == 12 {
            shape = shape.char('~');
        }
        if class != last_class && n_short < 8 {
            short_shape = short_shape.char(class);
            n_short += 1;
            last_class = class;
        }
        if n_chars < 4 {
            prefix = prefix.char(lc);
            head[n_chars] = prefix.finish();
        }
        tail[n_chars % 4] = lc;
        n_chars += 1;
    }
    let mut prefixes = [0u64; 4];
    let mut suffixes = [0u64; 4];
    for k in 0..4 {
        // Words shorter than the affix reuse their longest one: the affix is the whole word.
        prefixes[k] = head[k.min(n_chars.saturating_sub(1))];
        let len = (k + 1).min(n_chars);
        let mut h = Fnv::new();
        for j in (n_chars - len)..n_chars {
            h = h.char(tail[j % 4]);
        }
        suffixes[k] = h.finish();
    }
    let case = match (n_upper, n_lower) {
        (0, 0) => Case::NoLetters,
        (0, _) => Case::Lower,
        (u, 0) if u > 1 || n_chars == 1 => Case::Upper,
        (1, _) if first_upper => Case::Title,
        (_, 0) => Case::Upper,
        _ => Case::Mixed,
    };
    TokenInfo {
        word: hash_str(word),
        lower: hash_lower(word),
        shape: shape.finish(),
        short_shape: short_shape.finish(),
        prefixes,
        suffixes,
        case,
        gazetteer: [Position::None; List::COUNT],
        doc_evidence: 0,
        class: WordClass::default(),
        first_pass: 0,
        spelling: 0,
        lower_id: 0,
        written_lower: 0,
    }
}

/// Fills `doc_evidence`: a headline's "JAPAN" or a sentence-initial "Blackburn" borrows the
/// capitalisation its word has elsewhere in the same document, where it is informative.
fn add_doc_evidence(tokens: &[Token], lines: &[Line], info: &mut [TokenInfo], lowers: usize) {
    // Per lowercase form (`TokenInfo::lower_id`).
    let mut seen = vec![0u8; lowers];
    let first_name = List::FirstName as usize;
    let org_word = List::OrgWord as usize;
    for line in lines.iter().filter(|l| !l.all_caps) {
        let mut i = line.first;
        while i < line.end {
            let t = &info[i];
            let bit = match t.case {
                Case::Lower => evidence::LOWER,
                Case::Title if !tokens[i].sentence_start => evidence::TITLE,
                Case::Upper if !tokens[i].sentence_start => evidence::UPPER,
                _ => 0,
            };
            seen[t.lower_id as usize] |= bit;
            // Runs of capitalised words: names.
            if matches!(t.case, Case::Title | Case::Upper) {
                let mut end = i + 1;
                while end < line.end && matches!(info[end].case, Case::Title | Case::Upper) {
                    end += 1;
                }
                if end - i >= 2 {
                    let after_first_name = info[i].gazetteer[first_name] != Position::None;
                    let org = info[end - 1].gazetteer[org_word] != Position::None;
                    for t in &info[i + 1..end] {
                        let e = &mut seen[t.lower_id as usize];
                        if after_first_name {
                            *e |= evidence::AFTER_FIRST_NAME;
                        }
                        if org {
                            *e |= evidence::IN_ORG_RUN;
                        }
                    }
                    if org {
                        seen[info[i].lower_id as usize] |= evidence::IN_ORG_RUN;
                    }
                }
                for t in &info[i + 1..end] {
                    let bit = if t.case == Case::Title { evidence::TITLE } else { evidence::UPPER };
                    seen[t.lower_id as usize] |= bit;
                }
                i = end;
                continue;
            }
            i += 1;
        }
    }
    for t in info.iter_mut() {
        t.doc_evidence = seen[t.lower_id as usize];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(text: &str, word: &str) -> TokenInfo {
        let doc = Doc::new(text);
        let i = doc.tokens.iter().position(|t| t.span.slice(text) == word).expect("word in text");
        doc.info[i]
    }

    fn check(word: &str, shape: &str, short: &str, case: Case) {
        let t = token_info(word);
        let hash = |s: &str| s.chars().fold(Fnv::new(), |h, c| h.char(c)).finish();
        assert_eq!(t.shape, hash(shape), "{word} shape");
        assert_eq!(t.short_shape, hash(short), "{word} short shape");
        assert_eq!(t.case, case, "{word} case");
    }

    #[test]
    fn shapes_and_case() {
        check("Merkel", "Xxxxxx", "Xx", Case::Title);
        check("U.S.", "X.X.", "X.X.", Case::Upper);
        check("1996-08-22", "dddd-dd-dd", "d-d-d", Case::NoLetters);
        check("iPhone", "xXxxxx", "xXx", Case::Mixed);
        check("A", "X", "X", Case::Upper);
        check("Ölmühle", "Xxxxxxx", "Xx", Case::Title);
        check("Abcdefghijklmnop", "Xxxxxxxxxxxx~", "Xx", Case::Title);
    }

    #[test]
    fn affixes_are_lowercase_and_clipped() {
        let a = token_info("Merkel");
        let b = token_info("MERKEL");
        assert_eq!(a.prefixes, b.prefixes);
        assert_eq!(a.suffixes, b.suffixes);
        let short = token_info("Al");
        assert_eq!(short.prefixes[1], short.prefixes[3]);
        assert_eq!(short.suffixes[1], short.suffixes[3]);
        assert_eq!(short.suffixes[1], Fnv::new().bytes(b"al").finish());
    }

    #[test]
    fn document_evidence() {
        let text = "JAPAN BEAT SYRIA\nJapan and Syria met in the cup . Angela Merkel spoke .\nMerkel won .";
        // Line-initial "Japan" says nothing; mid-sentence "Syria" does, and the headline borrows it.
        assert_eq!(info(text, "JAPAN").doc_evidence, 0);
        assert_eq!(info(text, "SYRIA").doc_evidence, evidence::TITLE);
        assert_eq!(info(text, "BEAT").doc_evidence, 0);
        let merkel = info(text, "Merkel").doc_evidence;
        assert_ne!(merkel & evidence::AFTER_FIRST_NAME, 0);
        assert_eq!(info(text, "the").doc_evidence, evidence::LOWER);
    }

    #[test]
    fn first_pass_labels_of_the_other_occurrences() {
        let text = "Anna Keller spoke .\nKeller left .\nthe keller";
        let mut doc = Doc::new(text);
        let words: Vec<&str> = doc.tokens.iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(words, ["Anna", "Keller", "spoke", ".", "Keller", "left", ".", "the", "keller"]);
        let mut before = Vec::new();
        doc.features(4, &mut before);
        // The first pass read "Anna Keller" as a person (kind 0, so 1) and nothing else.
        doc.set_first_pass(&[1, 1, 0, 0, 0, 0, 0, 0, 0]);
        let fp: Vec<u8> = doc.info.iter().map(|t| t.first_pass).collect();
        // The second "Keller": once a person, once not elsewhere — the name wins the tie, not
        // unanimously. The first: never a name elsewhere, unanimously. Lower-case words and
        // words with no other occurrence get nothing.
        assert_eq!(fp, [0, 1 + 8, 0, 0, 2, 0, 0, 0, 0]);
        let mut after = Vec::new();
        doc.features(4, &mut after);
        assert_eq!(&after[..before.len()], &before[..], "the first pass only adds features");
        assert!(after.len() > before.len());
    }

    #[test]
    fn lowercase_forms_are_numbered_once_per_document() {
        let text = "Keller met KELLER and keller , O’Dell and O'Dell";
        let doc = Doc::new(text);
        let words: Vec<&str> = doc.tokens.iter().map(|t| t.span.slice(text)).collect();
        let id = |w: &str| doc.info[words.iter().position(|&x| x == w).expect("word")].lower_id;
        // One number per lowercase form, in order of first occurrence, whatever the case.
        assert_eq!([id("Keller"), id("KELLER"), id("keller"), id("met")], [0, 0, 0, 1]);
        assert_eq!(doc.lowers, 5, "keller met and , o'dell (the apostrophes read alike)");
        assert_eq!(id("O’Dell"), id("O'Dell"));
        // The lower-case hash of the word as written keeps its apostrophe.
        for (i, w) in words.iter().enumerate() {
            assert_eq!(doc.written_lower(i), hash_lower(w), "{w}");
        }
        assert_ne!(doc.written_lower(words.len() - 3), doc.written_lower(words.len() - 1));
    }

    #[test]
    fn variant_and_neighbour_features_split_the_context_features() {
        let text = "Keller met Keller . Keller left\nKELLER WON\nthe Keller of Bonn";
        let doc = Doc::new(text);
        let mut by_variant: std::collections::HashMap<usize, Vec<u64>> = std::collections::HashMap::new();
        for i in 0..doc.tokens.len() {
            let (mut whole, mut variant, mut rest) = (Vec::new(), Vec::new(), Vec::new());
            doc.context_features(i, &mut whole);
            doc.variant_features(i, &mut variant);
            doc.neighbour_features(i, &mut rest);
            assert!(!variant.is_empty() && !rest.is_empty());
            let mut parts = [variant.clone(), rest].concat();
            parts.sort_unstable();
            whole.sort_unstable();
            assert_eq!(parts, whole, "token {i}");
            // Tokens of one variant have the same variant features.
            assert_eq!(*by_variant.entry(doc.variant(i)).or_insert_with(|| variant.clone()), variant, "token {i}");
        }
        // "Keller" mid-sentence (twice), opening one, and in a capitalised line: three variants.
        let variant = |i: usize| doc.variant(i);
        assert_eq!(variant(0), variant(4), "both open a sentence");
        assert_ne!(variant(0), variant(2));
        assert_eq!(variant(2), variant(9));
        assert!(doc.tokens.iter().enumerate().all(|(i, _)| variant(i) < 4 * doc.spellings()));
    }

    #[test]
    fn features_are_deterministic_and_line_bounded() {
        let text = "Angela Merkel\nmet Siemens";
        let doc = Doc::new(text);
        let mut a = Vec::new();
        let mut b = Vec::new();
        doc.features(1, &mut a);
        doc.features(1, &mut b);
        assert_eq!(a, b);
        assert!(a.len() > 30);
        // "Merkel" ends its line: the next word is OUTSIDE, not "met".
        let other = Doc::new("Angela Merkel");
        let mut c = Vec::new();
        other.features(1, &mut c);
        assert_eq!(a, c);
    }

    #[test]
    fn a_typographic_apostrophe_reads_as_the_ascii_one() {
        // The training text has only the ASCII apostrophe: every token, the clitic and the
        // words around it, gets the features it would have with that one.
        let curly = Doc::new("Brann Oy’s owners and O’Dell’s staff");
        let ascii = Doc::new("Brann Oy's owners and O'Dell's staff");
        assert_eq!(curly.tokens.len(), ascii.tokens.len());
        for i in 0..curly.tokens.len() {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            curly.features(i, &mut a);
            ascii.features(i, &mut b);
            assert_eq!(a, b, "token {i}");
        }
        // A word the class file holds as written ("o’malley", from news text) keeps that class.
        let written = WordClasses::shared().of("o’malley");
        assert_ne!(written.fine, 0);
        assert_eq!(info("Kay O’Malley spoke", "O’Malley").class, written);
    }
}
