//! Trains the name finder: `train-ner --train TRAIN --dev DEV --out models/ner.bin`.
//!
//! Reads CoNLL-2003 files, tokenises each document as the product does, trains an
//! averaged structured perceptron once per epoch order (`--orders`, each a different
//! seed), printing dev precision, recall and F1 after each epoch, and writes the sum of
//! the orders' weights.
//!
//! With `--cluster-text DIR`, it first learns word clusters from the training text and
//! the `.txt` files in DIR (unlabelled), and writes them to `--clusters`; without it,
//! it reads the clusters from `--clusters`.

/// Prints a line of the training report, carrying on when nobody reads it any more
/// (`| head`): the model is still written.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use clap::Parser;
    use newslens::ner;
    use newslens::train::{self, conll};
    use std::time::Instant;

    /// Train newslens's named-entity model on CoNLL-2003-style data.
    #[derive(Parser)]
    #[command(name = "train-ner")]
    struct Args {
        /// Training data (CoNLL format).
        #[arg(long, required_unless_present = "calibrate")]
        train: Option<std::path::PathBuf>,
        /// Instead of training: fit the confidence of names (isotonic regression on
        /// the compiled model's margins) on --dev, write it here (models/confidence.tsv)
        /// and print its reliability table, on --dev and on each --check set.
        #[arg(long)]
        calibrate: Option<std::path::PathBuf>,
        /// With --calibrate: more dev sets (CoNLL format) to print the reliability of
        /// the fitted confidence on. May be repeated.
        #[arg(long)]
        check: Vec<std::path::PathBuf>,
        /// With --calibrate: more dev sets (CoNLL format) to fit on with --dev, their
        /// names pooled with its. May be repeated.
        #[arg(long)]
        fit_also: Vec<std::path::PathBuf>,
        /// More training data, as NAME=PATH, NAME a corpus of `ner-extra` (gum,
        /// uner-ewt, wnut17, btc, wikigold, redocred), read with its conventions met
        /// (`newslens::train::corpora`). May be repeated.
        #[arg(long)]
        also: Vec<String>,
        /// How many times each epoch sees the --train documents (their weight against
        /// the --also corpora, which are seen once).
        #[arg(long, default_value_t = 1)]
        train_repeat: usize,
        /// Quantised weights of at most this many steps (of 127) from zero are left
        /// out of the model written: a smaller model, and dev F1 as good (see
        /// docs/models.md for the table).
        #[arg(long, default_value_t = 3)]
        prune: i8,
        /// The other weights are rounded to a multiple of this many steps: a model
        /// that gzips smaller (docs/ner-corpora.md has the table).
        #[arg(long, default_value_t = 8)]
        step: i8,
        /// Development data (CoNLL format), scored after each epoch.
        #[arg(long)]
        dev: std::path::PathBuf,
        /// Where to write the model.
        #[arg(long, default_value = "models/ner.bin")]
        out: std::path::PathBuf,
        /// Passes over the training data, per order.
        #[arg(long, default_value_t = 8)]
        epochs: usize,
        /// How many epoch orders to train and add up.
        #[arg(long, default_value_t = 4)]
        orders: usize,
        /// Word clusters: written here when learned, read from here otherwise.
        #[arg(long, default_value = "models/clusters.tsv")]
        clusters: std::path::PathBuf,
        /// A folder of unlabelled .txt articles to learn word clusters from, with the
        /// training text.
        #[arg(long)]
        cluster_text: Option<std::path::PathBuf>,
        /// The seed of the first order in which the epochs visit the sentences (the
        /// next orders take the next seeds).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write the names mined from the training data.
        #[arg(long, default_value = "models/names.tsv")]
        names: std::path::PathBuf,
        /// Train without word clusters (for the ablation table).
        #[arg(long)]
        no_clusters: bool,
        /// Leave a feature group out (for the ablation table): lexical, shape, context,
        /// gazetteer, document, clusters or names. May be repeated.
        #[arg(long)]
        ablate: Vec<String>,
    }

    let args = Args::parse();
    let read = |p: &std::path::Path| {
        std::fs::read_to_string(p).map_err(|e| format!("train-ner: {}: {e}", p.display()))
    };
    if let Some(out) = &args.calibrate {
        return calibrate(out, &args.dev, &args.fit_also, &args.check);
    }
    let train_path = args.train.clone().unwrap_or_default();
    let (train_text, dev_text) = match (read(&train_path), read(&args.dev)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("{e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let t0 = Instant::now();
    let mut train_docs = conll::parse(&train_text);
    for d in &mut train_docs {
        d.repeat = args.train_repeat;
    }
    for also in &args.also {
        let corpus = also
            .split_once('=')
            .and_then(|(name, path)| Some((train::corpora::Corpus::named(name)?, path)));
        let Some((corpus, path)) = corpus else {
            eprintln!("train-ner: --also {also:?}: not NAME=PATH with a known corpus name");
            return std::process::ExitCode::FAILURE;
        };
        let text = match read(std::path::Path::new(path)) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{e}");
                return std::process::ExitCode::FAILURE;
            }
        };
        let mut docs = conll::parse(&text);
        corpus.adapt(&mut docs);
        train_docs.extend(docs);
    }
    let dev_docs = conll::parse(&dev_text);
    let clusters = if args.no_clusters {
        newslens::clusters::Clusters::default()
    } else if let Some(dir) = &args.cluster_text {
        let mut texts: Vec<String> = train_docs.iter().map(|d| d.text.clone()).collect();
        let mut names: Vec<_> = match std::fs::read_dir(dir) {
            Ok(rd) => rd
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect(),
            Err(e) => {
                eprintln!("train-ner: {}: {e}", dir.display());
                return std::process::ExitCode::FAILURE;
            }
        };
        names.sort();
        for p in &names {
            match std::fs::read_to_string(p) {
                Ok(t) => texts.push(t),
                Err(e) => {
                    eprintln!("train-ner: {}: {e}", p.display());
                    return std::process::ExitCode::FAILURE;
                }
            }
        }
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let sentences = conll::words(&refs);
        let c = newslens::clusters::Clusters::learn(&sentences, 3, 64, 512, 12);
        let header = format!(
            "word, coarse (64) and fine (512) cluster; learned by train-ner from {} and {} unlabelled articles in {}",
            train_path.display(),
            names.len(),
            dir.display()
        );
        if let Err(e) = std::fs::write(&args.clusters, c.to_tsv(&header)) {
            eprintln!("train-ner: {}: {e}", args.clusters.display());
            return std::process::ExitCode::FAILURE;
        }
        say!(
            "{} words clustered ({:.1} s)",
            c.len(),
            t0.elapsed().as_secs_f64()
        );
        c
    } else {
        match std::fs::read_to_string(&args.clusters) {
            Ok(t) => newslens::clusters::Clusters::parse(&t),
            Err(e) => {
                eprintln!("train-ner: {}: {e}", args.clusters.display());
                return std::process::ExitCode::FAILURE;
            }
        }
    };
    let mut enabled = ner::groups::ALL;
    for name in &args.ablate {
        let Some((_, g)) = ner::groups::BY_NAME.iter().find(|(n, _)| n == name) else {
            eprintln!("train-ner: no feature group {name:?}");
            return std::process::ExitCode::FAILURE;
        };
        enabled &= !g;
    }
    let examples = conll::examples(&train_docs, &clusters, enabled);
    let names = ner::Names::from_docs(train_docs.iter());
    let names_header = format!(
        "name, types seen (PER 1, ORG 2, LOC 4, MISC 8); the annotated names of {}, written by train-ner",
        train_path.display()
    );
    if let Err(e) = std::fs::write(&args.names, names.to_tsv(&names_header)) {
        eprintln!("train-ner: {}: {e}", args.names.display());
        return std::process::ExitCode::FAILURE;
    }
    let words = ner::Words::new(newslens::lexicon::lexicon(), &clusters);
    let learned = ner::Learned {
        words: &words,
        names: &names,
    };
    let tokens: usize = examples.iter().map(|e| e.tags.len()).sum();
    say!(
        "{} train documents, {} sentences, {tokens} tokens; {} dev documents ({:.1} s)",
        train_docs.len(),
        examples.len(),
        dev_docs.len(),
        t0.elapsed().as_secs_f64()
    );
    // Train once per epoch order (seeds seed, seed+1, ...) and add the weights up: the
    // sum of perceptrons trained in different orders generalises better than any one
    // of them (dev F1 +0.3 over the mean of four), at no cost at run time.
    let mut sum: Option<newslens::tagger::Weights> = None;
    for k in 0..args.orders {
        let seed = args.seed + k as u64;
        let weights = train::ner::train(
            &examples,
            args.epochs,
            seed,
            &mut |epoch, errors, weights| {
                let bytes = newslens::tagger::save(weights, ner::BITS);
                let (q, _) = newslens::tagger::load(&bytes).expect("just saved");
                let (p, r, f) = train::ner::evaluate(&q, learned, enabled, &dev_docs).all;
                say!(
                "order {}/{} epoch {epoch:2}: {errors:6} training errors; dev P {:.2} R {:.2} F1 {:.2} ({:.1} s)",
                k + 1,
                args.orders,
                p * 100.0,
                r * 100.0,
                f * 100.0,
                t0.elapsed().as_secs_f64()
            );
            },
        );
        sum = Some(match sum {
            None => weights,
            Some(mut s) => {
                for (a, b) in s.features.iter_mut().zip(&weights.features) {
                    *a += b;
                }
                for (a, b) in s.transitions.iter_mut().zip(&weights.transitions) {
                    *a += b;
                }
                s
            }
        });
    }
    let Some(sum) = sum else {
        eprintln!("train-ner: --orders must be at least 1");
        return std::process::ExitCode::FAILURE;
    };
    // Score what is saved: the quantised, pruned weights (a sum scales every score
    // alike).
    let bytes = newslens::tagger::save_sparse(&sum, ner::BITS, args.prune, args.step);
    let (q, _) = newslens::tagger::load(&bytes).expect("just saved");
    let scores = train::ner::evaluate(&q, learned, enabled, &dev_docs);
    if let Err(e) = std::fs::write(&args.out, &bytes) {
        eprintln!("train-ner: {}: {e}", args.out.display());
        return std::process::ExitCode::FAILURE;
    }
    for (name, (p, r, f)) in ["PER", "ORG", "LOC", "MISC"].iter().zip(scores.per_type) {
        say!(
            "  {name:4} P {:6.2} R {:6.2} F1 {:6.2}",
            p * 100.0,
            r * 100.0,
            f * 100.0
        );
    }
    say!(
        "wrote {} ({} bytes), {} orders x {} epochs, dev P {:.2} R {:.2} F1 {:.2}",
        args.out.display(),
        bytes.len(),
        args.orders,
        args.epochs,
        scores.all.0 * 100.0,
        scores.all.1 * 100.0,
        scores.all.2 * 100.0
    );
    std::process::ExitCode::SUCCESS
}

/// `--calibrate OUT`: the confidence of names fitted on `dev` and `fit_also` (pooled)
/// with the compiled model, written to `out`, and its reliability on each of them and
/// each of `check`.
#[cfg(not(target_arch = "wasm32"))]
fn calibrate(
    out: &std::path::Path,
    dev: &std::path::Path,
    fit_also: &[std::path::PathBuf],
    check: &[std::path::PathBuf],
) -> std::process::ExitCode {
    use newslens::train::{conll, ner};
    let pairs = |p: &std::path::Path| {
        std::fs::read_to_string(p)
            .map(|t| ner::margins_and_truth(&conll::parse(&t)))
            .map_err(|e| eprintln!("train-ner: {}: {e}", p.display()))
    };
    let mut fitted = Vec::new();
    for p in std::iter::once(dev).chain(fit_also.iter().map(std::path::PathBuf::as_path)) {
        let Ok(set) = pairs(p) else {
            return std::process::ExitCode::FAILURE;
        };
        fitted.push((p, set));
    }
    let fit_on: Vec<(f32, bool)> = fitted.iter().flat_map(|(_, s)| s.iter().copied()).collect();
    let sources: Vec<String> = fitted
        .iter()
        .map(|(p, s)| format!("{} names of {}", s.len(), p.display()))
        .collect();
    let header = format!(
        "The name finder's margin and the probability that a name of that margin is right\n\
         (src/ner/confidence.rs): isotonic regression on {},\n\
         by train-ner --calibrate.",
        sources.join(", "),
    );
    let tsv = ner::fit_confidence(&fit_on).to_tsv(&header);
    // Scored as written.
    let c = newslens::ner::confidence::Calibration::parse(&tsv).expect("the knots just written");
    if let Err(e) = std::fs::write(out, tsv) {
        eprintln!("train-ner: {}: {e}", out.display());
        return std::process::ExitCode::FAILURE;
    }
    say!("wrote {}: {} knots", out.display(), c.knots.len());
    for (p, set) in &fitted {
        say!(
            "\n{} (fitted on)\n\n{}",
            p.display(),
            ner::reliability(&c, set)
        );
    }
    for p in check {
        let Ok(pairs) = pairs(p) else {
            return std::process::ExitCode::FAILURE;
        };
        say!("\n{}\n\n{}", p.display(), ner::reliability(&c, &pairs));
    }
    std::process::ExitCode::SUCCESS
}
