//! Choosing the speaker mention and the cue of one quotation, from the words around it.
//!
//! The order of the rules is the order of their reliability:
//! 1. a cue in the quote's own sentence, outside any quote: “…,” X said / said X / X said: “…” /
//!    X said that “…” / according to X / X accused … of “…” — the speaker is the cue's subject;
//! 2. a headline colon: X: “…”;
//! 3. (in `mod.rs`) another quote of the same sentence, or the quote just before, by X: X's;
//! 4. (in `mod.rs`) the sentence just before reports X's speech: X's, but marked `Nearest`.
//!
//! Each rule reads a bounded stretch of tokens (one sentence, a few words past a cue), so the
//! cost per quote does not grow with the article.

use super::cues::{cue_at, Cue};
use super::lexicon::LEXICON;
use super::mention::{head_before_modifier, in_a_title_of, modified_head, Class, Mention, Token};
use super::resolve::in_subject_position;
use crate::analysis::{MentionKind, Span};

/// How many words past the quote a cue may stand and still report it (“…,” the senator from
/// Ohio who chairs the committee told reporters).
const MAX_CUE_DISTANCE_AFTER: usize = 10;
/// The same when a name opens the clause and an appositive follows it (“…,” Scott Pruitt, the
/// attorney general of Oklahoma, one of the states suing, said).
const MAX_CUE_DISTANCE_AFTER_NAME: usize = 30;
/// How far after an inverted cue the speaker may start (said on Tuesday Jonas Weber).
const MAX_SPEAKER_AFTER_CUE: usize = 6;
/// How many lower-case words of a role may stand between an organisation and a person's name
/// ("NDP health critic Owen Bell").
const MAX_ROLE_WORDS: usize = 3;
/// How far back an appositive's opening comma may be (Orbán, the closest ally …, has assured).
const MAX_APPOSITIVE: usize = 25;
/// The longest clause before a colon whose subject introduces the quote after it.
const MAX_COLON_CLAUSE: usize = 20;
/// How many tokens before a quote its reporting clause is looked for in: a sentence that runs on
/// for thousands of tokens (no stop between many quotes) would otherwise be read again for each
/// quote, quadratic in the sentence.
const MAX_CLAUSE_BEFORE: usize = 120;

/// The tokens and mentions of one text, with lookups by token.
pub(crate) struct Words<'a> {
    pub tokens: &'a [Token],
    pub mentions: &'a [Mention],
    /// For each token, the shortest mention ending at it.
    pub ending_at: Vec<Option<usize>>,
    /// For each token, the longest mention starting at it.
    pub starting_at: Vec<Option<usize>>,
    /// For each token, whether it lies inside a quote: a cue there is quoted, not reporting.
    pub in_quote: Vec<bool>,
}

impl<'a> Words<'a> {
    pub fn new(tokens: &'a [Token], mentions: &'a [Mention], in_quote: Vec<bool>) -> Words<'a> {
        let mut ending_at: Vec<Option<usize>> = vec![None; tokens.len()];
        let mut starting_at: Vec<Option<usize>> = vec![None; tokens.len()];
        for (i, m) in mentions.iter().enumerate() {
            let e = &mut ending_at[m.last_token];
            if e.map_or(true, |o| mentions[o].span.len() > m.span.len()) {
                *e = Some(i);
            }
            let s = &mut starting_at[m.first_token];
            if s.map_or(true, |o| mentions[o].span.len() < m.span.len()) {
                *s = Some(i);
            }
        }
        Words { tokens, mentions, ending_at, starting_at, in_quote }
    }

    /// The first cue outside quotes in `tokens[from..to]`.
    pub fn first_cue(&self, from: usize, to: usize) -> Option<Cue> {
        (from..to).filter(|&i| !self.in_quote[i]).find_map(|i| cue_at(self.tokens, i).filter(|c| c.last < to))
    }

    /// The last cue outside quotes in `tokens[from..to]`.
    pub fn last_cue(&self, from: usize, to: usize) -> Option<Cue> {
        (from..to).rev().filter(|&i| !self.in_quote[i]).find_map(|i| cue_at(self.tokens, i).filter(|c| c.last < to))
    }

    /// Index of the first token starting at or after byte `at`.
    pub fn token_at(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < at)
    }

    pub fn is_linking(&self, j: usize) -> bool {
        let t = &self.tokens[j];
        t.is_word && !t.capitalised && (LEXICON.linking_words.contains(t.lower.as_str()) || t.lower.len() > 4 && t.lower.ends_with("ly"))
    }

    /// The subject of the reporting verb `cue`, looking no further left than token `left`.
    pub fn subject_before(&self, cue: Cue, left: usize) -> Option<usize> {
        let tokens = self.tokens;
        let mut j = cue.first;
        let step_back = |j: &mut usize| {
            while *j > left && self.is_linking(*j - 1) {
                *j -= 1;
            }
        };
        step_back(&mut j);
        if j <= left {
            return None;
        }
        // "I laughed and said", "She urges her husband to … and repeatedly says": a coordinated
        // verb shares its clause's subject.
        if tokens[j - 1].lower == "and" {
            return self.nearest_subject(left, j - 1);
        }
        // "Jason Chaffetz (R-Utah) said": skip the parenthesis.
        if tokens[j - 1].lower == ")" {
            if let Some(open) = (left..j - 1).rev().take(12).find(|&k| tokens[k].lower == "(") {
                j = open;
                step_back(&mut j);
            }
        }
        // "Orbán, the closest ally of …, has assured": the subject stands before the appositive.
        if j > left && tokens[j - 1].lower == "," {
            // "The project's treasurer, Joaquín Ibáñez, said": a name in apposition names the
            // speaker better than the description before it.
            let appositive_name = (j >= 2).then(|| self.ending_at[j - 2]).flatten().filter(|&m| {
                let mention = &self.mentions[m];
                mention.kind == MentionKind::Name
                    && mention.first_token > left
                    && tokens[mention.first_token - 1].lower == ","
                    && mention.class != Class::Place
            });
            if let Some(name) = appositive_name {
                let before = self.mentions[name].first_token - 1;
                let described_by = (before > left).then(|| self.ending_at[before - 1]).flatten();
                if described_by.map_or(true, |d| self.mentions[d].kind != MentionKind::Name) {
                    return Some(name);
                }
            }
            match (left..j - 1).rev().take(MAX_APPOSITIVE).find(|&k| tokens[k].lower == ",") {
                Some(comma) if comma > left && self.ending_at[comma - 1].is_some() => j = comma,
                _ => {
                    // "In Washington, Trump said, adding …": a participle takes its clause's subject.
                    return if cue.is_participle(tokens) { self.participle_subject(cue, left) } else { None };
                }
            }
        }
        if j <= left {
            return None;
        }
        if let Some(m) = self.ending_at[j - 1] {
            let mention = &self.mentions[m];
            // "the senator from Ohio", "a spokesman for the campaign", "a source familiar with
            // the talks": the head is before the modifier.
            let first = mention.first_token;
            if mention.kind != MentionKind::Pronoun && first > left {
                // Across every modifier in a row first ("an official at the clinic in Oslo").
                // Not a title's head: the name after the title is the speaker.
                let mention_at = |h: usize| (h >= left && !in_a_title_of(tokens, h)).then(|| self.ending_at[h]).flatten();
                let head = modified_head(tokens, j - 1)
                    .and_then(mention_at)
                    .or_else(|| head_before_modifier(tokens, first - 1).and_then(mention_at));
                if let Some(head) = head.filter(|&h| self.mentions[h].kind != MentionKind::Pronoun) {
                    return Some(head);
                }
            }
            return Some(m);
        }
        if cue.is_participle(tokens) {
            return self.participle_subject(cue, left);
        }
        // Something else stands before the verb ("Sanders made the following comment"): the
        // nearest mention in subject position.
        (left..j)
            .rev()
            .filter_map(|k| self.ending_at[k])
            .find(|&m| in_subject_position(tokens, self.mentions[m].first_token) && self.mentions[m].class != Class::Place)
    }

    /// The subject of a participle's clause: the subject of the reporting verb before it, or
    /// else the clause's first subject ("Trump attacked Clinton …, saying").
    fn participle_subject(&self, cue: Cue, left: usize) -> Option<usize> {
        match self.last_cue(left, cue.first) {
            Some(main) => self.subject_before(main, left),
            None => self.clause_subject(left, cue.first),
        }
    }

    /// The last mention in subject position in `tokens[left..right]` that is not a place.
    fn nearest_subject(&self, left: usize, right: usize) -> Option<usize> {
        (left..right).rev().filter_map(|k| self.ending_at[k]).find(|&m| {
            let mention = &self.mentions[m];
            mention.first_token >= left && mention.class != Class::Place && in_subject_position(self.tokens, mention.first_token)
        })
    }

    /// The first mention in subject position in `tokens[left..right]` that is not a place.
    pub fn clause_subject(&self, left: usize, right: usize) -> Option<usize> {
        (left..right).filter_map(|k| self.starting_at[k]).find(|&m| {
            let mention = &self.mentions[m];
            mention.last_token < right && mention.class != Class::Place && in_subject_position(self.tokens, mention.first_token)
        })
    }

    /// The speaker named right after an inverted cue: said Jonas Weber / according to Orbán.
    pub fn speaker_after(&self, cue: Cue, right: usize) -> Option<usize> {
        (cue.last + 1..right.min(cue.last + 1 + MAX_SPEAKER_AFTER_CUE))
            .filter_map(|k| self.starting_at[k])
            .find(|&m| self.mentions[m].class != Class::Place)
            .map(|m| self.named_in_apposition(self.person_after_modifier(m)))
    }

    /// "said the council’s finance chief, Tomas Varga, on Monday": a name in apposition after a
    /// description names the speaker better than the description (as before the cue, in
    /// `nearest_subject`; the attribution linker's `name_in_apposition_after` reads it alike).
    /// The appositive must be closed: by a comma or the end of its sentence.
    fn named_in_apposition(&self, m: usize) -> usize {
        let nominal = &self.mentions[m];
        let tokens = self.tokens;
        let after = nominal.last_token + 1;
        if nominal.kind != MentionKind::Nominal || tokens.get(after).map_or(true, |t| t.lower != ",") {
            return m;
        }
        let name = self.starting_at.get(after + 1).copied().flatten().filter(|&n| {
            let name = &self.mentions[n];
            name.kind == MentionKind::Name
                && name.class != Class::Place
                && tokens.get(name.last_token + 1).map_or(true, |t| matches!(t.lower.as_str(), "," | "." | ";" | "!" | "?"))
        });
        name.unwrap_or(m)
    }

    /// "said NDP critic Owen Bell", "said SES spokesperson Kate Mills": an organisation's name
    /// modifying a role is not the speaker; the person named after the role (at most
    /// `MAX_ROLE_WORDS` lower-case words on) is.
    fn person_after_modifier(&self, m: usize) -> usize {
        let org = &self.mentions[m];
        if org.kind != MentionKind::Name || org.class != Class::Org {
            return m;
        }
        let mut k = org.last_token + 1;
        let role = |t: &Token| t.is_word && !t.capitalised && t.lower.chars().all(char::is_alphabetic);
        let from = k;
        while k < self.tokens.len()
            && k - from < MAX_ROLE_WORDS
            && role(&self.tokens[k])
            && !crate::quotes::CUES.is_cue_word(&self.tokens[k].lower)
        {
            k += 1;
        }
        let person = (k > from).then(|| self.starting_at.get(k).copied().flatten()).flatten();
        person.filter(|&p| self.mentions[p].kind == MentionKind::Name && matches!(self.mentions[p].class, Class::Person(_))).unwrap_or(m)
    }
}

/// A word opening a subordinate clause: a cue after one does not report what stands before it
/// ("“…,” whatever the papers wrote"); the attribution linker applies the same rule.
pub(crate) fn is_subordinator(word: &str) -> bool {
    matches!(
        word,
        "whatever"
            | "whoever"
            | "whichever"
            | "although"
            | "though"
            | "because"
            | "unless"
            | "whether"
            | "if"
            | "while"
            | "since"
            | "whereas"
    )
}

/// A speaker mention and its cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub mention: usize,
    pub cue: Span,
}

/// Rule 1 after the quote: “…,” X said / “…,” said X / “…,” according to X. `from..to` are the
/// tokens after the closing mark up to the end of the sentence or the next quote.
pub(crate) fn cue_after(words: &Words, from: usize, to: usize) -> Option<Found> {
    let tokens = words.tokens;
    // “…” ― Sonya Herridge: a dash signs the quote.
    if from < to && matches!(tokens[from].lower.as_str(), "―" | "—" | "–") {
        if let Some(mention) = words.starting_at.get(from + 1).copied().flatten() {
            if words.mentions[mention].kind == MentionKind::Name {
                return Some(Found { mention, cue: tokens[from].span });
            }
        }
    }
    // “…,” Scott Pruitt, the attorney general of Oklahoma, …, said: the name opening the clause.
    let opening = (from..to.min(from + 2)).find(|&k| tokens[k].is_word).and_then(|k| words.starting_at[k]);
    if let Some(name) = opening.filter(|&m| words.mentions[m].kind == MentionKind::Name) {
        let mut after_name = words.mentions[name].last_token + 1;
        // "Rep. Jim Jordan (R-Ohio), an oversight panel member, said"
        if after_name < to && tokens[after_name].lower == "(" {
            if let Some(close) = (after_name..to.min(after_name + 12)).find(|&k| tokens[k].lower == ")") {
                after_name = close + 1;
            }
        }
        if after_name < to && tokens[after_name].lower == "," {
            if let Some(cue) = words.first_cue(after_name, to.min(from + MAX_CUE_DISTANCE_AFTER_NAME + 1)) {
                if tokens[cue.first - 1].lower == "," || words.is_linking(cue.first - 1) {
                    return Some(Found { mention: name, cue: cue.span });
                }
            }
        }
    }
    let Some(cue) = words.first_cue(from, to.min(from + MAX_CUE_DISTANCE_AFTER + 1)) else { return unlisted_cue_after(words, from, to) };
    // “…,” whatever the papers wrote / “…” because the board said so: a cue in a subordinate
    // clause does not report the quote.
    if (from..cue.first).any(|k| is_subordinator(&tokens[k].lower)) {
        return None;
    }
    let has_words_before = (from..cue.first).any(|k| words.tokens[k].is_word);
    let mention = if cue.is_according_to(words.tokens) || !has_words_before {
        words.speaker_after(cue, to)
    } else {
        // Words stand before the cue, so its subject is there even when we know no mention for
        // it ("the tenants would chant outside the office"): a speaker after the cue must then
        // follow it at once (an inversion), never stand further on ("outside the office").
        let inverted = |m: &usize| words.mentions[*m].first_token == cue.last + 1;
        words.subject_before(cue, from).or_else(|| words.speaker_after(cue, to).filter(inverted))
    }?;
    Some(Found { mention, cue: cue.span })
}

/// A reporting clause right after a quote whose verb is in no list ("sighed", "muttered"): a
/// lower-case past-tense word next to a mention, as “…,” sighed Mayor X / “…,” the tenants groaned.
fn unlisted_cue_after(words: &Words, from: usize, to: usize) -> Option<Found> {
    let tokens = words.tokens;
    let past =
        |k: usize| k < to && tokens[k].is_word && !tokens[k].capitalised && tokens[k].lower.len() > 4 && tokens[k].lower.ends_with("ed");
    let first = (from..to.min(from + 2)).find(|&k| tokens[k].is_word)?;
    if past(first) {
        let mention = words.starting_at.get(first + 1).copied().flatten()?;
        return Some(Found { mention, cue: tokens[first].span });
    }
    let mention = words.starting_at[first]?;
    let verb = words.mentions[mention].last_token + 1;
    past(verb).then(|| Found { mention, cue: tokens[verb].span })
}

/// Which cue before a quote reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pick {
    /// The one nearest the quote: X said: “…” / X said that “…”.
    Nearest,
    /// The first of the sentence, the main clause's: a partial quote sits inside reported
    /// speech, and its source is the outermost reporter ("Clinton says Trump’s tweets accusing
    /// Machado … are “lies”" is Clinton's).
    MainClause,
}

/// Rule 1 before the quote and rule 2: X said: “…” / X said that “…” / according to X, … “…” /
/// X accused … of “…” / X: “…”. `from..to` are the tokens from the sentence start (or the last
/// quote) to the opening mark.
pub(crate) fn cue_before(words: &Words, from: usize, to: usize, pick: Pick) -> Option<Found> {
    let tokens = words.tokens;
    let from = from.max(to.saturating_sub(MAX_CLAUSE_BEFORE));
    let cue = match pick {
        Pick::Nearest => words.last_cue(from, to),
        Pick::MainClause => words.first_cue(from, to),
    };
    if let Some(cue) = cue {
        let opens_clause = !(from..cue.first).any(|k| tokens[k].is_word);
        let mention = if cue.is_according_to(tokens) || opens_clause {
            // "According to Orbán, …", "Said Trump: …"
            words.speaker_after(cue, to)
        } else {
            words.subject_before(cue, from)
        };
        if let Some(mention) = mention {
            return Some(Found { mention, cue: cue.span });
        }
    }
    // A headline "Orbán: “…”": a short line of a name and a colon.
    let colon = to.checked_sub(1).filter(|&c| c > from && tokens[c].lower == ":")?;
    if let Some(mention) = words.ending_at[colon - 1].filter(|&m| words.mentions[m].kind == MentionKind::Name) {
        if colon - from <= 8 {
            return Some(Found { mention, cue: tokens[colon].span });
        }
    }
    // "With leaders worried, President Obama is rolling out a new campaign message: “It's about me.”"
    let clause = (from..colon).rev().find(|&k| tokens[k].lower == ",").map_or(from, |comma| comma + 1);
    if colon - clause > MAX_COLON_CLAUSE {
        return None;
    }
    let mention = words.clause_subject(clause, colon)?;
    Some(Found { mention, cue: tokens[colon].span })
}

/// Rule 1 for a quote that closes its sentence, when the next sentence is only its reporting
/// clause: “Has anyone thought of that?” Putin asked.
pub(crate) fn cue_in_next_sentence(words: &Words, from: usize, to: usize) -> Option<Found> {
    let cue = (from..to.min(from + 5)).find_map(|k| cue_at(words.tokens, k))?;
    let mention = if cue.first == from { words.speaker_after(cue, to) } else { words.subject_before(cue, from) }?;
    (words.mentions[mention].first_token == from || cue.first == from).then_some(Found { mention, cue: cue.span })
}
