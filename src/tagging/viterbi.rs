//! Constrained Viterbi decoding over `N` tags: each tagger says which tag may follow which, which
//! may open a line and which may end one; decoding never returns a path that breaks those rules.

/// A tag set's rules, as tables the decoder's inner loop reads. Build one in a `static` with
/// [`Constraints::new`] from the tagger's own rule (a `const fn`).
pub(crate) struct Constraints<const N: usize> {
    /// Tags a line may start with.
    pub start: [bool; N],
    /// Tags a line may end with.
    pub end: [bool; N],
    /// For each tag, the tags that may precede it (`len[tag]` of them): the inner loop visits only those.
    predecessors: [[u8; N]; N],
    len: [usize; N],
}

impl<const N: usize> Constraints<N> {
    pub const fn new(allowed: [[bool; N]; N], start: [bool; N], end: [bool; N]) -> Constraints<N> {
        let mut predecessors = [[0u8; N]; N];
        let mut len = [0usize; N];
        let mut t = 0;
        while t < N {
            let mut p = 0;
            while p < N {
                if allowed[p][t] {
                    predecessors[t][len[t]] = p as u8;
                    len[t] += 1;
                }
                p += 1;
            }
            t += 1;
        }
        Constraints { start, end, predecessors, len }
    }

    fn predecessors(&self, tag: usize) -> &[u8] {
        &self.predecessors[tag][..self.len[tag]]
    }

    /// Whether `next` may follow `prev`: the table the constraints were built from.
    #[cfg(test)]
    pub fn allows(&self, prev: usize, next: usize) -> bool {
        self.predecessors(next).contains(&(prev as u8))
    }
}

/// The best path allowed by `rules` given per-token scores (`n × N`, row-major) and
/// `(N + 1) × N` transition scores (the last row from the line start). Ties go to the lower tag.
///
/// A forbidden transition scores `-∞` in a copy of the table made per call, so that the inner
/// loop runs over every pair of tags without a branch or an index table (the compiler turns it
/// into vector operations): `-∞` loses every comparison, as skipping the pair did, and adding a
/// finite score to it keeps it `-∞`.
pub(crate) fn viterbi<const N: usize>(rules: &Constraints<N>, emissions: &[f32], transitions: &[f32], out: &mut Vec<usize>) {
    out.clear();
    let n = emissions.len() / N;
    if n == 0 {
        return;
    }
    const NEVER: f32 = f32::NEG_INFINITY;
    // [prev][next], as `transitions`.
    let mut table = [[NEVER; N]; N];
    for t in 0..N {
        for &p in rules.predecessors(t) {
            table[p as usize][t] = transitions[p as usize * N + t];
        }
    }
    let mut score = [NEVER; N];
    let mut back = vec![[0u8; N]; n];
    for t in 0..N {
        if rules.start[t] {
            score[t] = transitions[N * N + t] + emissions[t];
        }
    }
    for (emission, back) in emissions.chunks_exact(N).zip(back.iter_mut()).skip(1) {
        let mut best = [NEVER; N];
        for (p, row) in table.iter().enumerate() {
            let s = score[p];
            for t in 0..N {
                let v = s + row[t];
                if v > best[t] {
                    best[t] = v;
                    back[t] = p as u8;
                }
            }
        }
        for t in 0..N {
            score[t] = best[t] + emission[t];
        }
    }
    let mut best = 0;
    for t in 0..N {
        if rules.end[t] && (!rules.end[best] || score[t] > score[best]) {
            best = t;
        }
    }
    out.resize(n, 0);
    out[n - 1] = best;
    for i in (1..n).rev() {
        out[i - 1] = back[i][out[i]] as usize;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three tags: 0 free, 1 opens a span that 2 must close.
    const RULES: Constraints<3> =
        Constraints::new([[true, true, false], [false, false, true], [true, true, false]], [true, true, false], [true, false, true]);

    fn decode(emissions: &[[f32; 3]], transitions: &[f32]) -> Vec<usize> {
        let flat: Vec<f32> = emissions.iter().flatten().copied().collect();
        let mut out = Vec::new();
        viterbi(&RULES, &flat, transitions, &mut out);
        out
    }

    #[test]
    fn the_best_allowed_path() {
        let zero = [0.0; 12];
        assert_eq!(decode(&[[0.0, 2.0, 0.0], [1.0, 0.0, 1.5]], &zero), [1, 2]);
        // Tag 1 cannot end a line, however strong; tag 2 cannot start one.
        assert_eq!(decode(&[[1.0, 5.0, 0.0]], &zero), [0]);
        assert_eq!(decode(&[[1.0, 0.0, 5.0]], &zero), [0]);
        assert_eq!(decode(&[], &zero), Vec::<usize>::new());
        // Transitions can overrule a weak emission.
        let mut trans = zero;
        trans[3 + 2] = 3.0;
        assert_eq!(decode(&[[1.5, 1.0, 0.0], [1.0, 0.0, 0.0]], &trans), [1, 2]);
    }

    #[test]
    fn predecessors_follow_the_table() {
        assert_eq!(RULES.predecessors(0), [0, 2]);
        assert_eq!(RULES.predecessors(2), [1]);
        assert!(RULES.allows(1, 2) && !RULES.allows(1, 1));
    }
}
