//! Best-of-N throughput of the whole analysis on the CoNLL-2003 dev split, document by
//! document (a steadier figure than criterion's mean on a noisy machine):
//! `cargo run --release --example throughput -- [RUNS]`.
use std::time::Instant;

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .map_or(20, |s| s.parse().expect("RUNS is a number"));
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/conll2003/dev.txt"
    );
    let content = std::fs::read_to_string(path).expect("../shared/data/conll2003/dev.txt");
    let docs = newslens::ner::conll::parse(&content);
    let tokens: usize = docs.iter().map(|d| newslens::tokenize(&d.text).len()).sum();
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        let t = Instant::now();
        for d in &docs {
            std::hint::black_box(newslens::analyze(std::hint::black_box(&d.text)));
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{} docs, {tokens} tokens: best of {runs} {:.1} ms = {:.0} tokens/s",
        docs.len(),
        best * 1e3,
        tokens as f64 / best
    );
}
