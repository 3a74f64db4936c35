//! Training both taggers share: an averaged structured perceptron over hashed-feature buckets
//! with `N` tags and first-order transitions (row `N` is the line start), as the shipped
//! `Weights` score. The trainers (tools/src/ner.rs, attribution/train.rs) own their features,
//! decoding constraints, epochs and shuffling; this owns the update and the averaging.

/// Weights being learned: `(1 << hash_bits) * N` emission weights and `(N + 1) * N`
/// transitions, each with the running sums averaging needs (Collins 2002, the lazy form).
pub struct Perceptron<const N: usize> {
    weights: Vec<f32>,
    sums: Vec<f32>,
    transitions: Vec<f32>,
    transition_sums: Vec<f32>,
    step: f32,
}

impl<const N: usize> Perceptron<N> {
    pub fn new(hash_bits: u32) -> Self {
        let n = (1usize << hash_bits) * N;
        let nt = (N + 1) * N;
        Perceptron { weights: vec![0.0; n], sums: vec![0.0; n], transitions: vec![0.0; nt], transition_sums: vec![0.0; nt], step: 1.0 }
    }

    /// One training line: token `i`'s buckets are `buckets[offsets[i]..offsets[i + 1]]`, its gold
    /// tag `gold[i]`; `decode(emissions, transitions, path)` is the tagger's Viterbi. Where the
    /// decoded path differs from gold, gold's features and transitions gain and the path's lose.
    pub fn train_line(
        &mut self,
        buckets: &[u32],
        offsets: &[u32],
        gold: &[usize],
        decode: impl FnOnce(&[f32], &[f32], &mut Vec<usize>),
        emissions: &mut Vec<f32>,
        predicted: &mut Vec<usize>,
    ) {
        let n = gold.len();
        let token = |i: usize| &buckets[offsets[i] as usize..offsets[i + 1] as usize];
        emissions.clear();
        emissions.resize(n * N, 0.0);
        for (i, scores) in emissions.chunks_exact_mut(N).enumerate() {
            for &b in token(i) {
                for (s, w) in scores.iter_mut().zip(&self.weights[b as usize * N..][..N]) {
                    *s += w;
                }
            }
        }
        decode(emissions, &self.transitions, predicted);
        let step = self.step;
        for i in 0..n {
            let (g, p) = (gold[i], predicted[i]);
            if g != p {
                for &b in token(i) {
                    let row = b as usize * N;
                    self.weights[row + g] += 1.0;
                    self.weights[row + p] -= 1.0;
                    self.sums[row + g] += step;
                    self.sums[row + p] -= step;
                }
            }
            let (gp, pp) = if i == 0 { (N, N) } else { (gold[i - 1], predicted[i - 1]) };
            if (gp, g) != (pp, p) {
                self.transitions[gp * N + g] += 1.0;
                self.transitions[pp * N + p] -= 1.0;
                self.transition_sums[gp * N + g] += step;
                self.transition_sums[pp * N + p] -= step;
            }
        }
        self.step += 1.0;
    }

    /// The averaged weights and transitions, in float units.
    pub fn averaged(&self) -> (Vec<f32>, Vec<f32>) {
        let avg = |w: &[f32], s: &[f32]| -> Vec<f32> { w.iter().zip(s).map(|(w, s)| w - s / self.step).collect() };
        (avg(&self.weights, &self.sums), avg(&self.transitions, &self.transition_sums))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_path_moves_weight_to_gold_and_averaging_keeps_it() {
        // One token, one bucket, two tags; the untrained path picks tag 0, gold is 1.
        let mut p = Perceptron::<2>::new(1);
        let (mut e, mut path) = (Vec::new(), Vec::new());
        let argmax = |e: &[f32], _: &[f32], path: &mut Vec<usize>| {
            *path = e.chunks_exact(2).map(|r| usize::from(r[1] > r[0])).collect();
        };
        p.train_line(&[1], &[0, 1], &[1], argmax, &mut e, &mut path);
        assert_eq!(path, [0]);
        p.train_line(&[1], &[0, 1], &[1], argmax, &mut e, &mut path);
        assert_eq!(path, [1], "the second pass decodes gold");
        let (weights, transitions) = p.averaged();
        assert!(weights[2 + 1] > 0.0 && weights[2] < 0.0, "{weights:?}");
        assert!(transitions[2 * 2 + 1] > 0.0, "{transitions:?}");
    }
}
