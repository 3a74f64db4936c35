//! An adaptive binary range coder (the one of LZMA: 11-bit probabilities that move 1/32 of the
//! way towards each coded bit) and the exp-Golomb integer code the model file writes with it.
//!
//! Why not leave the model to gzip: gzip codes bytes with one Huffman table per block, so it
//! cannot learn that a weight's magnitude depends on its tag, or that a row's weights sum to
//! about zero; a context-modelled coder can, and the model files shrink by a fifth (issue 17).
//! The decoder allocates nothing but its contexts, never panics, and reports a stream that ran
//! out; what the decoded values mean is checked by the caller.

/// A bit's probability of being 0, in 1/2048ths.
#[derive(Clone, Copy)]
pub(crate) struct Bit(u16);

const TOTAL_BITS: u32 = 11;
const MOVE_BITS: u32 = 5;
const TOP: u32 = 1 << 24;

impl Default for Bit {
    fn default() -> Bit {
        Bit(1 << (TOTAL_BITS - 1))
    }
}

/// Reads bits from a coded stream. Reading past its end yields zeros and marks the stream
/// [`overran`](Decoder::overran), so that a truncated file is refused after the fact instead of
/// being checked on every bit.
pub(crate) struct Decoder<'b> {
    bytes: &'b [u8],
    pos: usize,
    range: u32,
    code: u32,
}

impl<'b> Decoder<'b> {
    pub fn new(bytes: &'b [u8]) -> Decoder<'b> {
        let mut d = Decoder { bytes, pos: 0, range: u32::MAX, code: 0 };
        for _ in 0..5 {
            d.code = (d.code << 8) | d.next_byte() as u32;
        }
        d
    }

    #[inline]
    fn next_byte(&mut self) -> u8 {
        let b = self.bytes.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    #[inline]
    pub fn bit(&mut self, p: &mut Bit) -> bool {
        let bound = (self.range >> TOTAL_BITS) * p.0 as u32;
        let one = self.code >= bound;
        if one {
            self.range -= bound;
            self.code -= bound;
            p.0 -= p.0 >> MOVE_BITS;
        } else {
            self.range = bound;
            p.0 += ((1 << TOTAL_BITS) - p.0) >> MOVE_BITS;
        }
        // The encoder's normalisation, mirrored bit for bit, so that a whole stream is read to
        // exactly its last byte.
        if self.range < TOP {
            self.range <<= 8;
            self.code = (self.code << 8) | self.next_byte() as u32;
        }
        one
    }

    /// Whether more bytes were read than the stream has.
    pub fn overran(&self) -> bool {
        self.pos > self.bytes.len()
    }

    /// Whether the stream was read to exactly its end.
    pub fn at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }
}

/// Contexts of an exp-Golomb code of integers `0..2^32 - 1`: the bit length of `v + 1` in
/// unary, then its bits below the leading one, the first three through a bit tree (they carry
/// the shape of the distribution), the rest one context per length and position.
pub(crate) struct Golomb {
    unary: [Bit; 33],
    tree: [[Bit; 8]; 33],
    low: [[Bit; 32]; 33],
}

impl Default for Golomb {
    fn default() -> Golomb {
        Golomb { unary: [Bit::default(); 33], tree: [[Bit::default(); 8]; 33], low: [[Bit::default(); 32]; 33] }
    }
}

impl Golomb {
    /// The next integer, or `None` if its length is over 32 bits (a corrupt stream).
    pub fn decode(&mut self, d: &mut Decoder) -> Option<u32> {
        let mut n = 1;
        while d.bit(&mut self.unary[n]) {
            n += 1;
            if n > 32 {
                return None;
            }
        }
        let mut v = 1u64;
        let mut node = 1;
        for i in (0..n - 1).rev() {
            let b = if n - 1 - i <= 3 {
                let b = d.bit(&mut self.tree[n][node]);
                node = node * 2 + b as usize;
                b
            } else {
                d.bit(&mut self.low[n][i])
            };
            v = v << 1 | b as u64;
        }
        u32::try_from(v - 1).ok()
    }
}

#[cfg(any(test, feature = "internals"))]
pub(crate) use encoder::Encoder;

#[cfg(any(test, feature = "internals"))]
mod encoder {
    use super::{Bit, Golomb, MOVE_BITS, TOP, TOTAL_BITS};

    /// Writes bits; [`finish`](Encoder::finish) gives the stream.
    pub(crate) struct Encoder {
        low: u64,
        range: u32,
        cache: u8,
        pending: u64,
        out: Vec<u8>,
    }

    impl Default for Encoder {
        fn default() -> Encoder {
            Encoder { low: 0, range: u32::MAX, cache: 0, pending: 1, out: Vec::new() }
        }
    }

    impl Encoder {
        pub fn bit(&mut self, p: &mut Bit, one: bool) {
            let bound = (self.range >> TOTAL_BITS) * p.0 as u32;
            if one {
                self.low += bound as u64;
                self.range -= bound;
                p.0 -= p.0 >> MOVE_BITS;
            } else {
                self.range = bound;
                p.0 += ((1 << TOTAL_BITS) - p.0) >> MOVE_BITS;
            }
            if self.range < TOP {
                self.range <<= 8;
                self.shift_low();
            }
        }

        /// Emits the top byte of `low`, held back while a carry could still reach it.
        fn shift_low(&mut self) {
            if (self.low as u32) < 0xFF00_0000 || self.low >> 32 != 0 {
                let carry = (self.low >> 32) as u8;
                let mut byte = self.cache;
                loop {
                    self.out.push(byte.wrapping_add(carry));
                    byte = 0xFF;
                    self.pending -= 1;
                    if self.pending == 0 {
                        break;
                    }
                }
                self.cache = (self.low >> 24) as u8;
            }
            self.pending += 1;
            self.low = (self.low & 0x00FF_FFFF) << 8;
        }

        pub fn finish(mut self) -> Vec<u8> {
            for _ in 0..5 {
                self.shift_low();
            }
            self.out
        }
    }

    impl Golomb {
        pub fn encode(&mut self, e: &mut Encoder, v: u32) {
            let v = v as u64 + 1;
            let n = 64 - v.leading_zeros() as usize;
            for i in 1..n {
                e.bit(&mut self.unary[i], true);
            }
            e.bit(&mut self.unary[n], false);
            let mut node = 1;
            for i in (0..n - 1).rev() {
                let b = v >> i & 1 == 1;
                if n - 1 - i <= 3 {
                    e.bit(&mut self.tree[n][node], b);
                    node = node * 2 + b as usize;
                } else {
                    e.bit(&mut self.low[n][i], b);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_and_integers_round_trip_and_skewed_bits_cost_little() {
        let values: Vec<u32> = (0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> (i % 32)) % 1000).collect();
        let (mut e, mut p, mut g) = (Encoder::default(), Bit::default(), Golomb::default());
        for (i, &v) in values.iter().enumerate() {
            e.bit(&mut p, i % 50 == 0);
            g.encode(&mut e, v);
        }
        let mut big = Golomb::default();
        big.encode(&mut e, u32::MAX - 1);
        let bytes = e.finish();
        let (mut d, mut p, mut g) = (Decoder::new(&bytes), Bit::default(), Golomb::default());
        for (i, &v) in values.iter().enumerate() {
            assert_eq!(d.bit(&mut p), i % 50 == 0, "bit {i}");
            assert_eq!(g.decode(&mut d), Some(v), "value {i}");
        }
        assert_eq!(Golomb::default().decode(&mut d), Some(u32::MAX - 1));
        assert!(d.at_end() && !d.overran());

        let mut e = Encoder::default();
        let mut p = Bit::default();
        for i in 0..8000 {
            e.bit(&mut p, i % 100 == 0);
        }
        // 8,000 bits at 1 % ones carry about 650 bits of information.
        assert!(e.finish().len() < 150);
    }

    #[test]
    fn a_cut_stream_is_reported() {
        let mut e = Encoder::default();
        let mut g = Golomb::default();
        for v in 0..300 {
            g.encode(&mut e, v * 7919);
        }
        let bytes = e.finish();
        let mut d = Decoder::new(&bytes[..bytes.len() - 3]);
        let mut g = Golomb::default();
        for _ in 0..300 {
            let _ = g.decode(&mut d);
        }
        assert!(d.overran());
        // A stream of ones is an over-long integer, not a panic.
        let ones = [0xFFu8; 64];
        assert_eq!(Golomb::default().decode(&mut Decoder::new(&ones)), None);
    }
}
