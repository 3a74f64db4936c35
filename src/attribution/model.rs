//! The attribution tagger's weights (src/data/attribution/model.bin) and calibration map: the
//! binary format, its validating loader, and scoring.
//!
//! Layout (little-endian), version 1:
//!
//! ```text
//! magic      b"QLATR\0"                      6 bytes
//! version    u16                              format version (1)
//! features   u32                              FEATURE_VERSION the weights were trained for
//! hash_bits  u8                               feature buckets = 2^hash_bits
//! n_tags     u8                               must equal N_TAGS
//! n_calib    u8                               calibration weights (must equal N_CALIBRATION)
//! n_rows     u32                              buckets with any non-zero weight
//! trans      i16 × (n_tags + 1) × n_tags      transition weights, last row from the line start
//! calib      f32 × n_calib                    logistic calibration (see `calibration`)
//! rows       n_rows × { varint bucket gap, i8 × n_tags }
//! checksum   u32                              FNV-1a (32-bit) of everything before it
//! ```
//!
//! The emission weights are expanded into one dense table at load (2^hash_bits × N_TAGS bytes):
//! a lookup is then one index, which keeps the tagger cheap next to the entity tagger. The
//! loader checks every field and the checksum and reports a typed [`ModelError`]; it never
//! panics on bad bytes.

use std::fmt;

use super::calibration::N_CALIBRATION;
use super::features::FEATURE_VERSION;
use super::tags::N_TAGS;
use crate::entities::hashing::bucket;

const MAGIC: &[u8; 6] = b"QLATR\0";
const FORMAT_VERSION: u16 = 1;

/// Why a model file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ModelError {
    NotAModel,
    UnsupportedVersion(u16),
    FeatureMismatch { expected: u32, found: u32 },
    BadDimensions,
    Truncated,
    Corrupt(&'static str),
    ChecksumMismatch,
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::NotAModel => write!(f, "not an attribution model (bad magic)"),
            ModelError::UnsupportedVersion(v) => write!(f, "unsupported model format version {v}"),
            ModelError::FeatureMismatch { expected, found } => {
                write!(f, "model trained for feature set {found}, this build extracts feature set {expected}")
            }
            ModelError::BadDimensions => write!(f, "model dimensions do not match this build"),
            ModelError::Truncated => write!(f, "model file is truncated"),
            ModelError::Corrupt(what) => write!(f, "model file is corrupt: {what}"),
            ModelError::ChecksumMismatch => write!(f, "model checksum mismatch"),
        }
    }
}

impl std::error::Error for ModelError {}

/// Weights the tagger can score with: the shipped quantised model, or training's floats.
pub(crate) trait Scorer {
    /// Adds each tag's weight for the feature hashes of one token to `scores`.
    fn add_scores(&self, hashes: &[u64], scores: &mut [f32]);
    /// `(N_TAGS + 1) × N_TAGS` transition weights, in the same unit.
    fn transitions(&self) -> &[f32];
    /// One emission unit in the calibration's unit (the quantisation scale).
    fn scale(&self) -> f32;
    /// The calibration weights (`calibration::N_CALIBRATION`).
    fn calibration(&self) -> &[f32];
}

/// Loaded weights.
pub(crate) struct Model {
    hash_bits: u32,
    /// `2^hash_bits × N_TAGS`, row-major.
    table: Vec<i8>,
    transitions: Vec<f32>,
    scale: f32,
    calibration: Vec<f32>,
}

impl Scorer for Model {
    fn add_scores(&self, hashes: &[u64], scores: &mut [f32]) {
        let mut sum = [0i32; N_TAGS];
        for &h in hashes {
            let b = bucket(h, self.hash_bits) as usize * N_TAGS;
            for (s, &w) in sum.iter_mut().zip(&self.table[b..b + N_TAGS]) {
                *s += w as i32;
            }
        }
        for (s, v) in scores.iter_mut().zip(sum) {
            *s += v as f32;
        }
    }
    fn transitions(&self) -> &[f32] {
        &self.transitions
    }
    fn scale(&self) -> f32 {
        self.scale
    }
    fn calibration(&self) -> &[f32] {
        &self.calibration
    }
}

struct Reader<'b> {
    bytes: &'b [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], ModelError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or(ModelError::Truncated)?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes([self.u8()?, self.u8()?]))
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes([self.u8()?, self.u8()?, self.u8()?, self.u8()?]))
    }
    fn varint(&mut self) -> Result<u64, ModelError> {
        let mut value = 0u64;
        for shift in (0..35).step_by(7) {
            let b = self.u8()?;
            value |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(ModelError::Corrupt("varint too long"))
    }
}

fn fnv32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, &b| (h ^ b as u32).wrapping_mul(0x0100_0193))
}

impl Model {
    /// Parses and validates a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(ModelError::NotAModel);
        }
        if bytes.len() < MAGIC.len() + 4 {
            return Err(ModelError::Truncated);
        }
        let (body, sum) = bytes.split_at(bytes.len() - 4);
        let mut r = Reader { bytes: body, pos: MAGIC.len() };
        let version = r.u16()?;
        if version != FORMAT_VERSION {
            return Err(ModelError::UnsupportedVersion(version));
        }
        let features = r.u32()?;
        if features != FEATURE_VERSION {
            return Err(ModelError::FeatureMismatch { expected: FEATURE_VERSION, found: features });
        }
        let hash_bits = r.u8()? as u32;
        let n_tags = r.u8()? as usize;
        let n_calib = r.u8()? as usize;
        if !(8..=22).contains(&hash_bits) || n_tags != N_TAGS || n_calib != N_CALIBRATION {
            return Err(ModelError::BadDimensions);
        }
        let scale = f32::from_le_bytes(r.take(4)?.try_into().map_err(|_| ModelError::Truncated)?);
        let n_rows = r.u32()? as usize;
        if n_rows > 1 << hash_bits {
            return Err(ModelError::Corrupt("more rows than buckets"));
        }
        let mut transitions = Vec::with_capacity((N_TAGS + 1) * N_TAGS);
        for _ in 0..(N_TAGS + 1) * N_TAGS {
            transitions.push(r.u16()? as i16 as f32);
        }
        let mut calibration = Vec::with_capacity(N_CALIBRATION);
        for _ in 0..N_CALIBRATION {
            let v = f32::from_le_bytes(r.take(4)?.try_into().map_err(|_| ModelError::Truncated)?);
            if !v.is_finite() {
                return Err(ModelError::Corrupt("calibration weight not finite"));
            }
            calibration.push(v);
        }
        if !scale.is_finite() || scale <= 0.0 {
            return Err(ModelError::Corrupt("scale"));
        }
        if u32::from_le_bytes(sum.try_into().map_err(|_| ModelError::Truncated)?) != fnv32(body) {
            return Err(ModelError::ChecksumMismatch);
        }
        let mut table = vec![0i8; (1usize << hash_bits) * N_TAGS];
        let mut key: Option<u64> = None;
        for _ in 0..n_rows {
            let gap = r.varint()?;
            let k = key.map_or(Some(gap), |p| p.checked_add(gap + 1)).ok_or(ModelError::Corrupt("bucket overflow"))?;
            if k >= 1 << hash_bits {
                return Err(ModelError::Corrupt("bucket out of range"));
            }
            let row = r.take(N_TAGS)?;
            for (t, &w) in table[k as usize * N_TAGS..][..N_TAGS].iter_mut().zip(row) {
                *t = w as i8;
            }
            key = Some(k);
        }
        if r.pos != body.len() {
            return Err(ModelError::Corrupt("trailing bytes"));
        }
        Ok(Model { hash_bits, table, transitions, scale, calibration })
    }
}

/// Quantised weights ready to be written: what training produces.
#[cfg(any(test, feature = "internals"))]
pub(crate) struct Weights {
    pub hash_bits: u32,
    pub scale: f32,
    pub transitions: Vec<i16>,
    pub calibration: Vec<f32>,
    /// `(bucket, weights)` in increasing bucket order.
    pub rows: Vec<(u32, [i8; N_TAGS])>,
}

#[cfg(any(test, feature = "internals"))]
impl Weights {
    pub fn to_bytes(&self) -> Vec<u8> {
        fn varint(out: &mut Vec<u8>, mut v: u64) {
            while v >= 0x80 {
                out.push((v as u8 & 0x7f) | 0x80);
                v >>= 7;
            }
            out.push(v as u8);
        }
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
        out.push(self.hash_bits as u8);
        out.push(N_TAGS as u8);
        out.push(N_CALIBRATION as u8);
        out.extend_from_slice(&self.scale.to_le_bytes());
        let rows: Vec<_> = self.rows.iter().filter(|(_, w)| w.iter().any(|&v| v != 0)).collect();
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        assert_eq!(self.transitions.len(), (N_TAGS + 1) * N_TAGS);
        for t in &self.transitions {
            out.extend_from_slice(&t.to_le_bytes());
        }
        assert_eq!(self.calibration.len(), N_CALIBRATION);
        for c in &self.calibration {
            out.extend_from_slice(&c.to_le_bytes());
        }
        let mut previous: Option<u32> = None;
        for (key, weights) in rows {
            assert!(previous.map_or(true, |p| p < *key), "rows must be sorted by bucket");
            varint(&mut out, previous.map_or(*key as u64, |p| (key - p - 1) as u64));
            out.extend(weights.iter().map(|&w| w as u8));
            previous = Some(*key);
        }
        let sum = fnv32(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Weights {
        let mut transitions = vec![0i16; (N_TAGS + 1) * N_TAGS];
        transitions[3] = -7;
        let mut a = [0i8; N_TAGS];
        a[1] = 5;
        a[N_TAGS - 1] = -3;
        Weights { hash_bits: 10, scale: 0.5, transitions, calibration: vec![0.25; N_CALIBRATION], rows: vec![(3, a), (1023, a)] }
    }

    #[test]
    fn round_trip() {
        let model = Model::from_bytes(&tiny().to_bytes()).expect("valid model");
        assert_eq!(model.transitions()[3], -7.0);
        assert_eq!(model.table[3 * N_TAGS + 1], 5);
        assert_eq!(model.table[1023 * N_TAGS + N_TAGS - 1], -3);
        assert_eq!(model.calibration(), &[0.25; N_CALIBRATION][..]);
        assert_eq!(model.scale(), 0.5);
    }

    #[test]
    fn corrupt_files_are_refused_without_panics() {
        let good = tiny().to_bytes();
        assert!(Model::from_bytes(&good).is_ok());
        assert_eq!(Model::from_bytes(b"").err(), Some(ModelError::NotAModel));
        let mut flipped = good.clone();
        let at = flipped.len() - 6;
        flipped[at] ^= 0x10;
        assert_eq!(Model::from_bytes(&flipped).err(), Some(ModelError::ChecksumMismatch));
        for n in 0..good.len() {
            assert!(Model::from_bytes(&good[..n]).is_err(), "truncated to {n}");
        }
    }
}
