//! Quantised perceptron weights: the binary format both taggers' model files share, its
//! validating loader, the lookup that scoring runs on, and (for the trainers) quantisation and
//! the writer.
//!
//! Layout (little-endian), format version 3:
//!
//! ```text
//! magic      6 bytes                          which tagger (`Format::magic`)
//! version    u16                              format version (3)
//! features   u32                              the tagger's FEATURE_VERSION the weights were trained for
//! hash_bits  u8                               feature buckets = 2^hash_bits
//! n_tags     u8                               must equal the tagger's tag count
//! n_extra    u8                               extra numbers (the attribution's calibration map)
//! scale      f32                              weight = quantised value × scale
//! n_rows     u32                              buckets with any non-zero weight
//! trans      i16 × (n_tags + 1) × n_tags      transition weights, last row from the line start
//! extra      f32 × n_extra
//! tables     varint × (256 + 3 (n_tags + 1)² + 6 × 256)   the coder's frequencies (below)
//! rows       rANS-coded (`rans`), to the checksum
//! checksum   u32                              FNV-1a (32-bit) of everything before it
//! ```
//!
//! Row by row, three things are coded, each symbol with the frequency table of its context:
//! the bucket (the gap after the previous row's: one byte, 255 escaping to three more), the tags
//! the row has a weight for (the next tag or the end, in the context of the tag before and how
//! many came before, to 2), and the weights (sign and magnitude in one symbol, in the context
//! of whether it is the row's last and of the sign of the row's sum so far). Perceptron rows sum
//! to about zero (every update adds to one tag what it takes from another), which is what the
//! weights' contexts catch. Format 2 stored the same three things as bytes and varints for gzip
//! to pack: 237,511 bytes gzipped for the entity model, 201,476 bytes in this format (199,381
//! gzipped). The price is decoding: about 28 M instructions for the entity model against
//! format 2's 11.5 M (callgrind), 6–10 ms against 1.5 ms natively on a loaded machine (issue 17).
//! The loader checks every field and the checksum, decodes the rows once into the lookup tables,
//! and reports a typed [`ModelError`]; it never panics on bad bytes.

use std::fmt;

use super::rans::{Decoder, Tables};

const FORMAT_VERSION: u16 = 3;

/// What a tagger's model file must say about itself.
pub(crate) struct Format {
    pub magic: &'static [u8; 6],
    /// The tagger's `FEATURE_VERSION`.
    pub features: u32,
    /// How many extra numbers follow the transitions.
    pub n_extra: usize,
}

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
            ModelError::NotAModel => write!(f, "not a model of this tagger (bad magic)"),
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

/// The bucket of a feature hash in a table of `2^bits` rows.
pub fn bucket(hash: u64, bits: u32) -> u32 {
    ((hash ^ (hash >> 32)) & ((1u64 << bits) - 1)) as u32
}

/// Loaded weights of a tagger with `N` tags, laid out for lookup.
///
/// A bucket's row is found through a bitmap of the buckets that have one, with a running count
/// per 64 buckets (rank): one read of a small table (2^hash_bits / 4 bytes) and one of the row.
/// A bucket without a row reads row 0, all zeros, so the lookup has no branch: about half the
/// features of a token are unknown to a model, and a branch on that is mispredicted as often.
/// Scoring is dominated by these lookups; the tables are a quarter of the hash table they replace.
///
/// How the rows are held depends on the target ([`Rows`]): packed four tags to an `i64` in wasm,
/// one byte a weight natively; both sum the same integers.
pub struct Model<const N: usize> {
    hash_bits: u32,
    blocks: Vec<Block>,
    /// The zero row, then the rows in bucket order.
    rows: Rows<N>,
    /// Transition weights in the unit of the quantised emission weights.
    transitions: Vec<f32>,
    scale: f32,
    extra: Vec<f32>,
}

/// 64 buckets: which have a row, and how many rows come before them.
#[derive(Clone, Copy, Default)]
struct Block {
    bits: u64,
    before: u32,
}

/// The rows as the target's lookup reads them. wasm has no vector instructions in the shipped
/// build, so its rows are packed ([`Packed`]: one 64-bit add sums four tags). Natively the
/// compiler vectorises a byte row's sum, and the packed rows' size is what costs: the entity
/// model's rows take 40 bytes packed against 17 as bytes (1.7 against 0.7 MB), and the lookups
/// wait on the cache, not on the adds (issue 15).
#[cfg(target_arch = "wasm32")]
type Rows<const N: usize> = Packed<N>;
#[cfg(not(target_arch = "wasm32"))]
type Rows<const N: usize> = Bytes<N>;

/// A store of weight rows, filled row by row as the loader decodes them, summed by the lookup.
trait RowStore<const N: usize> {
    /// A store holding the zero row, with room for `rows` more.
    fn with_zero_row(rows: usize) -> Self;
    /// Appends a row of zeros, to be filled by `set`.
    fn push_zero(&mut self);
    /// Sets tag `t`'s weight in the last row (each tag at most once, the row zero before).
    fn set(&mut self, t: usize, w: i8);
    /// Rows held, the zero row included.
    #[cfg(any(test, feature = "internals"))]
    fn len(&self) -> usize;
    /// Adds to `sum` the rows `slot` gives for `hashes`, tag by tag.
    fn add(&self, hashes: &[u64], slot: impl Fn(u64) -> usize, sum: &mut [i32; N]);
    /// Row `slot`.
    #[cfg(any(test, feature = "internals"))]
    fn get(&self, slot: usize) -> [i8; N];
}

/// Rows of one byte a weight, each padded with zeros to a multiple of eight, summed eight tags
/// at a time in 16-bit lanes (see `MAX_SUMMED`).
#[cfg(any(test, not(target_arch = "wasm32")))]
struct Bytes<const N: usize>(Vec<i8>);

#[cfg(any(test, not(target_arch = "wasm32")))]
impl<const N: usize> Bytes<N> {
    /// A row's bytes: a whole number of vectors of eight (the entity model's 17 tags take 24,
    /// the attribution model's 7 take 8).
    const STRIDE: usize = N.div_ceil(8) * 8;
}

#[cfg(any(test, not(target_arch = "wasm32")))]
impl<const N: usize> RowStore<N> for Bytes<N> {
    fn with_zero_row(rows: usize) -> Self {
        let mut v = Vec::with_capacity((rows + 1) * Self::STRIDE);
        v.resize(Self::STRIDE, 0);
        Bytes(v)
    }

    fn push_zero(&mut self) {
        self.0.resize(self.0.len() + Self::STRIDE, 0);
    }

    fn set(&mut self, t: usize, w: i8) {
        let at = self.0.len() - Self::STRIDE + t;
        self.0[at] = w;
    }

    #[cfg(any(test, feature = "internals"))]
    fn len(&self) -> usize {
        self.0.len() / Self::STRIDE
    }

    #[inline]
    fn add(&self, hashes: &[u64], slot: impl Fn(u64) -> usize, sum: &mut [i32; N]) {
        for part in hashes.chunks(MAX_SUMMED) {
            // `N` vectors where `STRIDE / 8` are used: an array's length cannot be computed from `N`.
            let mut acc = [[0i16; 8]; N];
            for &h in part {
                let at = slot(h) * Self::STRIDE;
                for (a, w) in acc.iter_mut().zip(self.0[at..at + Self::STRIDE].chunks_exact(8)) {
                    for (a, &w) in a.iter_mut().zip(w) {
                        *a += w as i16;
                    }
                }
            }
            // Read as a whole (the padding's lanes too), the sums stay vectors of eight: with
            // only `N` lanes read the compiler narrows them to fours, with twice the loads.
            let acc = std::hint::black_box(acc);
            for (s, &a) in sum.iter_mut().zip(acc.as_flattened()) {
                *s += a as i32;
            }
        }
    }

    #[cfg(any(test, feature = "internals"))]
    fn get(&self, slot: usize) -> [i8; N] {
        std::array::from_fn(|t| self.0[slot * Self::STRIDE + t])
    }
}

/// Rows packed [`LANES`] tags to an `i64` (see [`pack`]): `words(N)` words a row.
#[cfg(any(test, target_arch = "wasm32"))]
struct Packed<const N: usize>(Vec<i64>);

#[cfg(any(test, target_arch = "wasm32"))]
impl<const N: usize> RowStore<N> for Packed<N> {
    fn with_zero_row(rows: usize) -> Self {
        let mut v = Vec::with_capacity((rows + 1) * words(N));
        v.resize(words(N), 0);
        Packed(v)
    }

    fn push_zero(&mut self) {
        self.0.resize(self.0.len() + words(N), 0);
    }

    fn set(&mut self, t: usize, w: i8) {
        let at = self.0.len() - words(N) + t / LANES;
        self.0[at] += pack(t, w);
    }

    #[cfg(any(test, feature = "internals"))]
    fn len(&self) -> usize {
        self.0.len() / words(N)
    }

    #[inline]
    fn add(&self, hashes: &[u64], slot: impl Fn(u64) -> usize, sum: &mut [i32; N]) {
        let w = words(N);
        for part in hashes.chunks(MAX_SUMMED) {
            // `N` words where `w` are used: an array's length cannot be computed from `N`.
            let mut acc = [0i64; N];
            for &h in part {
                let at = slot(h) * w;
                for (a, &r) in acc.iter_mut().zip(&self.0[at..at + w]) {
                    *a += r;
                }
            }
            unpack(&acc[..w], sum);
        }
    }

    #[cfg(any(test, feature = "internals"))]
    fn get(&self, slot: usize) -> [i8; N] {
        let w = words(N);
        let mut sum = [0i32; N];
        unpack(&self.0[slot * w..(slot + 1) * w], &mut sum);
        sum.map(|v| v as i8)
    }
}

/// Tags packed in one `i64` of a row: weight `w` of lane `k` adds `w × 2^(16k)`, so that adding
/// packed rows adds each lane's weights, exactly, while every lane's sum stays within an `i16`
/// (see `MAX_SUMMED`), and [`unpack`] reads the sums back.
#[cfg(any(test, target_arch = "wasm32"))]
const LANES: usize = 4;

/// Rows summed in 16-bit lanes before the lanes are read out: 256 × 127 stays within an `i16`.
const MAX_SUMMED: usize = 256;

/// `i64`s per row of `n` tags.
#[cfg(any(test, target_arch = "wasm32"))]
const fn words(n: usize) -> usize {
    n.div_ceil(LANES)
}

/// Tag `t`'s weight `w` in packed form (to be added to word `t / LANES` of its row).
#[cfg(any(test, target_arch = "wasm32"))]
fn pack(t: usize, w: i8) -> i64 {
    (w as i64) << (16 * (t % LANES))
}

/// Adds the lane sums of the packed words `acc` to `sum` (tag by tag).
#[cfg(any(test, target_arch = "wasm32"))]
fn unpack<const N: usize>(acc: &[i64], sum: &mut [i32; N]) {
    for (word, tags) in acc.iter().zip(sum.chunks_mut(LANES)) {
        let mut x = *word;
        for s in tags {
            // The low lane as a signed 16-bit number is its sum; what is above it is the rest.
            let lane = x as i16 as i64;
            *s += lane as i32;
            x = (x - lane) >> 16;
        }
    }
}

impl<const N: usize> Model<N> {
    /// Parses and validates a model file of `format`.
    pub(crate) fn from_bytes(bytes: &[u8], format: &Format) -> Result<Model<N>, ModelError> {
        let magic = format.magic;
        if bytes.len() < magic.len() || &bytes[..magic.len()] != magic {
            return Err(ModelError::NotAModel);
        }
        if bytes.len() < magic.len() + 4 {
            return Err(ModelError::Truncated);
        }
        let (body, sum) = bytes.split_at(bytes.len() - 4);
        let mut r = Reader { bytes: body, pos: magic.len() };
        let version = r.u16()?;
        if version != FORMAT_VERSION {
            return Err(ModelError::UnsupportedVersion(version));
        }
        let features = r.u32()?;
        if features != format.features {
            return Err(ModelError::FeatureMismatch { expected: format.features, found: features });
        }
        let hash_bits = r.u8()? as u32;
        let n_tags = r.u8()? as usize;
        let n_extra = r.u8()? as usize;
        if !(8..=24).contains(&hash_bits) || n_tags != N || n_extra != format.n_extra {
            return Err(ModelError::BadDimensions);
        }
        let scale = f32::from_le_bytes(r.take(4)?.try_into().map_err(|_| ModelError::Truncated)?);
        if !scale.is_finite() || scale <= 0.0 {
            return Err(ModelError::Corrupt("scale"));
        }
        let n_rows = r.u32()? as usize;
        if n_rows > 1 << hash_bits {
            return Err(ModelError::Corrupt("more rows than buckets"));
        }
        let mut transitions = Vec::with_capacity((N + 1) * N);
        for _ in 0..(N + 1) * N {
            transitions.push(r.u16()? as i16 as f32);
        }
        let mut extra = Vec::with_capacity(n_extra);
        for _ in 0..n_extra {
            let v = f32::from_le_bytes(r.take(4)?.try_into().map_err(|_| ModelError::Truncated)?);
            if !v.is_finite() {
                return Err(ModelError::Corrupt("extra number not finite"));
            }
            extra.push(v);
        }
        // The checksum is verified before the rows are trusted, so that a flipped bit in a weight
        // (which would parse) is caught too; row parsing below still checks every bound.
        if u32::from_le_bytes(sum.try_into().map_err(|_| ModelError::Truncated)?) != fnv32(body) {
            return Err(ModelError::ChecksumMismatch);
        }
        let c = Contexts::new(N);
        let mut tables = Tables::with_capacity(Contexts::count(N) + 1);
        let mut freq = Vec::with_capacity(256);
        for t in 0..Contexts::count(N) {
            freq.clear();
            for _ in 0..Contexts::alphabet(N, t) {
                freq.push(u16::try_from(r.varint()?).map_err(|_| ModelError::Corrupt("frequency"))?);
            }
            tables.push(&freq).map_err(ModelError::Corrupt)?;
        }
        tables.push_uniform_bytes();
        // A weight symbol past ±127 is refused here, once, rather than at every weight.
        let mut weight_tables = c.weight(false, -1)..=c.weight(true, 1);
        if weight_tables.any(|t| !tables.never_codes_from(t, weight_symbol(-127) + 1)) {
            return Err(ModelError::Corrupt("weight out of range"));
        }
        let (blocks, rows) = decode_rows::<N, Rows<N>>(&body[r.pos..], n_rows, hash_bits, &c, &tables)?;
        Ok(Model { hash_bits, blocks, rows, transitions, scale, extra })
    }

    /// The index of bucket `key`'s row in `rows`, 0 (the zero row) if
    /// it has none. Shifting the bucket's bit to the top keeps it and the bits below it: their
    /// count is the row's rank, the top bit says whether the bucket has a row at all.
    #[inline]
    fn slot(&self, key: u32) -> usize {
        let block = self.blocks[(key >> 6) as usize];
        let upto = block.bits << (63 - (key & 63));
        let has_row = ((upto as i64) >> 63) as u32;
        ((block.before + upto.count_ones()) & has_row) as usize
    }

    /// The weights of bucket `key`, if it has any.
    #[cfg(test)]
    fn row(&self, key: u32) -> Option<[i8; N]> {
        let slot = self.slot(key);
        (slot != 0).then(|| self.unpacked(slot))
    }

    /// Row `slot` of `rows`.
    #[cfg(any(test, feature = "internals"))]
    fn unpacked(&self, slot: usize) -> [i8; N] {
        self.rows.get(slot)
    }

    /// One quantised unit in float weight units.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// The numbers after the transitions (`Format::n_extra` of them).
    pub fn extra(&self) -> &[f32] {
        &self.extra
    }

    #[cfg(any(test, feature = "internals"))]
    pub fn n_rows(&self) -> usize {
        self.rows.len() - 1
    }

    /// The weights as the trainer wrote them (for measuring other layouts of a shipped model).
    #[cfg(any(test, feature = "internals"))]
    pub fn to_weights(&self) -> Weights<N> {
        let mut rows = Vec::with_capacity(self.n_rows());
        for (b, block) in self.blocks.iter().enumerate() {
            let mut bits = block.bits;
            while bits != 0 {
                let key = (b as u32) << 6 | bits.trailing_zeros();
                rows.push((key, self.unpacked(rows.len() + 1)));
                bits &= bits - 1;
            }
        }
        let transitions = self.transitions.iter().map(|&t| t as i16).collect();
        Weights { hash_bits: self.hash_bits, scale: self.scale, transitions, extra: self.extra.clone(), rows }
    }
}

impl<const N: usize> super::Scorer for Model<N> {
    fn add_scores(&self, hashes: &[u64], scores: &mut [f32]) {
        let mut sum = [0i32; N];
        self.rows.add(hashes, |h| self.slot(bucket(h, self.hash_bits)), &mut sum);
        for (s, v) in scores.iter_mut().zip(sum) {
            *s += v as f32;
        }
    }

    fn transitions(&self) -> &[f32] {
        &self.transitions
    }

    /// Each call sums integer weights (below 127 × the features of one token, far below 2^24)
    /// and adds the sum to the scores as a float, so `f32(a) + f32(b)` is `f32(a + b)` exactly.
    fn sums_exactly(&self) -> bool {
        true
    }
}

/// The coder's contexts (see the module's layout): which table each symbol is coded with,
/// numbered in the order the tables are stored. One definition for the reader and the writer.
struct Contexts {
    n: usize,
}

/// The gap of 255 or more: three bytes follow, coded with `RAW` (not stored).
const ESCAPE: u8 = 255;
const GAP: usize = 0;

impl Contexts {
    fn new(n: usize) -> Contexts {
        Contexts { n }
    }

    /// Stored tables: the gaps', the tags' and the weights'.
    fn count(n: usize) -> usize {
        1 + 3 * (n + 1) + 6
    }

    fn alphabet(n: usize, table: usize) -> usize {
        if (1..1 + 3 * (n + 1)).contains(&table) {
            n + 1
        } else {
            256
        }
    }

    /// The next tag of a row (`n`: no more) after `previous` (`n`: none yet), `so_far` tags in.
    fn tag(&self, previous: usize, so_far: usize) -> usize {
        1 + previous * 3 + so_far.min(2)
    }

    /// A weight's table: whether it is the row's last, and the sign of the row's sum so far.
    fn weight(&self, last: bool, sum: i32) -> usize {
        1 + 3 * (self.n + 1) + last as usize * 3 + (sum.signum() + 1) as usize
    }

    /// The raw escape bytes' table, after the stored ones.
    fn raw(&self) -> usize {
        Contexts::count(self.n)
    }
}

/// A weight as a symbol: magnitude and sign (`±1..=±127` to `0..=253`).
fn weight_symbol(w: i8) -> u8 {
    (w.unsigned_abs() - 1) * 2 + (w < 0) as u8
}

/// The bitmap-and-rank of the buckets that have a row, and the rows, from the coded stream,
/// which must end where `stream` ends. `tables` are the stored ones and then the raw bytes'.
///
/// The loop runs once per row of the model at start-up, in the browser's baseline code, which
/// does little more than translate each wasm instruction (issue 17): so each row's weights are
/// written straight into its place in `rows`, a decoded symbol is checked only for what its
/// table does not already rule out (weights are within ±127 by the tables, see `from_bytes`),
/// and all tables are one allocation, indexed by context number.
fn decode_rows<const N: usize, R: RowStore<N>>(
    stream: &[u8],
    n_rows: usize,
    hash_bits: u32,
    c: &Contexts,
    tables: &Tables,
) -> Result<(Vec<Block>, R), ModelError> {
    let mut d = Decoder::new(stream).ok_or(ModelError::Corrupt("coder state"))?;
    let mut blocks = vec![Block::default(); (1usize << hash_bits).div_ceil(64)];
    // Grown as rows decode, so that a header's row count alone cannot allocate much. The zero
    // row first (what a bucket without a row reads).
    let mut rows = R::with_zero_row(n_rows.min(stream.len()));
    let mut fault = None;
    // One past the previous row's bucket: each gap counts the empty buckets after it.
    let mut next = 0u64;
    let mut tags = [0u8; N];
    let raw = c.raw();
    const EMPTY_TABLE: &str = "symbol in an empty table";
    'rows: for _ in 0..n_rows {
        let Some(gap) = d.symbol(tables, GAP) else {
            fault = Some(EMPTY_TABLE);
            break;
        };
        let mut gap = gap as u64;
        if gap == ESCAPE as u64 {
            let mut rest = 0u64;
            for _ in 0..3 {
                let Some(b) = d.symbol(tables, raw) else {
                    fault = Some(EMPTY_TABLE);
                    break 'rows;
                };
                rest = rest << 8 | b as u64;
            }
            gap += rest;
        }
        let key = next + gap;
        if key >= 1 << hash_bits {
            fault = Some("bucket out of range");
            break;
        }
        blocks[(key >> 6) as usize].bits |= 1 << (key & 63);
        next = key + 1;
        let mut count = 0;
        let mut previous = N;
        loop {
            let Some(t) = d.symbol(tables, c.tag(previous, count)) else {
                fault = Some(EMPTY_TABLE);
                break 'rows;
            };
            let t = t as usize;
            if t == N {
                break;
            }
            if count == N || (previous != N && t <= previous) {
                fault = Some("tags out of order");
                break 'rows;
            }
            tags[count] = t as u8;
            count += 1;
            previous = t;
        }
        if count == 0 {
            fault = Some("row without weights");
            break;
        }
        rows.push_zero();
        let mut sum = 0i32;
        for (k, &t) in tags[..count].iter().enumerate() {
            let Some(s) = d.symbol(tables, c.weight(k + 1 == count, sum)) else {
                fault = Some(EMPTY_TABLE);
                break 'rows;
            };
            let magnitude = (s >> 1) as i32 + 1;
            let w = if s & 1 == 1 { -magnitude } else { magnitude };
            rows.set(t as usize, w as i8);
            sum += w;
        }
    }
    if let Some(what) = fault {
        return Err(ModelError::Corrupt(what));
    }
    if d.overran() {
        return Err(ModelError::Truncated);
    }
    if !d.finished() {
        return Err(ModelError::Corrupt("trailing bytes"));
    }
    // Rows before the block's: `Model::slot` adds the rank of the bucket's own, counted from 1
    // (row 0 is the zero row).
    let mut before = 0u32;
    for b in &mut blocks {
        b.before = before;
        before += b.bits.count_ones();
    }
    Ok((blocks, rows))
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
    /// A LEB128 varint of at most 35 bits.
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
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes([self.u8()?, self.u8()?, self.u8()?, self.u8()?]))
    }
}

/// FNV-1a, four bytes an iteration: the loop's own overhead is most of a byte's cost in the
/// browser's baseline code, and the whole model file is summed at start-up.
fn fnv32(bytes: &[u8]) -> u32 {
    let step = |h: u32, b: u8| (h ^ b as u32).wrapping_mul(0x0100_0193);
    let mut chunks = bytes.chunks_exact(4);
    let mut h = 0x811c_9dc5u32;
    for c in &mut chunks {
        h = step(step(step(step(h, c[0]), c[1]), c[2]), c[3]);
    }
    chunks.remainder().iter().fold(h, |h, &b| step(h, b))
}

/// Quantised weights ready to be written: what training produces.
#[cfg(any(test, feature = "internals"))]
pub struct Weights<const N: usize> {
    pub hash_bits: u32,
    pub scale: f32,
    /// `(N + 1) × N`.
    pub transitions: Vec<i16>,
    pub extra: Vec<f32>,
    /// `(bucket, weights)` in increasing bucket order; all-zero rows are not written.
    pub rows: Vec<(u32, [i8; N])>,
}

#[cfg(any(test, feature = "internals"))]
impl<const N: usize> Weights<N> {
    /// Averaged float weights (`2^hash_bits × N`, row-major) and transitions quantised to one
    /// scale set by the largest weight (127 units), weights below `prune` units dropped.
    ///
    /// Clipping the largest weights to gain resolution for the rest was tried on the entity
    /// tagger and cost a full point of F1: the few big weights carry the strong words.
    pub fn quantise(hash_bits: u32, weights: &[f32], transitions: &[f32], prune: i32, extra: Vec<f32>) -> Weights<N> {
        Weights::quantise_to(hash_bits, weights, transitions, prune, 1, extra)
    }

    /// `quantise` with every weight rounded to a multiple of `step` units (1 to 127; the scale
    /// and the transitions as `quantise`'s): fewer distinct weights for the coder, the same
    /// pruning threshold (issue 17: the size budget).
    pub fn quantise_to(hash_bits: u32, weights: &[f32], transitions: &[f32], prune: i32, step: i32, extra: Vec<f32>) -> Weights<N> {
        let step = step.clamp(1, 127);
        let max = weights.iter().fold(0.0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        let top = 127 / step * step;
        let mut rows = Vec::new();
        for (b, row) in weights.chunks_exact(N).enumerate() {
            let mut q = [0i8; N];
            for (o, &w) in q.iter_mut().zip(row) {
                let v = (w / scale / step as f32).round() as i32 * step;
                if v.abs() >= prune.max(1) {
                    *o = v.clamp(-top, top) as i8;
                }
            }
            if q.iter().any(|&v| v != 0) {
                rows.push((b as u32, q));
            }
        }
        let transitions = transitions.iter().map(|&w| (w / scale).round().clamp(-32767.0, 32767.0) as i16).collect();
        Weights { hash_bits, scale, transitions, extra, rows }
    }

    /// Every weight rounded to a multiple of `step` units (halves away from zero, within ±127,
    /// never to zero), after pruning: a weight at the threshold that rounds below it stays. Fewer distinct
    /// weights cost the coder fewer bits; unlike `quantise_to`'s step, the rows (and so which
    /// features the model knows) stay those of the pruning (src/data/README.md, the entity model).
    pub fn coarsen(&mut self, step: i32) {
        self.coarsen_from(step, step);
    }

    /// `coarsen` on the grid `from`, `from + step`, `from + 2 step`, … (`from` = `step`: the
    /// multiples of `step`): magnitudes below `from` go up to it.
    pub fn coarsen_from(&mut self, step: i32, from: i32) {
        if step <= 1 {
            return;
        }
        let from = from.clamp(1, 127);
        let top = from + (127 - from) / step * step;
        for (_, row) in &mut self.rows {
            for v in row.iter_mut().filter(|v| **v != 0) {
                let steps = ((v.unsigned_abs() as i32 - from) as f32 / step as f32).round().max(0.0) as i32;
                *v = (v.signum() as i32 * (from + steps * step).min(top)) as i8;
            }
        }
    }

    pub(crate) fn to_bytes(&self, format: &Format) -> Vec<u8> {
        use super::rans::{normalise, Encoder, Table};
        fn varint(out: &mut Vec<u8>, mut v: u64) {
            while v >= 0x80 {
                out.push((v as u8 & 0x7f) | 0x80);
                v >>= 7;
            }
            out.push(v as u8);
        }
        assert_eq!(self.transitions.len(), (N + 1) * N);
        assert_eq!(self.extra.len(), format.n_extra);
        let rows: Vec<_> = self.rows.iter().filter(|(_, w)| w.iter().any(|&v| v != 0)).collect();
        assert!(rows.iter().all(|(_, w)| !w.contains(&i8::MIN)), "weights are within ±127");
        let mut out = Vec::new();
        out.extend_from_slice(format.magic);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&format.features.to_le_bytes());
        out.push(self.hash_bits as u8);
        out.push(N as u8);
        out.push(format.n_extra as u8);
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for t in &self.transitions {
            out.extend_from_slice(&t.to_le_bytes());
        }
        for x in &self.extra {
            out.extend_from_slice(&x.to_le_bytes());
        }
        let c = Contexts::new(N);
        let mut e = Encoder::default();
        let mut previous: Option<u32> = None;
        for (key, weights) in &rows {
            assert!(previous.map_or(true, |p| p < *key), "rows must be sorted by bucket");
            let gap = previous.map_or(*key, |p| key - p - 1);
            previous = Some(*key);
            if gap < ESCAPE as u32 {
                e.push(GAP, gap as u8);
            } else {
                e.push(GAP, ESCAPE);
                let rest = gap - ESCAPE as u32;
                assert!(rest < 1 << 24, "buckets are below 2^24");
                for shift in [16, 8, 0] {
                    e.push(c.raw(), (rest >> shift) as u8);
                }
            }
            let tags: Vec<usize> = (0..N).filter(|&t| weights[t] != 0).collect();
            let mut before = N;
            for (k, &t) in tags.iter().chain(std::iter::once(&N)).enumerate() {
                e.push(c.tag(before, k), t as u8);
                before = t;
            }
            let mut sum = 0i32;
            for (k, &t) in tags.iter().enumerate() {
                e.push(c.weight(k + 1 == tags.len(), sum), weight_symbol(weights[t]));
                sum += weights[t] as i32;
            }
        }
        let counts = e.counts(Contexts::count(N) + 1);
        let mut tables: Vec<Table> = Vec::new();
        for (t, counts) in counts[..Contexts::count(N)].iter().enumerate() {
            let freq = normalise(&counts[..Contexts::alphabet(N, t)]);
            for &f in &freq {
                varint(&mut out, f as u64);
            }
            tables.push(Table::new(freq).expect("normalised frequencies"));
        }
        tables.push(Table::uniform_bytes());
        out.extend_from_slice(&e.finish(&tables.iter().collect::<Vec<_>>()));
        let sum = fnv32(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::Scorer;
    use super::*;

    const N: usize = 5;
    const FORMAT: Format = Format { magic: b"QLTST\0", features: 7, n_extra: 2 };

    fn tiny() -> Weights<N> {
        let mut transitions = vec![0i16; (N + 1) * N];
        transitions[3] = -7;
        Weights {
            hash_bits: 10,
            scale: 0.5,
            transitions,
            extra: vec![0.25, -1.5],
            rows: vec![
                (3, [0, 5, 0, 0, -3]),
                (4, [127, 0, 0, 0, 0]),
                (63, [1, 0, 0, 0, 0]),
                (64, [0, 0, 2, 0, 0]),
                (1023, [0, 5, 0, 0, -3]),
            ],
        }
    }

    fn check(bytes: &[u8], expected: Result<(), ModelError>) {
        assert_eq!(Model::<N>::from_bytes(bytes, &FORMAT).map(|_| ()), expected);
    }

    #[test]
    fn round_trip() {
        let model = Model::<N>::from_bytes(&tiny().to_bytes(&FORMAT), &FORMAT).expect("valid model");
        assert_eq!(model.n_rows(), 5);
        for (key, row) in tiny().rows {
            assert_eq!(model.row(key), Some(row), "bucket {key}");
        }
        for key in [0, 2, 5, 62, 65, 1022] {
            assert_eq!(model.row(key), None, "bucket {key}");
        }
        assert_eq!(model.transitions()[3], -7.0);
        assert_eq!(model.extra(), &[0.25, -1.5]);
        assert_eq!(model.scale(), 0.5);
    }

    #[test]
    fn scores_add_up_the_rows_of_the_hashes_buckets() {
        let model = Model::<N>::from_bytes(&tiny().to_bytes(&FORMAT), &FORMAT).expect("valid model");
        // Hashes whose bucket (low bits, folded with the high half) is 3, 64 and an empty 5.
        let mut scores = [1.0; N];
        model.add_scores(&[3, 64, 5], &mut scores);
        assert_eq!(scores, [1.0, 6.0, 3.0, 1.0, -2.0]);
    }

    /// A model of random rows (weights up to ±127, a third of the buckets) over 2^10 buckets.
    fn random_weights(next: &mut impl FnMut() -> u64) -> Weights<N> {
        let mut w = tiny();
        w.rows.clear();
        for key in 0..1 << 10 {
            if next() % 3 == 0 {
                let row: [i8; N] = std::array::from_fn(|_| match next() % 4 {
                    0 => 0,
                    1 => 127,
                    2 => -127,
                    _ => ((next() % 255) as i32 - 127) as i8,
                });
                if row.iter().any(|&v| v != 0) {
                    w.rows.push((key, row));
                }
            }
        }
        w
    }

    /// `w`'s rows in a store of kind `R`, numbered as the loader numbers them (in bucket order
    /// after the zero row).
    fn stored<R: RowStore<N>>(w: &Weights<N>) -> R {
        let mut rows = R::with_zero_row(w.rows.len());
        for (_, row) in &w.rows {
            rows.push_zero();
            for (t, &v) in row.iter().enumerate().filter(|(_, v)| **v != 0) {
                rows.set(t, v);
            }
        }
        assert_eq!(rows.len(), w.rows.len() + 1);
        for (k, (_, row)) in w.rows.iter().enumerate() {
            assert_eq!(rows.get(k + 1), *row);
        }
        rows
    }

    /// The packed, branchless sum is the plain one, and so are the byte rows' (natively) and
    /// the packed rows' (wasm), whichever the target's `Model` holds: each hash's row (if its bucket has one)
    /// added tag by tag, the integer sums added to the scores once; on random models and
    /// hashes, and on the largest sums, past the rows summed in lanes at once.
    #[test]
    fn packed_scores_are_the_rows_summed_one_by_one() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let plain = |w: &Weights<N>, hashes: &[u64], scores: &mut [f32; N]| {
            let mut sum = [0i32; N];
            for &h in hashes {
                if let Some((_, row)) = w.rows.iter().find(|(key, _)| *key == bucket(h, w.hash_bits)) {
                    for (s, &v) in sum.iter_mut().zip(row) {
                        *s += v as i32;
                    }
                }
            }
            for (s, v) in scores.iter_mut().zip(sum) {
                *s += v as f32;
            }
        };
        for round in 0..40 {
            let w = random_weights(&mut next);
            let model = Model::<N>::from_bytes(&w.to_bytes(&FORMAT), &FORMAT).expect("valid model");
            for len in [0, 1, 2, 66, 255, 256, 257, 700] {
                let hashes: Vec<u64> = (0..len).map(|_| next()).collect();
                let start: [f32; N] = std::array::from_fn(|t| t as f32 * 0.5 - (round % 3) as f32);
                let (mut a, mut b) = (start, start);
                model.add_scores(&hashes, &mut a);
                plain(&w, &hashes, &mut b);
                assert_eq!(a.map(f32::to_bits), b.map(f32::to_bits), "round {round}, {len} hashes");
                let (mut packed, mut bytes) = ([0i32; N], [0i32; N]);
                let slot = |h| model.slot(bucket(h, w.hash_bits));
                stored::<Packed<N>>(&w).add(&hashes, slot, &mut packed);
                stored::<Bytes<N>>(&w).add(&hashes, slot, &mut bytes);
                let start_sum = |sum: [i32; N]| std::array::from_fn(|t| start[t] + sum[t] as f32);
                assert_eq!(start_sum(packed).map(f32::to_bits), b.map(f32::to_bits), "packed, round {round}, {len} hashes");
                assert_eq!(bytes, packed, "bytes, round {round}, {len} hashes");
            }
        }
        // Every lane at its extreme, for more rows than are summed in lanes at once.
        let mut w = tiny();
        w.rows = vec![(1, [127; N]), (2, [-127; N]), (3, [127, -127, 127, -127, 127])];
        let model = Model::<N>::from_bytes(&w.to_bytes(&FORMAT), &FORMAT).expect("valid model");
        for key in [1u64, 2, 3] {
            for len in [255, 256, 257, 1000] {
                let mut a = [0.0; N];
                model.add_scores(&vec![key; len], &mut a);
                let expected = w.rows[key as usize - 1].1.map(|v| (v as i32 * len as i32) as f32);
                assert_eq!(a, expected, "bucket {key}, {len} hashes");
            }
        }
    }

    #[test]
    fn packing_reads_back_every_lane() {
        for t in 0..9 {
            for v in [-127i8, -1, 0, 1, 127] {
                let mut row = [0i64; 3];
                row[t / LANES] += pack(t, v);
                row[0] += pack(0, 5);
                let mut sum = [0i32; 9];
                unpack(&row, &mut sum);
                let mut expected = [0i32; 9];
                expected[t] += v as i32;
                expected[0] += 5;
                assert_eq!(sum, expected, "tag {t}, weight {v}");
            }
        }
    }

    #[test]
    fn quantising_scales_to_the_largest_weight_and_prunes() {
        let mut floats = vec![0.0f32; (1 << 8) * N];
        floats[N + 1] = -2.54;
        floats[2 * N] = 0.03;
        floats[2 * N + 1] = 0.1;
        let w = Weights::<N>::quantise(8, &floats, &[0.0; (N + 1) * N], 4, Vec::new());
        assert_eq!(w.rows, vec![(1, [0, -127, 0, 0, 0]), (2, [0, 5, 0, 0, 0])]);
        assert!((w.scale - 0.02).abs() < 1e-6);
    }

    #[test]
    fn coarsening_rounds_to_the_step_and_keeps_every_row() {
        let mut w = tiny();
        w.rows = vec![(1, [5, -5, 0, 127, -6]), (9, [0, 0, 1, 0, 0])];
        w.coarsen(4);
        assert_eq!(w.rows, [(1, [4, -4, 0, 124, -8]), (9, [0, 0, 4, 0, 0])], "halves away from zero, ±127 down to ±124, 1 up to 4");
        w.coarsen(1);
        assert_eq!(w.rows[0].1, [4, -4, 0, 124, -8], "step 1 changes nothing");
    }

    #[test]
    fn coarsening_from_a_threshold_keeps_it_and_is_idempotent() {
        let mut w = tiny();
        w.rows = vec![(1, [8, -10, 0, 127, -12]), (9, [0, 0, 14, 0, 9])];
        w.coarsen_from(3, 8);
        let grid = [(1, [8, -11, 0, 125, -11]), (9, [0, 0, 14, 0, 8])];
        assert_eq!(w.rows, grid, "8, 11, 14, … up to 125; the threshold's weights stay");
        w.coarsen_from(3, 8);
        assert_eq!(w.rows, grid, "weights on the grid stay on it");
        let mut multiples = tiny();
        multiples.rows = vec![(1, [5, -5, 0, 127, -6]), (9, [0, 0, 1, 0, 0])];
        let mut same = tiny();
        same.rows = multiples.rows.clone();
        multiples.coarsen(4);
        same.coarsen_from(4, 4);
        assert_eq!(multiples.rows, same.rows, "a grid from the step is the step's multiples");
    }

    #[test]
    fn a_loaded_model_gives_back_its_weights() {
        let w = tiny();
        let model = Model::<N>::from_bytes(&w.to_bytes(&FORMAT), &FORMAT).expect("loads");
        assert_eq!(model.to_weights().to_bytes(&FORMAT), w.to_bytes(&FORMAT));
    }

    #[test]
    fn bucket_folds_the_high_half() {
        assert_eq!(bucket(u64::MAX, 20), 0);
        for i in 0..1000u64 {
            assert!(bucket(i.wrapping_mul(0x9e37_79b9_7f4a_7c15), 18) < 1 << 18);
        }
    }

    #[test]
    fn corrupt_files_are_refused_without_panics() {
        let good = tiny().to_bytes(&FORMAT);
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
        check(&features, Err(ModelError::FeatureMismatch { expected: 7, found: 6 }));
        assert_eq!(
            Model::<4>::from_bytes(&good, &Format { magic: b"QLTST\0", features: 7, n_extra: 2 }).err(),
            Some(ModelError::BadDimensions)
        );
        // Every truncation is refused, none panics.
        for n in 0..good.len() {
            assert!(Model::<N>::from_bytes(&good[..n], &FORMAT).is_err(), "truncated to {n}");
        }
    }

    /// `bytes` with the frequencies of stored table `table` changed by `edit`, checksum redone.
    fn with_table(bytes: &[u8], table: usize, edit: impl FnOnce(&mut Vec<u16>)) -> Vec<u8> {
        let header = 6 + 2 + 4 + 3 + 4 + 4 + (N + 1) * N * 2 + 4 * FORMAT.n_extra;
        let mut r = Reader { bytes: &bytes[..bytes.len() - 4], pos: header };
        let mut tables: Vec<Vec<u16>> =
            (0..Contexts::count(N)).map(|t| (0..Contexts::alphabet(N, t)).map(|_| r.varint().expect("varint") as u16).collect()).collect();
        edit(&mut tables[table]);
        let mut out = bytes[..header].to_vec();
        for f in tables.iter().flatten() {
            let mut v = *f as u64;
            while v >= 0x80 {
                out.push((v as u8 & 0x7f) | 0x80);
                v >>= 7;
            }
            out.push(v as u8);
        }
        out.extend_from_slice(&bytes[r.pos..bytes.len() - 4]);
        let sum = fnv32(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    #[test]
    fn a_weight_table_coding_past_127_is_refused_before_decoding() {
        let good = tiny().to_bytes(&FORMAT);
        let c = Contexts::new(N);
        for t in c.weight(false, -1)..=c.weight(true, 1) {
            let bad = with_table(&good, t, |freq| {
                if let Some(i) = (0..freq.len()).max_by_key(|&i| freq[i]).filter(|&i| freq[i] > 1) {
                    freq[i] -= 1;
                } else {
                    // A table nothing was coded in: give it one whole.
                    freq[0] = 4095;
                }
                freq[weight_symbol(-127) as usize + 1] += 1;
            });
            check(&bad, Err(ModelError::Corrupt("weight out of range")));
        }
        // The edit itself is sound: the same table rewritten unchanged loads.
        check(&with_table(&good, c.weight(true, 0), |_| {}), Ok(()));
    }

    #[test]
    fn bad_rows_with_a_valid_checksum_are_refused() {
        let mut w = tiny();
        w.hash_bits = 8;
        w.rows = vec![(300, [1; N])];
        check(&w.to_bytes(&FORMAT), Err(ModelError::Corrupt("bucket out of range")));
        let mut bytes = tiny().to_bytes(&FORMAT);
        bytes.truncate(bytes.len() - 4);
        bytes.push(0);
        let sum = fnv32(&bytes);
        bytes.extend_from_slice(&sum.to_le_bytes());
        check(&bytes, Err(ModelError::Corrupt("trailing bytes")));
    }
}
