//! Training and scoring, apart from the runtime (the `train` cargo feature): corpus
//! readers, the scorers' counts, example builders and trainers. The analysis never
//! imports this module; the CLI and the wasm are built without it, and `train-ner` and
//! `train-quotes` with it.

pub mod attribution;
pub mod conll;
pub mod corpora;
pub mod ner;
pub mod polnear;
pub mod quotes;
