//! The mentions that may name a speaker, read off the words of `text::words`: names (runs of capitalised words, titles
//! trimmed off), pronouns (he, she, they, it, we) and nominals ("the Hungarian Foreign
//! Minister", "the campaign", "officials").
//!
//! Without a named-entity tagger this is all surface: capitalisation, small word lists and a
//! first-name lexicon. It deliberately does not decide who is speaking (`attribute`) or who a
//! pronoun is (`resolve`). One pass over the text, so the cost is linear.

use super::lexicon::{Gender, HeadClass, LEXICON};
use crate::analysis::{MentionKind, Span};
use crate::entities::clusters::is_particle;
use crate::text::data::listed;
use crate::text::fold::fold_lower as fold;
use crate::text::marks::may_open;
pub(crate) use crate::text::words::Token;

/// What a mention can refer to, as far as its surface tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    Person(Option<Gender>),
    People,
    Org,
    Place,
    /// A capitalised name with no evidence either way ("Orbán", "Caddell").
    Unknown,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Mention {
    /// The shortest text naming the referent: "Vladimir Putin" of "Russian President Vladimir Putin".
    pub span: Span,
    pub kind: MentionKind,
    pub class: Class,
    /// Token index where the whole phrase starts (titles included) and of its last token.
    pub first_token: usize,
    pub last_token: usize,
    /// Lower-case descriptive words: a name's titles ("russian", "president"); a nominal's
    /// modifiers and head ("hungarian", "foreign", "minister").
    pub descriptors: Vec<String>,
    /// A name's last word, lower case and folded ("putin"), by which later short mentions match.
    pub surname: Option<String>,
    /// The phrase opens its sentence, where any word is capitalised ("Tanks were discussed").
    pub sentence_initial: bool,
}

fn is_possessive(t: &Token) -> bool {
    t.lower == "’s" || t.lower == "'s" || t.lower == "’"
}

/// A word with its trailing full stop dropped, for the word lists ("sen." → "sen").
fn bare(t: &Token) -> &str {
    t.lower.trim_end_matches('.')
}

/// The most particles a name chains between its words ("van der", "de la").
const MAX_PARTICLES: usize = 2;

fn is_acronym(t: &Token, text: &str) -> bool {
    let w = t.span.slice(text).trim_end_matches('.');
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '-' || c.is_ascii_digit())
}

/// Whether `word` (lower case, no final stop) heads an organisation's name: a listed organisation
/// noun ("department", "bank") or a company form ("inc", "ltd").
pub(crate) fn is_org_word(word: &str) -> bool {
    matches!(LEXICON.heads.get(word), Some(HeadClass::Org))
        || matches!(
            word,
            "inc"
                | "corp"
                | "co"
                | "ltd"
                | "llc"
                | "party"
                | "house"
                | "post"
                | "times"
                | "news"
                | "journal"
                | "press"
                | "institute"
                | "university"
                | "foundation"
                | "association"
                | "center"
                | "centre"
                | "network"
                | "council"
                | "congress"
                | "senate"
                | "nato"
                | "union"
                | "magazine"
                | "tribune"
                | "herald"
                | "fund"
                | "commission"
                | "bureau"
                | "service"
                | "force"
                | "times’"
        )
}

/// Every mention in `tokens`, ordered by start. `sentence_starts[i]`: token `i` is the first of
/// one of the text's sentences (`text::segment`).
pub(crate) fn mentions(text: &str, tokens: &[Token], sentence_starts: &[bool]) -> Vec<Mention> {
    let mut out = Vec::new();
    names(text, tokens, sentence_starts, &mut out);
    nominals(tokens, sentence_starts, &mut out);
    subject_nominals(tokens, sentence_starts, &mut out);
    for (i, t) in tokens.iter().enumerate() {
        let class = match t.lower.as_str() {
            "he" => Class::Person(Some(Gender::Male)),
            "she" => Class::Person(Some(Gender::Female)),
            "they" | "we" => Class::People,
            // "I laughed and said": first-person narrators speak too; only the capital form,
            // so that a stray "i" is not one.
            "i" if t.span.len() == 1 => Class::Person(None),
            "it" => Class::Org,
            _ => continue,
        };
        let sentence_initial = opens_sentence(tokens, sentence_starts, i);
        out.push(Mention {
            span: t.span,
            kind: MentionKind::Pronoun,
            class,
            first_token: i,
            last_token: i,
            descriptors: Vec::new(),
            surname: None,
            sentence_initial,
        });
    }
    crate::order::sort_by_key(&mut out, |m| (m.span.start, m.span.end));
    out
}

/// True when token `i` is the first word of a sentence (the segmenter's), of a paragraph, of a
/// quote, or of a clause after a colon, semicolon, dash or bracket: where any word is capitalised.
fn opens_sentence(tokens: &[Token], sentence_starts: &[bool], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|p| tokens[p].lower.as_str()) else { return true };
    if sentence_starts[i] {
        return true;
    }
    let mut chars = prev.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => matches!(c, ':' | ';' | '—' | '―' | '(') || may_open(c),
        _ => false,
    }
}

/// A token that is one quotation mark that may close a quotation.
fn closes_quote(t: &Token) -> bool {
    let mut chars = t.lower.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if crate::text::marks::may_close(c))
}

fn names(text: &str, tokens: &[Token], sentence_starts: &[bool], out: &mut Vec<Mention>) {
    let lex = &*LEXICON;
    let mut i = 0;
    while i < tokens.len() {
        if !(tokens[i].is_word && tokens[i].capitalised) {
            i += 1;
            continue;
        }
        // The run: capitalised words, with name particles and initials between them.
        let start = i;
        let mut end = i + 1;
        while end < tokens.len() {
            let t = &tokens[end];
            if t.is_word && t.capitalised {
                end += 1;
            } else if t.is_word && is_particle(&t.lower) {
                // One particle or a chain of them before a capital: "de Blasio", "von der Leyen".
                let mut after = end + 1;
                while tokens.get(after).is_some_and(|n| n.is_word && is_particle(&n.lower)) && after - end < MAX_PARTICLES {
                    after += 1;
                }
                if !tokens.get(after).is_some_and(|n| n.is_word && n.capitalised) {
                    break;
                }
                end = after + 1;
            } else {
                break;
            }
        }
        i = end;
        let mut first = start;
        while first < end && lex.function_words.contains(bare(&tokens[first])) && !is_acronym(&tokens[first], text) {
            first += 1;
        }
        if first == end {
            continue;
        }
        let run = &tokens[first..end];
        let last = &run[run.len() - 1];
        let sentence_initial = opens_sentence(tokens, sentence_starts, first);
        // "Two witnesses said", "Several shopkeepers said": a quantity opening a sentence is no
        // name, and the nominal after it is the speaker (`subject_nominals`).
        if run.len() == 1 && is_quantity_head(&last.lower) {
            continue;
        }
        // "Recently, …", "Meanwhile, …": a sentence adverb, not a name.
        if run.len() == 1 && sentence_initial && last.lower.ends_with("ly") {
            continue;
        }
        if is_org_word(bare(last)) || run.len() == 1 && is_acronym(last, text) {
            let surname = Some(fold(bare(last)));
            out.push(Mention {
                span: Span::new(run[0].span.start, last.span.end),
                kind: MentionKind::Name,
                class: Class::Org,
                first_token: first,
                last_token: end - 1,
                descriptors: Vec::new(),
                surname,
                sentence_initial,
            });
            continue;
        }
        // Titles and nationality adjectives in front are descriptions, not the name.
        let mut name_from = first;
        let mut gender = None;
        let mut titled = false;
        let mut honorific = false;
        for k in first..end - 1 {
            let w = bare(&tokens[k]);
            if let Some(g) = lex.titles.get(w) {
                name_from = k + 1;
                titled = true;
                // "Mr. King", "Sen. Price": whatever follows an honorific is a name.
                honorific |= g.is_some() || tokens[k].lower.ends_with('.');
                gender = gender.or(*g);
            } else if lex.places.contains(w) && k + 1 < end && lex.titles.contains_key(bare(&tokens[k + 1])) {
                name_from = k + 1;
            }
        }
        // "Secretary of [State John Kerry]", "Director of [National Intelligence James
        // Clapper]", "Governor of the Bank of [England Andrew Bailey]": after a title of several
        // words, the run's words before a first name are the title's.
        // ("President of the [European Commission Ursula von der Leyen]": "the" may stand after "of".)
        let of_at = match first.checked_sub(2).map(|b| (tokens[b].lower.as_str(), tokens[first - 1].lower.as_str())) {
            Some((_, "of")) => Some(first - 1),
            Some(("of", "the")) => Some(first - 2),
            _ => None,
        };
        let after_title_of = first == start
            && of_at.is_some_and(|of| of >= 1 && (lex.titles.contains_key(bare(&tokens[of - 1])) || in_a_title_of(tokens, of - 1)));
        if after_title_of {
            if let Some(k) = (name_from.max(first + 1)..end - 1).find(|&k| lex.first_names.contains_key(fold(bare(&tokens[k])).as_str())) {
                name_from = k;
                titled = true;
            }
        }
        let name = &tokens[name_from..end];
        if !honorific && name.iter().all(|t| lex.titles.contains_key(bare(t))) {
            continue;
        }
        // "U.S. Secretary of State Anna Keller": a run ending in a title before "of" and a
        // capital is the head of a title of several words, not a name.
        if heads_a_title_of(tokens, end - 1) && tokens.get(end + 1).is_some_and(|t| t.capitalised) {
            continue;
        }
        let lower_all: Vec<&str> = name.iter().map(bare).collect();
        let joined = lower_all.join(" ");
        let first_name = lex.first_names.get(fold(bare(&name[0])).as_str()).copied();
        let class = if lex.places.contains(joined.as_str()) {
            Class::Place
        } else if name.len() == 1 && is_acronym(&name[0], text) {
            Class::Org
        } else if titled || first_name.is_some() && (name.len() > 1 || tokens.get(end).map_or(true, |t| !is_possessive(t))) {
            Class::Person(gender.or(first_name))
        } else {
            Class::Unknown
        };
        out.push(Mention {
            span: Span::new(name[0].span.start, name[name.len() - 1].span.end),
            kind: MentionKind::Name,
            class,
            first_token: first,
            last_token: end - 1,
            descriptors: tokens[first..name_from].iter().map(|t| bare(t).to_string()).collect(),
            surname: Some(fold(bare(&name[name.len() - 1]))),
            sentence_initial,
        });
    }
}

/// An article, possessive or demonstrative that opens a noun phrase (lower case).
pub(crate) fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
            | "another"
            | "this"
            | "that"
            | "these"
            | "those"
            | "one"
    )
}

fn nominals(tokens: &[Token], sentence_starts: &[bool], out: &mut Vec<Mention>) {
    let lex = &*LEXICON;
    for (h, t) in tokens.iter().enumerate() {
        let Some(&class) = lex.heads.get(t.lower.as_str()).filter(|_| t.is_word) else { continue };
        // "the campaign spokesman": the mention is the whole compound, headed by its last noun.
        if tokens.get(h + 1).is_some_and(|n| n.is_word && lex.heads.contains_key(n.lower.as_str())) {
            continue;
        }
        let mut start = None;
        let mut k = h;
        while k > 0 && h - k < 6 {
            k -= 1;
            let w = &tokens[k];
            // "the spokesman", and a quantifier as the determiner: "many officials", "two aides",
            // "a few aides".
            if w.is_word && is_determiner(&w.lower) {
                start = Some(k);
                break;
            }
            if w.is_word && is_quantifier(&w.lower) {
                start = Some(with_determiner_before(tokens, k));
                break;
            }
            if is_possessive(w) {
                // "Trump’s campaign", "Putin’s spokesman": a named possessor opens the mention;
                // "the ad’s narrator": a common one is walked through to its determiner.
                let mut p = k;
                while p > 0 && tokens[p - 1].is_word && tokens[p - 1].capitalised {
                    p -= 1;
                }
                if p < k {
                    start = Some(p);
                    break;
                }
                continue;
            }
            if !w.is_word
                || lex.function_words.contains(w.lower.as_str())
                || lex.linking_words.contains(w.lower.as_str())
                || crate::quotes::CUES.is_cue_word(&w.lower)
            {
                // Bare plurals and capitalised compounds open at the first word after the stop:
                // "officials said", "Clinton aides said".
                if class == HeadClass::People {
                    start = Some(k + 1);
                }
                break;
            }
            if k == 0 && class == HeadClass::People {
                start = Some(0);
            }
        }
        if h == 0 && class == HeadClass::People {
            start = Some(0);
        }
        let Some(start) = start else { continue };
        let class = match class {
            HeadClass::Person(g) => Class::Person(g),
            HeadClass::People => Class::People,
            HeadClass::Org => Class::Org,
        };
        out.push(Mention {
            span: Span::new(tokens[start].span.start, t.span.end),
            kind: MentionKind::Nominal,
            class,
            first_token: start,
            last_token: h,
            descriptors: tokens[start + 1..=h].iter().filter(|w| w.is_word).map(|w| bare(w).to_string()).collect(),
            surname: None,
            sentence_initial: opens_sentence(tokens, sentence_starts, start),
        });
    }
}

/// Plural nouns without an "-s" that name people ("people familiar with the talks said").
const IRREGULAR_PLURALS: &str = "people men women children police staff personnel folk";

/// How many lower-case words a nominal found by its verb may hold ("the night shift inspector").
const MAX_SUBJECT_WORDS: usize = 3;

/// Prepositions that attach a modifier to the noun before them: "the senator from Ohio", "a
/// spokesman for the campaign", "a nurse at the hospital". The subject of a verb after such a
/// phrase is the noun before the preposition, not its object.
const ATTACHING: &str = "of for from at with in";

/// Adjectives and participles that carry a preposition after a noun: "a source familiar with the
/// talks", "officials close to the mayor", "people briefed on the plan".
const POSTMODIFIERS: &str =
    "familiar close closest loyal involved opposed briefed allied sympathetic knowledgeable connected linked speaking working";

/// The prepositions such a word takes ("close to", "briefed on", "knowledgeable about").
const POSTMODIFIER_PREPOSITIONS: &str = "with to in on about at for";

/// Heads of quantities rather than of speakers: in "a majority of voters said" or "a number of
/// officials said" the phrase after "of" names who speaks.
const QUANTITY_HEADS: &str = concat!(
    "majority minority plurality number lot lots handful dozens hundreds thousands millions half third quarter rest share percent part some many several ",
    "most few all none each both either neither any one two three four five six seven eight nine ten dozen hundred thousand million"
);

/// When `prep` is a preposition attaching a modifier to the noun phrase before it and `before`
/// the word right before it, how many words before `prep` that phrase's head stands: 1 for "a
/// nurse [at] the hospital", 2 for "a source familiar [with] the talks"; `None` when `prep`
/// attaches nothing this way. Words in any case, so that the speaker rules and the attribution
/// linker, which read different tokens, share the rule.
pub(crate) fn modifier_reach(before: &str, prep: &str) -> Option<usize> {
    if listed(POSTMODIFIERS, before) && listed(POSTMODIFIER_PREPOSITIONS, prep) {
        Some(2)
    } else {
        listed(ATTACHING, prep).then_some(1)
    }
}

/// Whether a speech verb (lower case) has a finite form: "-s", "-ed" or an irregular past
/// ("warns", "warned", "said"); "the following comment", "a press statement" are compounds.
pub(crate) fn is_finite_form(verb: &str) -> bool {
    verb.ends_with('s') || verb.ends_with("ed") || matches!(verb, "said" | "told" | "wrote" | "spoke" | "thought" | "felt")
}

/// Whether `word` (lower case) is a plural noun's form: "-s" but not "-ss" or "-us", or one of
/// `IRREGULAR_PLURALS`.
pub(crate) fn is_plural_form(word: &str) -> bool {
    word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") || listed(IRREGULAR_PLURALS, word)
}

/// Whether `word` may head a noun phrase that speaks: a word of letters that heads no quantity
/// ("half", "a majority", "two": in "a majority of the tenants said" the tenants speak).
pub(crate) fn may_head_speaker(word: &str) -> bool {
    word.chars().all(|c| c.is_alphabetic() || c == '-') && !is_quantity_head(word)
}

/// Whether `word` (any case) heads a quantity (`QUANTITY_HEADS`).
pub(crate) fn is_quantity_head(word: &str) -> bool {
    listed(QUANTITY_HEADS, word)
}

/// Words that count a noun as a determiner does ("two aides", "many officials"; not the nouns
/// of quantities, "the majority leader", "a third source").
const QUANTIFIERS: &str = "some many several few both most all two three four five six seven eight nine ten eleven twelve twenty";

/// Whether `word` (lower case) is in `QUANTIFIERS`.
fn is_quantifier(word: &str) -> bool {
    listed(QUANTIFIERS, word)
}

/// Where a noun phrase starts whose quantifier is token `q`: at the determiner before it, if
/// any ("a few aides", "the two sides"), else at `q`.
fn with_determiner_before(tokens: &[Token], q: usize) -> usize {
    match q.checked_sub(1) {
        Some(d) if tokens[d].is_word && is_determiner(&tokens[d].lower) => d,
        _ => q,
    }
}

/// Whether `gap`, the text between two noun phrases, attaches the second to the first as a
/// modifier's object: " at ", " for the ", " familiar with ", " with knowledge of the " ("a
/// nurse at the hospital", "officials with knowledge of the talks": a bare noun between two
/// modifiers).
pub(crate) fn is_modifier_gap(gap: &str) -> bool {
    let mut words = [""; 4];
    let mut n = 0;
    for w in gap.split_whitespace() {
        if n == words.len() {
            return false;
        }
        words[n] = w;
        n += 1;
    }
    // "a spokeswoman for [the] Israeli Defence Ministry": the article may stand outside the name.
    if n > 0 && is_determiner(&words[n - 1].to_ascii_lowercase()) {
        n -= 1;
    }
    let bare_noun = |w: &str| listed(BARE_OBJECTS, w);
    match n {
        1 => modifier_reach("", words[0]) == Some(1),
        2 => modifier_reach(words[0], words[1]) == Some(2),
        3 => modifier_reach("", words[0]) == Some(1) && bare_noun(words[1]) && modifier_reach("", words[2]) == Some(1),
        _ => false,
    }
}

/// Whether token `h` is a capitalised title before "of" ("Secretary of State …", "the Governor
/// of the Bank of England …"; "U.S. Ambassador to …" is not one, and "the director of the
/// agency, Ann Holt," is a description, which `nominals` reads); not a surname that is a
/// title's word too, after a first name or an initial ("Tom King of Keltra Bank", "Peter T.
/// King of Ohio").
fn heads_a_title_of(tokens: &[Token], h: usize) -> bool {
    let lex = &*LEXICON;
    let before = h.checked_sub(1).map(|b| &tokens[b]);
    let after_a_name =
        before.is_some_and(|b| b.capitalised && (lex.first_names.contains_key(fold(bare(b)).as_str()) || bare(b).chars().count() == 1));
    tokens[h].capitalised
        && lex.titles.contains_key(bare(&tokens[h]))
        && tokens.get(h + 1).is_some_and(|t| t.lower == "of")
        && !after_a_name
}

/// Whether token `h` is the head of a title of several words, or inside one: a title before
/// "of" ("[Secretary] of State"), or a word of the name after such a title's "of" ("Chairman
/// of the Joint [Chiefs] of Staff"). A person's name after such a title is in apposition to it
/// ("Chairman of the Joint Chiefs of Staff Gen. Mark Milley said"): the name is the speaker,
/// where after a modifier of a description the description's head is ("a spokesman for the
/// Joint Chiefs said").
pub(crate) fn in_a_title_of(tokens: &[Token], h: usize) -> bool {
    if heads_a_title_of(tokens, h) {
        return true;
    }
    let mut k = h;
    while h - k < MAX_TITLE_OBJECT && tokens[k].is_word && (tokens[k].capitalised || tokens[k].lower == "the") {
        match k.checked_sub(2) {
            Some(t) if tokens[k - 1].lower == "of" => return heads_a_title_of(tokens, t),
            Some(_) => k -= 1,
            None => return false,
        }
    }
    false
}

/// Whether `phrase` opens with a title of several words: one of its first three words is a
/// capitalised title followed by "of" ("Chairman of the Joint Chiefs of Staff Gen. Mark Milley",
/// "U.S. Secretary of State Anna Keller", "Deputy Director of …").
pub(crate) fn opens_with_a_title_of(phrase: &str) -> bool {
    let words: Vec<&str> = phrase.split_whitespace().take(4).collect();
    words.windows(2).take(3).any(|w| {
        w[0].starts_with(char::is_uppercase) && w[1] == "of" && LEXICON.titles.contains_key(w[0].to_lowercase().trim_end_matches('.'))
    })
}

/// The most words between a title's "of" and the head of its object ("of the Joint [Chiefs]").
const MAX_TITLE_OBJECT: usize = 4;

/// The head of the phrase that the preposition at token `p` attaches a modifier to (see
/// [`modifier_reach`]).
pub(crate) fn head_before_modifier(tokens: &[Token], p: usize) -> Option<usize> {
    let before = p.checked_sub(1)?;
    let head = p.checked_sub(modifier_reach(&tokens[before].lower, &tokens[p].lower)?)?;
    may_head_speaker(&tokens[head].lower).then_some(head)
}

/// Nominals whose head is in no list, found from where they stand: the common noun right before
/// a reporting verb is its subject ("the inspector said", "a neighbour recalled", the headline's
/// "…, insurer warns"). The phrase runs back to its determiner; with none, it must open its
/// clause (after a comma, a mark or a colon, or at the start of the paragraph), as headlines
/// drop their articles. A plural head ("residents") names people. When a modifier stands
/// between the subject's head and the verb ("a nurse at the hospital told", "a source familiar
/// with the talks said"), the head before the modifier is the subject, not the modifier's object.
fn subject_nominals(tokens: &[Token], sentence_starts: &[bool], out: &mut Vec<Mention>) {
    let lex = &*LEXICON;
    // `capital`: a capital is allowed (a sentence's first word).
    let is_common_word = |t: &Token, capital: bool| {
        t.is_word
            && (capital || !t.capitalised)
            && t.lower.len() >= 3
            && t.lower.chars().all(|c| c.is_alphabetic() || c == '-')
            && !lex.function_words.contains(t.lower.as_str())
            && !lex.linking_words.contains(t.lower.as_str())
            && !crate::quotes::CUES.is_cue_word(&t.lower)
            && !is_determiner(&t.lower)
    };
    let is_common = |t: &Token| is_common_word(t, false);
    // The nominal headed by token `h` that is the subject of `verb`, running back to its
    // determiner (or opening its clause); `None` when `h` cannot head one.
    // `determined`: the phrase must open with a determiner unless its head is plural (a head
    // found across a modifier, where a word after a comma may be an adjective: "the firm,
    // renowned for its culture, called").
    let subject_at = |h: usize, verb: &Token, determined: bool| -> Option<Mention> {
        // A sentence's first word is capitalised whatever it is: "People familiar with the talks
        // said" (a plural across a modifier; a name there is `names`').
        let word = tokens[h].lower.as_str();
        let opening_plural = determined && opens_sentence(tokens, sentence_starts, h) && is_plural_form(word);
        if !is_common_word(&tokens[h], opening_plural) || word.ends_with("ing") {
            return None;
        }
        // Heads in the list are `nominals`' (and a compound ending in one is theirs too).
        if lex.heads.contains_key(tokens[h].lower.as_str()) {
            return None;
        }
        let head = &tokens[h].lower;
        let plural = is_plural_form(head);
        // A verb agrees with its subject: after a singular noun the cue must show it is a verb
        // (warns, warned, said); "the following comment", "a press statement" are compounds.
        if !plural && !is_finite_form(&verb.lower) {
            return None;
        }
        let mut start = h;
        while start > 0 && h - start + 1 < MAX_SUBJECT_WORDS && is_common(&tokens[start - 1]) {
            start -= 1;
        }
        let before = start.checked_sub(1).map(|b| &tokens[b]);
        let start = match before {
            Some(d) if d.is_word && is_determiner(&d.lower) => start - 1,
            // A quantifier as its determiner: "two witnesses", "a few engineers".
            Some(d) if d.is_word && is_quantifier(&d.lower) => with_determiner_before(tokens, start - 1),
            Some(d) if d.is_word => return None,
            _ if determined && !plural => return None,
            // After a comma, or a quotation's closing mark ("“…,” residents said").
            _ if opens_sentence(tokens, sentence_starts, start) || before.is_some_and(|b| b.lower == "," || closes_quote(b)) => start,
            _ => return None,
        };
        Some(Mention {
            span: Span::new(tokens[start].span.start, tokens[h].span.end),
            kind: MentionKind::Nominal,
            class: if plural { Class::People } else { Class::Person(None) },
            first_token: start,
            last_token: h,
            descriptors: tokens[start..=h].iter().filter(|w| w.is_word && !is_determiner(&w.lower)).map(|w| bare(w).to_string()).collect(),
            surname: None,
            sentence_initial: opens_sentence(tokens, sentence_starts, start),
        })
    };
    // Tokens inside a mention found before (a name, a listed nominal).
    let mut named = vec![false; tokens.len()];
    for m in out.iter() {
        named[m.first_token..=m.last_token].fill(true);
    }
    for (c, verb) in tokens.iter().enumerate() {
        if !(verb.is_word && !verb.capitalised && crate::quotes::CUES.is_cue_word(&verb.lower)) {
            continue;
        }
        // "the inspector has said": auxiliaries and adverbs between subject and verb.
        let mut h = c;
        while h > 0 && lex.linking_words.contains(tokens[h - 1].lower.as_str()) && c - h < 2 {
            h -= 1;
        }
        let Some(h) = h.checked_sub(1) else { continue };
        let modified = modified_head(tokens, h).filter(|&head| !named[head]);
        for (head, determined) in [(Some(h), false), (modified, true)] {
            out.extend(head.and_then(|head| subject_at(head, verb, determined)));
        }
    }
}

/// The head of the noun phrase that a modifier ending at token `end` follows: "a nurse [at the
/// hospital]", "a source familiar [with the talks]", "officials [at Keltra Bank]". The modifier's
/// object must read as a noun phrase of its own (a determiner, a possessive or a capitalised
/// name opens it, within `MAX_MODIFIER_OBJECT` words), so that "a rise in rents" is no subject.
pub(crate) fn modified_head(tokens: &[Token], end: usize) -> Option<usize> {
    // "an official at the embassy in Oslo": the head of a modifier's object may have one of its
    // own, and that object may be a bare noun of `BARE_OBJECTS` ("officials with [knowledge] of
    // the talks").
    let mut head = one_modified_head(tokens, end)?;
    for _ in 0..MAX_MODIFIERS {
        let bare_object =
            || head.checked_sub(1).filter(|_| listed(BARE_OBJECTS, &tokens[head].lower)).and_then(|p| head_before_modifier(tokens, p));
        match one_modified_head(tokens, head).or_else(bare_object) {
            Some(h) => head = h,
            None => break,
        }
    }
    Some(head)
}

/// Nouns that stand bare between two modifiers of a speaker ("officials with knowledge of the
/// talks", "an aide with responsibility for the budget"); any other bare noun there may be a
/// verb's object ("the spot concludes with footage of …").
const BARE_OBJECTS: &str = "knowledge responsibility";

/// Modifiers read back in a row ("a lawyer for the widow of the victim").
const MAX_MODIFIERS: usize = 2;

/// One step of [`modified_head`].
fn one_modified_head(tokens: &[Token], end: usize) -> Option<usize> {
    let mut k = end;
    while end - k < MAX_MODIFIER_OBJECT {
        let t = &tokens[k];
        if !(t.is_word || is_possessive(t)) || crate::quotes::CUES.is_cue_word(&t.lower) {
            return None;
        }
        let p = k.checked_sub(1)?;
        if is_determiner(&t.lower) || t.capitalised {
            if let Some(head) = head_before_modifier(tokens, p) {
                return Some(head);
            }
        }
        k = p;
    }
    None
}

/// The longest object of a modifier read back from a verb ("the mayor's office").
const MAX_MODIFIER_OBJECT: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words::tokenize;

    /// Mentions of `text` as `(text, kind, class)`.
    fn check(text: &str, expected: &[(&str, MentionKind, Class)]) {
        let mut tokens = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut tokens);
        let sentences = crate::text::segment::sentences(text, &[Span::new(0, text.len())]);
        let starts: Vec<bool> = tokens.iter().map(|t| sentences.iter().any(|s| s.span.start == t.span.start)).collect();
        let got: Vec<(&str, MentionKind, Class)> =
            mentions(text, &tokens, &starts).iter().map(|m| (m.span.slice(text), m.kind, m.class)).collect();
        assert_eq!(got, expected, "mentions of {text:?}");
    }

    use Class::*;
    use MentionKind::*;
    const MALE: Class = Person(Some(Gender::Male));

    #[test]
    fn titles_are_trimmed_from_names() {
        check("Russian President Vladimir Putin has accused the US.", &[("Vladimir Putin", Name, MALE), ("US", Name, Org)]);
        check("Mr. Holtz-Eakin said so.", &[("Holtz-Eakin", Name, MALE)]);
    }

    #[test]
    fn a_name_may_chain_particles() {
        check("Ursula von der Leyen said so.", &[("Ursula von der Leyen", Name, Person(Some(Gender::Female)))]);
        check(
            "Erik ten Hag and Maria af Klint said so.",
            &[("Erik ten Hag", Name, Person(Some(Gender::Male))), ("Maria af Klint", Name, Person(Some(Gender::Female)))],
        );
        check("Carlos de la Vega said so.", &[("Carlos de la Vega", Name, MALE)]);
        // Not particles that lead to no capital.
        check("Ana Ruiz de la casa said so.", &[("Ana Ruiz", Name, Person(Some(Gender::Female)))]);
    }

    #[test]
    fn a_title_of_several_words_is_trimmed_from_the_name_after_it() {
        // "Secretary of State …", "Director of National Intelligence …": up to the first name.
        check("Secretary of State Anna Keller said so.", &[("Anna Keller", Name, Person(Some(Gender::Female)))]);
        check("The Director of Rail Safety Tomas Berg said so.", &[("The Director", Nominal, Person(None)), ("Tomas Berg", Name, MALE)]);
        // The title's "of" phrase may run over several names, with "the" after "of".
        check(
            "Governor of the Bank of Tolva Anna Keller said so.",
            &[("the Bank", Nominal, Org), ("Bank", Name, Org), ("Anna Keller", Name, Person(Some(Gender::Female)))],
        );
        check("President of the Harbour Commission Tomas Berg said so.", &[("Tomas Berg", Name, MALE)]);
        // With no first name after the title's "of", the run stands.
        check("The Secretary of State Security said so.", &[("The Secretary", Nominal, Person(None)), ("State Security", Name, Unknown)]);
    }

    #[test]
    fn sentence_openers_are_not_names() {
        check("During the visit, Orbán said", &[("Orbán", Name, Unknown)]);
    }

    #[test]
    fn nominals_run_from_their_determiner_to_their_head() {
        check(
            "Recently, the Hungarian Foreign Minister, Péter Szijjártó, has assured",
            &[("the Hungarian Foreign Minister", Nominal, Person(None)), ("Péter Szijjártó", Name, MALE)],
        );
        check("the campaign said", &[("the campaign", Nominal, Org)]);
        check("officials said", &[("officials", Nominal, People)]);
    }

    #[test]
    fn common_nouns_before_a_reporting_verb_are_mentions() {
        check("“…,” the night inspector said.", &[("the night inspector", Nominal, Person(None))]);
        check("A beekeeper has warned", &[("A beekeeper", Nominal, Person(None))]);
        check("ferry fares ‘too high’, islanders complain", &[("islanders", Nominal, People)]);
        // Not a subject: an object, or a word after another word with no determiner.
        check("she told the press nothing", &[("she", Pronoun, Person(Some(Gender::Female)))]);
        check("a rise in rents said", &[]);
    }

    #[test]
    fn a_subject_is_found_across_its_modifier() {
        check("a nurse at the hospital told", &[("a nurse", Nominal, Person(None)), ("the hospital", Nominal, Person(None))]);
        check("“…,” people briefed on the plan said", &[("people", Nominal, People), ("the plan", Nominal, Org)]);
        // An adjective after a comma is no head ("renowned"), nor a quantity ("a majority").
        check(
            "the firm, renowned for a friendly culture called",
            &[("the firm", Nominal, Org), ("a friendly culture", Nominal, Person(None))],
        );
        check("a majority of the tenants said", &[("the tenants", Nominal, People)]);
    }

    #[test]
    fn modifier_gaps() {
        for gap in [" at ", " for the ", " familiar with ", " close to "] {
            assert!(is_modifier_gap(gap), "{gap:?}");
        }
        for gap in [" and ", " said ", " at the ministry and ", " close "] {
            assert!(!is_modifier_gap(gap), "{gap:?}");
        }
    }

    #[test]
    fn pronouns_are_mentions() {
        check("he said she said", &[("he", Pronoun, MALE), ("she", Pronoun, Person(Some(Gender::Female)))]);
    }
}
