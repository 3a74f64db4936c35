//! Placeholder: the wasm boundary lands with issue 3.
