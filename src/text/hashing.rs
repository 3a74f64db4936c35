//! Feature hashing: every feature is a 64-bit FNV-1a hash, folded into a bucket of the model
//! (`tagging::bucket`).
//!
//! Hashing keeps corpus words out of the shipped weights (a bucket index says nothing about the
//! word that filled it) and lets the tagger extract features without building strings. The
//! function must never change without retraining: the model header records
//! [`crate::entities::features::FEATURE_VERSION`] (and the attribution's), which covers it.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Incremental FNV-1a over bytes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fnv(u64);

impl Fnv {
    pub fn new() -> Fnv {
        Fnv(FNV_OFFSET)
    }
    pub fn byte(mut self, b: u8) -> Fnv {
        self.0 = (self.0 ^ b as u64).wrapping_mul(FNV_PRIME);
        self
    }
    pub fn bytes(mut self, bytes: &[u8]) -> Fnv {
        for &b in bytes {
            self = self.byte(b);
        }
        self
    }
    pub fn char(self, c: char) -> Fnv {
        // Most characters hashed are ASCII (word shapes, lowercase English): their UTF-8 is the
        // one byte, without encoding it into a buffer first.
        if c.is_ascii() {
            return self.byte(c as u8);
        }
        let mut buf = [0u8; 4];
        self.bytes(c.encode_utf8(&mut buf).as_bytes())
    }
    pub fn finish(self) -> u64 {
        self.0
    }
}

/// Hash of a string.
pub(crate) fn hash_str(s: &str) -> u64 {
    Fnv::new().bytes(s.as_bytes()).finish()
}

/// Hash of a string's lowercase form, without allocating it.
pub(crate) fn hash_lower(s: &str) -> u64 {
    // Most words are ASCII: byte by byte, without decoding characters.
    if s.is_ascii() {
        return s.bytes().fold(Fnv::new(), |h, b| h.byte(b.to_ascii_lowercase())).finish();
    }
    let mut h = Fnv::new();
    for c in s.chars() {
        if c.is_ascii() {
            h = h.byte(c.to_ascii_lowercase() as u8);
        } else {
            for l in c.to_lowercase() {
                h = h.char(l);
            }
        }
    }
    h.finish()
}

/// Combines hashes in order: `combine(a, b) != combine(b, a)`.
pub(crate) fn combine(a: u64, b: u64) -> u64 {
    // A multiply-xorshift finaliser (splitmix64) spreads FNV's weak low bits before folding.
    let mut z = a.rotate_left(5) ^ b.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A map keyed by hashes from this module: hashing them again would only cost time.
pub(crate) type HashKeyed<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;

#[derive(Default)]
pub(crate) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map and a set hashed by [`FnvHasher`]: every map of ours is keyed by our own words, offsets
/// or hashes, never chosen by a reader to collide, so SipHash's flood resistance buys nothing.
pub(crate) type FnvMap<K, V> = HashMap<K, V, FnvBuild>;
pub(crate) type FnvSet<K> = HashSet<K, FnvBuild>;

/// Builds [`FnvHasher`]s: for tables keyed by short strings that are filled on the first
/// analysis (std's SipHash costs several times more per key there; no key comes from a reader).
pub(crate) type FnvBuild = BuildHasherDefault<FnvHasher>;

/// FNV-1a over what is hashed, finished through [`combine`] (FNV's low bits are weak, and a hash
/// table indexes by them).
pub(crate) struct FnvHasher(Fnv);

impl Default for FnvHasher {
    fn default() -> FnvHasher {
        FnvHasher(Fnv::new())
    }
}

impl Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        combine(0, self.0.finish())
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = self.0.bytes(bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(s: &str, expected: u64) {
        assert_eq!(hash_str(s), expected, "{s:?}");
    }

    #[test]
    fn fnv1a_reference_values() {
        // Published FNV-1a 64 test vectors.
        check("", 0xcbf29ce484222325);
        check("a", 0xaf63dc4c8601ec8c);
        check("foobar", 0x85944171f73967e8);
    }

    #[test]
    fn lowercase_hash_matches_lowercased_string() {
        for s in ["Merkel", "MÜNCHEN", "İstanbul", "ΣΟΦΙΑ", "abc", "", "U.S.-BASED", "Ab\u{1F600}C"] {
            assert_eq!(hash_lower(s), hash_str(&s.to_lowercase()), "{s}");
        }
    }

    #[test]
    fn combine_is_ordered() {
        assert_ne!(combine(1, 2), combine(2, 1));
    }
}
