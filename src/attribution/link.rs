//! The linker: from tagged spans to attributions.
//!
//! - Contents split by an interrupting reporting clause ("…,” she said, “…") become one
//!   attribution with several pieces; two unquoted contents with only a cue between them are
//!   two claims of one source ("criticised the contract, arguing that …"); a content the tagger
//!   let lapse for some words of one sentence is one content; a reporting clause after a comma
//!   with nothing tagged before it reports the clause before it ("…, the board announced on
//!   Friday, after …"); one speaker's quotations in one paragraph are one attribution, a claim
//!   without quotations between them notwithstanding; an unquoted content right after a second
//!   cue ("“…,” he continued, citing …") is that cue's claim; an unquoted content the tagger
//!   stopped inside its clause runs on to its sentence's end when nothing else begins there, and
//!   one stopped on a word that needs what follows ("warned that", "denied the") over its clause.
//! - The rules give each content the nearest cue (same sentence first) and the tagged source
//!   nearest that cue (else the mention beside it, else the subject before it); the learned
//!   linker (`rank`) then chooses the cue among the three nearest and the source among every
//!   candidate, "none" included, with the rules' source as one of its features. Denied speech
//!   ("did not say") and a denied cue of a quotation drop the content (a denied stance on an
//!   unquoted one, "did not rebut …", stays), and `agree` still has the last word on quotations.
//!   An unquoted content before its cue that runs straight into the cue's clause, is followed by
//!   a relative clause holding the cue, or is a few words that are no clause before a cue with a
//!   content of its own reports nothing (`fronted_reports_nothing`: "the leaks that engineers say
//!   …", "[Ada Holm], in turn, cites [the harbour accounts]").
//!   A source ends where its cue or content begins (`clipped_to_its_clause`).
//! - A source becomes a `Speaker` through the speaker mentions and their resolution
//!   (`crate::speakers::Resolved`): "he" leads to the entity cluster of the name it refers to.
//! - `agree` is the one place where a quotation's speaker and its attribution's source are made
//!   the same; direct and partial quotes that no content covers become attributions of their own.

use super::calibration::{probability, Evidence, N_CALIBRATION};
use super::features::Doc;
use super::model::Scorer;
use super::rank::{self, Linker};
use super::tags::Part;
use super::Tagged;
use crate::analysis::{Attribution, AttributionKind, Basis, Entity, Label, MentionKind, Quote, QuoteKind, Span, Speaker};
use crate::speakers::{is_linking_word, is_negation, is_subordinator, Resolved};
use crate::text::data::FUNCTION_WORDS;
use crate::text::marks;

/// How far (in tokens) a cue may stand from its content, and a source from its cue.
const MAX_CUE_DISTANCE: usize = 30;
const MAX_SOURCE_DISTANCE: usize = 15;
/// How many of the cues within reach the learned linker weighs (nearest first).
const MAX_CUE_OPTIONS: usize = 3;
/// Tokens between two content pieces that may still be one content (an interrupting clause).
const MAX_PIECE_GAP: usize = 12;
/// Untagged words a tagged source may lack at its start ("the town's arts [trust]").
const MAX_SOURCE_LEAD: usize = 4;
/// Untagged words inside one sentence that one unquoted content may bridge (the tagger's lapse):
/// nothing reports anew in words no cue or source was tagged in, so two contents of one sentence
/// with only such words between them are one clause (train-CV, `--reuse-folds`: 5 words
/// end-to-end F1 0.583, 12 words 0.584, 20 words 0.586, 60 words 0.584).
const MAX_LAPSE_WORDS: usize = 20;
/// Margins above this many weight units say nothing more.
const MARGIN_CAP: f32 = 8.0;

struct Draft {
    pieces: Vec<(usize, usize)>,
    margin: f32,
    cue: Option<Tagged>,
    /// The cues within reach, nearest first (`cue` is the first): the learned linker may take
    /// another.
    cues: Vec<Tagged>,
    source: Option<Tagged>,
    /// Follows the draft before it across nothing but a cue ("… rips the deal, arguing that
    /// …"): a second claim of the same source.
    follows: bool,
}

/// How each content's cue and source are chosen.
pub(crate) enum Sources<'a> {
    /// By the rules below alone.
    Rules,
    /// By the learned linker (`rank`), which sees the rules' choice as one of its features.
    Learned(&'a Linker),
    /// By the rules, recording each content's candidates and their features (training).
    #[cfg(feature = "internals")]
    Record(&'a mut rank::Recorder),
}

/// Builds the attributions; `tagged` are the tagger's spans over `doc`'s tokens (none when no
/// model is loaded, then only the quotations are credited).
pub(crate) fn link<S: Scorer>(
    text: &str,
    tagged: &[Tagged],
    quotes: &mut [Quote],
    mentions: &[Resolved],
    entities: &[Entity],
    model: Option<(&S, &Doc)>,
    mut sources: Sources,
) -> Vec<Attribution> {
    with_evidence(text, tagged, quotes, mentions, entities, model.map(|(_, d)| d), &mut sources)
        .into_iter()
        .map(|(mut a, x)| {
            a.confidence = match model {
                Some((s, _)) => probability(s.calibration(), &x),
                None => 0.5,
            };
            a
        })
        .collect()
}

/// `link` before calibration: each attribution with its evidence (what the trainer fits on).
pub(crate) fn with_evidence(
    text: &str,
    tagged: &[Tagged],
    quotes: &mut [Quote],
    mentions: &[Resolved],
    entities: &[Entity],
    doc: Option<&Doc>,
    sources: &mut Sources,
) -> Vec<(Attribution, Evidence)> {
    let mut out = Vec::new();
    if let Some(doc) = doc {
        let sentence = sentence_ids(doc);
        let split: Vec<Tagged>;
        let mut coordinated: Vec<Tagged> = Vec::new();
        let tagged: &[Tagged] = match coordinated_cues(doc, tagged) {
            Some((s, cues)) => {
                (split, coordinated) = (s, cues);
                &split
            }
            None => tagged,
        };
        let mut fronted = fronted_contents(doc, &sentence, tagged);
        let openers = according_to_openers(doc, &sentence, tagged);
        let all: Vec<Tagged>;
        let tagged: &[Tagged] = if fronted.is_empty() && openers.is_empty() {
            tagged
        } else {
            all = {
                // An opener's reporting clause replaces what the tagger made of it.
                let mut all: Vec<Tagged> =
                    tagged.iter().filter(|t| !openers.iter().any(|o| t.first < o.content.end && o.cue.first < t.end)).copied().collect();
                all.extend(fronted.iter().map(|f| f.content));
                all.extend(openers.iter().flat_map(|f| [f.cue, f.source, f.content]));
                crate::order::sort_by_key(&mut all, |t| (t.first, t.end));
                all
            };
            fronted.extend(openers);
            crate::order::sort_by_key(&mut fronted, |f| (f.content.first, 0));
            &all
        };
        let of = |part: Part| -> Vec<Tagged> { tagged.iter().filter(|t| t.part == part).copied().collect() };
        let (tagged_sources, tagged_cues) = (of(Part::Source), of(Part::Cue));
        let cx = rank::Context {
            text,
            doc,
            sentence: &sentence,
            sources: &tagged_sources,
            cues: &tagged_cues,
            mentions,
            entities,
            classes: rank::Context::classes_for(doc),
        };
        let mut previous: Option<Speaker> = None;
        let mut drafts = drafts(doc, tagged);
        // A fronted content's reporting clause is known: its cue and source are those.
        for d in drafts.iter_mut().filter(|d| d.pieces.len() == 1) {
            let at = fronted.partition_point(|f| f.content.first < d.pieces[0].0);
            if let Some(f) = fronted.get(at).filter(|f| (f.content.first, f.content.end) == d.pieces[0]) {
                (d.cue, d.cues, d.source) = (Some(f.cue), vec![f.cue], Some(f.source));
            }
            // So is the cue of a claim split off after a coordinated verb.
            if let Some(&c) = coordinated.iter().find(|c| c.end == d.pieces[0].0) {
                (d.cue, d.cues) = (Some(c), vec![c]);
            }
        }
        for draft in drafts {
            let tokens = &doc.tokens;
            let pieces: Vec<Span> = draft.pieces.iter().map(|&(f, e)| Span::new(tokens[f].span.start, tokens[e - 1].span.end)).collect();
            let content = Span::new(pieces[0].start, pieces[pieces.len() - 1].end);
            let cue = draft.cue.map(|c| Span::new(tokens[c.first].span.start, tokens[verb_end(doc, c.end) - 1].span.end));
            let rule = match draft.source {
                Some(s) => Some(speaker_for(text, Span::new(tokens[s.first].span.start, tokens[s.end - 1].span.end), mentions, entities)),
                None => cue.and_then(|c| beside(text, c, mentions)).or_else(|| {
                    // The subject before the cue, in its sentence and outside the content.
                    let c = draft.cue?;
                    let mut start = c.first;
                    while start > 0 && !tokens[start].sentence_start && tokens[start - 1].line == tokens[c.first].line {
                        start -= 1;
                    }
                    let (from, to) = (tokens[start].span.start, tokens[c.first].span.start);
                    let lo = mentions.partition_point(|m| m.phrase.start < from);
                    mentions[lo..]
                        .iter()
                        .take_while(|m| m.phrase.end <= to)
                        .filter(|m| !pieces.iter().any(|p| p.overlaps(m.phrase)))
                        .last()
                        .map(|m| m.speaker.clone())
                }),
            };
            let query = rank::Query { pieces: &draft.pieces, cue: None, rule: rule.as_ref(), previous: previous.as_ref() };
            let options: Vec<(usize, usize)> = draft.cues.iter().map(|c| (c.first, verb_end(doc, c.end))).collect();
            let (cue_tag, cue, source, rank_margin) = match sources {
                Sources::Rules => (draft.cue, cue, rule.clone(), None),
                Sources::Learned(linker) => {
                    let (i, s, m) = rank::choose(linker, &cx, &query, &options);
                    let tag = i.map(|i| draft.cues[i]);
                    let span = i.map(|i| Span::new(tokens[options[i].0].span.start, tokens[options[i].1 - 1].span.end));
                    (tag, span, s, Some(m))
                }
                #[cfg(feature = "internals")]
                Sources::Record(recorder) => {
                    recorder.record(&cx, &query, &options);
                    (draft.cue, cue, rule.clone(), None)
                }
            };
            previous = rule;
            let cue_tokens = cue_tag.map(|c| (c.first, verb_end(doc, c.end)));
            // Whether the cue has a content of its own after it, in its sentence (the third shape).
            let claim_after = |(cue, cue_end): (usize, usize)| {
                let after = tagged.partition_point(|t| t.first < cue_end);
                tagged[after..].iter().take_while(|t| sentence[t.first] == sentence[cue]).any(|t| t.part == Part::Content)
            };
            if cue_tokens.is_some_and(|c| fronted_reports_nothing(doc, &draft.pieces, c, source.as_ref().map(|s| s.span), claim_after(c))) {
                continue;
            }
            let source = source.map(|s| named_in_apposition(text, clipped_to_its_clause(text, s, cue, &pieces), cue, mentions, entities));
            let source = source.map(|s| {
                let whole = whole_name(text, s.clone(), entities);
                let clear = |w: Span| !pieces.iter().chain(cue.iter()).any(|p| p.overlaps(w));
                if clear(whole.span) {
                    whole
                } else {
                    s
                }
            });
            let n_tokens: usize = draft.pieces.iter().map(|(f, e)| e - f).sum();
            let mut x = [0.0; N_CALIBRATION];
            x[0] = 1.0;
            x[1] = cue.is_some() as u8 as f32;
            x[2] = source.is_some() as u8 as f32;
            x[3] = source.as_ref().is_some_and(|s| s.kind == MentionKind::Pronoun) as u8 as f32;
            x[4] = source.as_ref().is_some_and(|s| s.kind == MentionKind::Nominal) as u8 as f32;
            x[7] = draft.margin.clamp(0.0, MARGIN_CAP) / MARGIN_CAP;
            x[8] = cue_tag.map_or(0.0, |c| c.margin.clamp(0.0, MARGIN_CAP) / MARGIN_CAP);
            x[9] = match rank_margin {
                Some(m) => m.clamp(0.0, MARGIN_CAP) / MARGIN_CAP,
                None => draft.source.map_or(0.0, |s| s.margin.clamp(0.0, MARGIN_CAP) / MARGIN_CAP),
            };
            x[10] = cue_tag.is_some_and(|c| (c.first..c.end).any(|i| doc.in_lexicon(i))) as u8 as f32;
            x[11] = (1.0 + n_tokens as f32).ln() / 5.0;
            let attribution = Attribution {
                kind: AttributionKind::Indirect,
                content,
                content_spans: pieces,
                source,
                cue,
                quotes: Vec::new(),
                confidence: 0.0,
            };
            out.push((attribution, x));
        }
    }
    agree(text, &mut out, quotes, entities);
    crate::order::sort_by_key(&mut out, |(a, _)| (a.content.start, a.content.end));
    join_quoted_runs(text, &mut out);
    drop_introductions(text, quotes, &mut out);
    out
}

/// Whether an unquoted content before its cue reports nothing, by one of three shapes (train-CV,
/// the same fold taggers relinked, end-to-end F1 / content overlap F1 from 0.5998 / 0.6852;
/// src/data/README.md, "The fronted-content round"):
/// - it runs straight into the cue's clause: nothing but words (and the source) between its last
///   word and the cue, no comma, dash or closing mark. A claim fronted before its reporting
///   clause is set off from it ("The pier will reopen, the board said"); one that runs on is the
///   clause's subject or the antecedent of a relative or subordinate clause that holds the cue
///   ("a gap that engineers say leaves the town dry", "bigger than anything he saw", "The vote
///   is expected to"): 0.6015 / 0.6868;
/// - a relative clause or a clause of time after it holds the cue, commas or not ("[the plan],
///   which the mayor criticised", "[Ada Holm], who later denied"): 0.6019 / 0.6870;
/// - it is a few words that are no clause (`MAX_UNFRONTED_WORDS`) and the cue has a content of
///   its own after it, in its sentence: the cue's subject ("[Ada Holm], in turn, cites …", "[The
///   mayor], 61, declined to …") or an adverbial ("[In several cases], officials say …"), the
///   claim after the cue. Without one, the few words are the claim ("Prices rose, she said"). A
///   clause shows itself by an auxiliary or adverb of the speaker rules' linking words, a clitic
///   ("’s", "n’t") or a past form after its first word ("[The plan will fail], he warned"):
///   0.603 / 0.688.
///
/// A passive cue with its agent after it keeps its content in the first and third shapes
/// ("[Her resignation] was confirmed by the board").
fn fronted_reports_nothing(
    doc: &Doc,
    pieces: &[(usize, usize)],
    (cue, cue_end): (usize, usize),
    source: Option<Span>,
    claim_after: bool,
) -> bool {
    let (first, end) = (pieces[0].0, pieces[pieces.len() - 1].1);
    if end > cue || (first..end).any(|i| doc.in_quotation(i)) {
        return false;
    }
    // A word, or a clitic the splitter keeps apart ("’s", "n’t").
    let wordlike = |i: usize| doc.is_word(i) || doc.word(i).chars().nth(1).is_some_and(char::is_alphabetic);
    if (end..cue).find(|&i| doc.is_word(i)).is_some_and(|i| is_relative_opener(&doc.word(i).to_lowercase())) {
        return true;
    }
    if (cue_end..doc.tokens.len().min(cue_end + 3)).any(|i| doc.word(i).eq_ignore_ascii_case("by")) {
        return false;
    }
    let in_source = |i: usize| source.is_some_and(|s| s.contains(doc.tokens[i].span));
    if wordlike(end - 1) && (end..cue).all(|i| wordlike(i) || in_source(i)) {
        return true;
    }
    // A cue with no content of its own after it reports what stands before it, however short:
    // "[Prices rose], she said", "[No deal], a source said" (a review's sentences: of about 40
    // short fronted claims, 24 were dropped when the shape did not ask this).
    if !claim_after {
        return false;
    }
    let mut words = 0;
    for i in (first..end).filter(|&i| wordlike(i)) {
        let w = doc.word(i).to_lowercase();
        if is_linking_word(&w)
            || matches!(w.as_str(), "’s" | "'s")
            || w.ends_with("n’t")
            || w.ends_with("n't")
            || (words > 0 && w.ends_with("ed"))
        {
            return false;
        }
        words += 1;
    }
    words <= MAX_UNFRONTED_WORDS
}

/// The most words a content of the third shape above has (train-CV relinked: 4 words 0.6031;
/// simulated on the same predictions, 5 words gained 0.0003 more for 0.0003 of indirect overlap
/// recall).
const MAX_UNFRONTED_WORDS: usize = 4;

/// Words opening a clause that says something of what stands before it: a relative pronoun, a
/// comparison's "than", a clause of time.
fn is_relative_opener(lower: &str) -> bool {
    matches!(lower, "who" | "whom" | "whose" | "which" | "when" | "after" | "than")
}

/// A source ends where its cue or content begins: a mention found across them (a headline's
/// run of capitals, "Mayor Ivo Sand Slams Harbour Plan", read as one name; "Polls show voters")
/// is cut before the first of them that starts after it begins. A source that nothing would be
/// left of stays as it is. (Train-CV, the same fold taggers: end-to-end F1
/// 0.5901 -> 0.5932, src/data/README.md.)
fn clipped_to_its_clause(text: &str, mut source: Speaker, cue: Option<Span>, pieces: &[Span]) -> Speaker {
    let s = source.span;
    let cut = cue.iter().chain(pieces).filter(|p| p.start > s.start && p.start < s.end).map(|p| p.start).min();
    if let Some(cut) = cut {
        let end = s.start + text[s.start..cut].trim_end().len();
        if end > s.start {
            source.span = Span::new(s.start, end);
        }
    }
    source
}

/// A source inside an appositive of the name before it is that name: in "Ana Lind, a
/// spokeswoman for the city, told reporters", "Tom Rask, chief economist at Keltra Bank, said"
/// and "warned Erik Nes, a former minister of finance" the appositive says who Ana Lind, Tom Rask
/// and Erik Nes are (its nominal, or its modifier's object, "Keltra Bank"), and they speak (an
/// indefinite description is someone new only when it stands alone, `speakers::resolve`). The
/// name must be a person's or an organisation's (the tagger's label: "On Tuesday, a spokeswoman
/// said" is the spokeswoman's) and open its clause, and the appositive must be closed: by a comma
/// right before the cue, or by the sentence when the name follows the cue. The direct-quote
/// rules read the same clause alike (`speakers::attribute`).
fn named_in_apposition(text: &str, source: Speaker, cue: Option<Span>, mentions: &[Resolved], entities: &[Entity]) -> Speaker {
    if source.kind == MentionKind::Pronoun {
        return source;
    }
    let Some(cue) = cue else { return name_in_apposition_after(text, source, None, mentions, entities) };
    let s = source.span;
    // The appositive runs from the name's comma to the source, with no other stop in between.
    let inside = |from: usize| {
        from <= s.start
            && text[from..s.start].trim_start().strip_prefix(',').is_some_and(|rest| !rest.chars().any(|c| ",.;:\"“”".contains(c)))
    };
    let at = mentions.partition_point(|m| m.phrase.end <= s.start);
    let Some(name) =
        mentions[..at].iter().rev().take(MAX_APPOSITIVE_MENTIONS).find(|m| m.speaker.kind == MentionKind::Name && inside(m.phrase.end))
    else {
        return name_in_apposition_after(text, source, Some(cue), mentions, entities);
    };
    let is_named = entities_over(entities, name.speaker.span).any(|e| matches!(e.label, Label::Person | Label::Org));
    if !is_named {
        return source;
    }
    let inverted = cue.end <= name.phrase.start && text[cue.end..name.phrase.start].trim().is_empty();
    if inverted || opens_clause(text, name.phrase.start) && s.end <= cue.start && comma_closed(&text[s.end..cue.start]) {
        name.speaker.clone()
    } else {
        source
    }
}

/// Whether what stands before `at` ends a clause: the text's start, a stop, a comma, a colon, a
/// parenthesis or a quotation mark.
fn opens_clause(text: &str, at: usize) -> bool {
    text[..at].trim_end().chars().last().map_or(true, |c| {
        matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | '(') || crate::text::marks::may_close(c) || crate::text::marks::may_open(c)
    })
}

/// Whether `between` ends with a comma and holds no other stop: an appositive closed there.
fn comma_closed(between: &str) -> bool {
    between.trim_end().strip_suffix(',').is_some_and(|b| !b.chars().any(|c| ",.;".contains(c)))
}

/// The other order of [`named_in_apposition`]: a description with the name in apposition after
/// it is that name ("The council’s finance chief, Tomas Varga, said", "A spokeswoman for the
/// port, Eva Lind, told", "said the club’s coach, Ana Ruiz."): the name says who the description
/// is, as the direct-quote rules read it (`speakers::attribute`). The description must open its
/// clause (or follow the cue), the name be a person's or an organisation's and stand right after
/// the description's words and a comma, and the appositive be closed: by a comma right before the
/// cue, or after the cue by the sentence or a comma. A source with no cue (a quotation's, linked
/// across sentences) needs the comma after the name alone.
fn name_in_apposition_after(text: &str, source: Speaker, cue: Option<Span>, mentions: &[Resolved], entities: &[Entity]) -> Speaker {
    let s = source.span;
    if source.kind != MentionKind::Nominal {
        return source;
    }
    let at = mentions.partition_point(|m| m.phrase.start < s.end);
    // Only the description's own modifier may stand between ("a spokeswoman for the port, Eva
    // Lind", "chief of staff, Joe Kasper"), not a clause ("prosecutors charged the officer and
    // the mayor fired his police chief, Garry Holm").
    let modifier = |between: &str| {
        let mut words = between.trim_end().trim_end_matches(',').split_whitespace();
        words.next().map_or(true, |w| matches!(w, "of" | "for" | "at" | "from" | "with" | "in" | "to"))
            && words.count() < MAX_APPOSITIVE_MENTIONS
    };
    let Some(name) = mentions[at..].iter().take(MAX_APPOSITIVE_MENTIONS).find(|m| {
        // Mentions are in the order of their names, and a phrase with a title starts before its
        // name: one may start inside the source; it follows no apposition.
        let Some(between) = text.get(s.end..m.phrase.start) else { return false };
        m.speaker.kind == MentionKind::Name && comma_closed(between) && modifier(between)
    }) else {
        return source;
    };
    if !entities_over(entities, name.speaker.span).any(|e| matches!(e.label, Label::Person | Label::Org)) {
        return source;
    }
    let n = name.phrase;
    let Some(cue) = cue else {
        return if text[n.end..].trim_start().starts_with(',') { name.speaker.clone() } else { source };
    };
    let closed = if cue.start >= n.end {
        opens_clause(text, s.start) && comma_closed(&text[n.end..cue.start])
    } else {
        let follows_cue = cue.end <= s.start && text[cue.end..s.start].trim().is_empty();
        follows_cue && text[n.end..].trim_start().chars().next().map_or(true, |c| ",.;!?".contains(c))
    };
    if closed {
        name.speaker.clone()
    } else {
        source
    }
}

/// How many mentions back from a source its appositive's name may be ("Tom Rask, chief
/// economist at Keltra Bank": the name, "chief economist", "Keltra Bank").
const MAX_APPOSITIVE_MENTIONS: usize = 4;

/// A claim that ends at a colon introducing the same source's quotation, with no cue of the
/// quotation's own ("X read a statement on behalf of the traders: “…”", "she wrote to the
/// board: “…”"), is the quotation's reporting clause, not a claim of its own: the words before
/// the colon say how the quotation was made, and the quotation is what was said. The claim is
/// dropped; the quotation keeps its attribution.
fn drop_introductions(text: &str, quotes: &[Quote], out: &mut Vec<(Attribution, Evidence)>) {
    let same = |a: &Option<Speaker>, b: &Option<Speaker>| match (a, b) {
        (Some(s), Some(t)) => s.span == t.span || (s.entity.is_some() && s.entity == t.entity),
        _ => false,
    };
    let mut keep = vec![true; out.len()];
    for i in 0..out.len().saturating_sub(1) {
        let (claim, quoted) = (&out[i].0, &out[i + 1].0);
        let opens = quoted.quotes.first().and_then(|&q| quotes.get(q)).map(|q| q.outer.start);
        let introduces = claim.quotes.is_empty()
            && opens.is_some_and(|at| claim.content.end <= at && text[claim.content.end..at].trim() == ":")
            && quoted.cue.map_or(true, |c| c.slice(text) == ":");
        if introduces && same(&claim.source, &quoted.source) {
            keep[i] = false;
        }
    }
    let mut k = keep.into_iter();
    out.retain(|_| k.next().unwrap_or(true));
}

/// One speaker's quotations in one paragraph, one after the other, are one attribution with a
/// piece per quotation (“…,” she said. “…”), as PolNeAR reads them: consecutive attributions
/// that hold quotations, name the same source mention and have no line break between them.
/// The first one's evidence stands for the run.
fn join_quoted_runs(text: &str, out: &mut Vec<(Attribution, Evidence)>) {
    let mut joined: Vec<(Attribution, Evidence)> = Vec::with_capacity(out.len());
    for (a, x) in out.drain(..) {
        // Claims without quotations between the two (a relative clause's "…, who has not
        // decided which …") do not break the run; they stay claims of their own.
        let last_quoted = joined.iter().rposition(|(b, _)| !b.quotes.is_empty()).unwrap_or(joined.len().saturating_sub(1));
        if let Some((last, _)) = joined.get_mut(last_quoted) {
            let same_source = matches!((&last.source, &a.source), (Some(s), Some(t)) if s.span == t.span);
            let gap_ok =
                last.content.end <= a.content.start && !text[last.content.end..a.content.start].contains(crate::text::is_line_break);
            if same_source && gap_ok && !last.quotes.is_empty() && !a.quotes.is_empty() {
                if a.kind != AttributionKind::Direct {
                    last.kind = AttributionKind::Mixed;
                }
                last.content = Span::new(last.content.start, a.content.end);
                last.content_spans.extend(a.content_spans);
                last.quotes.extend(a.quotes);
                last.cue = last.cue.or(a.cue);
                continue;
            }
        }
        joined.push((a, x));
    }
    *out = joined;
}

/// The sentence index of each of `doc`'s tokens.
pub(super) fn sentence_ids(doc: &Doc) -> Vec<u32> {
    let mut s = 0;
    doc.tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if t.sentence_start && i > 0 {
                s += 1;
            }
            s
        })
        .collect()
}

/// Groups the tagged spans into drafts: contents (merged across interruptions) with their cue and source.
fn drafts(doc: &Doc, tagged: &[Tagged]) -> Vec<Draft> {
    let tokens = &doc.tokens;
    let line_of = |i: usize| tokens[i].line;
    let sentence = sentence_ids(doc);
    let mut covered = vec![false; tokens.len()];
    let mut source_at = vec![false; tokens.len()];
    // Token `k` comes right after a cue.
    let mut cue_end_at = vec![false; tokens.len()];
    let mut cue_start_at = vec![false; tokens.len()];
    for t in tagged.iter().filter(|t| t.part != Part::Content) {
        covered[t.first..t.end].iter_mut().for_each(|c| *c = true);
        if t.part == Part::Source {
            source_at[t.first] = true;
        }
        if t.part == Part::Cue && t.end < tokens.len() {
            cue_end_at[t.end] = true;
        }
        if t.part == Part::Cue {
            cue_start_at[t.first] = true;
        }
    }
    let contents: Vec<&Tagged> = tagged.iter().filter(|t| t.part == Part::Content).collect();
    let cues: Vec<&Tagged> = tagged.iter().filter(|t| t.part == Part::Cue).collect();
    let sources: Vec<&Tagged> = tagged.iter().filter(|t| t.part == Part::Source).collect();

    let mut drafts: Vec<Draft> = Vec::new();
    for c in contents {
        if let Some(last) = drafts.last_mut() {
            let (_, prev_end) = *last.pieces.last().expect("a draft has a piece");
            let gap = prev_end..c.first;
            let interrupted = line_of(prev_end - 1) == line_of(c.first)
                && gap.len() <= MAX_PIECE_GAP
                && gap.clone().any(|i| covered[i])
                && gap.clone().all(|i| covered[i] || !doc.is_word(i))
                // “…,” she said. “…” is one content; "… spring. He added that …" is two.
                && !(prev_end..=c.first).any(|i| doc.opens_unquoted_sentence(i));
            // A quotation resumes after an interrupting reporting clause ("…,” she said,
            // “…"), or the clause names its source ("…, the report says, …"); a cue alone
            // between two unquoted contents starts a second claim ("… rips the deal, arguing
            // that …").
            // A content right after its own cue ("asked if …, Clinton said …") is complete: the
            // reporting clause after it introduces another claim.
            // Untagged words inside one sentence ("that he has a chance [to do] equally well"):
            // the tagger let its content lapse for them, nothing reports anew there.
            let lapse = line_of(prev_end - 1) == line_of(c.first)
                && gap.clone().filter(|&i| doc.is_word(i)).count() <= MAX_LAPSE_WORDS
                && !gap.clone().any(|i| covered[i] || doc.in_quotation(i))
                && !doc.in_quotation(prev_end - 1)
                && !doc.in_quotation(c.first)
                && !(prev_end..=c.first).any(|i| doc.tokens[i].sentence_start);
            if lapse && last.pieces.len() == 1 {
                last.pieces[0].1 = c.end;
                last.margin = last.margin.min(c.margin);
                continue;
            }
            let first = last.pieces[0].0;
            let governed = (first.saturating_sub(1)..=first).any(|k| cue_end_at[k]);
            // A content with a reporting clause of its own after it in its sentence ("“…,”
            // said Y.") is that clause's claim, not the resumption of the one before.
            let own_clause_after = (c.end..tokens.len()).take_while(|&i| sentence[i] == sentence[c.end - 1]).any(|i| source_at[i]);
            // An unquoted content right after the second of two cues ("“…,” he continued,
            // citing the jobs lost", "…, she said, adding that …") is that cue's own claim, not
            // more of the quotation; after the quotation's one cue it is not ("“…,” the tenants
            // would chant outside the office": `agree` ends the quotation's content there).
            let second_cue = cue_end_at[c.first] && !doc.in_quotation(c.first) && gap.clone().filter(|&i| cue_start_at[i]).count() >= 2;
            let joins = interrupted
                && !governed
                && !own_clause_after
                && !second_cue
                && (gap.clone().any(|i| source_at[i]) || doc.in_quotation(c.first));
            if interrupted && !joins {
                let follows = !gap.clone().any(|i| source_at[i]);
                drafts.push(Draft { pieces: vec![(c.first, c.end)], margin: c.margin, cue: None, cues: Vec::new(), source: None, follows });
                continue;
            }
            if joins {
                last.pieces.push((c.first, c.end));
                let n = (last.pieces.len()) as f32;
                last.margin = (last.margin * (n - 1.0) + c.margin) / n;
                continue;
            }
        }
        drafts.push(Draft { pieces: vec![(c.first, c.end)], margin: c.margin, cue: None, cues: Vec::new(), source: None, follows: false });
    }

    for d in &mut drafts {
        let pieces = d.pieces.clone();
        let (first, end) = (pieces[0].0, pieces[pieces.len() - 1].1);
        let distance = |t: &Tagged, from: (usize, usize)| -> Option<usize> {
            if line_of(t.first) != line_of(from.0) {
                return None;
            }
            let d = if t.end <= from.0 {
                from.0 - t.end
            } else if t.first >= from.1 {
                t.first - from.1
            } else if d_between(t, &pieces) {
                0
            } else {
                return None;
            };
            // Same sentence first: a cue of the next sentence is farther than any of this one.
            let far = sentence[t.first] != sentence[from.0] && sentence[t.first] != sentence[from.1 - 1];
            Some(d + if far { MAX_CUE_DISTANCE } else { 0 })
        };
        // Only the cues and sources within reach are looked at, so linking stays linear.
        let lo = cues.partition_point(|c| c.end + MAX_CUE_DISTANCE < first);
        let hi = cues.partition_point(|c| c.first <= end + MAX_CUE_DISTANCE);
        let mut near: Vec<(usize, Tagged)> = cues[lo..hi.max(lo)]
            .iter()
            .filter_map(|c| distance(c, (first, end)).filter(|&x| x <= MAX_CUE_DISTANCE).map(|x| (x, **c)))
            .collect();
        crate::order::sort_by_key(&mut near, |(x, _)| (*x, 0));
        d.cue = near.first().map(|(_, c)| *c);
        d.cues = near.into_iter().take(MAX_CUE_OPTIONS).map(|(_, c)| c).collect();
        let anchor = d.cue.map_or((first, end), |c| (c.first, c.end));
        let limit = if d.cue.is_some() { MAX_SOURCE_DISTANCE } else { MAX_SOURCE_DISTANCE / 2 };
        let lo = sources.partition_point(|s| s.end + MAX_SOURCE_DISTANCE < anchor.0);
        let hi = sources.partition_point(|s| s.first <= anchor.1 + MAX_SOURCE_DISTANCE);
        d.source = sources[lo..hi.max(lo)]
            .iter()
            .filter(|s| !d.pieces.iter().any(|&(f, e)| s.first >= f && s.end <= e))
            .filter_map(|s| {
                // Tokens between the source and the anchor (0 when they touch or overlap).
                let x = anchor.0.saturating_sub(s.end).max(s.first.saturating_sub(anchor.1));
                let same_line = line_of(s.first) == line_of(anchor.0);
                let far = sentence[s.first] != sentence[anchor.0];
                // With a cue, the source is in the cue's sentence ("…," sighed X), never the
                // object of the sentence before.
                (same_line && x <= limit && !(far && d.cue.is_some())).then_some((x + if far { limit } else { 0 }, *s))
            })
            .min_by_key(|(x, _)| *x)
            .map(|(_, s)| *s);
    }
    // A second claim after a bare cue is its first claim's source's.
    for j in 1..drafts.len() {
        if drafts[j].follows && drafts[j - 1].source.is_some() {
            drafts[j].source = drafts[j - 1].source;
        }
    }
    // "did not say", "never claimed": denied speech credits no one, and a denied cue credits
    // no one with a quotation. A denied act or stance on an unquoted content ("did not rebut the
    // claim that …", "has not endorsed anyone") is still reported, as PolNeAR reads it: it is
    // the source's position on the content, not words put in its mouth.
    let negated = |d: &Draft, c: &Tagged| {
        (c.first.saturating_sub(1)..c.end).any(|k| is_negation(&doc.word(k).to_lowercase()))
            && ((c.first..c.end).any(|k| doc.in_lexicon(k)) || d.pieces.iter().any(|&(f, e)| (f..e).any(|k| doc.in_quotation(k))))
    };
    // "…,” whatever the papers wrote": a cue after its content in a subordinate clause does not
    // report it (the speaker rules' own rule, `speakers::is_subordinator`).
    let subordinate = |d: &Draft, c: &Tagged| {
        let end = d.pieces.iter().map(|p| p.1).max().unwrap_or(0);
        c.first >= end && (end..c.first).any(|k| is_subordinator(&doc.word(k).to_lowercase()))
    };
    for d in &mut drafts {
        let keep: Vec<Tagged> = d.cues.iter().filter(|c| !subordinate(d, c)).copied().collect();
        d.cues = keep;
        // The same for a source the tagger found there ("“…,” whatever the papers wrote" with
        // "wrote" untagged, the source tagged from "whatever" on): the papers said nothing of it.
        let end = d.pieces.iter().map(|p| p.1).max().unwrap_or(0);
        if d.source.is_some_and(|s| s.first >= end && (end..s.end).any(|k| is_subordinator(&doc.word(k).to_lowercase()))) {
            d.source = None;
        }
    }
    drafts.retain(|d| (d.cue.is_some() || d.source.is_some()) && !d.cue.is_some_and(|c| negated(d, &c) || subordinate(d, &c)));
    to_sentence_end(doc, &sentence, tagged, &mut drafts);
    drafts
}

/// A reported clause runs to the end of its sentence unless something else begins there: an
/// unquoted content of one piece that the tagger stopped inside its clause ("…, 61, proposed [a
/// national health system that would be] administered by the states.") is extended over the
/// rest of its sentence when that rest goes straight on with a word (no comma, dash or bracket
/// that could end the clause first), holds no tagged span and no quotation. It stops before a
/// semicolon, a colon, a dash or an opening bracket (`breaks_clause`) further on: what comes
/// after one is another clause or an aside ("… in spring (the mayor disagreed).", "… in spring;
/// the mayor disagreed"), and a content never ends inside a bracket it did not close. (Stopping
/// at a closing bracket too, for a content opened inside one, lost train-CV end-to-end F1,
/// 0.5825 against 0.584, `--reuse-folds`.)
///
/// A content that stops on a word that needs the words after it (`ends_open`: "said that",
/// "explained why", "denied the", "said he") stopped before the clause or phrase it reports: the
/// tagger read that clause's subject and verb as a source and a cue of their own ("… worried
/// that [too many voters] [limit] …"), so for it tagged spans in the rest do not stop the run; a
/// comma and a quotation do (a quotation keeps the attribution `agree` gives it: running over
/// one moved end-to-end F1 by +0.0002 only), and the contents the run takes in are dropped (they
/// were the clause's words, not a claim of their own). A content with no word left (a "that" alone at a
/// sentence's end, marks only) reports nothing and is dropped.
fn to_sentence_end(doc: &Doc, sentence: &[u32], tagged: &[Tagged], drafts: &mut Vec<Draft>) {
    let tokens = &doc.tokens;
    let mut free = vec![true; tokens.len()];
    for t in tagged {
        free[t.first..t.end].iter_mut().for_each(|f| *f = false);
    }
    // Token ranges a content that opened a clause ran over: other contents there are its words.
    // The drafts are in text order, so the ranges are too, and disjoint: a content inside the
    // last one is dropped below, and is not run on itself (running on past a comma it would
    // outlast the range and stay, overlapping the content that took it in).
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for d in drafts.iter_mut().filter(|d| d.pieces.len() == 1) {
        let (first, end) = d.pieces[0];
        if taken.last().is_some_and(|&(from, to)| first >= from && end <= to) {
            continue;
        }
        if end >= tokens.len() || (first..end).any(|k| doc.in_quotation(k)) || !doc.is_word(end) {
            continue;
        }
        let opener = ends_open(&doc.word(end - 1).to_lowercase());
        let rest = (end..tokens.len()).take_while(|&k| sentence[k] == sentence[end - 1] && tokens[k].line == tokens[end - 1].line);
        let mut last_word = None;
        let mut clear = true;
        for k in rest {
            // A quotation stays what `agree` makes of it: the run stops before one.
            if opener && doc.in_quotation(k) {
                break;
            }
            if !opener && (!free[k] || doc.in_quotation(k)) {
                clear = false;
                break;
            }
            if breaks_clause(doc.word(k)) || opener && doc.word(k) == "," {
                break;
            }
            if doc.is_word(k) {
                last_word = Some(k);
            }
        }
        if let (true, Some(k)) = (clear, last_word) {
            d.pieces[0].1 = k + 1;
            if opener {
                taken.push((end, k + 1));
            }
        }
    }
    let says_something =
        |d: &Draft| d.pieces.iter().any(|&(f, e)| (f..e).any(|k| doc.is_word(k) && !doc.word(k).eq_ignore_ascii_case("that")));
    // The last range that starts at or before the draft is the only one that can hold it (one
    // look-up, not a pass over every range per draft: quadratic in a text of such sentences).
    let inside_taken = |d: &Draft| {
        let (Some(lo), Some(hi)) = (d.pieces.iter().map(|p| p.0).min(), d.pieces.iter().map(|p| p.1).max()) else {
            return false;
        };
        let i = taken.partition_point(|&(from, _)| from <= lo);
        i > 0 && hi <= taken[i - 1].1
    };
    drafts.retain(|d| says_something(d) && !inside_taken(d));
}

/// Whether a phrase cannot end on `lower` (lower case): a word that opens a clause (a
/// complementiser or a wh-word), a determiner, a preposition or a subject pronoun needs the words
/// after it (see `to_sentence_end`). Train-CV on the same fold taggers (`scripts/train-attribution.sh
/// --cv-only`): the clause openers alone moved end-to-end F1 0.5859 → 0.5877, with the other three
/// classes, empty contents dropped and the run stopping at a quotation 0.5894 (content overlap F1
/// 0.6796 → 0.6823; with `--seed 15`, 0.5865 → 0.5898).
fn ends_open(lower: &str) -> bool {
    crate::speakers::is_determiner(lower) || ENDS_OPEN.contains(&lower)
}

/// `ends_open`'s words beside the determiners: clause openers, prepositions, subject pronouns,
/// auxiliaries and modals ("the deal could be [announced as early as Friday]": a cue word the
/// tagger cut the content at, in a passive, is the content's verb).
const ENDS_OPEN: &[&str] = &[
    "that", "what", "which", "who", "whom", "whose", "why", "how", "when", "where", "whether", "if", "for", "of", "to", "by", "from",
    "with", "about", "on", "in", "at", "he", "she", "they", "we", "i", "be", "been", "being", "is", "are", "was", "were", "will", "would",
    "can", "could", "may", "might", "must", "shall", "should",
];

/// Whether the token `word` ends a clause inside its sentence: a semicolon, a colon, a dash or an
/// opening bracket.
fn breaks_clause(word: &str) -> bool {
    matches!(word, ";" | ":" | "-" | "--" | "–" | "—" | "―" | "(" | "[" | "{")
}

/// Contents the tagger left out before a reporting clause that closes their sentence after a
/// comma ("The ferry will run again in May, the harbour board announced on Friday, after …",
/// "…, said the board"): a tagged source right beside a tagged cue, a comma before them, and
/// before that comma, back to the sentence's start, at least three words the tagger tagged
/// nothing in and no quotation (quotes are credited by `agree`). Not when the next tagged span
/// of the sentence is a content: the clause then leads into its own ("When the storm hit, the
/// mayor said it would hold"). Each gets the cue's margin: the confidence weighs it. In text order.
pub(super) fn fronted_contents(doc: &Doc, sentence: &[u32], tagged: &[Tagged]) -> Vec<Fronted> {
    let tokens = &doc.tokens;
    let mut free = vec![true; tokens.len()];
    for t in tagged {
        free[t.first..t.end].iter_mut().for_each(|f| *f = false);
    }
    // `tagged` is in text order.
    let sources: Vec<&Tagged> = tagged.iter().filter(|t| t.part == Part::Source).collect();
    let mut out: Vec<Fronted> = Vec::new();
    for c in tagged.iter().filter(|t| t.part == Part::Cue) {
        // The source right before the cue ("the board announced") or right after it ("said the board").
        let at = sources.partition_point(|s| s.end < c.first);
        let Some(s) = sources[at..].iter().take(2).find(|s| s.end == c.first || s.first == c.end) else { continue };
        let clause_end = c.end.max(s.end);
        let next = tagged.partition_point(|t| t.first < clause_end);
        if tagged.get(next).is_some_and(|t| t.part == Part::Content && sentence[t.first] == sentence[c.first]) {
            continue;
        }
        // The source as tagged may lack its first words ("the town’s arts [trust]").
        let mut clause = c.first.min(s.first);
        while clause > 0
            && c.first.min(s.first) - clause < MAX_SOURCE_LEAD
            && free[clause - 1]
            && (doc.is_word(clause - 1) || matches!(doc.word(clause - 1), "'s" | "’s"))
        {
            clause -= 1;
        }
        if clause == 0 || doc.word(clause - 1) != "," || sentence[clause - 1] != sentence[c.first] {
            continue;
        }
        let comma = clause - 1;
        let mut start = comma;
        while start > 0 && !tokens[start].sentence_start && tokens[start - 1].line == tokens[comma].line {
            start -= 1;
        }
        let span = start..comma;
        let words = span.clone().filter(|&k| doc.is_word(k)).count();
        if words >= 3 && span.clone().all(|k| free[k] && !doc.in_quotation(k)) && out.last().map_or(true, |o| o.content.end <= start) {
            out.push(Fronted { content: Tagged { first: start, end: comma, part: Part::Content, margin: c.margin }, cue: *c, source: **s });
        }
    }
    out
}

/// Contents that hold, outside quotations, a second reporting verb of their sentence's subject
/// after ", and" or "but" ("acknowledged that the data had been exposed, but said no passwords were
/// stolen"), split there into two claims, the verb the second one's cue: PolNeAR makes such a
/// verb a cue of its own (121 times in train, against 31 inside a content, most of those in
/// quotations). Only a finite verb of the speech lexicon ("said", "warned", "urges"), and
/// without the comma only after "but": after a bare "and" the verb is as often the content's
/// own ("that she had her staff field them and tell …": in train-CV's contents 15 of 44 were
/// cues, against 4 of 5 after ", and" or "but"). The tagged spans with the splits made, and the
/// second claims' cues, which the linker must keep (those made here, and those the tagger found
/// after ", and" or "but" right before a content: "…, and [warned] [that cuts were coming]");
/// `None` when there are none.
fn coordinated_cues(doc: &Doc, tagged: &[Tagged]) -> Option<(Vec<Tagged>, Vec<Tagged>)> {
    let finite = |k: usize| {
        let w = doc.word(k);
        doc.in_lexicon(k) && w.chars().all(|c| c.is_ascii_lowercase()) && crate::speakers::is_finite_form(w)
    };
    let mut out: Vec<Tagged> = Vec::new();
    let mut cues: Vec<Tagged> = Vec::new();
    for &t in tagged {
        let mut rest = t;
        // A verb the tagger made a cue there already ("…, and [warned] [that …]") is one too.
        let after_coordinator = t.first >= 2
            && matches!(doc.word(t.first - 1), "and" | "but")
            && (doc.word(t.first - 2) == "," || doc.word(t.first - 1) == "but");
        if t.part == Part::Cue && after_coordinator && finite(t.first) && tagged.iter().any(|c| c.part == Part::Content && c.first == t.end)
        {
            cues.push(t);
        }
        if t.part == Part::Content {
            let mut k = t.first + 2;
            while k + 2 < rest.end {
                let conjunction = doc.word(k);
                let comma = doc.word(k - 1) == ",";
                // Outside quotations: a quoted "…, and said …" is what was said.
                let unquoted = !doc.in_quotation(k) && !doc.in_quotation(k + 1);
                if unquoted && matches!(conjunction, "and" | "but") && (comma || conjunction == "but") && finite(k + 1) {
                    let cue = Tagged { first: k + 1, end: k + 2, part: Part::Cue, margin: rest.margin };
                    out.extend([Tagged { end: if comma { k - 1 } else { k }, ..rest }, cue]);
                    cues.push(cue);
                    rest = Tagged { first: k + 2, ..rest };
                    k += 3;
                } else {
                    k += 1;
                }
            }
        }
        out.push(rest);
    }
    (!cues.is_empty()).then_some((out, cues))
}

/// The most words of the source in an opening "according to" phrase ("According to [the
/// harbour board's annual report], …").
const MAX_OPENER_SOURCE: usize = 8;

/// Sentences that open with "according to", a noun phrase and a comma ("According to police,
/// the driver fled."), in which the tagger found no content or ran the source over the comma
/// ("[police, the driver of the car] fled [the scene]"): the phrase's noun is the source and
/// the clause after the comma, to the sentence's end, the content (what the tagger found there,
/// a source running over the comma, gives way). The tagger finds most of them (83 of the 86 in
/// PolNeAR train, held out); it misses them in a short sentence, which its training articles
/// rarely have. After a name, a comma-closed description beginning with a
/// determiner is the name's apposition, not the content ("According to Ann Holt, a spokeswoman
/// for the port, the ferry will run."). Each gets the margin of the cue the tagger found there
/// (as `fronted_contents`' do), else 0: the confidence weighs it.
fn according_to_openers(doc: &Doc, sentence: &[u32], tagged: &[Tagged]) -> Vec<Fronted> {
    let tokens = &doc.tokens;
    let n = tokens.len();
    let mut out = Vec::new();
    let same = |a: usize, b: usize| sentence[a] == sentence[b] && tokens[a].line == tokens[b].line;
    for i in 0..n.saturating_sub(4) {
        if !(doc.opens_unquoted_sentence(i) && doc.word(i).eq_ignore_ascii_case("according") && doc.word(i + 1) == "to") {
            continue;
        }
        let comma_after =
            |from: usize, most: usize| (from..n.min(from + most + 1)).take_while(|&k| same(k, i)).find(|&k| doc.word(k) == ",");
        let Some(comma) = comma_after(i + 3, MAX_OPENER_SOURCE) else { continue };
        let named = doc.word(i + 2).starts_with(char::is_uppercase);
        let appositive = (named && comma + 1 < n && crate::speakers::is_determiner(&doc.word(comma + 1).to_lowercase()))
            .then(|| comma_after(comma + 2, MAX_OPENER_SOURCE + 4))
            .flatten();
        // A source is a name, a determined phrase or a plural ("police", "court documents"):
        // "according to plan", "according to tradition" name no one.
        let source_words = (i + 2..comma).map(|k| doc.word(k)).collect::<Vec<_>>();
        let speaks = named
            || crate::speakers::is_determiner(&source_words[0].to_lowercase())
            || source_words.last().is_some_and(|w| crate::speakers::is_plural_form(&w.to_lowercase()));
        let start = appositive.unwrap_or(comma) + 1;
        // To the sentence's end, its closing stop left out ("unemployment rose 5 %").
        let end = (start..n)
            .take_while(|&k| same(k, i))
            .filter(|&k| !matches!(doc.word(k), "." | "!" | "?" | "…"))
            .last()
            .map_or(start, |k| k + 1);
        let words = (start..end).filter(|&k| doc.is_word(k)).count();
        let no_content = !tagged.iter().any(|t| t.part == Part::Content && t.first < end && i < t.end);
        let source_over_comma = tagged.iter().any(|t| t.part == Part::Source && t.first == i + 2 && t.end > comma + 1);
        if words >= 3 && speaks && (no_content || source_over_comma) && (i + 2..comma).all(|k| !doc.in_quotation(k)) {
            let margin = tagged.iter().find(|t| t.part == Part::Cue && t.first == i).map_or(0.0, |t| t.margin);
            let at = |first: usize, end: usize, part: Part| Tagged { first, end, part, margin };
            out.push(Fronted {
                content: at(start, end, Part::Content),
                cue: at(i, i + 2, Part::Cue),
                source: at(i + 2, comma, Part::Source),
            });
        }
    }
    out
}

/// A content `fronted_contents` found, with the reporting clause after it.
pub(super) struct Fronted {
    content: Tagged,
    cue: Tagged,
    source: Tagged,
}

/// Where a cue ending at token `end` really ends: a cue ending on an auxiliary ("would", "has
/// also") takes the verb after it, so "neighbours would mutter" is cued by "would mutter".
fn verb_end(doc: &Doc, mut end: usize) -> usize {
    let lower = |k: usize| doc.word(k).to_lowercase();
    if !is_linking_word(&lower(end - 1)) {
        return end;
    }
    while end < doc.tokens.len() && doc.tokens[end].line == doc.tokens[end - 1].line && doc.is_word(end) && !doc.tokens[end].sentence_start
    {
        let word = lower(end);
        end += 1;
        if !is_linking_word(&word) {
            break;
        }
    }
    end
}

/// True when `t` lies in a gap between two of `pieces`.
fn d_between(t: &Tagged, pieces: &[(usize, usize)]) -> bool {
    pieces.windows(2).any(|w| t.first >= w[0].1 && t.end <= w[1].0)
}

/// The speaker mention right beside a cue that the tagger gave no source: "X sighed", "sighed X".
fn beside(text: &str, cue: Span, mentions: &[Resolved]) -> Option<Speaker> {
    let blank = |from: usize, to: usize| from <= to && text[from..to].chars().all(char::is_whitespace);
    let from = mentions.partition_point(|m| m.phrase.end < cue.start);
    mentions[from..]
        .iter()
        .take_while(|m| m.phrase.start <= cue.end + 1)
        .find(|m| blank(m.phrase.end, cue.start) || blank(cue.end, m.phrase.start))
        .map(|m| m.speaker.clone())
}

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you", "who", "him", "her", "them", "us", "me"];

/// The entities overlapping `span`, in text order (`entities` as `analyze` makes them: sorted,
/// none overlapping another, so both ends are in order and a binary search finds the first).
pub(super) fn entities_over(entities: &[Entity], span: Span) -> impl Iterator<Item = &Entity> {
    entities.iter().skip(entities.partition_point(|e| e.span.end <= span.start)).take_while(move |e| e.span.start < span.end)
}

/// Whether the tagger found mention `m` to be a name, and no person's ("the University of Kent").
fn names_no_person(m: &Resolved, entities: &[Entity]) -> bool {
    let mut labels = entities_over(entities, m.speaker.span).map(|e| e.label);
    labels.next().is_some_and(|first| first != Label::Person && labels.all(|l| l != Label::Person))
}

/// The speaker a tagged source span names: the resolved mention it overlaps most (the same
/// speaker the quote rules would give), else the span itself, classed by its words.
pub(super) fn speaker_for(text: &str, span: Span, mentions: &[Resolved], entities: &[Entity]) -> Speaker {
    // A tagged span may end on the comma of the appositive it is ("a nurse in Leeds,"): no
    // speaker's text ends so.
    let kept = span.slice(text).trim_end_matches(|c: char| c == ',' || c == ';' || c == ':' || c.is_whitespace()).len();
    let span = if kept > 0 { Span::new(span.start, span.start + kept) } else { span };
    let from = mentions.partition_point(|m| m.phrase.end <= span.start);
    let overlap = |a: Span, b: Span| a.end.min(b.end).saturating_sub(a.start.max(b.start));
    // By the whole phrase: a source tagged "Mayor" of "Mayor Ivo Sand" is Ivo Sand. A mention
    // that is the object of another's modifier ("a nurse at [the hospital]", "a spokesman for
    // [the builder]") is not who speaks: the noun phrase's head comes before its modifiers.
    let overlapping = || mentions[from..].iter().take_while(|m| m.phrase.start < span.end).filter(|m| m.phrase.overlaps(span));
    // Not inside one name the mentions split ("the Center for Responsive Politics": an entity
    // spans both), nor after a name that is no person's ("the University of Kent").
    let one_name = |h: &Resolved, m: &Resolved| {
        let whole = Span::new(h.phrase.start, m.phrase.end);
        entities
            .iter()
            .skip(entities.partition_point(|e| e.span.end <= whole.start))
            .take_while(|e| e.span.start <= whole.start)
            .any(|e| e.span.end >= whole.end)
    };
    // A modifier's object starts where the name holding it does ("a doctor at [Guy's Hospital]",
    // where the possessive parts the mentions): the entity tagger reads the name whole.
    let object_start = |h: &Resolved, m: &Resolved| {
        entities_over(entities, m.phrase)
            .filter(|e| e.span.start <= m.phrase.start && e.span.end >= m.phrase.end && e.span.start >= h.phrase.end)
            .map(|e| e.span.start)
            .min()
            .unwrap_or(m.phrase.start)
    };
    let modifies = |m: &Resolved| {
        overlapping().any(|h| {
            h.phrase.end < m.phrase.start
                && h.phrase.start >= span.start
                && text.get(h.phrase.end..object_start(h, m)).is_some_and(crate::speakers::is_modifier_gap)
                && !one_name(h, m)
                && !(h.speaker.kind == MentionKind::Name && names_no_person(h, entities))
                && !text[h.phrase.start..h.phrase.end].split_whitespace().last().is_some_and(crate::speakers::is_quantity_head)
        })
    };
    // A source opening with a title of several words is the person named after it, not a name
    // inside the title ("Governor of the Bank of England Andrew Bailey"); so is one ending with a
    // person's name after another name and a few lower-case role words, the phrase's head
    // ("Ashford Borough Council leader Tom Hennessy", "NDP critic Owen Bell").
    let person =
        |m: &&Resolved| m.speaker.kind == MentionKind::Name && entities_over(entities, m.speaker.span).any(|e| e.label == Label::Person);
    if crate::speakers::opens_with_a_title_of(span.slice(text)) {
        if let Some(m) = overlapping().filter(person).last() {
            return m.speaker.clone();
        }
    }
    // Role words: lower case, and no function word, which conjunctions and prepositions are
    // ("Trump and House Speaker Paul Ryan" are two speakers).
    let role_words = |between: &str| {
        let words: Vec<&str> = between.split_whitespace().collect();
        (1..=3).contains(&words.len())
            && words.iter().all(|w| w.chars().all(|c| c.is_lowercase() || c == '-') && !FUNCTION_WORDS.contains(w))
    };
    if let Some(m) = overlapping().last().filter(person).filter(|m| text[m.phrase.end..span.end.max(m.phrase.end)].trim().is_empty()) {
        let named_before = overlapping().take_while(|h| h.phrase.end <= m.phrase.start).last();
        if named_before.is_some_and(|h| h.speaker.kind == MentionKind::Name && role_words(&text[h.phrase.end..m.phrase.start])) {
            return m.speaker.clone();
        }
    }
    // A name before the plural that ends the span modifies it ("[Hospital] bosses", "White
    // House officials"): the span speaks, and it is none of the name's cluster.
    let before_plural_head = |m: &Resolved| {
        let mut rest = text[m.phrase.end..span.end.max(m.phrase.end)].split_whitespace();
        let (first, second) = (rest.next(), rest.next());
        let head_word = |w: &str| w.chars().all(|c| c.is_lowercase() || c == '-') && !FUNCTION_WORDS.contains(w);
        rest.next().is_none()
            && first.is_some_and(head_word)
            && second.map_or(true, head_word)
            && second.or(first).is_some_and(crate::speakers::is_plural_form)
    };
    if overlapping().last().is_some_and(before_plural_head) {
        return Speaker { span, kind: MentionKind::Nominal, entity: None, basis: Basis::Explicit, refers_to: None };
    }
    // So is a name after a preposition in an appositive when no mention heads the span ("Her
    // sister, a nurse in [Leeds],": no list holds "sister" or "nurse"), unless one name holds
    // both ("the University of [Kent]"). The span itself is then the source. Only in an
    // appositive: a span the tagger ran too long holds the speaker after a preposition ("the
    // spectacle of [Mr. Netanyahu]").
    let object_of_words = |m: &Resolved| {
        let before = text[span.start..m.phrase.start.max(span.start)].trim_end();
        // Where the last word of `s` starts (after any blank, a no-break space included).
        let word_start = |s: &str| s.trim_end().len() - s.trim_end().rsplit(char::is_whitespace).next().map_or(0, str::len);
        // The preposition alone ("in"), or with a determiner or a word before it ("in the",
        // "familiar with"), with a word before that.
        let last = word_start(before);
        let previous = word_start(&before[..last]);
        // In an appositive: the span holds its comma, or is the appositive after one.
        (before.contains(", ") || text[..span.start].trim_end().ends_with(','))
            && (last > 0 && crate::speakers::is_modifier_gap(&before[last..])
                || previous > 0 && crate::speakers::is_modifier_gap(&before[previous..]))
            && !entities_over(entities, Span::new(span.start, m.phrase.end))
                .any(|e| e.span.start < m.phrase.start && e.span.end >= m.phrase.end)
    };
    let best = overlapping()
        .filter(|m| !modifies(m) && !object_of_words(m))
        .max_by_key(|m| (overlap(m.speaker.span, span), overlap(m.phrase, span)));
    if let Some(m) = best {
        return m.speaker.clone();
    }
    let words = span.slice(text);
    let lower = words.to_lowercase();
    let entity = entities_over(entities, span).find(|e| matches!(e.label, Label::Person | Label::Org | Label::Group));
    let (kind, basis) = if PRONOUNS.contains(&lower.as_str()) {
        (MentionKind::Pronoun, Basis::Pronoun)
    } else if entity.is_some()
        // A capital on a function word names no one (it opens a sentence): "The impostor", "One
        // neighbour", "Many residents" are nominals.
        || words.chars().next().is_some_and(char::is_uppercase)
            && !lower.split_whitespace().next().is_some_and(|w| FUNCTION_WORDS.contains(w) || crate::speakers::is_determiner(w))
    {
        (MentionKind::Name, Basis::Explicit)
    } else {
        (MentionKind::Nominal, Basis::Explicit)
    };
    Speaker { span, kind, entity: entity.map(|e| e.cluster), basis, refers_to: None }
}

/// A name or nominal speaker that is the head or the tail of a name the entity tagger found,
/// joined to the rest by "of", "for", "to", "on" or "&" (forward only from an organisation's
/// head), a name's particle, a possessive, a slash or (backward) "and" ("[The Department] of
/// Education", "Center for [Responsive Politics]", "Lloyd's of [London]", "de [Blasio]",
/// "Reuters/[Ipsos]"), is the whole
/// name, as written, and refers to its cluster: a source never shows half a name. Not over a
/// title or an opening word the tagger took in ("Mr. Trump", "Meanwhile Rihanna": the speaker is
/// the shortest mention), nor two names the tagger joined with "and" after the speaker; only a
/// person's, organisation's or group's name, and never a pronoun.
fn whole_name(text: &str, mut speaker: Speaker, entities: &[Entity]) -> Speaker {
    const JOINS: &[&str] = &["of", "for", "to", "on", "&"];
    let possessive = |w: &str| w.ends_with("'s") || w.ends_with("’s") || w.ends_with('\'') || w.ends_with('’');
    if speaker.kind == MentionKind::Pronoun {
        return speaker;
    }
    let s = speaker.span;
    // Forward over "of" or "for" only from an organisation's head ("[The Bank] of England"): a
    // person's name before them is whole ("said [Dimon] of JPMorgan Chase", which the tagger may
    // read as one name).
    let head = s.slice(text).split_whitespace().next_back().unwrap_or("").to_lowercase();
    let org_head = crate::speakers::is_org_word(head.trim_end_matches('.'));
    let particle = crate::entities::clusters::is_particle;
    let joined = |e: &Entity| {
        let before = text[e.span.start.min(s.start)..s.start].trim_end();
        let after = text[s.end..e.span.end.max(s.end)].trim_start();
        let last = before.split_whitespace().next_back().unwrap_or("");
        let first = after.split_whitespace().next().unwrap_or("");
        (before.is_empty() || before.ends_with('/') || possessive(last) || JOINS.contains(&last) || last == "and" || particle(last))
            && (after.is_empty()
                || after.starts_with('/')
                || after.starts_with("'s")
                || after.starts_with("’s")
                || particle(first)
                || JOINS.contains(&first) && org_head)
    };
    let cut = entities_over(entities, s).find(|e| {
        matches!(e.label, Label::Person | Label::Org | Label::Group) && (e.span.start < s.start || e.span.end > s.end) && joined(e)
    });
    if let Some(e) = cut {
        speaker.span = Span::new(s.start.min(e.span.start), s.end.max(e.span.end));
        speaker.entity = Some(e.cluster);
        // The name it referred to by the half it named is the whole name too.
        if speaker.refers_to.is_some_and(|r| s.start <= r.start && r.end <= s.end) {
            speaker.refers_to = Some(speaker.span);
        }
    }
    speaker
}

/// Makes attributions and quotations agree, in one place:
/// - an attribution whose content holds top-level direct or partial quotes lists them, and its
///   kind follows from how much of the content they cover;
/// - its source is the speaker of its first quote that has one; a quote without a speaker takes
///   the attribution's source (and cue);
/// - direct and partial quotes no content holds become attributions of their own (one per run
///   of quotes sharing a cue, as "“…,” she said, “…”").
fn agree(text: &str, out: &mut Vec<(Attribution, Evidence)>, quotes: &mut [Quote], entities: &[Entity]) {
    // A quote's speaker shows no half name either (`whole_name`), so that the two agree.
    for q in quotes.iter_mut() {
        if let Some(s) = q.speaker.take() {
            let whole = whole_name(text, s.clone(), entities);
            q.speaker = Some(if whole.span.overlaps(q.outer) { s } else { whole });
        }
    }
    let speech = |q: &Quote| q.parent.is_none() && matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial);
    let mut held = vec![false; quotes.len()];
    for (a, x) in out.iter_mut() {
        // Quotes are ordered by opening mark: only those opening before the content ends, back
        // to the first that may still reach into it, can overlap it.
        let hi = quotes.partition_point(|q| q.outer.start < a.content.end);
        let mut lo = quotes[..hi].partition_point(|q| q.outer.start < a.content.start);
        while lo > 0 && (quotes[lo - 1].outer.end > a.content.start || quotes[lo - 1].parent.is_some()) {
            lo -= 1;
        }
        a.quotes =
            (lo..hi).filter(|&i| !held[i] && speech(&quotes[i]) && a.content_spans.iter().any(|p| p.overlaps(quotes[i].inner))).collect();
        if a.quotes.is_empty() {
            continue;
        }
        // The speaker rules win when they found a cue of their own; a speaker they only guessed
        // (the nearest or the previous one) gives way to a source the tagger found.
        // A quote continuing the previous speaker's keeps that speaker unless the tagger found a
        // cue of its own for its source (a source without a cue is often a noun phrase of a
        // relative clause: "…, who chairs the flood committee. “…”").
        let has_cue = a.cue.is_some();
        let ruled = |q: &Quote| {
            q.speaker.as_ref().is_some_and(|s| match s.basis {
                Basis::Explicit | Basis::Pronoun => true,
                Basis::Continuation => !has_cue,
                _ => false,
            })
        };
        if let Some(q) = a.quotes.iter().map(|&i| &quotes[i]).find(|q| ruled(q) || a.source.is_none() && q.speaker.is_some()) {
            a.source = q.speaker.clone();
            if a.cue.is_none() {
                a.cue = q.cue;
            }
        }
        // Every quote held has the attribution's source as its speaker: one credited to someone
        // else on firm grounds leaves this attribution (and gets one of its own below).
        // Agreeing means naming the same mention; the basis may differ (a quote continuing the
        // one before keeps `continuation`).
        let source = a.source.clone();
        let mention = |s: &Option<Speaker>| s.as_ref().map(|s| (s.span, s.entity));
        a.quotes.retain(|&i| !(ruled(&quotes[i]) && mention(&quotes[i].speaker) != mention(&source)));
        for &i in &a.quotes {
            if mention(&quotes[i].speaker) != mention(&source) {
                quotes[i].speaker = source.clone();
                quotes[i].cue = a.cue.or(quotes[i].cue);
            }
            held[i] = true;
        }
        whole_quotations(text, a, quotes);
        // A quote with its cue after it ends the content at its closing mark: an unquoted piece
        // after that cue is the cue's own phrase ("“…,” the tenants would chant outside the
        // office"), not more of what was said.
        if let Some(cue) = a.cue {
            let quoted_before_cue = a.quotes.iter().any(|&i| quotes[i].outer.end <= cue.start);
            if quoted_before_cue {
                let held: Vec<Span> = a.quotes.iter().map(|&i| quotes[i].outer).collect();
                a.content_spans.retain(|p| p.start < cue.end || held.iter().any(|q| q.overlaps(*p)));
                if let (Some(first), Some(last)) = (a.content_spans.first(), a.content_spans.last()) {
                    a.content = Span::new(first.start, last.end);
                }
            }
        }
        if !a.quotes.is_empty() {
            x[5] = 1.0;
            let outside = words_outside(text, &a.content_spans, a.quotes.iter().map(|&i| quotes[i].outer));
            a.kind = if outside <= 1 { AttributionKind::Direct } else { AttributionKind::Mixed };
            // The quote's kind agrees with the claim holding it: a direct quote its content runs
            // on past is a partial quote of that content.
            let quoted: Vec<Span> = quotes[lo..hi].iter().filter(|q| q.parent.is_none()).map(|q| q.outer).collect();
            for &i in &a.quotes {
                if quotes[i].kind == QuoteKind::Direct && runs_on_past(text, &a.content_spans, &quoted, &quotes[i]) {
                    quotes[i].kind = QuoteKind::Partial;
                    a.kind = AttributionKind::Mixed;
                }
            }
        }
    }
    let mut last_from_quote: Option<usize> = None;
    for i in 0..quotes.len() {
        if held[i] || !speech(&quotes[i]) {
            continue;
        }
        let q = &quotes[i];
        if let Some(k) = last_from_quote {
            let (a, _) = &mut out[k];
            if q.cue.is_some() && a.cue == q.cue && a.source == q.speaker {
                a.content_spans.push(q.inner);
                a.content.end = q.inner.end;
                a.quotes.push(i);
                continue;
            }
        }
        let mut x = [0.0; N_CALIBRATION];
        x[0] = 1.0;
        x[1] = q.cue.is_some() as u8 as f32;
        x[2] = q.speaker.is_some() as u8 as f32;
        x[3] = q.speaker.as_ref().is_some_and(|s| s.kind == MentionKind::Pronoun) as u8 as f32;
        x[4] = q.speaker.as_ref().is_some_and(|s| s.kind == MentionKind::Nominal) as u8 as f32;
        x[5] = 1.0;
        x[6] = 1.0;
        x[10] = q.cue.is_some() as u8 as f32;
        x[11] = (1.0 + q.inner.slice(text).split_whitespace().count() as f32).ln() / 5.0;
        let kind = if q.kind == QuoteKind::Direct { AttributionKind::Direct } else { AttributionKind::Mixed };
        out.push((
            Attribution {
                kind,
                content: q.inner,
                content_spans: vec![q.inner],
                source: q.speaker.clone(),
                cue: q.cue,
                quotes: vec![i],
                confidence: 0.0,
            },
            x,
        ));
        last_from_quote = Some(out.len() - 1);
    }
}

/// A claim holds the whole of each of its quotations: the tagger reads a paragraph at a time,
/// so a quotation over several paragraphs (each reopened with a mark, the last closed: “…¶ “…,”
/// she said) came with the content of its last paragraph only. Each paragraph's part of a
/// quotation `a` holds (of `quotes`; its outer span, marks included) that no piece covers becomes
/// a piece of its own, as PolNeAR's pieces never cross a line break.
fn whole_quotations(text: &str, a: &mut Attribution, quotes: &[Quote]) {
    let mut added = false;
    for q in a.quotes.iter().map(|&i| quotes[i].outer) {
        let mut start = q.start;
        for (at, c) in q
            .slice(text)
            .char_indices()
            .filter(|&(_, c)| crate::text::is_line_break(c))
            .map(|(at, c)| (q.start + at, c))
            .chain([(q.end, ' ')])
        {
            let part = Span::new(start, at);
            start = at + c.len_utf8();
            let trimmed = part.slice(text).trim();
            let words = trimmed.trim_matches(|c: char| marks::may_open(c) || marks::may_close(c));
            if words.is_empty() || a.content_spans.iter().any(|p| p.overlaps(part)) {
                continue;
            }
            let lead = part.slice(text).find(trimmed).unwrap_or(0);
            a.content_spans.push(Span::new(part.start + lead, part.start + lead + trimmed.len()));
            added = true;
        }
    }
    if added {
        crate::order::sort_by_key(&mut a.content_spans, |p| (p.start, 0));
        a.content =
            Span::new(a.content_spans[0].start.min(a.content.start), a.content.end.max(a.content_spans[a.content_spans.len() - 1].end));
    }
}

/// Whether a claim's content `pieces` runs on past the quote `q`, which stops mid-clause:
/// PolNeAR calls a quotation direct only when the content holding it is the quotation alone (at
/// most a "that" outside the marks, its README's rule 3), and partial when its annotator joined
/// it with unquoted words into one content ("“We are thrilled” about the vote", "“…” for the top
/// bracket"). Counted: words after the closing mark in the quote's own piece, when nothing
/// unquoted stands before it there, no piece of the content is unquoted words alone, and the
/// quotation ends without punctuation of its own (`Quote::ends_mid_clause`). Measured on
/// PolNeAR train-CV (41 quotes changed): a lead-in the tagger puts into the content is as often the reporting clause as the
/// claim's own words (counting it lost more direct quotes than it fixed), and after a quotation
/// that ends its clause (`“…,” adding that …`) the words are as often the reporter's next clause
/// (17 right, 10 wrong on train, both changes on dev wrong) as the claim's; after one that stops
/// mid-clause 13 of 14 were right. `quoted`: the top-level quotes' outer spans near the content
/// (their words are not unquoted).
fn runs_on_past(text: &str, pieces: &[Span], quoted: &[Span], q: &Quote) -> bool {
    if !q.ends_mid_clause(text) {
        return false;
    }
    let q = q.outer;
    let mut after = 0;
    for p in pieces {
        if p.overlaps(q) {
            if claim_words(text, Span::new(p.start, q.start.clamp(p.start, p.end)), quoted) > 0 {
                return false;
            }
            after += claim_words(text, Span::new(q.end.clamp(p.start, p.end), p.end), quoted);
        } else if !quoted.iter().any(|s| p.overlaps(*s)) && claim_words(text, *p, quoted) > 0 {
            return false;
        }
    }
    after > 0
}

/// Words of `span` outside every span of `quoted`, a "that" (`said that “…”`) not counted.
fn claim_words(text: &str, span: Span, quoted: &[Span]) -> usize {
    let mut n = 0;
    let mut word: Option<usize> = None;
    let slice = span.slice(text);
    let close = |start: usize, end: usize, n: &mut usize| {
        let at = span.start + start;
        if !quoted.iter().any(|q| q.start <= at && at < q.end) && !slice[start..end].eq_ignore_ascii_case("that") {
            *n += 1;
        }
    };
    for (i, c) in slice.char_indices() {
        match (c.is_alphanumeric(), word) {
            (true, None) => word = Some(i),
            (false, Some(start)) => {
                close(start, i, &mut n);
                word = None;
            }
            _ => {}
        }
    }
    if let Some(start) = word {
        close(start, slice.len(), &mut n);
    }
    n
}

/// Words of `pieces` outside every span of `quoted`.
fn words_outside(text: &str, pieces: &[Span], quoted: impl Iterator<Item = Span> + Clone) -> usize {
    let mut n = 0;
    for p in pieces {
        let mut in_word = false;
        for (i, c) in p.slice(text).char_indices() {
            let at = p.start + i;
            let word = c.is_alphanumeric() && !quoted.clone().any(|q| q.start <= at && at < q.end);
            if word && !in_word {
                n += 1;
            }
            in_word = word;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mention_whose_phrase_starts_inside_the_source_is_no_apposition() {
        // Mentions come in the order of their names; a phrase with a title starts before its
        // name, here inside the source: read as no apposition, never sliced backwards.
        let text = "The mayor of Tolva, Eva Lind, said it.";
        let mention = |phrase: (usize, usize), name: (usize, usize), kind| Resolved {
            phrase: Span::new(phrase.0, phrase.1),
            speaker: Speaker { span: Span::new(name.0, name.1), kind, entity: None, basis: Basis::Explicit, refers_to: None },
        };
        let source = mention((0, 18), (0, 9), MentionKind::Nominal).speaker;
        let mentions = [mention((20, 28), (20, 28), MentionKind::Name), mention((13, 18), (13, 18), MentionKind::Name)];
        let lind = Entity { span: Span::new(20, 28), label: Label::Person, cluster: 0 };
        let got = name_in_apposition_after(text, source.clone(), None, &mentions, &[lind]);
        assert_eq!(got.span.slice(text), "Eva Lind");
        let after_a_pronoun = [
            mention((20, 23), (20, 23), MentionKind::Pronoun),
            mention((24, 28), (24, 28), MentionKind::Pronoun),
            mention((4, 18), (13, 18), MentionKind::Name),
        ];
        assert_eq!(name_in_apposition_after(text, source.clone(), None, &after_a_pronoun, &[]), source);
    }

    /// The first piece of each draft content of `text` with the words `tagged` as the tagger's
    /// spans (each the first occurrence of its words).
    fn first_pieces(text: &str, tagged: &[(&str, Part)]) -> Vec<String> {
        let doc = Doc::new(text, &[], &[]);
        let tagged: Vec<Tagged> = tagged.iter().map(|&(w, p)| span(&doc, text, w, p)).collect();
        drafts(&doc, &tagged)
            .iter()
            .map(|d| text[doc.tokens[d.pieces[0].0].span.start..doc.tokens[d.pieces[0].1 - 1].span.end].to_string())
            .collect()
    }

    /// The tagged span over the first occurrence of `words` in `text`.
    fn span(doc: &Doc, text: &str, words: &str, part: Part) -> Tagged {
        let at = text.find(words).expect("words in text");
        let first = doc.tokens.iter().position(|t| t.span.start == at).expect("a token starts there");
        let end = doc.tokens.iter().position(|t| t.span.end == at + words.len()).expect("a token ends there") + 1;
        Tagged { first, end, part, margin: 1.0 }
    }

    #[test]
    fn an_interrupting_clause_with_a_source_joins_the_pieces_of_one_content() {
        let text = "“The dam will hold,” the engineer said, “for another decade at least.”";
        let doc = Doc::new(text, &[], &[]);
        let tagged = [
            span(&doc, text, "The dam will hold", Part::Content),
            span(&doc, text, "the engineer", Part::Source),
            span(&doc, text, "said", Part::Cue),
            span(&doc, text, "for another decade at least", Part::Content),
        ];
        let d = drafts(&doc, &tagged);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pieces.len(), 2);
    }

    #[test]
    fn a_quotation_with_its_own_reporting_clause_after_it_is_another_claim() {
        // Two speakers in turn: the second quotation is not the first one resumed.
        let text = "“The pool stays shut,” the council would repeat all summer. “We swam there as kids,” said Omar Haddad.";
        let (doc, ..) = super::super::stages(text);
        let tagged = [
            span(&doc, text, "The pool stays shut", Part::Content),
            span(&doc, text, "the council", Part::Source),
            span(&doc, text, "would repeat all summer", Part::Cue),
            span(&doc, text, "We swam there as kids", Part::Content),
            span(&doc, text, "said", Part::Cue),
            span(&doc, text, "Omar Haddad", Part::Source),
        ];
        let d = drafts(&doc, &tagged);
        assert_eq!(d.len(), 2);
        assert!(d.iter().all(|d| d.pieces.len() == 1));
        assert_eq!(doc.word(d[1].source.expect("a source").first), "Omar");
    }

    #[test]
    fn a_content_right_after_its_cue_is_not_joined_across_the_next_reporting_clause() {
        let text = "Asked whether the tunnel would open, the minister said it was too early.";
        let doc = Doc::new(text, &[], &[]);
        let tagged = [
            span(&doc, text, "Asked", Part::Cue),
            span(&doc, text, "whether the tunnel would open", Part::Content),
            span(&doc, text, "the minister", Part::Source),
            span(&doc, text, "said", Part::Cue),
            span(&doc, text, "it was too early", Part::Content),
        ];
        let d = drafts(&doc, &tagged);
        assert_eq!(d.len(), 2);
        assert_eq!(doc.word(d[1].cue.expect("a cue").first), "said");
        assert_eq!(doc.word(d[1].source.expect("a source").first), "the");
    }

    #[test]
    fn a_source_read_across_its_cue_ends_before_it() {
        // A headline's capitals read as one long name, over the cue and the content.
        let text = "Harbour Mayor Ivo Sand Slams Ferry Plan";
        let at = |w: &str| {
            let start = text.find(w).expect("words in text");
            Span::new(start, start + w.len())
        };
        let speaker = |span: Span| Speaker { span, kind: MentionKind::Name, entity: Some(3), basis: Basis::Explicit, refers_to: None };
        let (cue, content) = (at("Slams"), at("Ferry Plan"));
        let clipped = clipped_to_its_clause(text, speaker(at(text)), Some(cue), &[content]);
        assert_eq!(clipped.span.slice(text), "Harbour Mayor Ivo Sand");
        assert_eq!(clipped.entity, Some(3));
        // Without a cue, the content cuts it.
        assert_eq!(clipped_to_its_clause(text, speaker(at(text)), None, &[content]).span.slice(text), "Harbour Mayor Ivo Sand Slams");
        // A source clear of both, or one that starts inside the cue, stays.
        let name = at("Harbour Mayor Ivo Sand");
        assert_eq!(clipped_to_its_clause(text, speaker(name), Some(cue), &[content]).span, name);
        let inside = at("Slams");
        assert_eq!(clipped_to_its_clause(text, speaker(inside), Some(cue), &[content]).span, inside);
    }

    /// The source of `text`'s first claim with the content, source and cue tagged as given.
    fn source_of(text: &str, content: &str, source: &str, cue: &str) -> Option<String> {
        let (out, _) = claims_over(text, content, source, cue);
        out[0].0.source.as_ref().map(|s| s.span.slice(text).to_string())
    }

    #[test]
    fn a_name_with_an_appositive_is_the_source_not_the_appositive() {
        for (text, content, source, cue, expected) in [
            (
                "Ana Lind, a spokeswoman for the city, told reporters that the road would close.",
                "that the road would close",
                "Ana Lind, a spokeswoman for the city",
                "told",
                "Ana Lind",
            ),
            (
                "Kari Vik, an analyst with Strand Securities, told clients that prices would rise.",
                "that prices would rise",
                "Kari Vik, an analyst with Strand Securities",
                "told",
                "Kari Vik",
            ),
            // After the cue the sentence closes the appositive.
            (
                "The plan will fail, warned Erik Nes, a former minister of finance.",
                "The plan will fail",
                "Erik Nes, a former minister of finance",
                "warned",
                "Erik Nes",
            ),
            // The appositive's modifier's object is no source either.
            (
                "Tom Rask, chief economist at Keltra Bank, said the rate would rise.",
                "the rate would rise",
                "Keltra Bank",
                "said",
                "Tom Rask",
            ),
            (
                "Per Holm, a professor of history at the University of Kent, said the files were lost.",
                "the files were lost",
                "the University of Kent",
                "said",
                "Per Holm",
            ),
            ("The rate will rise, said Tom Rask, chief economist at Keltra Bank.", "The rate will rise", "Keltra Bank", "said", "Tom Rask"),
            // A name that does not open its clause, or a list: as tagged.
            ("Police arrested Ola Berg, a lawyer for Keltra Bank said on Monday.", "on Monday", "Keltra Bank", "said", "Keltra Bank"),
            ("Ola Berg, Keltra Bank and the union said the deal was off.", "the deal was off", "the union", "said", "the union"),
            // The tagger's span may hold the appositive alone.
            (
                "Ana Lind, a spokeswoman for the city, said the road would close.",
                "the road would close",
                "a spokeswoman for the city",
                "said",
                "Ana Lind",
            ),
            // No name before the comma, or not a person's or organisation's, or the appositive
            // not closed before the cue: the description speaks.
            (
                "On Tuesday, a spokeswoman for the city said the road would close.",
                "the road would close",
                "a spokeswoman for the city",
                "said",
                "a spokeswoman",
            ),
            (
                "In Oslo, a spokeswoman for the city said the road would close.",
                "the road would close",
                "a spokeswoman for the city",
                "said",
                "a spokeswoman",
            ),
            (
                "Asked about Ola Berg, a spokesman for the party said the matter was closed.",
                "the matter was closed",
                "a spokesman for the party",
                "said",
                "a spokesman",
            ),
            // The other order: the name in apposition after the description is the source, with
            // or without a possessive, "the" or "a", a modifier or a title.
            (
                "The council’s finance chief, Tomas Varga, said the levy would rise.",
                "the levy would rise",
                "The council’s finance chief",
                "said",
                "Tomas Varga",
            ),
            (
                "The finance chief, Tomas Varga, warned that the levy would rise.",
                "that the levy would rise",
                "The finance chief",
                "warned",
                "Tomas Varga",
            ),
            (
                "A spokeswoman for the port, Eva Lind, told reporters that the cranes were idle.",
                "that the cranes were idle",
                "A spokeswoman",
                "told",
                "Eva Lind",
            ),
            (
                "The club’s head coach, Dr. Ana Ruiz, said the team would appeal.",
                "the team would appeal",
                "The club’s head coach",
                "said",
                "Ana Ruiz",
            ),
            ("The team will appeal, said the club’s coach, Ana Ruiz.", "The team will appeal", "the club’s coach", "said", "Ana Ruiz"),
            // A name that is the cue's object or a list's, or no person's or organisation's: as tagged.
            ("The mayor, in Oslo, said the road would close.", "the road would close", "The mayor", "said", "The mayor"),
            // A clause between the description and the name: no apposition.
            (
                "Prosecutors charged the driver and the mayor fired his police chief, Ivo Sand, acknowledging that trust was lost.",
                "that trust was lost",
                "Prosecutors",
                "acknowledging",
                "Prosecutors",
            ),
            ("The coach thanked Ana Ruiz, and said the team would appeal.", "the team would appeal", "The coach", "said", "The coach"),
        ] {
            assert_eq!(source_of(text, content, source, cue).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn a_source_never_shows_half_a_name() {
        for (text, content, source, cue, expected) in [
            // The head or the tail of a name joined by "of", "for" or a possessive: the whole name.
            (
                "The Department of Coastal Affairs said the ferry would run.",
                "the ferry would run",
                "The Department",
                "said",
                "The Department of Coastal Affairs",
            ),
            (
                "The Centre for Harbour Studies said rents would rise.",
                "rents would rise",
                "Harbour Studies",
                "said",
                "Centre for Harbour Studies",
            ),
            // A possessive inside the name of a modifier's object: the head before it speaks.
            (
                "A nurse at St Agnes's Hospital said the ward was full.",
                "the ward was full",
                "A nurse at St Agnes's Hospital",
                "said",
                "A nurse",
            ),
            // A name after a preposition in a span whose head no list holds: the span speaks,
            // not the place; one name holding the preposition is whole.
            (
                "Her sister, a welder in Tolva, said the yard had closed.",
                "the yard had closed",
                "Her sister, a welder in Tolva,",
                "said",
                "Her sister, a welder in Tolva",
            ),
            // The same between no-break spaces (pasted text).
            (
                "Her\u{a0}sister, a\u{a0}welder in\u{a0}Tolva, said the yard had closed.",
                "the yard had closed",
                "Her\u{a0}sister, a\u{a0}welder in\u{a0}Tolva,",
                "said",
                "Her\u{a0}sister, a\u{a0}welder in\u{a0}Tolva",
            ),
            // A name before an unlisted plural head is the head's modifier: the span speaks.
            (
                "Tolva Harbour bosses warned that fees would rise.",
                "that fees would rise",
                "Tolva Harbour bosses",
                "warned",
                "Tolva Harbour bosses",
            ),
            (
                "The Institute of Keltra said rents would rise.",
                "rents would rise",
                "The Institute of Keltra",
                "said",
                "Institute of Keltra",
            ),
            // Not over a title: the speaker is the shortest mention.
            ("Mr. Varga said the levy would rise.", "the levy would rise", "Varga", "said", "Varga"),
        ] {
            assert_eq!(source_of(text, content, source, cue).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn a_cue_without_a_tagged_source_takes_the_mention_before_it_in_its_sentence() {
        let text = "Inspector Lena Varga, after six months of work, concluded that the accounts were sound.";
        let (doc, mut quotes, entities, mentions) = super::super::stages(text);
        let tagged = [span(&doc, text, "concluded", Part::Cue), span(&doc, text, "that the accounts were sound", Part::Content)];
        let out = with_evidence(text, &tagged, &mut quotes, &mentions, &entities, Some(&doc), &mut Sources::Rules);
        assert_eq!(out.len(), 1);
        let source = out[0].0.source.as_ref().expect("a source");
        assert!(source.span.slice(text).contains("Varga"), "{:?}", source.span.slice(text));
    }

    #[test]
    fn a_source_tagged_in_a_subordinate_clause_after_a_content_reports_nothing() {
        let text = "The ferry would run again by May, whatever the harbour board hoped.";
        let (doc, mut quotes, entities, mentions) = super::super::stages(text);
        let tagged = [
            span(&doc, text, "The ferry would run again by May", Part::Content),
            span(&doc, text, "whatever the harbour board", Part::Source),
        ];
        let out = with_evidence(text, &tagged, &mut quotes, &mentions, &entities, Some(&doc), &mut Sources::Rules);
        assert!(
            out.iter().all(|(a, _)| a.source.is_none()),
            "{:?}",
            out.iter().map(|(a, _)| a.source.as_ref().map(|s| s.span.slice(text))).collect::<Vec<_>>()
        );
        let tagged =
            [span(&doc, text, "The ferry would run again by May", Part::Content), span(&doc, text, "the harbour board", Part::Source)];
        let out = with_evidence(text, &tagged, &mut quotes, &mentions, &entities, Some(&doc), &mut Sources::Rules);
        assert!(out.iter().all(|(a, _)| a.source.is_none()), "the subordinator before the source counts too");
    }

    /// The contents `with_evidence` keeps of `text` tagged with `tagged` (words, part; empty words
    /// tag nothing, for a case without a source).
    fn kept_contents(text: &str, tagged: &[(&str, Part)]) -> Vec<String> {
        let (doc, mut quotes, entities, mentions) = super::super::stages(text);
        let mut tagged: Vec<Tagged> = tagged.iter().filter(|(w, _)| !w.is_empty()).map(|&(w, p)| span(&doc, text, w, p)).collect();
        // In text order, as the tagger gives them.
        tagged.sort_by_key(|t| (t.first, t.end));
        let out = with_evidence(text, &tagged, &mut quotes, &mentions, &entities, Some(&doc), &mut Sources::Rules);
        out.iter().map(|(a, _)| a.content.slice(text).to_string()).collect()
    }

    #[test]
    fn a_content_that_runs_straight_into_its_cue_clause_reports_nothing() {
        // The antecedent of a relative clause that holds the cue, the head of a comparison, the
        // cue's own subject: nothing sets the content off from the clause after it.
        for (text, content, source, cue) in [
            ("Nobody counted the leaks that engineers say drained the reservoir.", "the leaks", "engineers", "say"),
            ("The storm was worse than anything the old ferryman remembered.", "worse", "the old ferryman", "remembered"),
            ("The vote is expected to pass easily on Friday.", "The vote", "", "is expected"),
            // A relative clause set off by a comma holds the cue.
            ("The council backed the harbour plan, which the mayor criticised at length.", "the harbour plan", "the mayor", "criticised"),
        ] {
            let tagged = [(content, Part::Content), (cue, Part::Cue), (source, Part::Source)];
            assert!(!kept_contents(text, &tagged).contains(&content.to_string()), "{text}");
        }
    }

    #[test]
    fn a_content_set_off_from_its_cue_or_with_a_passive_agent_stays() {
        for (text, content, source, cue) in [
            // Fronted before its reporting clause, after a comma.
            ("The pier will reopen in May, the harbour board said.", "The pier will reopen in May", "the harbour board", "said"),
            // A passive cue whose agent follows: the content is what was said of.
            ("The new parking plan was criticised by the shopkeepers.", "The new parking plan", "the shopkeepers", "was criticised"),
            // Quoted words run into the clause without a comma.
            ("“Not one more closure” is what the nurses demanded.", "Not one more closure", "the nurses", "demanded"),
            // A relative clause before the cue, the content after it.
            ("Ada Holm, who chairs the board, said the pier would reopen.", "the pier would reopen", "Ada Holm", "said"),
        ] {
            let tagged = [(content, Part::Content), (source, Part::Source), (cue, Part::Cue)];
            assert!(kept_contents(text, &tagged).iter().any(|c| c.contains(content)), "{text}");
        }
    }

    #[test]
    fn a_few_words_set_off_before_a_cue_are_its_subject_or_an_adverbial_not_a_claim() {
        for (text, content, source, cue, claim) in [
            ("Ada Holm, in turn, cites the harbour accounts.", "Ada Holm", "", "cites", "the harbour accounts"),
            (
                "In several cases, ferry captains say they were never paid.",
                "In several cases",
                "ferry captains",
                "say",
                "they were never paid",
            ),
        ] {
            let tagged = [(content, Part::Content), (cue, Part::Cue), (claim, Part::Content), (source, Part::Source)];
            assert!(!kept_contents(text, &tagged).contains(&content.to_string()), "{text}");
        }
        for (text, content, source, cue) in [
            // With no content after the cue the few words are the claim, a clause or not.
            ("Prices rose, she said.", "Prices rose", "she", "said"),
            ("No deal, a government source said on Friday.", "No deal", "a government source", "said"),
            ("Turnout fell, election officials said.", "Turnout fell", "election officials", "said"),
            // Near misses: a fronted clause, and a passive cue with its agent.
            ("The pier will reopen soon, the harbour board said.", "The pier will reopen soon", "the harbour board", "said"),
            ("Her resignation was confirmed by the board on Friday.", "Her resignation", "the board", "was confirmed"),
            // Short clauses: an auxiliary, a past form.
            ("The plan will fail, Erik Nes told reporters.", "The plan will fail", "Erik Nes", "told"),
            ("Prices jumped, she told reporters.", "Prices jumped", "she", "told"),
        ] {
            let tagged = [(content, Part::Content), (source, Part::Source), (cue, Part::Cue)];
            assert!(kept_contents(text, &tagged).iter().any(|c| c.contains(content)), "{text}");
        }
    }

    #[test]
    fn a_cue_alone_between_two_contents_starts_a_second_claim() {
        // "criticised X, arguing that Y": two claims of one source, not one content X … Y.
        let text = "The mayor criticised the bridge contract, arguing that it favours one builder.";
        let doc = Doc::new(text, &[], &[]);
        let tagged = [
            span(&doc, text, "The mayor", Part::Source),
            span(&doc, text, "criticised", Part::Cue),
            span(&doc, text, "the bridge contract", Part::Content),
            span(&doc, text, "arguing", Part::Cue),
            span(&doc, text, "that it favours one builder", Part::Content),
        ];
        let d = drafts(&doc, &tagged);
        assert_eq!(d.len(), 2);
        assert!(d.iter().all(|d| d.pieces.len() == 1 && d.source.is_some()));
        let cue_word = |d: &Draft| doc.word(d.cue.expect("a cue").first).to_string();
        assert_eq!(cue_word(&d[0]), "criticised");
        assert_eq!(cue_word(&d[1]), "arguing");
    }

    #[test]
    fn a_content_the_tagger_let_lapse_for_a_few_words_is_one_content() {
        let text = "The ranger believes that the herd can cross the river safely before the floods. It left in May.";
        let doc = Doc::new(text, &[], &[]);
        let tagged = [
            span(&doc, text, "The ranger", Part::Source),
            span(&doc, text, "believes", Part::Cue),
            span(&doc, text, "that the herd can cross", Part::Content),
            span(&doc, text, "safely before the floods", Part::Content),
            span(&doc, text, "It left in May", Part::Content),
        ];
        let d = drafts(&doc, &tagged);
        // The lapse is bridged; the next sentence stays a content of its own.
        assert_eq!(d[0].pieces.len(), 1);
        let (f, e) = d[0].pieces[0];
        assert_eq!((doc.word(f), doc.word(e - 1)), ("that", "floods"));
        assert!(d.iter().skip(1).all(|d| d.pieces.iter().all(|&(f, _)| f >= e)));
    }

    #[test]
    fn a_longer_lapse_inside_one_sentence_is_bridged_too() {
        let text = "The ranger believes that the herd can cross the wide river at the old ford near the mill before the floods come.";
        let doc = Doc::new(text, &[], &[]);
        let tagged = [
            span(&doc, text, "The ranger", Part::Source),
            span(&doc, text, "believes", Part::Cue),
            span(&doc, text, "that the herd can cross", Part::Content),
            span(&doc, text, "before the floods come", Part::Content),
        ];
        let d = drafts(&doc, &tagged);
        assert_eq!(d.len(), 1);
        let (f, e) = d[0].pieces[0];
        assert_eq!((doc.word(f), doc.word(e - 1)), ("that", "come"));
    }

    #[test]
    fn a_lapse_with_a_cue_in_it_is_not_bridged() {
        let text = "Residents fear more floods, warned the mayor, and higher rents.";
        let doc = Doc::new(text, &[], &[]);
        let tagged = [
            span(&doc, text, "Residents", Part::Source),
            span(&doc, text, "fear", Part::Cue),
            span(&doc, text, "more floods", Part::Content),
            span(&doc, text, "warned", Part::Cue),
            span(&doc, text, "and higher rents", Part::Content),
        ];
        let d = drafts(&doc, &tagged);
        assert!(d.iter().all(|d| d.pieces.iter().all(|&(f, e)| !(doc.word(f) == "more" && doc.word(e - 1) == "rents"))));
    }

    /// `text`'s attributions with the content, source and cue tagged as given, every top-level
    /// quote first made direct (the rule under test, not the kind model, decides).
    fn claims_over(text: &str, content: &str, source: &str, cue: &str) -> (Vec<(Attribution, Evidence)>, Vec<Quote>) {
        let (doc, mut quotes, entities, mentions) = super::super::stages(text);
        for q in quotes.iter_mut().filter(|q| q.parent.is_none()) {
            q.kind = QuoteKind::Direct;
        }
        let tagged = [span(&doc, text, content, Part::Content), span(&doc, text, source, Part::Source), span(&doc, text, cue, Part::Cue)];
        let mut tagged = tagged.to_vec();
        crate::order::sort_by_key(&mut tagged, |t| (t.first, t.end));
        let out = with_evidence(text, &tagged, &mut quotes, &mentions, &entities, Some(&doc), &mut Sources::Rules);
        (out, quotes)
    }

    /// `text`'s claims as (source, cue, content) with the words `tagged` as the tagger's spans,
    /// linked by the rules.
    fn claims(text: &str, tagged: &[(&str, Part)]) -> Vec<(String, String, String)> {
        let (doc, mut quotes, entities, mentions) = super::super::stages(text);
        let tagged: Vec<Tagged> = tagged.iter().map(|&(w, p)| span(&doc, text, w, p)).collect();
        let out = with_evidence(text, &tagged, &mut quotes, &mentions, &entities, Some(&doc), &mut Sources::Rules);
        let slice = |s: Option<Span>| s.map_or(String::new(), |s| s.slice(text).to_string());
        out.iter().map(|(a, _)| (slice(a.source.as_ref().map(|s| s.span)), slice(a.cue), a.content.slice(text).to_string())).collect()
    }

    fn claim(source: &str, cue: &str, content: &str) -> (String, String, String) {
        (source.to_string(), cue.to_string(), content.to_string())
    }

    #[test]
    fn a_source_opening_with_a_title_of_several_words_is_the_person_after_it() {
        let text = "Governor of the Bank of Tolva Anna Keller warned that rates would rise.";
        let tagged =
            [("Governor of the Bank of Tolva Anna Keller", Part::Source), ("warned", Part::Cue), ("that rates would rise", Part::Content)];
        assert_eq!(claims(text, &tagged), [claim("Anna Keller", "warned", "that rates would rise")]);
        // A description's modifier is no such title.
        let text = "A spokesman for the Bank of Tolva warned that rates would rise.";
        let tagged = [("A spokesman for the Bank of Tolva", Part::Source), ("warned", Part::Cue), ("that rates would rise", Part::Content)];
        assert_eq!(claims(text, &tagged), [claim("A spokesman", "warned", "that rates would rise")]);
    }

    #[test]
    fn a_source_ending_with_a_person_after_a_name_and_a_role_is_the_person() {
        let text = "Tolva Borough Council leader Anna Keller said the rest centre was open.";
        let tagged =
            [("Tolva Borough Council leader Anna Keller", Part::Source), ("said", Part::Cue), ("the rest centre was open", Part::Content)];
        assert_eq!(claims(text, &tagged), [claim("Anna Keller", "said", "the rest centre was open")]);
        // Two names joined by "and" are two speakers; a name after a name with no role between
        // is no such phrase.
        let text = "Annabel Holtberg and Mayor Tom Ek said the rest centre was open.";
        let tagged =
            [("Annabel Holtberg and Mayor Tom Ek", Part::Source), ("said", Part::Cue), ("the rest centre was open", Part::Content)];
        assert_eq!(claims(text, &tagged)[0].0, "Annabel Holtberg");
        let text = "Tolva Borough Council said the rest centre was open.";
        let tagged = [("Tolva Borough Council", Part::Source), ("said", Part::Cue), ("the rest centre was open", Part::Content)];
        assert_eq!(claims(text, &tagged), [claim("Tolva Borough Council", "said", "the rest centre was open")]);
    }

    #[test]
    fn a_second_reporting_verb_after_and_or_but_makes_a_second_claim() {
        let text = "The harbour board conceded that the quay had flooded, but said no boat was lost.";
        let tagged = [
            ("The harbour board", Part::Source),
            ("conceded", Part::Cue),
            ("that the quay had flooded, but said no boat was lost", Part::Content),
        ];
        assert_eq!(
            claims(text, &tagged),
            [claim("The harbour board", "conceded", "that the quay had flooded"), claim("The harbour board", "said", "no boat was lost")]
        );
        // After a bare "and", or a verb that is not finite, the words are the content's own.
        let text = "The board said that the crews had met and warned the skippers.";
        let tagged = [("The board", Part::Source), ("said", Part::Cue), ("that the crews had met and warned the skippers", Part::Content)];
        assert_eq!(claims(text, &tagged), [claim("The board", "said", "that the crews had met and warned the skippers")]);
        let text = "The board said that the crews would meet, and tell the skippers.";
        let tagged =
            [("The board", Part::Source), ("said", Part::Cue), ("that the crews would meet, and tell the skippers", Part::Content)];
        assert_eq!(claims(text, &tagged), [claim("The board", "said", "that the crews would meet, and tell the skippers")]);
    }

    #[test]
    fn an_opening_according_to_phrase_reports_the_clause_after_it() {
        // Nothing tagged, or a source run over the comma: the phrase is the reporting clause.
        let text = "The quay was closed. According to the harbour police, the ferry ran aground at dawn.";
        assert_eq!(claims(text, &[]), [claim("the harbour police", "According to", "the ferry ran aground at dawn")]);
        let tagged = [("According to", Part::Cue), ("police, the ferry", Part::Source), ("aground at dawn", Part::Content)];
        assert_eq!(
            claims("According to police, the ferry ran aground at dawn.", &tagged),
            [claim("police", "According to", "the ferry ran aground at dawn")]
        );
        // A name's description between commas is not the content.
        let text = "According to Ann Holt, a spokeswoman for the port, the ferry ran aground.";
        assert_eq!(claims(text, &[]), [claim("Ann Holt", "According to", "the ferry ran aground")]);
        // A phrase that names no one; a figure's sign stays in the content.
        assert!(claims("According to plan, the ferry sailed at dawn.", &[]).is_empty());
        let text = "According to port records, freight fell 5 % in May.";
        assert_eq!(claims(text, &[]), [claim("port records", "According to", "freight fell 5 % in May")]);
        // The tagger's reading stands when it found a content and kept the source to its phrase
        // (its content runs on to the sentence's end by `to_sentence_end`, its source stays).
        let tagged = [("According to", Part::Cue), ("harbour police", Part::Source), ("the ferry ran aground", Part::Content)];
        assert_eq!(
            claims("According to the harbour police, the ferry ran aground at dawn.", &tagged),
            [claim("harbour police", "According to", "the ferry ran aground at dawn")]
        );
    }

    #[test]
    fn a_claim_holds_every_paragraph_of_its_quotation() {
        // The tagger reads the last paragraph only; the claim gets a piece per paragraph.
        let text = "“The ferry left at dawn. It was full.\n\n“Then the engine failed,” the harbour master said.";
        let (out, _) = claims_over(text, "“Then the engine failed,”", "the harbour master", "said");
        let pieces: Vec<&str> = out[0].0.content_spans.iter().map(|p| p.slice(text)).collect();
        assert_eq!(pieces, ["“The ferry left at dawn. It was full.", "“Then the engine failed,”"]);
        assert_eq!(out[0].0.content.slice(text), &text[..text.find(" the harbour").unwrap()]);
    }

    #[test]
    fn a_quotation_joined_with_the_words_after_it_into_one_claim_is_partial() {
        let text = "“We are thrilled” about the harbour vote, Mayor Ana Ruiz said on Tuesday.";
        let (out, quotes) = claims_over(text, "“We are thrilled” about the harbour vote", "Mayor Ana Ruiz", "said");
        assert_eq!(quotes[0].kind, QuoteKind::Partial);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].0.kind, AttributionKind::Mixed);
        assert_eq!(out[0].0.quotes, vec![0]);
    }

    #[test]
    fn a_quotation_that_is_a_whole_claim_with_its_cue_stays_direct() {
        let text = "“We are thrilled about the harbour vote,” Mayor Ana Ruiz said on Tuesday.";
        let (out, quotes) = claims_over(text, "We are thrilled about the harbour vote", "Mayor Ana Ruiz", "said");
        assert_eq!(quotes[0].kind, QuoteKind::Direct);
        assert_eq!(out[0].0.kind, AttributionKind::Direct);
        // A quotation that ends its own clause: the words after it are the reporter's next one.
        let text = "Mayor Ana Ruiz said: “We are thrilled about the harbour vote,” adding that the pier reopens in May.";
        let (_, quotes) =
            claims_over(text, "We are thrilled about the harbour vote,” adding that the pier reopens in May", "Mayor Ana Ruiz", "said");
        assert_eq!(quotes[0].kind, QuoteKind::Direct);
        let text = "“He told me, ‘It is over,’” adding that the pier reopens in May, Mayor Ana Ruiz said.";
        let (_, quotes) = claims_over(text, "He told me, ‘It is over,’” adding that the pier reopens in May", "Mayor Ana Ruiz", "said");
        assert_eq!(quotes[0].kind, QuoteKind::Direct);
        // German marks: the nested quotation's closer ‘ and the outer closer “ end it too.
        let text = "„Er sagte mir: ‚Es ist vorbei,‘“ adding that the pier reopens in May, Mayor Ana Ruiz said.";
        let (_, quotes) =
            claims_over(text, "Er sagte mir: ‚Es ist vorbei,‘“ adding that the pier reopens in May", "Mayor Ana Ruiz", "said");
        assert_eq!(quotes[0].kind, QuoteKind::Direct);
        let text = "»Er sagte mir: ‹Es ist vorbei,›« adding that the pier reopens in May, Mayor Ana Ruiz said.";
        let (_, quotes) =
            claims_over(text, "Er sagte mir: ‹Es ist vorbei,›« adding that the pier reopens in May", "Mayor Ana Ruiz", "said");
        assert_eq!(quotes[0].kind, QuoteKind::Direct);
        // A German quotation that stops mid-clause still runs on into its claim.
        let text = "„Wir sind begeistert“ about the harbour vote, Mayor Ana Ruiz said on Tuesday.";
        let (_, quotes) = claims_over(text, "„Wir sind begeistert“ about the harbour vote", "Mayor Ana Ruiz", "said");
        assert_eq!(quotes[0].kind, QuoteKind::Partial);
        // "that" before the marks is no word of the claim's own.
        let text = "Mayor Ana Ruiz said that “we are thrilled about the harbour vote.”";
        let (_, quotes) = claims_over(text, "that “we are thrilled about the harbour vote.”", "Mayor Ana Ruiz", "said");
        assert_eq!(quotes[0].kind, QuoteKind::Direct);
    }

    #[test]
    fn a_lead_in_inside_the_content_leaves_its_quotation_direct() {
        // The tagger's lead-ins are as often the reporting clause as the claim's own words.
        let text = "Mayor Ana Ruiz said on Tuesday: the vote means “we are thrilled.”";
        let (_, quotes) = claims_over(text, "the vote means “we are thrilled.”", "Mayor Ana Ruiz", "said");
        assert_eq!(quotes[0].kind, QuoteKind::Direct);
    }

    #[test]
    fn claim_words_skip_quoted_words_and_a_that() {
        let text = "that “we won” on Tuesday";
        let quoted = [Span::new(text.find('“').unwrap(), text.find('”').unwrap() + '”'.len_utf8())];
        assert_eq!(claim_words(text, Span::new(0, text.len()), &quoted), 2);
        assert_eq!(claim_words(text, Span::new(0, 4), &quoted), 0);
        assert_eq!(claim_words("Thatcher", Span::new(0, 8), &[]), 1);
    }

    #[test]
    fn one_speakers_quotations_in_one_paragraph_are_one_attribution() {
        let text = "“The pier is safe,” said Harbourmaster Ines Moll. “We checked every plank twice.”\n\n“Come and see for yourselves,” Moll said.";
        let (doc, mut quotes, entities, mentions) = super::super::stages(text);
        let out = with_evidence(text, &[], &mut quotes, &mentions, &entities, Some(&doc), &mut Sources::Rules);
        let pieces: Vec<Vec<&str>> = out.iter().map(|(a, _)| a.content_spans.iter().map(|p| p.slice(text)).collect()).collect();
        assert_eq!(pieces.len(), 2, "{pieces:?}");
        assert_eq!(pieces[0].len(), 2, "{pieces:?}");
        assert_eq!(out[0].0.quotes.len(), 2);
        assert!(pieces[1][0].starts_with("Come"), "{pieces:?}");
    }

    #[test]
    fn a_claim_between_one_speakers_quotations_does_not_break_their_run() {
        let text = "“The pier is safe,” said Ines Moll, who has not decided whether to run again. “We checked every plank twice.”";
        let (doc, mut quotes, entities, mentions) = super::super::stages(text);
        let tagged = [span(&doc, text, "has not decided", Part::Cue), span(&doc, text, "whether to run again", Part::Content)];
        let out = with_evidence(text, &tagged, &mut quotes, &mentions, &entities, Some(&doc), &mut Sources::Rules);
        let quoted: Vec<&Attribution> = out.iter().map(|(a, _)| a).filter(|a| !a.quotes.is_empty()).collect();
        assert_eq!(quoted.len(), 1, "{out:?}");
        assert_eq!(quoted[0].content_spans.len(), 2);
        assert!(out.iter().any(|(a, _)| a.content.slice(text) == "whether to run again"), "{out:?}");
    }

    #[test]
    fn a_reporting_clause_after_a_comma_reports_the_untagged_clause_before_it() {
        let text = "The ferry will run again in May, the island’s harbour board announced on Friday, after a long winter.";
        let doc = Doc::new(text, &[], &[]);
        let sentence = sentence_ids(&doc);
        let tagged = [span(&doc, text, "board", Part::Source), span(&doc, text, "announced", Part::Cue)];
        let fronted = fronted_contents(&doc, &sentence, &tagged);
        assert_eq!(fronted.len(), 1);
        let (f, e) = (fronted[0].content.first, fronted[0].content.end);
        assert_eq!(doc.word(fronted[0].cue.first), "announced");
        assert_eq!(&text[doc.tokens[f].span.start..doc.tokens[e - 1].span.end], "The ferry will run again in May");
        // A clause that leads into the cue's own content is no content.
        let text = "When the storm came, the harbour board announced that the ferry would stop.";
        let doc = Doc::new(text, &[], &[]);
        let tagged = [
            span(&doc, text, "the harbour board", Part::Source),
            span(&doc, text, "announced", Part::Cue),
            span(&doc, text, "that the ferry would stop", Part::Content),
        ];
        assert!(fronted_contents(&doc, &sentence_ids(&doc), &tagged).is_empty());
    }

    #[test]
    fn an_unquoted_content_after_a_second_cue_is_that_cues_own_claim() {
        let text = "“The buses are late every day,” she continued, citing the drivers who had left the company.";
        let doc = Doc::new(text, &[], &[]);
        let tagged = [
            span(&doc, text, "“The buses are late every day,”", Part::Content),
            span(&doc, text, "she", Part::Source),
            span(&doc, text, "continued", Part::Cue),
            span(&doc, text, "citing", Part::Cue),
            span(&doc, text, "the drivers who had left the company", Part::Content),
        ];
        let d = drafts(&doc, &tagged);
        assert_eq!(d.len(), 2);
        assert!(d.iter().all(|d| d.pieces.len() == 1 && d.source.is_some()));
        assert_eq!(doc.word(d[1].cue.expect("a cue").first), "citing");
        // After the quotation's one cue, the words are not a claim of their own.
        let text = "“We are staying,” the tenants would chant outside the office.";
        let doc = Doc::new(text, &[], &[]);
        let tagged = [
            span(&doc, text, "“We are staying,”", Part::Content),
            span(&doc, text, "the tenants", Part::Source),
            span(&doc, text, "would chant", Part::Cue),
            span(&doc, text, "outside the office", Part::Content),
        ];
        assert_eq!(drafts(&doc, &tagged).len(), 1);
    }

    #[test]
    fn a_denied_stance_on_an_unquoted_content_is_reported_and_denied_speech_is_not() {
        let tagged_for = |doc: &Doc, text: &str, cue: &str, content: &str| {
            [span(doc, text, "The mayor", Part::Source), span(doc, text, cue, Part::Cue), span(doc, text, content, Part::Content)]
        };
        let text = "The mayor did not rebut the claim that the depot was unsafe.";
        let (doc, ..) = super::super::stages(text);
        assert_eq!(drafts(&doc, &tagged_for(&doc, text, "did not rebut", "the claim that the depot was unsafe")).len(), 1);
        let text = "The mayor did not say that the depot was unsafe.";
        let (doc, ..) = super::super::stages(text);
        assert!(drafts(&doc, &tagged_for(&doc, text, "did not say", "that the depot was unsafe")).is_empty());
        let text = "The mayor did not rebut “the depot was unsafe” at all.";
        let (doc, ..) = super::super::stages(text);
        assert!(drafts(&doc, &tagged_for(&doc, text, "did not rebut", "“the depot was unsafe”")).is_empty());
    }

    #[test]
    fn a_claim_ending_at_a_colon_that_introduces_its_sources_quotation_is_its_reporting_clause() {
        let text = "Ines Vidal, who keeps the ferry kiosk, read a letter on behalf of the market stallholders:\n\n“We were never asked about the new timetable.”";
        let (doc, mut quotes, entities, mentions) = super::super::stages(text);
        let tagged = [
            span(&doc, text, "Ines Vidal", Part::Source),
            span(&doc, text, "read a letter", Part::Cue),
            span(&doc, text, "on behalf of the market stallholders", Part::Content),
        ];
        let out = with_evidence(text, &tagged, &mut quotes, &mentions, &entities, Some(&doc), &mut Sources::Rules);
        let contents: Vec<&str> = out.iter().map(|(a, _)| a.content.slice(text)).collect();
        assert_eq!(contents, ["We were never asked about the new timetable."]);
        assert!(out[0].0.source.as_ref().is_some_and(|s| s.span.slice(text).contains("Vidal")));
        // A quotation with a cue of its own after a colon leaves the claim before it standing.
        let text = "Ines Vidal said the timetable was a mistake: “Nobody asked us,” she added.";
        let (doc, mut quotes, entities, mentions) = super::super::stages(text);
        let tagged = [
            span(&doc, text, "Ines Vidal", Part::Source),
            span(&doc, text, "said", Part::Cue),
            span(&doc, text, "the timetable was a mistake", Part::Content),
        ];
        let out = with_evidence(text, &tagged, &mut quotes, &mentions, &entities, Some(&doc), &mut Sources::Rules);
        assert!(out.iter().any(|(a, _)| a.content.slice(text) == "the timetable was a mistake"));
    }

    #[test]
    fn a_content_the_tagger_stopped_inside_its_clause_runs_to_its_sentences_end() {
        let text = "The harbour board proposed a new ferry route that would be run by the island in spring. It sails daily.";
        let tagged = [("The harbour board", Part::Source), ("proposed", Part::Cue), ("a new ferry route that would be", Part::Content)];
        assert_eq!(first_pieces(text, &tagged), ["a new ferry route that would be run by the island in spring"]);
        // A comma may end the clause first; a tagged span or a quotation in the rest is another's.
        let text = "The harbour board proposed a new ferry route, which the island opposed.";
        let tagged = [("The harbour board", Part::Source), ("proposed", Part::Cue), ("a new ferry route", Part::Content)];
        assert_eq!(first_pieces(text, &tagged), ["a new ferry route"]);
        let text = "The harbour board proposed a new ferry route as the mayor warned of costs.";
        let tagged = [
            ("The harbour board", Part::Source),
            ("proposed", Part::Cue),
            ("a new ferry route", Part::Content),
            ("the mayor", Part::Source),
            ("warned", Part::Cue),
            ("of costs", Part::Content),
        ];
        assert_eq!(first_pieces(text, &tagged), ["a new ferry route", "of costs"]);
        // A semicolon, a colon, a dash or a bracket ends the clause: the content stops before it,
        // never inside a bracket it did not open and close.
        let tagged = [("The board", Part::Source), ("proposed", Part::Cue), ("a ferry that would be", Part::Content)];
        for (text, content) in [
            (
                "The board proposed a ferry that would be run by the island council in spring (the mayor disagreed).",
                "a ferry that would be run by the island council in spring",
            ),
            (
                "The board proposed a ferry that would be run by the island council in spring; the mayor disagreed strongly with that.",
                "a ferry that would be run by the island council in spring",
            ),
            (
                "The board proposed a ferry that would be run by the island council in spring: the mayor disagreed.",
                "a ferry that would be run by the island council in spring",
            ),
            (
                "The board proposed a ferry that would be run by the island council — the mayor disagreed.",
                "a ferry that would be run by the island council",
            ),
            (
                "The board proposed a ferry that would be run by the island council (in spring) after all.",
                "a ferry that would be run by the island council",
            ),
        ] {
            assert_eq!(first_pieces(text, &tagged), [content], "{text}");
        }
    }

    #[test]
    fn a_content_stopped_on_a_word_that_needs_what_follows_takes_in_its_clause() {
        // The clause's subject and verb read as a source and a cue of their own: they are its words.
        let text = "The harbour board warned that the old ferry would stop at Osk in May. It sails daily.";
        let tagged = [
            ("The harbour board", Part::Source),
            ("warned", Part::Cue),
            ("that", Part::Content),
            ("the old ferry", Part::Source),
            ("would stop", Part::Cue),
            ("at Osk in May", Part::Content),
        ];
        assert_eq!(first_pieces(text, &tagged), ["that the old ferry would stop at Osk in May"]);
        let text = "The harbour board explained why the old ferry stops at Osk.";
        let tagged = [("The harbour board", Part::Source), ("explained", Part::Cue), ("why", Part::Content)];
        assert_eq!(first_pieces(text, &tagged), ["why the old ferry stops at Osk"]);
        // A comma may end the clause first.
        let text = "The harbour board warned that the old ferry, which sails daily, would stop.";
        let tagged = [("The harbour board", Part::Source), ("warned", Part::Cue), ("that", Part::Content)];
        assert_eq!(first_pieces(text, &tagged), ["that the old ferry"]);
        // A content ending on any other word keeps the tagged spans after it.
        let text = "The harbour board warned the skippers the old ferry would stop at Osk.";
        let tagged = [
            ("The harbour board", Part::Source),
            ("warned", Part::Cue),
            ("the skippers", Part::Content),
            ("the old ferry", Part::Source),
            ("would stop", Part::Cue),
            ("at Osk", Part::Content),
        ];
        assert_eq!(first_pieces(text, &tagged), ["the skippers", "at Osk"]);
        // A subject pronoun, a determiner or a preposition needs its phrase too.
        let text = "The players said they would quit after the final.";
        let tagged = [("The players", Part::Source), ("said", Part::Cue), ("they", Part::Content), ("would quit", Part::Cue)];
        assert_eq!(first_pieces(text, &tagged), ["they would quit after the final"]);
        let text = "The coach denied the rumours about his health.";
        let tagged = [("The coach", Part::Source), ("denied", Part::Cue), ("the", Part::Content), ("rumours", Part::Source)];
        assert_eq!(first_pieces(text, &tagged), ["the rumours about his health"]);
        // So does an auxiliary or a modal: a cue word after it is the content's own passive.
        let text = "Two skippers said the new timetable could be announced as early as Friday.";
        let tagged =
            [("Two skippers", Part::Source), ("said", Part::Cue), ("the new timetable could be", Part::Content), ("announced", Part::Cue)];
        assert_eq!(first_pieces(text, &tagged), ["the new timetable could be announced as early as Friday"]);
        // A quotation ends the run: it keeps the attribution the quotation rules give it.
        let text = "The players said they would call the final “a disgrace” on Monday.";
        let (doc, ..) = super::super::stages(text);
        let tagged = [span(&doc, text, "they", Part::Content), span(&doc, text, "would call", Part::Cue)];
        let d = drafts(&doc, &tagged);
        let (f, e) = d[0].pieces[0];
        assert_eq!(&text[doc.tokens[f].span.start..doc.tokens[e - 1].span.end], "they would call the final");
        // A content with no word of its own but "that" says nothing.
        let text = "Asked about the final, the coach said that.";
        let tagged = [("the coach", Part::Source), ("said", Part::Cue), ("that", Part::Content)];
        assert!(first_pieces(text, &tagged).is_empty());
    }

    #[test]
    fn a_content_a_run_took_in_is_dropped_even_when_it_could_run_on_itself() {
        // "the old" is the clause's words ("that" ran over them to the comma); running on
        // past that comma itself would leave it a second content overlapping the first.
        let text = "The harbour board warned that the skippers said the old ferry, which sails daily, would stop.";
        let doc = Doc::new(text, &[], &[]);
        let tagged: Vec<Tagged> = [
            ("The harbour board", Part::Source),
            ("warned", Part::Cue),
            ("that", Part::Content),
            ("the skippers", Part::Source),
            ("said", Part::Cue),
            ("the old", Part::Content),
        ]
        .iter()
        .map(|&(w, p)| span(&doc, text, w, p))
        .collect();
        let contents: Vec<&str> = drafts(&doc, &tagged)
            .iter()
            .map(|d| &text[doc.tokens[d.pieces[0].0].span.start..doc.tokens[d.pieces[d.pieces.len() - 1].1 - 1].span.end])
            .collect();
        assert_eq!(contents, ["that the skippers said the old ferry"]);
    }

    #[test]
    fn words_outside_counts_only_unquoted_words() {
        let text = "that “we will win,” he said";
        let close = text.find(" he").expect("he");
        let quote = Span::new(text.find('“').expect("mark"), close);
        assert_eq!(words_outside(text, &[Span::new(0, close)], [quote].into_iter()), 1);
        assert_eq!(words_outside(text, &[Span::new(0, text.len())], [quote].into_iter()), 3);
    }
}
