//! Tags and decoding: the BILOU tag set over the four trained types, and Viterbi search.
//!
//! Decoding forbids ill-formed sequences (an `I-` after `O`, a `B-` that never closes), so every
//! decoded line reads back as non-overlapping entities without repair. GROUP is not a tag: it is
//! told apart from MISC after decoding (see `gazetteer::is_group_name`), because the training
//! data does not make the distinction.

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

/// Whether `next` may follow `prev` (`None`: the line start).
pub(crate) fn allowed(prev: Option<usize>, next: usize) -> bool {
    let open = |t: usize| matches!(split(t), Some((_, Part::Begin | Part::Inside)));
    match (prev.filter(|&p| open(p)), split(next)) {
        (None, None) => true,
        (None, Some((_, part))) => matches!(part, Part::Begin | Part::Unit),
        (Some(_), None) => false,
        (Some(p), Some((kind, part))) => split(p).is_some_and(|(k, _)| k == kind) && matches!(part, Part::Inside | Part::Last),
    }
}

/// Whether a line may end on `tag`.
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
    out.clear();
    let n = emissions.len() / N_TAGS;
    if n == 0 {
        return;
    }
    const NEVER: f32 = f32::NEG_INFINITY;
    let mut score = [NEVER; N_TAGS];
    let mut back = vec![0u8; n * N_TAGS];
    for t in 0..N_TAGS {
        if allowed(None, t) {
            score[t] = transitions[N_TAGS * N_TAGS + t] + emissions[t];
        }
    }
    for i in 1..n {
        let mut next = [NEVER; N_TAGS];
        for t in 0..N_TAGS {
            let mut best = NEVER;
            let mut arg = 0;
            for &p in PREDECESSORS.get(t) {
                let p = p as usize;
                let s = score[p];
                if s == NEVER {
                    continue;
                }
                let v = s + transitions[p * N_TAGS + t];
                if v > best {
                    best = v;
                    arg = p;
                }
            }
            if best != NEVER {
                next[t] = best + emissions[i * N_TAGS + t];
                back[i * N_TAGS + t] = arg as u8;
            }
        }
        score = next;
    }
    let mut best = OUTSIDE_TAG;
    for t in 0..N_TAGS {
        if can_end(t) && score[t] > score[best] {
            best = t;
        }
    }
    out.resize(n, OUTSIDE_TAG);
    out[n - 1] = best;
    for i in (1..n).rev() {
        out[i - 1] = back[i * N_TAGS + out[i]] as usize;
    }
}

/// For each tag, the tags that may precede it: the inner loop visits only those.
struct Predecessors {
    tags: [[u8; N_TAGS]; N_TAGS],
    len: [usize; N_TAGS],
}

impl Predecessors {
    fn get(&self, tag: usize) -> &[u8] {
        &self.tags[tag][..self.len[tag]]
    }
}

static PREDECESSORS: Predecessors = {
    let mut p = Predecessors { tags: [[0; N_TAGS]; N_TAGS], len: [0; N_TAGS] };
    let mut t = 0;
    while t < N_TAGS {
        let mut prev = 0;
        while prev < N_TAGS {
            if ALLOWED[prev][t] {
                p.tags[t][p.len[t]] = prev as u8;
                p.len[t] += 1;
            }
            prev += 1;
        }
        t += 1;
    }
    p
};

/// `allowed` as a table, for the inner loop.
static ALLOWED: [[bool; N_TAGS]; N_TAGS] = {
    let mut table = [[false; N_TAGS]; N_TAGS];
    let mut p = 0;
    while p < N_TAGS {
        let mut t = 0;
        while t < N_TAGS {
            // Same rule as `allowed`, in const form.
            let p_open = p != 0 && (p - 1) % 4 <= 1;
            let t_part = if t == 0 { 4 } else { (t - 1) % 4 };
            table[p][t] = if p_open {
                t != 0 && (t - 1) / 4 == (p - 1) / 4 && (t_part == 1 || t_part == 2)
            } else {
                t == 0 || t_part == 0 || t_part == 3
            };
            t += 1;
        }
        p += 1;
    }
    table
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
    fn table_matches_rule() {
        for (p, row) in ALLOWED.iter().enumerate() {
            for (t, &ok) in row.iter().enumerate() {
                assert_eq!(ok, allowed(Some(p), t), "{p} → {t}");
            }
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
