//! The curated words every lexicon contributes to the lemmatizer's vocabulary, so that
//! suffix stripping lands on them ("bombings" → "bombing", "plotting" → "plot").

use super::{attribution, hedge, status, trigger};

/// All curated single words (lowercase lemmas), with duplicates.
pub(crate) fn curated_words() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    out.extend(trigger::curated_keys().flat_map(|k| k.split(' ')));
    out.extend(attribution::words());
    out.extend(hedge::words());
    out.extend(status::words());
    out
}
