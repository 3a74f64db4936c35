//! The entity tagger's weights, src/data/ner/model.bin, in the format both taggers share
//! (`tagging::weights`: the layout, the loader, scoring); this file only names ours.

use super::features::FEATURE_VERSION;
use super::tagger::N_TAGS;
use crate::tagging::Format;
pub use crate::tagging::ModelError;

const FORMAT: Format = Format { magic: b"QLNER\0", features: FEATURE_VERSION, n_extra: 0 };

/// The loaded weights.
pub type Model = crate::tagging::Model<N_TAGS>;

/// Quantised weights as training produces them.
#[cfg(any(test, feature = "internals"))]
pub type Weights = crate::tagging::Weights<N_TAGS>;

/// Parses and validates an entity model file.
pub fn load(bytes: &[u8]) -> Result<Model, ModelError> {
    Model::from_bytes(bytes, &FORMAT)
}

/// The bytes of an entity model file.
#[cfg(any(test, feature = "internals"))]
pub fn to_bytes(weights: &Weights) -> Vec<u8> {
    weights.to_bytes(&FORMAT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attribution_model_is_refused() {
        let w = Weights { hash_bits: 8, scale: 1.0, transitions: vec![0; (N_TAGS + 1) * N_TAGS], extra: Vec::new(), rows: Vec::new() };
        assert!(load(&to_bytes(&w)).is_ok());
        let mut other = to_bytes(&w);
        other[..6].copy_from_slice(b"QLATR\0");
        assert_eq!(load(&other).err(), Some(ModelError::NotAModel));
    }
}
