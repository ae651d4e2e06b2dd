//! A reusable sequence-labelling engine: hashed features → weights → Viterbi.
//!
//! A task (named entities today, quote roles later) turns each token into a list of
//! feature ids ([`FeatureHasher`]) and names its tags; the engine scores every tag of
//! every token as the sum of its features' weights plus a tag-to-tag transition weight,
//! and decodes the best sequence with Viterbi, never leaving the tag pairs the task
//! allows. [`Trainer`] learns the weights with an averaged structured perceptron.
//!
//! Feature hashing keeps the model a flat table of `buckets × tags` weights with no
//! string table; weights are stored as `i8` with one scale, so the model compiles into
//! the binary and loads by copying bytes.

/// Builds feature ids from a template number and a value already reduced to 64 bits
/// (a word's hash computed once per token, or small numbers packed together):
/// deterministic on every platform.
#[derive(Clone, Copy, Debug)]
pub struct FeatureHasher {
    bits: u32,
}

impl FeatureHasher {
    /// A hasher into `2^bits` buckets.
    pub const fn new(bits: u32) -> Self {
        FeatureHasher { bits }
    }

    /// The number of buckets.
    pub const fn buckets(self) -> usize {
        1 << self.bits
    }

    /// The id of feature `template` with value `value`: a few multiplications, no pass
    /// over bytes.
    pub fn id_of(self, template: u8, value: u64) -> u32 {
        let x = (value ^ u64::from(template).wrapping_mul(0xd6e8_feb8_6659_fd93))
            .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let x = (x ^ (x >> 32)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        (x >> (64 - self.bits)) as u32
    }
}

/// Two feature values as one (order matters): two words' hashes, or a hash and a flag.
pub fn mix(a: u64, b: u64) -> u64 {
    (a.rotate_left(23) ^ b).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The features of a sentence's tokens, in one flat buffer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Feats {
    ids: Vec<u32>,
    ends: Vec<usize>,
}

impl Feats {
    /// Room for `tokens` tokens of about `per_token` features each.
    pub fn with_capacity(tokens: usize, per_token: usize) -> Self {
        Feats {
            ids: Vec::with_capacity(tokens * per_token),
            ends: Vec::with_capacity(tokens),
        }
    }

    /// Empties the buffer for a new sentence of about `tokens` tokens of `per_token`
    /// features each, keeping its memory.
    pub fn reset(&mut self, tokens: usize, per_token: usize) {
        self.ids.clear();
        self.ends.clear();
        self.ids.reserve(tokens * per_token);
        self.ends.reserve(tokens);
    }

    /// Adds a feature to the token being built.
    pub fn push(&mut self, id: u32) {
        self.ids.push(id);
    }

    /// Ends the token being built; the next `push` starts the next token.
    pub fn end_token(&mut self) {
        self.ends.push(self.ids.len());
    }

    /// How many tokens.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The features of token `i`.
    pub fn token(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.ids[start..self.ends[i]]
    }
}

impl From<Vec<Vec<u32>>> for Feats {
    fn from(tokens: Vec<Vec<u32>>) -> Self {
        let mut f = Feats::default();
        for t in tokens {
            f.ids.extend(t);
            f.end_token();
        }
        f
    }
}

/// Learned weights: one row of `tags` weights per feature bucket, plus transitions.
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    /// How many tags.
    pub tags: usize,
    /// `buckets × tags` feature weights, row by bucket (empty in a loaded model, which
    /// keeps them quantised).
    pub features: Vec<f32>,
    /// `(tags + 1) × tags` transition weights; row `tags` is the sentence start.
    pub transitions: Vec<f32>,
    /// A loaded model's feature weights as stored, `i8` times one scale: a quarter of
    /// the memory, so the rows a sentence touches stay in cache.
    pub quantised: Option<(Vec<i8>, f32)>,
}

impl Weights {
    /// All-zero weights.
    pub fn zeros(buckets: usize, tags: usize) -> Self {
        Weights {
            tags,
            features: vec![0.0; buckets * tags],
            transitions: vec![0.0; (tags + 1) * tags],
            quantised: None,
        }
    }

    /// Adds `other`'s weights to these (models trained on several epoch orders are
    /// summed).
    ///
    /// # Panics
    /// If the two have different numbers of buckets or tags.
    pub fn add(&mut self, other: &Weights) {
        assert_eq!(
            self.features.len(),
            other.features.len(),
            "same buckets and tags"
        );
        for (a, b) in self.features.iter_mut().zip(&other.features) {
            *a += b;
        }
        for (a, b) in self.transitions.iter_mut().zip(&other.transitions) {
            *a += b;
        }
    }

    /// The score of `feats` under one-tag weights (a ranker's: one weight a feature).
    pub fn score(&self, feats: &[u32]) -> f32 {
        // As [`Weights::emission`] adds one row of one weight (the general loop was most
        // of the cost of ranking a line of short quotes).
        if self.tags != 1 {
            return 0.0;
        }
        match &self.quantised {
            Some((q, scale)) => {
                feats.iter().map(|&f| i32::from(q[f as usize])).sum::<i32>() as f32 * scale
            }
            None => feats
                .iter()
                .fold(0.0, |s, &f| s + self.features[f as usize]),
        }
    }

    /// Adds the weights of `feats` into `scores` (one slot per tag).
    fn emission(&self, feats: &[u32], scores: &mut [f32]) {
        if let Some((q, scale)) = &self.quantised {
            // The models' row widths (names 9, attributions 7), fixed so the compiler
            // unrolls them.
            match self.tags {
                9 => return Self::emission_fixed::<9>(q, *scale, feats, scores),
                7 => return Self::emission_fixed::<7>(q, *scale, feats, scores),
                _ => {}
            }
            let mut acc = [0i32; 32];
            let acc = &mut acc[..self.tags.min(32)];
            for &f in feats {
                let row = &q[f as usize * self.tags..(f as usize + 1) * self.tags];
                for (a, w) in acc.iter_mut().zip(row) {
                    *a += i32::from(*w);
                }
            }
            for (s, a) in scores.iter_mut().zip(acc.iter()) {
                *s = *a as f32 * scale;
            }
            return;
        }
        scores.fill(0.0);
        for &f in feats {
            let row = &self.features[f as usize * self.tags..(f as usize + 1) * self.tags];
            for (s, w) in scores.iter_mut().zip(row) {
                *s += *w;
            }
        }
    }

    /// [`Weights::emission`] for quantised rows of exactly `N` tags.
    fn emission_fixed<const N: usize>(q: &[i8], scale: f32, feats: &[u32], scores: &mut [f32]) {
        // Up to 255 weights of at most 128 in size add up within an `i16`, and half-width
        // sums take half the vector work.
        if feats.len() <= 255 {
            let acc = sum_rows::<i16, N>(q, feats);
            for (s, a) in scores.iter_mut().zip(acc) {
                *s = f32::from(a) * scale;
            }
        } else {
            let acc = sum_rows::<i32, N>(q, feats);
            for (s, a) in scores.iter_mut().zip(acc) {
                *s = a as f32 * scale;
            }
        }
    }

    /// The best tag sequence for a sentence whose tokens have features `feats`, among
    /// those where every pair `(prev, tag)` satisfies `allowed` (`prev == None` at the
    /// start, `tag == None` at the end). A [`Decoder`] does the same for many sentences
    /// without building its tables again.
    pub fn viterbi(
        &self,
        feats: &Feats,
        allowed: impl Fn(Option<usize>, Option<usize>) -> bool,
    ) -> Vec<usize> {
        Decoder::new(self, allowed).decode(feats).to_vec()
    }
}

/// Viterbi decoding with one model under one constraint, sentence after sentence: the
/// constrained transitions are built once and the score tables reused (building them
/// for every sentence cost about 1.5% of the whole analysis).
pub struct Decoder<'w> {
    weights: &'w Weights,
    /// Transitions with the constraint folded in (a pair not allowed costs −∞), by
    /// row: `from[prev * (t + 1) + tag]`, where `prev == t` is the sentence start and
    /// `tag == t` its end.
    from: Vec<f32>,
    /// The best score of each tag at each token, token by token.
    score: Vec<f32>,
    /// Each token's emission scores, token by token.
    emit: Vec<f32>,
    /// The best score from each tag at each token to the sentence's end, its emission
    /// left out (filled by [`Decoder::margins`]).
    back: Vec<f32>,
    /// The last sentence's tags.
    tags: Vec<usize>,
    /// The margins last asked for, by token.
    margins: Vec<f32>,
    /// One step of the backward pass: each next tag's emission and best score on.
    next: Vec<f32>,
    /// One token's emissions.
    one: Vec<f32>,
}

impl<'w> Decoder<'w> {
    /// A decoder for `weights` where every pair `(prev, tag)` satisfies `allowed`
    /// (`prev == None` at the start, `tag == None` at the end).
    pub fn new(
        weights: &'w Weights,
        allowed: impl Fn(Option<usize>, Option<usize>) -> bool,
    ) -> Self {
        let t = weights.tags;
        let mut from = vec![f32::NEG_INFINITY; (t + 1) * (t + 1)];
        for p in 0..=t {
            for q in 0..=t {
                if allowed((p < t).then_some(p), (q < t).then_some(q)) {
                    from[p * (t + 1) + q] = if q < t {
                        weights.transitions[p * t + q]
                    } else {
                        0.0
                    };
                }
            }
        }
        Decoder {
            weights,
            from,
            score: Vec::new(),
            emit: Vec::new(),
            back: Vec::new(),
            tags: Vec::new(),
            margins: Vec::new(),
            next: Vec::new(),
            one: Vec::new(),
        }
    }

    /// Makes room for sentences of up to `tokens` tokens, so that decoding them (and
    /// their margins) allocates nothing more.
    pub fn reserve(&mut self, tokens: usize) {
        let t = self.weights.tags;
        for table in [&mut self.score, &mut self.emit, &mut self.back] {
            table.reserve(tokens * t);
        }
        self.tags.reserve(tokens);
        self.margins.reserve(tokens);
    }

    /// The best allowed tag sequence for a sentence whose tokens have features
    /// `feats`.
    pub fn decode(&mut self, feats: &Feats) -> &[usize] {
        let n = feats.len();
        let w = self.weights;
        let t = w.tags;
        let from = &self.from;
        self.tags.clear();
        if n == 0 {
            return &self.tags;
        }
        // Forward, best scores only (a running maximum over the previous tags, which
        // the compiler turns into vector maxima); the backward pass below finds the
        // previous tag that gave each chosen maximum.
        let score = &mut self.score;
        score.clear();
        score.resize(n * t, f32::NEG_INFINITY);
        // Each token's emissions are written over whatever the buffer held.
        let emits = &mut self.emit;
        if emits.len() < n * t {
            emits.resize(n * t, 0.0);
        }
        // One token's emissions are made in a small buffer of their own and copied
        // into the sentence's (made in place there, the forward pass ran 1% slower).
        let emit = &mut self.one;
        emit.resize(t, 0.0);
        w.emission(feats.token(0), emit);
        emits[..t].copy_from_slice(emit);
        for tag in 0..t {
            score[tag] = emit[tag] + from[t * (t + 1) + tag];
        }
        for i in 1..n {
            w.emission(feats.token(i), emit);
            emits[i * t..(i + 1) * t].copy_from_slice(emit);
            let emit = &*emit;
            let (done, now) = score.split_at_mut(i * t);
            let before = &done[(i - 1) * t..];
            let now = &mut now[..t];
            // The models' widths, fixed so the compiler unrolls them.
            match t {
                9 => best_into::<9>(before, from, emit, now),
                7 => best_into::<7>(before, from, emit, now),
                _ => best_into_any(before, from, emit, now),
            }
        }
        let last = (n - 1) * t;
        let mut tag = (0..t)
            .filter(|&k| {
                from[k * (t + 1) + t] > f32::NEG_INFINITY && score[last + k] > f32::NEG_INFINITY
            })
            .max_by(|a, b| score[last + a].total_cmp(&score[last + b]))
            .unwrap_or(0);
        self.tags.resize(n, 0);
        let out = &mut self.tags;
        out[n - 1] = tag;
        for i in (1..n).rev() {
            // The first previous tag with the highest score into `tag`: the one the
            // forward pass's maximum came from.
            let before = &score[(i - 1) * t..i * t];
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for (prev, b) in before.iter().enumerate() {
                let s = b + from[prev * (t + 1) + tag];
                if s > best {
                    best = s;
                    arg = prev;
                }
            }
            tag = arg;
            out[i - 1] = tag;
        }
        out
    }

    /// How sure the last [`Decoder::decode`] was of the tags of `tokens`: for each,
    /// the best sequence's score less the best score of an allowed sequence with
    /// another tag there (max-marginals: the forward scores of `decode` and a backward
    /// pass). The backward pass starts `ahead` tokens past `tokens` (exact when that
    /// reaches the sentence's end; else what lies beyond is taken as equal for every
    /// tag), so a name's margin costs its own words and `ahead` more, not the
    /// sentence. 0 where two readings tie; large (not infinite) where no other tag is
    /// allowed.
    pub fn margins(&mut self, tokens: std::ops::Range<usize>, ahead: usize) -> &[f32] {
        let t = self.weights.tags;
        let n = self.tags.len();
        let from = &self.from;
        self.margins.clear();
        let (start, end) = (tokens.start.min(n), tokens.end.min(n));
        if start >= end {
            return &self.margins;
        }
        let last = end.saturating_add(ahead).min(n);
        let back = &mut self.back;
        back.clear();
        back.resize((last - start) * t, 0.0);
        if last == n {
            for (k, b) in back[(last - 1 - start) * t..].iter_mut().enumerate() {
                *b = from[k * (t + 1) + t];
            }
        }
        let next = &mut self.next;
        next.clear();
        next.resize(t, 0.0);
        for i in (start..last - 1).rev() {
            let (now, after) = back.split_at_mut((i + 1 - start) * t);
            // What each next tag brings: its emission and the best from it on.
            for ((a, e), b) in next
                .iter_mut()
                .zip(&self.emit[(i + 1) * t..(i + 2) * t])
                .zip(&after[..t])
            {
                *a = e + b;
            }
            let now = &mut now[(i - start) * t..];
            match t {
                9 => best_from::<9>(from, next, now),
                7 => best_from::<7>(from, next, now),
                _ => {
                    for (k, b) in now.iter_mut().enumerate() {
                        let row = &from[k * (t + 1)..k * (t + 1) + t];
                        *b = row
                            .iter()
                            .zip(next.iter())
                            .fold(f32::NEG_INFINITY, |m, (w, a)| m.max(w + a));
                    }
                }
            }
        }
        for i in start..end {
            let chosen = self.tags[i];
            let through = |k: usize| self.score[i * t + k] + back[(i - start) * t + k];
            let other = (0..t)
                .filter(|&k| k != chosen)
                .map(through)
                .fold(f32::NEG_INFINITY, f32::max);
            self.margins
                .push((through(chosen) - other).clamp(0.0, MARGIN_CAP));
        }
        &self.margins
    }
}

/// One step of the backward pass for exactly `N` tags: `now[tag]` = the best of
/// `from[tag * (N + 1) + next] + ahead[next]` over the next tags.
fn best_from<const N: usize>(from: &[f32], ahead: &[f32], now: &mut [f32]) {
    let ahead: &[f32; N] = ahead.try_into().expect("N scores");
    let now: &mut [f32; N] = now.try_into().expect("N scores");
    for (tag, b) in now.iter_mut().enumerate() {
        let at = tag * (N + 1);
        let row: &[f32; N] = from[at..at + N].try_into().expect("N weights");
        let mut best = f32::NEG_INFINITY;
        for (w, a) in row.iter().zip(ahead) {
            let s = w + a;
            if s > best {
                best = s;
            }
        }
        *b = best;
    }
}

/// The largest margin [`Decoder::margins`] gives (where no other tag is allowed).
pub const MARGIN_CAP: f32 = 1000.0;

/// The sums of the quantised rows `feats` of `N` weights each, in `A`.
fn sum_rows<A, const N: usize>(q: &[i8], feats: &[u32]) -> [A; N]
where
    A: Copy + Default + std::ops::AddAssign + From<i8>,
{
    let mut acc = [A::default(); N];
    for &f in feats {
        let at = f as usize * N;
        let row: &[i8; N] = q[at..at + N].try_into().expect("a row has N weights");
        for (a, w) in acc.iter_mut().zip(row) {
            *a += A::from(*w);
        }
    }
    acc
}

/// One step of the forward pass: `now[tag]` = the best of `before[prev] +
/// from[prev * (t + 1) + tag]` over the previous tags, plus `emit[tag]`.
fn best_into_any(before: &[f32], from: &[f32], emit: &[f32], now: &mut [f32]) {
    let t = before.len();
    now.fill(f32::NEG_INFINITY);
    for (prev, b) in before.iter().enumerate() {
        let row = &from[prev * (t + 1)..prev * (t + 1) + t];
        for (acc, w) in now.iter_mut().zip(row) {
            let s = b + w;
            if s > *acc {
                *acc = s;
            }
        }
    }
    for (acc, e) in now.iter_mut().zip(emit) {
        *acc += e;
    }
}

/// [`best_into_any`] for exactly `N` tags, which the compiler unrolls. Written out on
/// arrays: calling [`best_into_any`] with them instead cost 3.4% more instructions for
/// the whole analysis (415 M → 429 M a pass over CoNLL-2003 dev).
fn best_into<const N: usize>(before: &[f32], from: &[f32], emit: &[f32], now: &mut [f32]) {
    let before: &[f32; N] = before.try_into().expect("N scores");
    let emit: &[f32; N] = emit.try_into().expect("N emissions");
    let now: &mut [f32; N] = now.try_into().expect("N scores");
    let mut acc = [f32::NEG_INFINITY; N];
    for (prev, b) in before.iter().enumerate() {
        let at = prev * (N + 1);
        let row: &[f32; N] = from[at..at + N].try_into().expect("N weights");
        for (a, w) in acc.iter_mut().zip(row) {
            let s = b + w;
            if s > *a {
                *a = s;
            }
        }
    }
    for ((s, a), e) in now.iter_mut().zip(acc).zip(emit) {
        *s = a + e;
    }
}

/// One training sentence: each token's features and gold tag.
#[derive(Clone, Debug)]
pub struct Example {
    /// Feature ids per token.
    pub feats: Feats,
    /// Gold tag per token.
    pub tags: Vec<usize>,
    /// Tags the annotation did not mark (a bit per tag): where the model predicts a run
    /// of them over tokens all gold tag 0 (outside), the run counts as right, so that
    /// a corpus that leaves a type unannotated does not teach that its names are
    /// outside. 0 for a fully annotated sentence.
    pub unmarked: u64,
}

/// Trains `epochs` epochs of an averaged perceptron over `buckets × tags` weights,
/// each epoch visiting the examples in a new order drawn from `seed` (the same on every
/// run), and returns the averaged weights; `report(epoch, errors, weights)` after each.
pub fn train(
    buckets: usize,
    tags: usize,
    allowed: &dyn Fn(Option<usize>, Option<usize>) -> bool,
    examples: &[Example],
    epochs: usize,
    seed: u64,
    report: &mut dyn FnMut(usize, usize, &Weights),
) -> Weights {
    let mut trainer = Trainer::new(buckets, tags);
    let mut best = None;
    let mut order: Vec<Example> = examples.to_vec();
    let mut shuffle = Shuffle::new(seed);
    for e in 1..=epochs {
        shuffle.shuffle(&mut order);
        let errors = trainer.epoch(&order, allowed);
        let w = trainer.averaged();
        report(e, errors, &w);
        best = Some(w);
    }
    best.unwrap_or_else(|| Weights::zeros(buckets, tags))
}

/// `gold` with each run of `guess` in the `unmarked` tags that lies wholly on gold tag
/// 0 taken as gold; `None` when there is none (or nothing is unmarked).
fn accept_unmarked(gold: &[usize], guess: &[usize], unmarked: u64) -> Option<Vec<usize>> {
    if unmarked == 0 {
        return None;
    }
    let free = |t: usize| unmarked >> t & 1 == 1;
    let mut out: Option<Vec<usize>> = None;
    let mut i = 0;
    while i < guess.len() {
        if !free(guess[i]) {
            i += 1;
            continue;
        }
        let end = (i..guess.len())
            .find(|&j| !free(guess[j]))
            .unwrap_or(guess.len());
        if gold[i..end].iter().all(|&g| g == 0) {
            out.get_or_insert_with(|| gold.to_vec())[i..end].copy_from_slice(&guess[i..end]);
        }
        i = end;
    }
    out
}

/// Epoch orders for training: a xorshift shuffle from a seed, the same on every run
/// and platform.
pub struct Shuffle(u64);

impl Shuffle {
    /// Orders drawn from `seed`.
    pub fn new(seed: u64) -> Self {
        Shuffle(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    /// Puts `items` in the next order.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            items.swap(i, (self.0 % (i as u64 + 1)) as usize);
        }
    }
}

/// Averaged structured perceptron, one epoch at a time, so a caller can score a dev set
/// between epochs. Deterministic: the order of examples is the caller's.
pub struct Trainer {
    weights: Weights,
    /// Sum over updates of `step × change`, for averaging.
    totals: Weights,
    step: f32,
}

impl Trainer {
    /// A trainer for `tags` tags over `buckets` feature buckets.
    pub fn new(buckets: usize, tags: usize) -> Self {
        Trainer {
            weights: Weights::zeros(buckets, tags),
            totals: Weights::zeros(buckets, tags),
            step: 1.0,
        }
    }

    /// One pass over `examples`; returns how many tokens were mistagged.
    pub fn epoch(
        &mut self,
        examples: &[Example],
        allowed: &dyn Fn(Option<usize>, Option<usize>) -> bool,
    ) -> usize {
        let t = self.weights.tags;
        let mut errors = 0;
        for ex in examples {
            let guess = self.weights.viterbi(&ex.feats, allowed);
            let gold = accept_unmarked(&ex.tags, &guess, ex.unmarked);
            let gold = gold.as_deref().unwrap_or(&ex.tags);
            if guess != gold {
                for i in 0..gold.len() {
                    let (g, p) = (gold[i], guess[i]);
                    if g != p {
                        errors += 1;
                        for &f in ex.feats.token(i) {
                            self.update_feature(f as usize * t + g, 1.0);
                            self.update_feature(f as usize * t + p, -1.0);
                        }
                    }
                    let gp = if i == 0 { t } else { gold[i - 1] };
                    let pp = if i == 0 { t } else { guess[i - 1] };
                    if (gp, g) != (pp, p) {
                        self.update_transition(gp * t + g, 1.0);
                        self.update_transition(pp * t + p, -1.0);
                    }
                }
            }
            self.step += 1.0;
        }
        errors
    }

    fn update_feature(&mut self, i: usize, d: f32) {
        self.weights.features[i] += d;
        self.totals.features[i] += self.step * d;
    }

    fn update_transition(&mut self, i: usize, d: f32) {
        self.weights.transitions[i] += d;
        self.totals.transitions[i] += self.step * d;
    }

    /// The averaged weights so far.
    pub fn averaged(&self) -> Weights {
        let avg = |w: &[f32], u: &[f32]| -> Vec<f32> {
            w.iter().zip(u).map(|(w, u)| w - u / self.step).collect()
        };
        Weights {
            tags: self.weights.tags,
            features: avg(&self.weights.features, &self.totals.features),
            transitions: avg(&self.weights.transitions, &self.totals.transitions),
            quantised: None,
        }
    }
}

const MAGIC: &[u8; 8] = b"NLTAG01\n";
const MAGIC_SPARSE: &[u8; 8] = b"NLTAG02\n";

/// Serialises weights compactly: feature weights quantised to `i8` with one scale,
/// transitions as `f32`. Layout (little-endian): magic, `u32` bits, `u32` tags,
/// `f32` scale, the `i8` weights, the `f32` transitions.
///
/// # Panics
/// If `weights` is a loaded (quantised) model: save the weights a trainer made.
pub fn save(weights: &Weights, bits: u32) -> Vec<u8> {
    let (scale, quantised) = quantise(weights);
    let mut out = Vec::with_capacity(weights.features.len() + 64);
    out.extend_from_slice(MAGIC);
    header(&mut out, bits, weights.tags, scale);
    #[allow(clippy::cast_sign_loss)] // i8 stored as its two's-complement byte
    out.extend(quantised.iter().map(|&q| q as u8));
    for w in &weights.transitions {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out
}

/// Serialises weights as [`save`] does, less what matters least: each quantised
/// weight of at most `prune` steps from zero is zero, the others are rounded to a
/// multiple of `step` steps (1 keeps them; 8 leaves 33 values, which gzip stores in
/// about half the bits), and only the buckets with a weight left are written. Layout: magic `NLTAG02`, `u32` bits, `u32` tags, `f32`
/// scale, a bitmap of the buckets written (bucket b is bit b % 8 of byte b / 8), their
/// `i8` weights, `tags` a bucket, the `f32` transitions. [`load`] reads both forms.
///
/// # Panics
/// If `weights` is a loaded (quantised) model: save the weights a trainer made.
pub fn save_sparse(weights: &Weights, bits: u32, prune: i8, step: i8) -> Vec<u8> {
    let (scale, mut quantised) = quantise(weights);
    let step = f32::from(step.max(1));
    for q in &mut quantised {
        *q = if q.unsigned_abs() <= prune.unsigned_abs() {
            0
        } else {
            ((f32::from(*q) / step).round() * step).clamp(-127.0, 127.0) as i8
        };
    }
    let tags = weights.tags;
    let mut bitmap = vec![0u8; (1usize << bits).div_ceil(8)];
    let mut rows = Vec::new();
    for (b, row) in quantised.chunks_exact(tags).enumerate() {
        if row.iter().any(|&q| q != 0) {
            bitmap[b / 8] |= 1 << (b % 8);
            #[allow(clippy::cast_sign_loss)] // i8 stored as its two's-complement byte
            rows.extend(row.iter().map(|&q| q as u8));
        }
    }
    let mut out = Vec::with_capacity(bitmap.len() + rows.len() + 64);
    out.extend_from_slice(MAGIC_SPARSE);
    header(&mut out, bits, tags, scale);
    out.extend_from_slice(&bitmap);
    out.extend_from_slice(&rows);
    for w in &weights.transitions {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out
}

/// The feature weights as `i8` steps of one scale (the largest weight is 127 steps).
fn quantise(weights: &Weights) -> (f32, Vec<i8>) {
    assert!(
        weights.quantised.is_none(),
        "save() takes trained weights, not a loaded model"
    );
    let max = weights.features.iter().fold(0.0f32, |m, w| m.max(w.abs()));
    let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
    let q = weights
        .features
        .iter()
        .map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8)
        .collect();
    (scale, q)
}

fn header(out: &mut Vec<u8>, bits: u32, tags: usize, scale: f32) {
    out.extend_from_slice(&bits.to_le_bytes());
    out.extend_from_slice(&(tags as u32).to_le_bytes());
    out.extend_from_slice(&scale.to_le_bytes());
}

/// Reads weights written by [`save`]; `None` if the bytes are not such a model.
pub fn load(bytes: &[u8]) -> Option<(Weights, u32)> {
    let (rest, sparse) = match bytes.strip_prefix(MAGIC) {
        Some(rest) => (rest, false),
        None => (bytes.strip_prefix(MAGIC_SPARSE)?, true),
    };
    let u32_at = |i: usize| {
        rest.get(i..i + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let bits = u32_at(0)?;
    let tags = u32_at(4)? as usize;
    let scale = f32::from_bits(u32_at(8)?);
    if tags > 32 || bits > 28 {
        return None;
    }
    let n = (1usize << bits) * tags;
    // The weights are stored as their two's-complement bytes.
    let signed = |b: &u8| *b as i8;
    let (feats, trans): (Vec<i8>, &[u8]) = if sparse {
        let bitmap = rest.get(12..12 + (1usize << bits).div_ceil(8))?;
        let mut rows = rest.get(12 + bitmap.len()..)?;
        let mut feats = vec![0i8; n];
        for (b, row) in feats.chunks_exact_mut(tags).enumerate() {
            if bitmap[b / 8] >> (b % 8) & 1 == 1 {
                for (w, byte) in row.iter_mut().zip(rows.get(..tags)?) {
                    *w = signed(byte);
                }
                rows = &rows[tags..];
            }
        }
        (feats, rows)
    } else {
        let feats = rest.get(12..12 + n)?;
        (feats.iter().map(signed).collect(), rest.get(12 + n..)?)
    };
    if trans.len() != (tags + 1) * tags * 4 {
        return None;
    }
    Some((
        Weights {
            tags,
            features: Vec::new(),
            transitions: trans
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect(),
            quantised: Some((feats, scale)),
        },
        bits,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy task: tag 1 for tokens with feature "x", 0 otherwise; tag 1 may not
    /// follow tag 1.
    fn toy() -> (Vec<Example>, impl Fn(Option<usize>, Option<usize>) -> bool) {
        let h = FeatureHasher::new(8);
        let x = h.id_of(0, 1);
        let y = h.id_of(0, 2);
        let ex = |s: &str| Example {
            feats: s
                .chars()
                .map(|c| vec![if c == 'x' { x } else { y }])
                .collect::<Vec<_>>()
                .into(),
            tags: s.chars().map(|c| usize::from(c == 'x')).collect(),
            unmarked: 0,
        };
        let examples = vec![ex("xyx"), ex("yyxy"), ex("x"), ex("yxyyx")];
        (examples, |p: Option<usize>, t: Option<usize>| {
            !(p == Some(1) && t == Some(1))
        })
    }

    /// The margins equal those found by scoring every allowed sequence.
    #[test]
    fn margins_are_the_best_score_less_the_best_with_another_tag() {
        let (examples, allowed) = toy();
        let mut tr = Trainer::new(256, 2);
        tr.epoch(&examples, &allowed);
        let w = tr.averaged();
        let mut dec = Decoder::new(&w, &allowed);
        for ex in &examples {
            let best = dec.decode(&ex.feats).to_vec();
            let n = best.len();
            let margins = dec.margins(0..n, 0).to_vec();
            let t = w.tags;
            let score = |seq: &[usize]| -> f32 {
                let mut emit = vec![0.0; t];
                let mut s = 0.0;
                let mut prev = t;
                for (i, &tag) in seq.iter().enumerate() {
                    w.emission(ex.feats.token(i), &mut emit);
                    s += emit[tag] + dec.from[prev * (t + 1) + tag];
                    prev = tag;
                }
                s + dec.from[prev * (t + 1) + t]
            };
            let all: Vec<Vec<usize>> = (0..t.pow(n as u32))
                .map(|mut code| {
                    (0..n)
                        .map(|_| {
                            let tag = code % t;
                            code /= t;
                            tag
                        })
                        .collect()
                })
                .collect();
            let top = score(&best);
            for i in 0..n {
                let other = all
                    .iter()
                    .filter(|seq| seq[i] != best[i])
                    .map(|seq| score(seq))
                    .fold(f32::NEG_INFINITY, f32::max);
                let want = (top - other).clamp(0.0, MARGIN_CAP);
                assert!(
                    (margins[i] - want).abs() < 1e-3,
                    "{:?} token {i}: {} against {want}",
                    ex.tags,
                    margins[i]
                );
            }
        }
    }

    #[test]
    fn learns_a_toy_task_and_respects_constraints() {
        let (examples, allowed) = toy();
        let mut tr = Trainer::new(256, 2);
        for _ in 0..5 {
            tr.epoch(&examples, &allowed);
        }
        let w = tr.averaged();
        for ex in &examples {
            assert_eq!(w.viterbi(&ex.feats, &allowed), ex.tags);
        }
        // "xx" would tag 1, 1, which the constraint forbids.
        let one = examples[2].feats.token(0).to_vec();
        let xx = Feats::from(vec![one.clone(), one]);
        let tags = w.viterbi(&xx, &allowed);
        assert!(tags != [1, 1]);
    }

    /// Viterbi finds the best allowed sequence: checked against every sequence, for
    /// random weights and features, at the models' widths (7 and 9 tags, unrolled) and
    /// another (3), under BIO's constraint (an odd tag only after itself or the tag
    /// before it, as I-X after B-X or I-X) and at quantised weights too.
    #[test]
    fn viterbi_finds_the_best_allowed_sequence() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let allowed = |p: Option<usize>, t: Option<usize>| match t {
            Some(t) if t > 0 && t % 2 == 0 => p.is_some_and(|p| p == t || p + 1 == t),
            _ => true,
        };
        for tags in [3, 7, 9] {
            for _ in 0..40 {
                let mut w = Weights::zeros(16, tags);
                for x in w.features.iter_mut().chain(w.transitions.iter_mut()) {
                    *x = (next() % 2001) as f32 / 100.0 - 10.0;
                }
                let n = 1 + (next() % 4) as usize;
                let feats: Feats = (0..n)
                    .map(|_| (0..3).map(|_| (next() % 16) as u32).collect::<Vec<_>>())
                    .collect::<Vec<_>>()
                    .into();
                // The best score over every allowed sequence, and the score of `seq`,
                // under the weights `weight(feature, tag)` and `w`'s transitions.
                let check = |w: &Weights, weight: &dyn Fn(usize, usize) -> f32| {
                    let score = |seq: &[usize]| -> f32 {
                        let mut s = 0.0;
                        for (i, &tag) in seq.iter().enumerate() {
                            let prev = if i == 0 { tags } else { seq[i - 1] };
                            s += w.transitions[prev * tags + tag];
                            for &f in feats.token(i) {
                                s += weight(f as usize, tag);
                            }
                        }
                        s
                    };
                    let mut best = f32::NEG_INFINITY;
                    for code in 0..tags.pow(n as u32) {
                        let seq: Vec<usize> =
                            (0..n).map(|i| code / tags.pow(i as u32) % tags).collect();
                        let ok = (0..=n).all(|i| {
                            allowed(i.checked_sub(1).map(|k| seq[k]), seq.get(i).copied())
                        });
                        if ok {
                            best = best.max(score(&seq));
                        }
                    }
                    let got = w.viterbi(&feats, allowed);
                    assert!((score(&got) - best).abs() < 1e-3, "{tags} tags: {got:?}");
                };
                check(&w, &|f, tag| w.features[f * tags + tag]);
                // The same through the quantised weights a loaded model uses.
                let (q, _) = load(&save(&w, 4)).expect("loads");
                let (qw, scale) = q.quantised.clone().expect("quantised");
                check(&q, &|f, tag| f32::from(qw[f * tags + tag]) * scale);
            }
        }
    }

    #[test]
    fn training_is_deterministic_and_the_model_round_trips() {
        let (examples, allowed) = toy();
        let run = || {
            let mut tr = Trainer::new(256, 2);
            tr.epoch(&examples, &allowed);
            tr.averaged()
        };
        let (a, b) = (run(), run());
        assert_eq!(a, b);
        let bytes = save(&a, 8);
        let (back, bits) = load(&bytes).expect("loads");
        assert_eq!(bits, 8);
        assert_eq!(back.tags, 2);
        for ex in &examples {
            assert_eq!(
                back.viterbi(&ex.feats, &allowed),
                a.viterbi(&ex.feats, &allowed)
            );
        }
        assert!(load(b"not a model").is_none());
    }

    #[test]
    fn a_sparse_model_loads_as_the_dense_one_less_its_pruned_weights() {
        let (examples, allowed) = toy();
        let mut tr = Trainer::new(256, 2);
        tr.epoch(&examples, &allowed);
        let w = tr.averaged();
        let (dense, _) = load(&save(&w, 8)).expect("dense loads");
        let (sparse, bits) = load(&save_sparse(&w, 8, 0, 1)).expect("sparse loads");
        assert_eq!((bits, &sparse.quantised), (8, &dense.quantised));
        let (pruned, _) = load(&save_sparse(&w, 8, 126, 1)).expect("pruned loads");
        let (q, _) = pruned.quantised.expect("quantised");
        assert!(
            q.iter().all(|&x| x == 0 || x.unsigned_abs() == 127),
            "{q:?}"
        );
        assert!(q.iter().any(|&x| x != 0), "the largest weight stays");
        // Fewer bytes than the dense form, and no model when cut short.
        let bytes = save_sparse(&w, 8, 126, 1);
        assert!(bytes.len() < save(&w, 8).len());
        assert!(load(&bytes[..bytes.len() - 1]).is_none());
        // A coarser step leaves only its multiples (and the end of the range).
        let (coarse, _) = load(&save_sparse(&w, 8, 0, 8)).expect("coarse loads");
        let (q, _) = coarse.quantised.expect("quantised");
        assert!(
            q.iter().all(|&x| x % 8 == 0 || x.unsigned_abs() == 127),
            "{q:?}"
        );
        assert!(q.contains(&127) || q.contains(&-127), "{q:?}");
    }

    #[test]
    fn an_unmarked_tag_predicted_over_outside_tokens_counts_as_right() {
        // Tags: 0 outside, 1 and 2 a kind the corpus marks, 3 and 4 one it does not.
        let free = 1 << 3 | 1 << 4;
        assert_eq!(
            accept_unmarked(&[0, 0, 0], &[0, 3, 4], free),
            Some(vec![0, 3, 4])
        );
        // A run over a marked name is still wrong; a marked tag is never free.
        assert_eq!(accept_unmarked(&[0, 1, 2], &[0, 3, 4], free), None);
        assert_eq!(accept_unmarked(&[0, 0], &[1, 2], free), None);
        assert_eq!(accept_unmarked(&[0, 0], &[3, 4], 0), None);
    }
}
