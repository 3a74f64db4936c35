//! Tags and decoding: the BILOU tag set over the four trained types, and Viterbi search.
//!
//! Decoding forbids ill-formed sequences (an `I-` after `O`, a `B-` that never closes), so every
//! decoded line reads back as non-overlapping entities without repair. GROUP is not a tag: it is
//! told apart from MISC after decoding (see `gazetteer::is_group_name`), because the training
//! data does not make the distinction.

use crate::tagging::Constraints;

/// The types the model is trained on, in tag order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Person,
    Org,
    Place,
    Misc,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Person, Kind::Org, Kind::Place, Kind::Misc];
}

/// `O`, then `B I L U` for each kind.
pub const N_TAGS: usize = 1 + 4 * Kind::ALL.len();

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    Begin = 0,
    Inside = 1,
    Last = 2,
    Unit = 3,
}

pub(crate) const OUTSIDE_TAG: usize = 0;

#[cfg(any(test, feature = "internals"))]
pub(crate) fn tag(kind: Kind, part: Part) -> usize {
    1 + 4 * kind as usize + part as usize
}

/// The kind and part of a tag; `None` for `O`.
pub(crate) fn split(tag: usize) -> Option<(Kind, Part)> {
    if tag == OUTSIDE_TAG || tag >= N_TAGS {
        return None;
    }
    let part = [Part::Begin, Part::Inside, Part::Last, Part::Unit][(tag - 1) % 4];
    Some((Kind::ALL[(tag - 1) / 4], part))
}

/// Whether `next` may follow `prev` (`None`: the line start); `RULES` is this as a table.
#[cfg(test)]
pub(crate) fn allowed(prev: Option<usize>, next: usize) -> bool {
    let open = |t: usize| matches!(split(t), Some((_, Part::Begin | Part::Inside)));
    match (prev.filter(|&p| open(p)), split(next)) {
        (None, None) => true,
        (None, Some((_, part))) => matches!(part, Part::Begin | Part::Unit),
        (Some(_), None) => false,
        (Some(p), Some((kind, part))) => split(p).is_some_and(|(k, _)| k == kind) && matches!(part, Part::Inside | Part::Last),
    }
}

/// Whether a line may end on `tag`; `RULES` is this as a table.
#[cfg(test)]
pub(crate) fn can_end(tag: usize) -> bool {
    !matches!(split(tag), Some((_, Part::Begin | Part::Inside)))
}

/// Tags of a token sequence with entities at token ranges `start..end`.
#[cfg(any(test, feature = "internals"))]
pub fn encode(n: usize, entities: &[(usize, usize, Kind)]) -> Vec<usize> {
    let mut tags = vec![OUTSIDE_TAG; n];
    for &(start, end, kind) in entities {
        if end == start + 1 {
            tags[start] = tag(kind, Part::Unit);
            continue;
        }
        tags[start] = tag(kind, Part::Begin);
        for t in &mut tags[start + 1..end - 1] {
            *t = tag(kind, Part::Inside);
        }
        tags[end - 1] = tag(kind, Part::Last);
    }
    tags
}

/// Entities `(start, end, kind)` of a well-formed tag sequence.
pub(crate) fn decode(tags: &[usize]) -> Vec<(usize, usize, Kind)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &t) in tags.iter().enumerate() {
        match split(t) {
            Some((_, Part::Begin)) => start = i,
            Some((kind, Part::Last)) => out.push((start, i + 1, kind)),
            Some((kind, Part::Unit)) => out.push((i, i + 1, kind)),
            _ => {}
        }
    }
    out
}

/// Transition scores between tags: `(N_TAGS + 1) × N_TAGS`, the last row from the line start.
pub type Transitions = [f32];

/// The best well-formed tag sequence given per-token scores (`n × N_TAGS`, row-major).
pub fn viterbi(emissions: &[f32], transitions: &Transitions, out: &mut Vec<usize>) {
    crate::tagging::viterbi(&RULES, emissions, transitions, out)
}

/// `allowed` and `can_end` as tables, for the decoder.
static RULES: Constraints<N_TAGS> = {
    let mut allowed = [[false; N_TAGS]; N_TAGS];
    let mut start = [false; N_TAGS];
    let mut end = [false; N_TAGS];
    let mut p = 0;
    while p < N_TAGS {
        // Same rules as `allowed` and `can_end`, in const form.
        let p_part = if p == 0 { 4 } else { (p - 1) % 4 };
        let p_open = p_part <= 1;
        start[p] = p_part == 4 || p_part == 0 || p_part == 3;
        end[p] = !p_open;
        let mut t = 0;
        while t < N_TAGS {
            let t_part = if t == 0 { 4 } else { (t - 1) % 4 };
            allowed[p][t] = if p_open {
                t != 0 && (t - 1) / 4 == (p - 1) / 4 && (t_part == 1 || t_part == 2)
            } else {
                t == 0 || t_part == 0 || t_part == 3
            };
            t += 1;
        }
        p += 1;
    }
    Constraints::new(allowed, start, end)
};

#[cfg(test)]
mod tests {
    use super::*;

    fn check(emissions: &[[f32; N_TAGS]], transitions: &[f32], expected: &[(usize, usize, Kind)]) {
        let flat: Vec<f32> = emissions.iter().flatten().copied().collect();
        let mut tags = Vec::new();
        viterbi(&flat, transitions, &mut tags);
        assert_eq!(decode(&tags), expected);
        for w in tags.windows(2) {
            assert!(allowed(Some(w[0]), w[1]), "{tags:?}");
        }
    }

    fn row(pairs: &[(usize, f32)]) -> [f32; N_TAGS] {
        let mut r = [0.0; N_TAGS];
        for &(t, v) in pairs {
            r[t] = v;
        }
        r
    }

    #[test]
    fn tables_match_rules() {
        for p in 0..N_TAGS {
            for t in 0..N_TAGS {
                assert_eq!(RULES.allows(p, t), allowed(Some(p), t), "{p} → {t}");
            }
            assert_eq!(RULES.start[p], allowed(None, p), "start {p}");
            assert_eq!(RULES.end[p], can_end(p), "end {p}");
        }
    }

    #[test]
    fn tags_round_trip() {
        let entities = vec![(0, 2, Kind::Person), (2, 3, Kind::Org), (4, 7, Kind::Misc)];
        assert_eq!(decode(&encode(8, &entities)), entities);
        assert_eq!(split(tag(Kind::Place, Part::Last)), Some((Kind::Place, Part::Last)));
        assert_eq!(split(OUTSIDE_TAG), None);
    }

    #[test]
    fn viterbi_on_a_hand_made_model() {
        let zero = vec![0.0; (N_TAGS + 1) * N_TAGS];
        let per = |p| tag(Kind::Person, p);
        // Emissions alone: the best well-formed path.
        check(
            &[row(&[(per(Part::Begin), 2.0)]), row(&[(per(Part::Last), 2.0)]), row(&[(OUTSIDE_TAG, 1.0)])],
            &zero,
            &[(0, 2, Kind::Person)],
        );
        // A B- with no way to close is never chosen, however strong.
        check(&[row(&[(per(Part::Begin), 5.0), (OUTSIDE_TAG, 1.0)])], &zero, &[]);
        // Transitions can overrule a weak emission.
        let mut trans = zero.clone();
        trans[per(Part::Begin) * N_TAGS + per(Part::Last)] = 3.0;
        check(&[row(&[(per(Part::Begin), 1.0), (per(Part::Unit), 1.5)]), row(&[(OUTSIDE_TAG, 1.0)])], &trans, &[(0, 2, Kind::Person)]);
        check(&[], &zero, &[]);
    }
}
