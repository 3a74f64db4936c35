//! Tools around quotelens that are never shipped (package `quotelens-tools`, publish = false):
//! the entity-model trainer (`ner`, run by `src/bin/train_ner.rs` and scripts/train-ner.sh) and
//! the seeded benchmark inputs (`corpus`, used by `benches/` and `examples/bench_inputs.rs`).
//!
//! They reach the library's private stages through `quotelens::internals` (the library's
//! doc-hidden `internals` feature), the one door from here into the library's insides.

pub mod corpus;
pub mod ner;
