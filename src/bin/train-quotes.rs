//! Trains the attribution tagger: `train-quotes --train DIR --dev DIR`.
//!
//! Reads PolNeAR splits (brat standoff), learns the cue lexicon from the training
//! split (`--cues`), tags every paragraph of the training articles as the product
//! tokenises them, trains an averaged perceptron once per epoch order (`--orders`),
//! printing dev content and attribution F1 after each epoch (counted as the scorer
//! counts them), and writes the sum of the orders' weights (`--out`).
//!
//! `train-quotes --speakers models/speakers.bin --train DIR --dev DIR` trains the
//! speaker ranker instead, on the quotes the compiled tagger and rules find with
//! `--quotes all` (so run it after rebuilding with a new tagger model), and prints its
//! dev accuracy beside that of the speakers the rules and tagger chose; `--keep`
//! trains the keep model likewise, and `--calibrate models/quote_confidence.tsv` fits
//! the quotes' confidence on the dev split, printing its reliability tables.

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
    use newslens::attribution::{self, Cues};
    use newslens::tagger;
    use newslens::train::{self, polnear, quotes as rank};
    use std::time::Instant;

    /// Train newslens's attribution model on PolNeAR.
    #[derive(Parser)]
    #[command(name = "train-quotes")]
    struct Args {
        /// The training split (a folder with text/ and attributions/).
        #[arg(long)]
        train: std::path::PathBuf,
        /// The development split, scored after each epoch.
        #[arg(long)]
        dev: std::path::PathBuf,
        /// Where to write the model.
        #[arg(long, default_value = "models/quotes.bin")]
        out: std::path::PathBuf,
        /// Where to write the learned cue lexicon.
        #[arg(long, default_value = "models/cues.tsv")]
        cues: std::path::PathBuf,
        /// Passes over the training data, per order.
        #[arg(long, default_value_t = 8)]
        epochs: usize,
        /// How many epoch orders to train and add up: 4 for the tagger (the sum of four
        /// scored higher than any one and moves less from seed to seed), 1 for the
        /// ranker (more gave it no better dev accuracy), 4 for the keep model (one
        /// order moved dev ATTRIBUTION by 0.2 from seed to seed).
        #[arg(long)]
        orders: Option<usize>,
        /// Tagger weights of at most this many steps (of 127) from zero are left out
        /// of the model written, and the others rounded to a multiple of `--step`:
        /// a model a third the size, gzipped, scoring about as well on dev (the table is
        /// in docs/ner-corpora.md).
        #[arg(long, default_value_t = 3)]
        prune: i8,
        /// See `--prune`.
        #[arg(long, default_value_t = 8)]
        step: i8,
        /// The seed of the first order.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Train the speaker ranker (not the tagger) and write it here.
        #[arg(long)]
        speakers: Option<std::path::PathBuf>,
        /// Train the model of which reported clauses to keep (not the tagger) and write
        /// it here.
        #[arg(long, conflicts_with = "speakers")]
        keep: Option<std::path::PathBuf>,
        /// Fit the quotes' confidence on the dev split (not the tagger) and write it
        /// here, printing reliability tables: on dev fitted on all of it, on dev with
        /// each half of its articles scored by a fit on the other half, and on train.
        #[arg(long, conflicts_with_all = ["speakers", "keep"])]
        calibrate: Option<std::path::PathBuf>,
    }

    let args = Args::parse();
    let t0 = Instant::now();
    let (train, dev) = match (
        polnear::read_split(&args.train),
        polnear::read_split(&args.dev),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("train-quotes: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    if let Some(out) = &args.calibrate {
        use newslens::train::reliability;
        let by_article = rank::confidence_examples(&dev);
        let all: Vec<_> = by_article.iter().flatten().copied().collect();
        let model = rank::fit_confidence(&all);
        let scored =
            |m: &newslens::quotes::confidence::Model,
             set: &[([f32; newslens::quotes::confidence::FEATURES.len()], bool)]| {
                set.iter()
                    .map(|(x, r)| (m.probability(x), *r))
                    .collect::<Vec<_>>()
            };
        // Each half of the articles scored by a fit on the other half.
        let half = |odd: usize| -> Vec<_> {
            let pick = |k: usize| by_article.iter().skip(k).step_by(2).flatten().copied();
            let fitted = rank::fit_confidence(&pick(1 - odd).collect::<Vec<_>>());
            scored(&fitted, &pick(odd).collect::<Vec<_>>())
        };
        let crossed: Vec<_> = half(0).into_iter().chain(half(1)).collect();
        let train_set: Vec<_> = rank::confidence_examples(&train)
            .into_iter()
            .flatten()
            .collect();
        say!(
            "dev, fitted on all of it:\n\n{}\ndev, each half scored by a fit on the other:\n\n{}\ntrain (where the ranker and keep model learned):\n\n{}",
            reliability(&scored(&model, &all), "quotes"),
            reliability(&crossed, "quotes"),
            reliability(&scored(&model, &train_set), "quotes"),
        );
        let header = format!(
            "The quotes' confidence: a logistic model's weights, fitted by train-quotes --calibrate\non the quotes found in {} ({} quotes, {} of them right).",
            args.dev.display(),
            all.len(),
            all.iter().filter(|x| x.1).count()
        );
        if let Err(e) = std::fs::write(out, model.to_tsv(&header)) {
            eprintln!("train-quotes: {}: {e}", out.display());
            return std::process::ExitCode::FAILURE;
        }
        say!("wrote {}", out.display());
        return std::process::ExitCode::SUCCESS;
    }
    // The speaker ranker and the keep model: rankings learned by one perceptron.
    use newslens::quotes::{keep, speakers};
    type Lists = fn(&[polnear::Doc]) -> Vec<rank::Example>;
    let ranking: Option<(_, u32, usize, &str, Lists)> = match (&args.speakers, &args.keep) {
        (Some(out), _) => Some((out, speakers::BITS, 1, "ranker", rank::speaker_examples)),
        (_, Some(out)) => Some((out, keep::BITS, 4, "keep model", rank::keep_examples)),
        _ => None,
    };
    if let Some((out, bits, orders, name, examples)) = ranking {
        let (tr, dv) = (examples(&train), examples(&dev));
        say!(
            "{} train lists, {} dev lists ({:.1} s)",
            tr.len(),
            dv.len(),
            t0.elapsed().as_secs_f64()
        );
        let mut w = rank::train(&tr, bits, args.epochs, args.seed);
        for o in 1..args.orders.unwrap_or(orders) {
            w.add(&rank::train(&tr, bits, args.epochs, args.seed + o as u64));
        }
        let bytes = tagger::save(&w, bits);
        let (q, _) = tagger::load(&bytes).expect("round trip");
        let (ranked, chosen) = rank::accuracy(&q, &dv);
        let (tr_ranked, _) = rank::accuracy(&q, &tr);
        say!(
            "dev: {name} {ranked:.2}% right, the first candidate {chosen:.2}%; train: {name} {tr_ranked:.2}% ({:.1} s)",
            t0.elapsed().as_secs_f64()
        );
        if let Err(e) = std::fs::write(out, &bytes) {
            eprintln!("train-quotes: {}: {e}", out.display());
            return std::process::ExitCode::FAILURE;
        }
        say!("wrote {} ({} bytes)", out.display(), bytes.len());
        return std::process::ExitCode::SUCCESS;
    }
    let cues = Cues::learn(&train);
    let header = format!(
        "word, times in an annotated cue, times seen; learned by train-quotes from {}",
        args.train.display()
    );
    if let Err(e) = std::fs::write(&args.cues, cues.to_tsv(&header)) {
        eprintln!("train-quotes: {}: {e}", args.cues.display());
        return std::process::ExitCode::FAILURE;
    }
    let examples = train::attribution::examples(&train, &cues);
    let tokens: usize = examples.iter().map(|e| e.tags.len()).sum();
    say!(
        "{} train articles, {} paragraphs, {tokens} tokens, {} cue words; {} dev articles ({:.1} s)",
        train.len(),
        examples.len(),
        cues.len(),
        dev.len(),
        t0.elapsed().as_secs_f64()
    );
    let show = |label: &str, w: &tagger::Weights| {
        let (q, _) = tagger::load(&tagger::save_sparse(
            w,
            attribution::BITS,
            args.prune,
            args.step,
        ))
        .expect("round trip");
        let s = train::attribution::evaluate(&q, &cues, &dev);
        let (cp, cr, cf) = s.prf(s.content);
        let (ap, ar, af) = s.prf(s.attribution);
        say!(
            "{label}: content P {cp:.2} R {cr:.2} F1 {cf:.2}; attribution P {ap:.2} R {ar:.2} F1 {af:.2} ({} predicted, {} gold) {:.1} s",
            s.predicted,
            s.gold,
            t0.elapsed().as_secs_f64()
        );
    };
    let mut sum: Option<tagger::Weights> = None;
    for o in 0..args.orders.unwrap_or(4) {
        let w = tagger::train(
            1 << attribution::BITS,
            attribution::TAGS.len(),
            &attribution::allowed,
            &examples,
            args.epochs,
            args.seed + o as u64,
            &mut |e, errors, w| {
                if e == args.epochs || e % 4 == 0 {
                    show(&format!("order {} epoch {e} ({errors} errors)", o + 1), w);
                }
            },
        );
        sum = Some(match sum {
            None => w,
            Some(mut s) => {
                s.add(&w);
                s
            }
        });
    }
    let Some(w) = sum else {
        eprintln!("train-quotes: --orders must be at least 1");
        return std::process::ExitCode::FAILURE;
    };
    let bytes = tagger::save_sparse(&w, attribution::BITS, args.prune, args.step);
    if let Err(e) = std::fs::write(&args.out, &bytes) {
        eprintln!("train-quotes: {}: {e}", args.out.display());
        return std::process::ExitCode::FAILURE;
    }
    show("final", &w);
    say!("wrote {} ({} bytes)", args.out.display(), bytes.len());
    std::process::ExitCode::SUCCESS
}
