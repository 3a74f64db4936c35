//! What the two sequence taggers share (the entity tagger, `entities`, and the attribution
//! tagger, `attribution`): quantised averaged-perceptron weights over hashed features (`weights`:
//! the model file format, its loader, lookup and scoring, quantisation for the trainers) and
//! constrained Viterbi decoding (`viterbi`), and for the trainers the averaged perceptron
//! (`perceptron`). Each tagger keeps its own tags, features and model
//! file; nothing here knows either.

#[cfg(any(test, feature = "internals"))]
mod perceptron;
mod rans;
mod viterbi;
mod weights;

#[cfg(feature = "internals")]
pub use perceptron::Perceptron;

pub(crate) use viterbi::{viterbi, Constraints};
#[cfg(feature = "internals")]
pub use weights::bucket;
pub(crate) use weights::Format;
#[cfg(any(test, feature = "internals"))]
pub use weights::Weights;
pub use weights::{Model, ModelError};

/// Weights a tagger can score with: a shipped quantised [`Model`], or a trainer's floats.
pub trait Scorer {
    /// Adds each tag's weight for the feature hashes of one token to `scores` (one per tag).
    fn add_scores(&self, hashes: &[u64], scores: &mut [f32]);
    /// `(N + 1) × N` transition weights in the same unit, the last row from the line start.
    fn transitions(&self) -> &[f32];
    /// Whether the scores of a token come out bit for bit the same when its hashes are added in
    /// parts, in any order (integer weights summed below 2^24, as the shipped [`Model`]'s are): a
    /// tagger may then add the part that depends on a word's spelling once per spelling.
    fn sums_exactly(&self) -> bool {
        false
    }
}
