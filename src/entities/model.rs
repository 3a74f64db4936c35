//! The trained weights: the binary format of src/data/ner/model.bin, its validating loader,
//! and scoring.
//!
//! Layout (little-endian), version 1:
//!
//! ```text
//! magic      b"QLNER\0"                      6 bytes
//! version    u16                              format version (1)
//! features   u32                              FEATURE_VERSION the weights were trained for
//! hash_bits  u8                               feature buckets = 2^hash_bits
//! n_tags     u8                               must equal tagger::N_TAGS
//! scale      f32                              weight = quantised value × scale
//! n_rows     u32                              buckets with any non-zero weight
//! trans      i16 × (n_tags + 1) × n_tags      transition weights, last row from the line start
//! rows       n_rows × { varint bucket gap, varint tag mask, i8 per set mask bit }
//! checksum   u32                              FNV-1a (32-bit) of everything before it
//! ```
//!
//! Buckets are stored in increasing order as gaps from the previous one, and each row keeps only
//! its non-zero tags, so a pruned model is small before compression and smaller after. The
//! loader checks every field and the checksum before building anything, and reports a typed
//! [`ModelError`]; it never panics on bad bytes.

use std::fmt;

use super::features::FEATURE_VERSION;
use super::hashing::bucket;
use super::tagger::N_TAGS;

const MAGIC: &[u8; 6] = b"QLNER\0";
const FORMAT_VERSION: u16 = 1;
const HEADER_LEN: usize = 6 + 2 + 4 + 1 + 1 + 4 + 4;

/// Why a model file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModelError {
    NotAModel,
    UnsupportedVersion(u16),
    /// Trained for other features: the weights would mean nothing.
    FeatureMismatch {
        expected: u32,
        found: u32,
    },
    BadDimensions,
    Truncated,
    Corrupt(&'static str),
    ChecksumMismatch,
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::NotAModel => write!(f, "not an entity model (bad magic)"),
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

/// Loaded weights, laid out for lookup.
pub struct Model {
    hash_bits: u32,
    /// Open-addressing table keyed by bucket; `EMPTY` marks a free slot. A row lives in its slot,
    /// so a lookup touches one cache line: scoring is dominated by these lookups.
    slots: Vec<Slot>,
    #[cfg_attr(not(any(test, feature = "internals")), allow(dead_code))]
    n_rows: usize,
    /// Transition weights in the same unit as the quantised emission weights.
    transitions: Vec<f32>,
}

const EMPTY: u32 = u32::MAX;

#[derive(Clone, Copy)]
struct Slot {
    key: u32,
    weights: [i8; N_TAGS],
}

impl Model {
    /// Parses and validates a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(ModelError::NotAModel);
        }
        if bytes.len() < HEADER_LEN + 4 {
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
        if !(8..=24).contains(&hash_bits) || n_tags != N_TAGS {
            return Err(ModelError::BadDimensions);
        }
        let _scale = f32::from_le_bytes(r.take(4)?.try_into().map_err(|_| ModelError::Truncated)?);
        let n_rows = r.u32()? as usize;
        if n_rows > 1 << hash_bits {
            return Err(ModelError::Corrupt("more rows than buckets"));
        }
        let mut transitions = Vec::with_capacity((N_TAGS + 1) * N_TAGS);
        for _ in 0..(N_TAGS + 1) * N_TAGS {
            transitions.push(i16::from_le_bytes([r.u8()?, r.u8()?]) as f32);
        }
        // The checksum is verified before the rows are trusted, so that a flipped bit in a weight
        // (which would parse) is caught too; row parsing below still checks every bound.
        if u32::from_le_bytes(sum.try_into().map_err(|_| ModelError::Truncated)?) != fnv32(body) {
            return Err(ModelError::ChecksumMismatch);
        }
        // At most 3/4 full, so probe runs stay short.
        let capacity = (n_rows * 4 / 3 + 1).next_power_of_two().max(16);
        let mut model = Model { hash_bits, slots: vec![Slot { key: EMPTY, weights: [0; N_TAGS] }; capacity], n_rows, transitions };
        let mut previous: Option<u32> = None;
        for _ in 0..n_rows {
            let gap = r.varint()?;
            let key = match previous {
                None => gap,
                Some(p) => p as u64 + 1 + gap,
            };
            if key >= 1 << hash_bits {
                return Err(ModelError::Corrupt("bucket out of range"));
            }
            let mask = r.varint()?;
            if mask == 0 || mask >= 1 << N_TAGS {
                return Err(ModelError::Corrupt("bad tag mask"));
            }
            let mut weights = [0i8; N_TAGS];
            for (t, w) in weights.iter_mut().enumerate() {
                if mask & (1 << t) != 0 {
                    *w = r.u8()? as i8;
                }
            }
            model.insert(key as u32, weights);
            previous = Some(key as u32);
        }
        if r.pos != body.len() {
            return Err(ModelError::Corrupt("trailing bytes"));
        }
        Ok(model)
    }

    fn slot_of(&self, key: u32) -> usize {
        // Buckets are already uniformly spread hash bits; a multiply mixes them over the table.
        (key.wrapping_mul(0x9E37_79B1) as usize) & (self.slots.len() - 1)
    }

    fn insert(&mut self, key: u32, weights: [i8; N_TAGS]) {
        let mut s = self.slot_of(key);
        while self.slots[s].key != EMPTY {
            s = (s + 1) & (self.slots.len() - 1);
        }
        self.slots[s] = Slot { key, weights };
    }

    fn row(&self, key: u32) -> Option<&[i8; N_TAGS]> {
        let mut s = self.slot_of(key);
        loop {
            let slot = &self.slots[s];
            if slot.key == key {
                return Some(&slot.weights);
            }
            if slot.key == EMPTY {
                return None;
            }
            s = (s + 1) & (self.slots.len() - 1);
        }
    }

    /// Adds the weights of the features `hashes` to `scores` (one per tag).
    pub fn add_scores(&self, hashes: &[u64], scores: &mut [f32]) {
        let mut sum = [0i32; N_TAGS];
        for &h in hashes {
            if let Some(row) = self.row(bucket(h, self.hash_bits)) {
                for (s, &w) in sum.iter_mut().zip(row) {
                    *s += w as i32;
                }
            }
        }
        for (s, v) in scores.iter_mut().zip(sum) {
            *s += v as f32;
        }
    }

    pub fn transitions(&self) -> &[f32] {
        &self.transitions
    }

    #[cfg(any(test, feature = "internals"))]
    // Read by the tests and the trainer's report, not by tagging.
    #[cfg_attr(not(any(test, feature = "internals")), allow(dead_code))]
    pub fn n_rows(&self) -> usize {
        self.n_rows
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

/// Quantised weights ready to be written: what training produces.
#[cfg(any(test, feature = "internals"))]
pub struct Weights {
    pub hash_bits: u32,
    pub scale: f32,
    /// `(N_TAGS + 1) × N_TAGS`.
    pub transitions: Vec<i16>,
    /// `(bucket, weights)` in increasing bucket order, rows with any non-zero weight.
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
        out.extend_from_slice(&self.scale.to_le_bytes());
        let rows: Vec<_> = self.rows.iter().filter(|(_, w)| w.iter().any(|&v| v != 0)).collect();
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        assert_eq!(self.transitions.len(), (N_TAGS + 1) * N_TAGS);
        for t in &self.transitions {
            out.extend_from_slice(&t.to_le_bytes());
        }
        let mut previous: Option<u32> = None;
        for (key, weights) in rows {
            assert!(previous.map_or(true, |p| p < *key), "rows must be sorted by bucket");
            varint(&mut out, previous.map_or(*key as u64, |p| (key - p - 1) as u64));
            let mask = weights.iter().enumerate().filter(|(_, &w)| w != 0).fold(0u64, |m, (t, _)| m | 1 << t);
            varint(&mut out, mask);
            out.extend(weights.iter().filter(|&&w| w != 0).map(|&w| w as u8));
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
        let mut b = [0i8; N_TAGS];
        b[0] = 127;
        Weights { hash_bits: 10, scale: 0.5, transitions, rows: vec![(3, a), (4, b), (1023, a)] }
    }

    fn check(bytes: &[u8], expected: Result<(), ModelError>) {
        assert_eq!(Model::from_bytes(bytes).map(|_| ()), expected);
    }

    #[test]
    fn round_trip() {
        let bytes = tiny().to_bytes();
        let model = Model::from_bytes(&bytes).expect("valid model");
        assert_eq!(model.n_rows(), 3);
        assert_eq!(model.row(3).map(|r| (r[1], r[N_TAGS - 1])), Some((5, -3)));
        assert_eq!(model.row(4).map(|r| r[0]), Some(127));
        assert!(model.row(5).is_none());
        assert_eq!(model.transitions()[3], -7.0);
    }

    #[test]
    fn corrupt_files_are_refused() {
        let good = tiny().to_bytes();
        check(&good, Ok(()));
        check(b"", Err(ModelError::NotAModel));
        check(b"PK\x03\x04 not a model at all", Err(ModelError::NotAModel));
        check(&good[..10], Err(ModelError::Truncated));
        let mut flipped = good.clone();
        let last_weight = flipped.len() - 5;
        flipped[last_weight] ^= 0x10;
        check(&flipped, Err(ModelError::ChecksumMismatch));
        let mut version = good.clone();
        version[6] = 9;
        check(&version, Err(ModelError::UnsupportedVersion(9)));
        let mut features = good.clone();
        features[8] ^= 1;
        check(&features, Err(ModelError::FeatureMismatch { expected: FEATURE_VERSION, found: FEATURE_VERSION ^ 1 }));
        // Every truncation is refused, none panics.
        for n in 0..good.len() {
            assert!(Model::from_bytes(&good[..n]).is_err(), "truncated to {n}");
        }
    }

    #[test]
    fn bad_rows_with_a_valid_checksum_are_refused() {
        let mut w = tiny();
        w.hash_bits = 8;
        w.rows = vec![(300, [1; N_TAGS])];
        check(&w.to_bytes(), Err(ModelError::Corrupt("bucket out of range")));
        let mut bytes = tiny().to_bytes();
        bytes.truncate(bytes.len() - 4);
        bytes.push(0);
        let sum = fnv32(&bytes);
        bytes.extend_from_slice(&sum.to_le_bytes());
        check(&bytes, Err(ModelError::Corrupt("trailing bytes")));
    }
}
