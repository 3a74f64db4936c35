//! Who said it: for every `direct` and `partial` quotation, the mention of its speaker, the cue
//! that introduces it, and what that mention refers to.
//!
//! The pipeline, one pass each: the text's words (`text::words`, split once per `analyze`) → mentions of possible speakers
//! (`mention`) → what each mention refers to (`resolve`) → per quote, the speaker by the cue
//! rules (`attribute`) → quotes with no cue of their own take the speaker of the quote they
//! continue, or of the sentence just before (here).
//!
//! Entities from the tagger are optional input: when given, a mention overlapping a PERSON or ORG
//! entity takes its class and cluster; without them the speaker span is found all the same and
//! `Speaker::entity` stays `None`. Nested quotes and terms get no speaker, and nothing is guessed
//! from a sentence that does not touch the quote: `speaker: None` is an answer.

mod attribute;
mod cues;
// Its titles also keep entities from taking "President" for a first name.
pub(crate) mod lexicon;
mod mention;
mod resolve;

use crate::analysis::{Basis, Entity, MentionKind, Quote, QuoteKind, Sentence, Span, Speaker};
use crate::text::words::Words as TextWords;
use attribute::{cue_after, cue_before, cue_in_next_sentence, Found, Pick, Words};
use mention::{Mention, Token};

pub(crate) use attribute::is_subordinator;
pub(crate) use cues::is_negation;
pub(crate) use mention::{
    is_determiner, is_finite_form, is_modifier_gap, is_org_word, is_plural_form, is_quantity_head, may_head_speaker, modifier_reach,
    opens_with_a_title_of,
};

/// An auxiliary or adverb that may stand between a subject and its verb ("has", "would", "also"),
/// from src/data/speakers/linking_words.txt; `word` in lower case.
pub(crate) fn is_linking_word(word: &str) -> bool {
    lexicon::LEXICON.linking_words.contains(word)
}

/// A possible speaker mention outside quotations and what it refers to: how the attribution
/// linker (`crate::attribution`) turns a source span into a `Speaker` the same way as here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// The whole phrase, titles included ("Russian President Vladimir Putin").
    pub phrase: Span,
    /// `Speaker::span`, `kind`, `entity`, `basis` and `refers_to` for this mention.
    pub speaker: Speaker,
}

/// Fills `speaker` and `cue` of every top-level direct and partial quote in `quotes`; returns
/// every mention outside quotations, resolved, in text order.
/// `words` are the text's words (`text::words::split`), read by index.
pub(crate) fn attribute(text: &str, sentences: &[Sentence], words: &TextWords, quotes: &mut [Quote], entities: &[Entity]) -> Vec<Resolved> {
    if sentences.is_empty() {
        return Vec::new();
    }
    let top: Vec<usize> = (0..quotes.len()).filter(|&i| quotes[i].parent.is_none()).collect();
    let (tokens, token_paragraph) = (&words.tokens[..], &words.paragraph[..]);
    let in_quote = inside_quotes(tokens, quotes, &top);
    let sentence_starts = sentence_starts(words, sentences);
    let mut mentions: Vec<Mention> = Vec::new();
    let mut start = 0;
    while start < tokens.len() {
        let paragraph = token_paragraph[start];
        let end = start + token_paragraph[start..].iter().take_while(|&&p| p == paragraph).count();
        for mut m in mention::mentions(text, &tokens[start..end], &sentence_starts[start..end]) {
            m.first_token += start;
            m.last_token += start;
            if !in_quote[m.first_token] && !in_quote[m.last_token] {
                mentions.push(m);
            }
        }
        start = end;
    }
    let paragraph_of: Vec<usize> = mentions.iter().map(|m| token_paragraph[m.first_token]).collect();
    let referents = resolve::resolve(tokens, &mut mentions, &paragraph_of, entities);
    let words = Words::new(tokens, &mentions, in_quote);
    let sentence_of = |at: usize| sentences.partition_point(|s| s.span.end <= at).min(sentences.len() - 1);

    // Rules 1 and 2: a cue in the quote's own sentence.
    let mut found: Vec<Option<(Found, Basis)>> = vec![None; top.len()];
    for (k, &qi) in top.iter().enumerate() {
        let q = &quotes[qi];
        if !matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial) {
            continue;
        }
        let (s0, s1) = (sentence_of(q.outer.start), sentence_of(q.outer.end.saturating_sub(1)));
        let prev_end = k.checked_sub(1).map_or(0, |p| quotes[top[p]].outer.end);
        let next_start = top.get(k + 1).map_or(text.len(), |&n| quotes[n].outer.start);
        let before = (words.token_at(sentences[s0].span.start.max(prev_end)), words.token_at(q.outer.start));
        let after = (words.token_at(q.outer.end), words.token_at(sentences[s1].span.end.min(next_start).max(q.outer.end)));
        let by_cue = if q.kind == QuoteKind::Direct {
            cue_after(&words, after.0, after.1).or_else(|| cue_before(&words, before.0, before.1, Pick::Nearest))
        } else {
            // A partial quote is mostly inside its reporting clause (X said he was “surprised”),
            // unless the clause follows it straight away (“…,” she said).
            // The main clause may stand before an earlier quote of the same sentence.
            let sentence_from = words.token_at(sentences[s0].span.start);
            let tight = cue_after(&words, after.0, after.1.min(after.0 + 4));
            tight.or_else(|| cue_before(&words, sentence_from, before.1, Pick::MainClause)).or_else(|| cue_after(&words, after.0, after.1))
        };
        let by_cue = by_cue.or_else(|| {
            let next = sentences.get(s1 + 1).filter(|n| n.paragraph == sentences[s1].paragraph && n.span.end <= next_start)?;
            let nothing_after = after.0 == after.1;
            nothing_after.then(|| cue_in_next_sentence(&words, words.token_at(next.span.start), words.token_at(next.span.end)))?
        });
        found[k] = by_cue.map(|f| (f, basis_of(&mentions[f.mention], &referents[f.mention], f.mention)));
    }

    // Rules 3 and 4, in text order so that a continuation can continue a continuation.
    let mut last: Option<usize> = None; // position in `top` of the last direct or partial quote
    for (k, &qi) in top.iter().enumerate() {
        let q = &quotes[qi];
        if !matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial) {
            continue;
        }
        if found[k].is_none() {
            let s0 = sentence_of(q.outer.start);
            let previous = last.and_then(|p| found[p].map(|f| (p, f)));
            let nearest = (q.kind == QuoteKind::Direct).then(|| nearest(&words, sentences, s0, last.map(|p| &quotes[top[p]]))).flatten();
            let from_previous = previous.and_then(|(p, (f, basis))| {
                let prev = &quotes[top[p]];
                let ps = sentence_of(prev.outer.end.saturating_sub(1));
                if ps == s0 {
                    // Another quote of the same sentence: its speaker, on the same grounds.
                    return Some((f, basis));
                }
                // Of one name: a nominal's referent (`resolve::introduced`) is too loose to bridge a sentence.
                let named = |n: &Found| referents[n.mention].name.filter(|&r| mentions[r].kind == MentionKind::Name);
                let same_referent = |n: &Found| named(n).is_some() && named(n) == named(&f);
                let close = sentences[s0].paragraph <= sentences[ps].paragraph + 1
                    && (s0 == ps + 1
                        || s0 == ps + 2
                            && (sentences[ps + 1].span.contains(mentions[f.mention].span) || nearest.as_ref().is_some_and(same_referent)));
                // A partial quote is continued only when its cue followed it (“not enough,” says
                // X. “…”), not when it was a fragment of X's sentence (as X called them, “…”).
                let continues = q.kind == QuoteKind::Direct && (prev.kind == QuoteKind::Direct || f.cue.start >= prev.outer.end);
                (continues && close).then_some((f, Basis::Continuation))
            });
            found[k] = from_previous.or(nearest.map(|n| (n, Basis::Nearest)));
        }
        // A partial quote in the reporting clause of the direct quote before it (“…,” Carson
        // said after hinting at “changes”. “…”) leaves that quote the one a next quote continues.
        let in_clause_of_last = q.kind == QuoteKind::Partial
            && last.is_some_and(|p| {
                let prev = &quotes[top[p]];
                prev.kind == QuoteKind::Direct && sentence_of(prev.outer.end.saturating_sub(1)) == sentence_of(q.outer.start)
            });
        if !in_clause_of_last {
            last = Some(k);
        }
    }

    for (k, &qi) in top.iter().enumerate() {
        let Some((f, basis)) = found[k] else { continue };
        let m = &mentions[f.mention];
        let referent = &referents[f.mention];
        quotes[qi].speaker = Some(Speaker {
            span: m.span,
            kind: m.kind,
            entity: referent.cluster,
            basis,
            refers_to: referent.name.map(|r| mentions[r].span),
        });
        quotes[qi].cue = Some(f.cue);
    }
    mentions
        .iter()
        .enumerate()
        .map(|(i, m)| Resolved {
            phrase: Span::new(tokens[m.first_token].span.start, tokens[m.last_token].span.end),
            speaker: Speaker {
                span: m.span,
                kind: m.kind,
                entity: referents[i].cluster,
                basis: basis_of(m, &referents[i], i),
                refers_to: referents[i].name.map(|r| mentions[r].span),
            },
        })
        .collect()
}

const MAX_NEAREST_TOKENS: usize = 60;

/// Rule 4: the subject of a reporting verb in the sentence just before the quote's sentence
/// (same or previous paragraph, no quote between): "Sanders made the following comment:" “…”.
fn nearest(words: &Words, sentences: &[Sentence], s0: usize, last_quote: Option<&Quote>) -> Option<Found> {
    let prev = sentences.get(s0.checked_sub(1)?)?;
    let quoted_between = last_quote.is_some_and(|q| q.outer.end > prev.span.start);
    if prev.paragraph + 1 < sentences[s0].paragraph || quoted_between {
        return None;
    }
    // Only the end of a long sentence is read: its reporting verb is there or nowhere near.
    let to = words.token_at(prev.span.end);
    let from = words.token_at(prev.span.start).max(to.saturating_sub(MAX_NEAREST_TOKENS));
    let Some(cue) = words.last_cue(from, to) else { return introduction(words, from, to) };
    let mention = words.subject_before(cue, from)?;
    Some(Found { mention, cue: cue.span })
}

/// A sentence with no reporting verb that introduces what follows, "And from Chairwoman Ilse
/// Moreau:" or "From the desk of Jon Pike, …": its first person or organisation name, with the
/// colon (or "from") as the cue.
fn introduction(words: &Words, from: usize, to: usize) -> Option<Found> {
    let tokens = words.tokens;
    let last = (from..to).rev().find(|&k| !matches!(tokens[k].lower.as_str(), "“" | "\"" | "‘" | "'"))?;
    let cue = if tokens[last].lower == ":" { last } else { (from..to.min(from + 2)).find(|&k| tokens[k].lower == "from")? };
    let mention = (from..to).find_map(|k| words.starting_at[k]).filter(|&m| {
        let m = &words.mentions[m];
        m.kind == MentionKind::Name && m.last_token < to && !matches!(m.class, mention::Class::Place)
    })?;
    Some(Found { mention, cue: tokens[cue].span })
}

/// Explicit for a name; Pronoun for a pronoun or a nominal that was resolved.
fn basis_of(mention: &Mention, referent: &resolve::Referent, index: usize) -> Basis {
    match mention.kind {
        MentionKind::Name => Basis::Explicit,
        MentionKind::Pronoun => Basis::Pronoun,
        MentionKind::Nominal if referent.name.is_some_and(|r| r != index) => Basis::Pronoun,
        MentionKind::Nominal => Basis::Explicit,
    }
}

/// For each token, whether it is the first token of a sentence.
fn sentence_starts(words: &TextWords, sentences: &[Sentence]) -> Vec<bool> {
    let mut out = vec![false; words.tokens.len()];
    for s in sentences {
        let i = words.at(s.span.start);
        if words.tokens.get(i).is_some_and(|t| t.span.start == s.span.start) {
            out[i] = true;
        }
    }
    out
}

/// For each token, whether it lies inside a top-level quote (marks included).
fn inside_quotes(tokens: &[Token], quotes: &[Quote], top: &[usize]) -> Vec<bool> {
    let mut out = vec![false; tokens.len()];
    let mut q = 0;
    for (i, t) in tokens.iter().enumerate() {
        while q < top.len() && quotes[top[q]].outer.end <= t.span.start {
            q += 1;
        }
        out[i] = q < top.len() && quotes[top[q]].outer.start <= t.span.start;
    }
    out
}

#[cfg(test)]
mod tests;
