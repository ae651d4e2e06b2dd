//! Words as the models key them: hashed once (FNV-1a, [`word_hash`]) into maps that do
//! not hash again ([`ByHash`]), normalised (curly quotes straightened), lowered and
//! reduced to their shape. The name finder, the attribution tagger, the quote stage and
//! the grouping stage all read words this way.

/// A hasher for keys that are hashes already.
#[derive(Default)]
pub(crate) struct Prehashed(u64);

/// A map keyed by [`word_hash`]es (or other 64-bit hashes), which it does not hash again.
pub(crate) type ByHash<V> =
    std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<Prehashed>>;

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The FNV-1a hash of a word, as the models' features and the hash-keyed maps use it.
pub(crate) fn word_hash(w: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = crate::lexicon::Fnv::default();
    h.write(w.as_bytes());
    h.finish()
}

/// Appends the lower case of `w` to `out`: byte by byte when it is ASCII, else as
/// `str::to_lowercase` gives it (a final sigma and all).
pub(crate) fn push_lowercase(w: &str, out: &mut String) {
    if w.is_ascii() {
        out.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.push_str(&w.to_lowercase());
    }
}

/// Appends the shape of `w` to `out`: each run of capitals, lower-case letters or digits
/// as one `X`, `x` or `d`, other chars as themselves, over its first 24 chars
/// ("McCain" `XxXx`, "U.S." `X.X.`, "1,000" `d,d`).
pub(crate) fn shape_into(w: &str, out: &mut String) {
    let mut last = '\0';
    for c in w.chars().take(24) {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k != last {
            out.push(k);
            last = k;
        }
    }
}

/// A token as the features read it: curly apostrophes and quotes as straight ones,
/// since the training text has none.
pub fn normalise(w: &str) -> std::borrow::Cow<'_, str> {
    if w.contains(['’', '‘', '“', '”']) {
        std::borrow::Cow::Owned(w.replace(['’', '‘'], "'").replace(['“', '”'], "\""))
    } else {
        std::borrow::Cow::Borrowed(w)
    }
}

/// Whether `s` has letters and none in lower case ("JAPAN", "U.S.").
pub(crate) fn is_all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}
