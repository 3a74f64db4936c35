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

    // Inlined: wasm's Viterbi asks for it once per tag and token (17 calls a token for the
    // entity tagger), and out of line it was 0.5% of a wasm `analyze` by itself.
    #[inline]
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
pub(crate) fn viterbi<const N: usize>(rules: &Constraints<N>, emissions: &[f32], transitions: &[f32], out: &mut Vec<usize>) {
    out.clear();
    let n = emissions.len() / N;
    if n == 0 {
        return;
    }
    const NEVER: f32 = f32::NEG_INFINITY;
    let mut score = [NEVER; N];
    for t in 0..N {
        if rules.start[t] {
            score[t] = transitions[N * N + t] + emissions[t];
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let trellis = {
        let mut trellis = Vec::with_capacity(n);
        trellis.push(Step { best: [NEVER; N], score });
        dense_step(rules, emissions, transitions, &mut trellis);
        score = trellis[n - 1].score;
        trellis
    };
    #[cfg(target_arch = "wasm32")]
    let back = {
        let mut back = vec![[0u8; N]; n];
        sparse_step(rules, emissions, transitions, &mut score, &mut back);
        back
    };
    let mut best = 0;
    for t in 0..N {
        if rules.end[t] && (!rules.end[best] || score[t] > score[best]) {
            best = t;
        }
    }
    out.resize(n, 0);
    out[n - 1] = best;
    for i in (1..n).rev() {
        #[cfg(not(target_arch = "wasm32"))]
        let previous = back_from(rules, transitions, &trellis, i, out[i]);
        #[cfg(target_arch = "wasm32")]
        let previous = back[i][out[i]] as usize;
        out[i - 1] = previous;
    }
}

/// One token of the native forward pass: each tag's best score over the tags before it (`best`,
/// before the token's own score), and with the token's score added (`score`).
#[cfg(any(test, not(target_arch = "wasm32")))]
#[derive(Clone, Copy)]
struct Step<const N: usize> {
    best: [f32; N],
    score: [f32; N],
}

/// Viterbi's forward pass over tokens 1.. of `emissions`, appended to `trellis` (which holds
/// token 0's step): the best score of each tag at each token, but not which tag before gave it.
///
/// Natively a forbidden transition scores `-∞` in a copy of the table made per call, so that the
/// inner loop runs over every pair of tags without a branch or an index table: `-∞` loses every
/// comparison, as skipping the pair does, and adding a finite score to it keeps it `-∞`. The loop
/// keeps only maxima (an add and a max per 4 tags, in vector registers); the best tag before
/// each of the path's tags is found again afterwards (`back_from`), for its n tags instead of
/// n × N: carrying an argmax through the loop tripled its instructions.
#[cfg(any(test, not(target_arch = "wasm32")))]
fn dense_step<const N: usize>(rules: &Constraints<N>, emissions: &[f32], transitions: &[f32], trellis: &mut Vec<Step<N>>) {
    const NEVER: f32 = f32::NEG_INFINITY;
    // [prev][next], as `transitions`.
    let mut table = [[NEVER; N]; N];
    for t in 0..N {
        for &p in rules.predecessors(t) {
            table[p as usize][t] = transitions[p as usize * N + t];
        }
    }
    let mut score = trellis.last().map_or([NEVER; N], |s| s.score);
    for emission in emissions.chunks_exact(N).skip(1) {
        let mut best = [NEVER; N];
        for (p, row) in table.iter().enumerate() {
            let s = score[p];
            for t in 0..N {
                let v = s + row[t];
                best[t] = if v > best[t] { v } else { best[t] };
            }
        }
        for t in 0..N {
            score[t] = best[t] + emission[t];
        }
        trellis.push(Step { best, score });
    }
}

/// The tag before tag `t` at token `i` (1..) on the best path through `trellis`: the first
/// allowed tag whose score and transition add up to `t`'s best, bit for bit the sum the
/// forward pass kept (the same two numbers added); 0 when `t` cannot be reached, as the sparse
/// pass leaves it.
#[cfg(any(test, not(target_arch = "wasm32")))]
fn back_from<const N: usize>(rules: &Constraints<N>, transitions: &[f32], trellis: &[Step<N>], i: usize, t: usize) -> usize {
    let best = trellis[i].best[t];
    if best == f32::NEG_INFINITY {
        return 0;
    }
    let before = &trellis[i - 1].score;
    rules.predecessors(t).iter().map(|&p| p as usize).find(|&p| before[p] + transitions[p * N + t] == best).unwrap_or(0)
}

/// `dense_step` for wasm (no vector instructions in the shipped build): each tag visits only the
/// tags that may precede it, in increasing order, so that a tie goes to the lower one as in the
/// dense loop: 97 pairs a token instead of 289 for the entity tagger's 17 tags.
///
/// The inner loop reads each pair's transition weight from a run laid out for it once per call,
/// and the scores from a table of 256 indexed by the predecessor's `u8`, so that it has no index
/// to check (wasm checks every slice index it cannot prove in range). Hoisting each tag's
/// predecessors out of the token loop too saved 2% more instructions but cost 0.7 KB gzipped.
#[cfg(any(test, target_arch = "wasm32"))]
fn sparse_step<const N: usize>(rules: &Constraints<N>, emissions: &[f32], transitions: &[f32], score: &mut [f32; N], back: &mut [[u8; N]]) {
    // [tag][k]: the transition weight from the k-th tag that may precede `tag`.
    let mut weights = [[0.0f32; N]; N];
    for (t, row) in weights.iter_mut().enumerate() {
        for (w, &p) in row.iter_mut().zip(rules.predecessors(t)) {
            *w = transitions[p as usize * N + t];
        }
    }
    let mut current = [f32::NEG_INFINITY; 256];
    current[..N].copy_from_slice(score);
    for (emission, back) in emissions.chunks_exact(N).zip(back.iter_mut()).skip(1) {
        let mut next = [0.0; N];
        for t in 0..N {
            let mut best = f32::NEG_INFINITY;
            let mut from = 0;
            for (&p, &w) in rules.predecessors(t).iter().zip(&weights[t]) {
                let v = current[p as usize] + w;
                if v > best {
                    best = v;
                    from = p;
                }
            }
            back[t] = from;
            next[t] = best + emission[t];
        }
        current[..N].copy_from_slice(&next);
    }
    score.copy_from_slice(&current[..N]);
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

    /// The two forward passes agree bit for bit, ties and unreachable tags included.
    #[test]
    fn the_sparse_pass_is_the_dense_one() {
        // Five tags: 0 free, 1 opens a span that 2 or 3 continue, 3 closes; 4 only after 0 or itself.
        const RULES5: Constraints<5> = Constraints::new(
            [
                [true, true, false, false, true],
                [false, false, true, true, false],
                [false, false, true, true, false],
                [true, true, false, false, false],
                [true, false, false, false, true],
            ],
            [true, true, false, false, false],
            [true, false, false, true, true],
        );
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            // Small integers, so that ties are common.
            (seed % 5) as f32 - 2.0
        };
        for n in [1, 2, 7, 40] {
            let emissions: Vec<f32> = (0..n * 5).map(|_| next()).collect();
            let transitions: Vec<f32> = (0..6 * 5).map(|_| next()).collect();
            let start = [transitions[25], transitions[26], f32::NEG_INFINITY, f32::NEG_INFINITY, f32::NEG_INFINITY];
            let mut b = start;
            let mut trellis = vec![Step { best: [f32::NEG_INFINITY; 5], score: start }];
            let mut back_b = vec![[0u8; 5]; n];
            dense_step(&RULES5, &emissions, &transitions, &mut trellis);
            sparse_step(&RULES5, &emissions, &transitions, &mut b, &mut back_b);
            let back_a: Vec<[u8; 5]> = (0..n)
                .map(|i| std::array::from_fn(|t| if i == 0 { 0 } else { back_from(&RULES5, &transitions, &trellis, i, t) as u8 }))
                .collect();
            assert_eq!(back_a, back_b, "{n} tokens");
            assert_eq!(trellis[n - 1].score.map(f32::to_bits), b.map(f32::to_bits), "{n} tokens");
        }
    }

    /// `back_from` finds the sparse pass's tag even for scores no model should hold: signed
    /// zeros (equal, yet different bits), infinities and NaN (a corrupt weight file).
    #[test]
    fn the_back_pointers_agree_on_odd_scores() {
        const RULES3: Constraints<3> =
            Constraints::new([[true, true, false], [true, false, true], [true, true, true]], [true, true, false], [true, true, true]);
        const VALUES: [f32; 7] = [0.0, -0.0, 1.0, -1.0, f32::INFINITY, f32::NEG_INFINITY, f32::NAN];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            VALUES[(seed % VALUES.len() as u64) as usize]
        };
        for round in 0..2000 {
            let n = 1 + round % 6;
            let emissions: Vec<f32> = (0..n * 3).map(|_| next()).collect();
            let transitions: Vec<f32> = (0..4 * 3).map(|_| next()).collect();
            let start: [f32; 3] =
                std::array::from_fn(|t| if RULES3.start[t] { transitions[9 + t] + emissions[t] } else { f32::NEG_INFINITY });
            let mut b = start;
            let mut trellis = vec![Step { best: [f32::NEG_INFINITY; 3], score: start }];
            let mut back_b = vec![[0u8; 3]; n];
            dense_step(&RULES3, &emissions, &transitions, &mut trellis);
            sparse_step(&RULES3, &emissions, &transitions, &mut b, &mut back_b);
            for (i, back) in back_b.iter().enumerate().skip(1) {
                for (t, &previous) in back.iter().enumerate() {
                    assert_eq!(back_from(&RULES3, &transitions, &trellis, i, t), previous as usize, "round {round}, token {i}, tag {t}");
                }
            }
            assert_eq!(trellis[n - 1].score.map(f32::to_bits), b.map(f32::to_bits), "round {round}");
        }
    }

    #[test]
    fn predecessors_follow_the_table() {
        assert_eq!(RULES.predecessors(0), [0, 2]);
        assert_eq!(RULES.predecessors(2), [1]);
        assert!(RULES.allows(1, 2) && !RULES.allows(1, 1));
    }
}
