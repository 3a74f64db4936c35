//! The tag set (BIO over cue, source and content) and constrained Viterbi decoding.
//!
//! Decoding forbids an `I-` that does not continue its own kind, so every decoded line reads back
//! as non-overlapping spans without repair.

use crate::tagging::Constraints;

/// The three kinds of span an attribution is made of, in tag order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    Cue = 0,
    Source = 1,
    Content = 2,
}

pub(crate) const PARTS: [Part; 3] = [Part::Cue, Part::Source, Part::Content];

/// `O`, then `B I` for each part.
pub(crate) const N_TAGS: usize = 1 + 2 * PARTS.len();
pub(crate) const OUTSIDE: usize = 0;

#[cfg(any(test, feature = "internals"))]
pub(crate) fn begin(part: Part) -> usize {
    1 + 2 * part as usize
}

pub(crate) fn inside(part: Part) -> usize {
    2 + 2 * part as usize
}

#[cfg(test)]
fn is_inside(tag: usize) -> bool {
    tag != OUTSIDE && tag % 2 == 0
}

/// Whether `next` may follow `prev` (`None`: the line start); `RULES` is this as tables.
#[cfg(test)]
pub(crate) fn allowed(prev: Option<usize>, next: usize) -> bool {
    !is_inside(next) || prev.is_some_and(|p| p != OUTSIDE && p.div_ceil(2) == next / 2)
}

/// `allowed` as tables for the decoder: any tag but an inside one may start a line, any may end one.
static RULES: Constraints<N_TAGS> = {
    let mut allowed = [[false; N_TAGS]; N_TAGS];
    let mut start = [false; N_TAGS];
    let mut p = 0;
    while p < N_TAGS {
        // As `allowed`: an inside tag only continues its own part.
        start[p] = p == OUTSIDE || p % 2 == 1;
        let mut t = 0;
        while t < N_TAGS {
            let inside = t != OUTSIDE && t % 2 == 0;
            allowed[p][t] = !inside || (p != OUTSIDE && p.div_ceil(2) == t / 2);
            t += 1;
        }
        p += 1;
    }
    Constraints::new(allowed, start, [true; N_TAGS])
};

/// Spans `(first, end, part)` of a well-formed tag sequence.
pub(crate) fn decode(tags: &[usize]) -> Vec<(usize, usize, Part)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        if tags[i] == OUTSIDE {
            i += 1;
            continue;
        }
        let part = PARTS[(tags[i] - 1) / 2];
        let mut j = i + 1;
        while j < tags.len() && tags[j] == inside(part) {
            j += 1;
        }
        out.push((i, j, part));
        i = j;
    }
    out
}

/// Tags for `n` tokens with the given spans; later spans overwrite earlier ones token by token.
#[cfg(test)]
pub(crate) fn encode(n: usize, spans: &[(usize, usize, Part)]) -> Vec<usize> {
    let mut tags = vec![OUTSIDE; n];
    for &(first, end, part) in spans {
        for (k, t) in tags[first.min(n)..end.min(n)].iter_mut().enumerate() {
            *t = if k == 0 { begin(part) } else { inside(part) };
        }
    }
    // A span cut by a later one may leave an `I-` with no `B-`: it begins there.
    for i in 0..n {
        if is_inside(tags[i]) && !allowed(i.checked_sub(1).map(|p| tags[p]), tags[i]) {
            tags[i] -= 1;
        }
    }
    tags
}

/// The best well-formed tag sequence given per-token scores (`n × N_TAGS`, row-major) and
/// `(N_TAGS + 1) × N_TAGS` transition scores (the last row from the line start).
pub(crate) fn viterbi(emissions: &[f32], transitions: &[f32], out: &mut Vec<usize>) {
    crate::tagging::viterbi(&RULES, emissions, transitions, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_then_decode_round_trips_and_repairs_cut_spans() {
        let spans = [(0, 2, Part::Source), (2, 3, Part::Cue), (3, 7, Part::Content)];
        assert_eq!(decode(&encode(8, &spans)), spans.to_vec());
        // A cue written over the middle of a content leaves two contents.
        let cut = encode(6, &[(0, 6, Part::Content), (2, 3, Part::Cue)]);
        assert_eq!(decode(&cut), vec![(0, 2, Part::Content), (2, 3, Part::Cue), (3, 6, Part::Content)]);
    }

    #[test]
    fn the_tables_are_the_rule() {
        for p in 0..N_TAGS {
            for t in 0..N_TAGS {
                assert_eq!(RULES.allows(p, t), allowed(Some(p), t), "{p} → {t}");
            }
            assert_eq!(RULES.start[p], allowed(None, p), "start {p}");
        }
    }

    #[test]
    fn viterbi_never_starts_with_an_inside_tag() {
        let mut emissions = vec![0.0; 2 * N_TAGS];
        emissions[inside(Part::Content)] = 10.0;
        emissions[N_TAGS + inside(Part::Content)] = 10.0;
        let transitions = vec![0.0; (N_TAGS + 1) * N_TAGS];
        let mut out = Vec::new();
        viterbi(&emissions, &transitions, &mut out);
        assert!(allowed(None, out[0]));
        assert!(allowed(Some(out[0]), out[1]));
    }
}
