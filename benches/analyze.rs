//! Throughput of the whole analysis at 10 KB, 100 KB and 1 MB, on the project's own
//! articles (tests/articles) repeated to size: time should grow linearly with length.
#![allow(missing_docs)] // criterion_group! makes an undocumented function

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

fn corpus(size: usize) -> String {
    let mut articles: Vec<String> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/articles"))
            .expect("tests/articles exists")
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
            .map(|e| std::fs::read_to_string(e.path()).expect("articles are UTF-8"))
            .collect();
    articles.sort();
    let mut text = String::with_capacity(size + 4096);
    while text.len() < size {
        for a in &articles {
            text.push_str(a);
            text.push_str("\n\n");
        }
    }
    let cut = (0..=size)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    text.truncate(cut);
    text
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("analyze");
    g.sample_size(10);
    for size in [10_000, 100_000, 1_000_000] {
        let text = corpus(size);
        let tokens = newslens::tokenize(&text).len() as u64;
        g.throughput(Throughput::Elements(tokens));
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{}KB", size / 1000)),
            &text,
            |b, t| {
                b.iter(|| newslens::analyze(black_box(t)));
            },
        );
    }
    g.finish();
}

/// The whole CoNLL-2003 dev split, document by document, as the scorer sends it
/// (skipped when ../shared is absent). Throughput counts the product's tokens.
fn dev(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/conll2003/dev.txt"
    );
    let Ok(content) = std::fs::read_to_string(path) else {
        println!("skipped dev benchmark: {path} is absent");
        return;
    };
    let docs = newslens::train::conll::parse(&content);
    let tokens: usize = docs.iter().map(|d| newslens::tokenize(&d.text).len()).sum();
    let mut g = c.benchmark_group("dev");
    g.sample_size(10);
    g.throughput(Throughput::Elements(tokens as u64));
    g.bench_function("conll2003-dev", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(newslens::analyze(black_box(&d.text)));
            }
        });
    });
    g.finish();
}

criterion_group!(benches, bench, dev);
criterion_main!(benches);
