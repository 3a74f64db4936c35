//! A static-table rANS entropy coder (byte-wise renormalisation, 32-bit state, 12-bit
//! frequencies; Duda's asymmetric numeral systems as in Giesen's `ryg_rans`), for the model
//! files.
//!
//! Why not leave the model to gzip: gzip codes bytes with one Huffman table a block, so it
//! cannot use that a weight's sign depends on the row's weights before it, or that the tags a
//! row has follow each other in a few patterns; a coder with a table per context can. Why static
//! tables rather than an adaptive binary coder (which packs as well): one table lookup per
//! symbol instead of a chain of binary decisions decodes the entity model several times faster,
//! and the model is decoded on the first analysis (issue 17).
//!
//! The decoder never panics: a table is checked when built, reading past the end yields zeros
//! and is reported, and the state is kept within its bounds by construction.

/// Frequencies of a table sum to `1 << SCALE_BITS`.
pub(crate) const SCALE_BITS: u32 = 12;
const TOTAL: u32 = 1 << SCALE_BITS;
/// The state stays in `[LOW, LOW << 8)` between symbols.
const LOW: u32 = 1 << 23;

/// No real slot has an offset past its symbol's frequency: this one marks a table nothing was
/// coded in (symbol 0, frequency 1, offset 4095).
const EMPTY: u32 = TOTAL - 1;

/// Every context's distribution over symbols `0..alphabet` (at most 256), in one allocation:
/// table `t`'s slots are the `t`th block of `TOTAL`. Each slot holds its symbol, the symbol's
/// frequency less one and the slot's offset in the symbol's range
/// (`symbol << 24 | (freq - 1) << 12 | offset`), so that decoding a symbol is one read (a
/// quarter fewer instructions than a symbol table beside frequency and start tables), and the
/// slot's index is the table's number and the state's low bits, with one bounds check.
pub(crate) struct Tables {
    slots: Vec<u32>,
}

impl Tables {
    pub fn with_capacity(n: usize) -> Tables {
        Tables { slots: Vec::with_capacity(n << SCALE_BITS) }
    }

    /// Adds the next table from its frequencies, which must sum to `TOTAL`, or all be zero (a
    /// context nothing was coded in).
    pub fn push(&mut self, freq: &[u16]) -> Result<(), &'static str> {
        if freq.len() > 256 {
            return Err("alphabet over 256 symbols");
        }
        let sum: u32 = freq.iter().map(|&f| f as u32).sum();
        if sum == 0 {
            self.slots.resize(self.slots.len() + TOTAL as usize, EMPTY);
            return Ok(());
        }
        if sum != TOTAL {
            return Err("frequencies do not sum to the scale");
        }
        for (s, &f) in freq.iter().enumerate() {
            let base = (s as u32) << 24 | (f as u32).wrapping_sub(1) << 12;
            self.slots.extend((0..f as u32).map(|offset| base | offset));
        }
        Ok(())
    }

    /// Adds a table where every byte is equally likely.
    pub fn push_uniform_bytes(&mut self) {
        self.push(&[(TOTAL / 256) as u16; 256]).expect("256 × 16 is the scale");
    }

    /// Whether table `t` codes no symbol from `from` on (true of a table that does not exist).
    pub fn never_codes_from(&self, t: usize, from: u8) -> bool {
        let slots = self.slots.chunks_exact(TOTAL as usize).nth(t).unwrap_or(&[]);
        slots.iter().all(|&e| e == EMPTY || (e >> 24) < from as u32)
    }
}

/// One context's distribution, for the encoder: the frequency and the first slot of each symbol.
#[cfg(any(test, feature = "internals"))]
pub(crate) struct Table {
    freq: Vec<u16>,
    start: Vec<u16>,
}

#[cfg(any(test, feature = "internals"))]
impl Table {
    /// A table from its frequencies, checked as [`Tables::push`] checks them.
    pub fn new(freq: Vec<u16>) -> Result<Table, &'static str> {
        Tables::with_capacity(1).push(&freq)?;
        let start = freq.iter().scan(0u16, |s, &f| Some(std::mem::replace(s, s.wrapping_add(f)))).collect();
        Ok(Table { freq, start })
    }

    /// Every byte equally likely.
    pub fn uniform_bytes() -> Table {
        Table::new(vec![(TOTAL / 256) as u16; 256]).expect("256 × 16 is the scale")
    }

    /// The decoder's form of `tables`.
    #[cfg(test)]
    pub fn decoding(tables: &[Table]) -> Tables {
        let mut out = Tables::with_capacity(tables.len());
        for t in tables {
            out.push(&t.freq).expect("checked when built");
        }
        out
    }
}

/// Reads symbols from a coded stream, in the order they were written.
pub(crate) struct Decoder<'b> {
    bytes: &'b [u8],
    pos: usize,
    x: u32,
}

impl<'b> Decoder<'b> {
    /// `None` if the stream does not start with a valid state.
    pub fn new(bytes: &'b [u8]) -> Option<Decoder<'b>> {
        let mut d = Decoder { bytes, pos: 0, x: 0 };
        for _ in 0..4 {
            d.x = (d.x << 8) | d.next_byte();
        }
        (LOW..LOW << 8).contains(&d.x).then_some(d)
    }

    #[inline]
    fn next_byte(&mut self) -> u32 {
        let b = self.bytes.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b as u32
    }

    /// The next symbol, coded in table `t` of `tables`; `None` if there is no such table or
    /// nothing can be coded in it.
    #[inline(always)]
    pub fn symbol(&mut self, tables: &Tables, t: usize) -> Option<u8> {
        let entry = *tables.slots.get(t << SCALE_BITS | (self.x & (TOTAL - 1)) as usize)?;
        if entry == EMPTY {
            return None;
        }
        // Frequencies are at least 1 where a slot points, and `x < 2^31`: no overflow, and the
        // state is at least 2^11 after it, so two bytes bring it back above `LOW`.
        self.x = ((entry >> 12 & (TOTAL - 1)) + 1) * (self.x >> SCALE_BITS) + (entry & (TOTAL - 1));
        if self.x < LOW {
            self.x = (self.x << 8) | self.next_byte();
            if self.x < LOW {
                self.x = (self.x << 8) | self.next_byte();
            }
        }
        Some((entry >> 24) as u8)
    }

    /// Whether the stream was read to exactly its end and back to the encoder's first state,
    /// as a whole, untouched stream is.
    pub fn finished(&self) -> bool {
        self.pos == self.bytes.len() && self.x == LOW
    }

    /// Whether more bytes were read than the stream has.
    pub fn overran(&self) -> bool {
        self.pos > self.bytes.len()
    }
}

#[cfg(any(test, feature = "internals"))]
pub(crate) use encoder::{normalise, Encoder};

#[cfg(any(test, feature = "internals"))]
mod encoder {
    use super::{Table, LOW, SCALE_BITS, TOTAL};

    /// Counts scaled to frequencies that sum to `TOTAL`, every counted symbol keeping at least
    /// 1 (all zero if nothing was counted). The rounding error goes to or comes from the most
    /// frequent symbols, the first of equals first, so that the result is always the same.
    pub(crate) fn normalise(counts: &[u64]) -> Vec<u16> {
        let total: u64 = counts.iter().sum();
        if total == 0 {
            return vec![0; counts.len()];
        }
        let mut f: Vec<u32> = counts.iter().map(|&c| if c == 0 { 0 } else { ((c * TOTAL as u64 / total) as u32).max(1) }).collect();
        let argmax = |f: &[u32]| f.iter().enumerate().fold(0, |best, (i, &v)| if v > f[best] { i } else { best });
        let mut sum: u32 = f.iter().sum();
        while sum > TOTAL {
            let i = argmax(&f);
            assert!(f[i] > 1, "more symbols than the scale has slots");
            f[i] -= 1;
            sum -= 1;
        }
        let i = argmax(&f);
        f[i] += TOTAL - sum;
        f.into_iter().map(|v| v as u16).collect()
    }

    /// Collects symbols, then codes them (rANS codes backwards, so it needs them all).
    #[derive(Default)]
    pub(crate) struct Encoder {
        /// `(table, symbol)` in decoding order.
        symbols: Vec<(usize, u8)>,
    }

    impl Encoder {
        pub fn push(&mut self, table: usize, symbol: u8) {
            self.symbols.push((table, symbol));
        }

        /// How many times each symbol of each table was pushed.
        pub fn counts(&self, tables: usize) -> Vec<[u64; 256]> {
            let mut counts = vec![[0u64; 256]; tables];
            for &(t, s) in &self.symbols {
                counts[t][s as usize] += 1;
            }
            counts
        }

        /// The stream, every symbol coded with its table (which must give it a frequency).
        pub fn finish(self, tables: &[&Table]) -> Vec<u8> {
            let mut out = Vec::new();
            let mut x = LOW;
            for &(t, s) in self.symbols.iter().rev() {
                let table = tables[t];
                let (f, start) = (table.freq[s as usize] as u32, table.start[s as usize] as u32);
                assert!(f > 0, "symbol {s} has no frequency in table {t}");
                let x_max = ((LOW >> SCALE_BITS) << 8) * f;
                while x >= x_max {
                    out.push(x as u8);
                    x >>= 8;
                }
                x = ((x / f) << SCALE_BITS) + x % f + start;
            }
            debug_assert!(x < TOTAL << 19);
            out.extend_from_slice(&x.to_le_bytes());
            out.reverse();
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skewed() -> Vec<(usize, u8)> {
        (0..20_000u32)
            .map(|i| ((i % 3) as usize, if i.wrapping_mul(2_654_435_761) >> 28 == 0 { (i % 200) as u8 } else { (i % 3) as u8 }))
            .collect()
    }

    fn encode(symbols: &[(usize, u8)]) -> (Vec<Table>, Vec<u8>) {
        let mut e = Encoder::default();
        for &(t, s) in symbols {
            e.push(t, s);
        }
        let tables: Vec<Table> = e.counts(4).iter().map(|c| Table::new(normalise(c)).expect("normalised")).collect();
        let bytes = e.finish(&tables.iter().collect::<Vec<_>>());
        (tables, bytes)
    }

    #[test]
    fn symbols_round_trip_in_their_tables_and_cost_about_their_entropy() {
        let symbols = skewed();
        let (tables, bytes) = encode(&symbols);
        let tables = Table::decoding(&tables);
        let mut d = Decoder::new(&bytes).expect("valid start");
        for (i, &(t, s)) in symbols.iter().enumerate() {
            assert_eq!(d.symbol(&tables, t), Some(s), "symbol {i}");
        }
        assert!(d.finished());
        // One symbol in 16 is spread over 200 values, the rest is fixed by the table: about
        // 0.34 + 1/16 × 7.6 bits a symbol, 1.9 KB for 20,000.
        assert!(bytes.len() < 2_200, "{} bytes", bytes.len());
        // A table nothing was coded in decodes nothing.
        assert_eq!(d.symbol(&tables, 3), None);
        // Nor does a table that does not exist.
        assert_eq!(d.symbol(&tables, 4), None);
        assert!(tables.never_codes_from(0, 200) && !tables.never_codes_from(0, 0));
        assert!(tables.never_codes_from(3, 0));
    }

    #[test]
    fn normalised_frequencies_sum_to_the_scale_and_keep_rare_symbols() {
        let mut counts = vec![1u64; 256];
        counts[7] = 1_000_000;
        let f = normalise(&counts);
        assert_eq!(f.iter().map(|&v| v as u32).sum::<u32>(), TOTAL);
        assert!(f.iter().all(|&v| v >= 1));
        assert_eq!(normalise(&[0, 0]), vec![0, 0]);
        assert_eq!(normalise(&[3, 1]), vec![3072, 1024]);
        assert!(Table::new(vec![1, 2]).is_err());
    }

    #[test]
    fn a_damaged_stream_is_reported_not_a_panic() {
        let symbols = skewed();
        let (tables, bytes) = encode(&symbols);
        let tables = Table::decoding(&tables);
        let decode_all = |bytes: &[u8]| -> bool {
            let Some(mut d) = Decoder::new(bytes) else { return false };
            for &(t, _) in &symbols {
                if d.symbol(&tables, t).is_none() {
                    return false;
                }
            }
            d.finished()
        };
        assert!(decode_all(&bytes));
        assert!(!decode_all(&bytes[..bytes.len() - 1]));
        let mut flipped = bytes.clone();
        flipped[bytes.len() / 2] ^= 0x20;
        assert!(!decode_all(&flipped));
        assert!(Decoder::new(&[0, 0, 0, 0]).is_none());
        assert!(Decoder::new(&[]).is_none());
    }
}
