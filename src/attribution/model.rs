//! The attribution tagger's weights (src/data/attribution/model.bin) and calibration map, in the
//! format both taggers share (`tagging::weights`: the layout, the loader, scoring); the map is
//! the file's extra numbers.

use super::calibration::N_CALIBRATION;
use super::features::FEATURE_VERSION;
use super::tags::N_TAGS;
use crate::tagging::Format;
pub(crate) use crate::tagging::ModelError;

const FORMAT: Format = Format { magic: b"QLATR\0", features: FEATURE_VERSION, n_extra: N_CALIBRATION };

/// Weights the tagger can score with: the shipped quantised model, or training's floats.
pub(crate) trait Scorer: crate::tagging::Scorer {
    /// One emission unit in the calibration's unit (the quantisation scale).
    fn scale(&self) -> f32;
    /// The calibration weights (`calibration::N_CALIBRATION`).
    fn calibration(&self) -> &[f32];
}

/// Loaded weights.
pub(crate) type Model = crate::tagging::Model<N_TAGS>;

impl Scorer for Model {
    fn scale(&self) -> f32 {
        Model::scale(self)
    }
    fn calibration(&self) -> &[f32] {
        self.extra()
    }
}

/// Parses and validates an attribution model file.
pub(crate) fn load(bytes: &[u8]) -> Result<Model, ModelError> {
    Model::from_bytes(bytes, &FORMAT)
}

/// Quantised weights as training produces them; the calibration map is `extra`.
#[cfg(any(test, feature = "internals"))]
pub(crate) type Weights = crate::tagging::Weights<N_TAGS>;

/// The bytes of an attribution model file.
#[cfg(any(test, feature = "internals"))]
pub(crate) fn to_bytes(weights: &Weights) -> Vec<u8> {
    weights.to_bytes(&FORMAT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calibration_map_round_trips() {
        let w = Weights {
            hash_bits: 10,
            scale: 0.5,
            transitions: vec![0; (N_TAGS + 1) * N_TAGS],
            extra: vec![0.25; N_CALIBRATION],
            rows: vec![(3, [0, 5, 0, 0, 0, 0, -3])],
        };
        let model = load(&to_bytes(&w)).expect("valid model");
        assert_eq!(model.calibration(), &[0.25; N_CALIBRATION][..]);
        assert_eq!(Scorer::scale(&model), 0.5);
        let mut short = w;
        short.extra.pop();
        assert!(std::panic::catch_unwind(|| to_bytes(&short)).is_err(), "the writer checks the map's length");
    }
}
