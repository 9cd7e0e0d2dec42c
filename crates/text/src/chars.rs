//! Character classes the tokenizer needs beyond `char`'s own methods.

/// True for chars that continue a word: letters, digits and combining marks.
pub(crate) fn is_word(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c) || c == '_'
}

/// Combining marks (the common blocks; NFC text rarely has them outside Indic scripts).
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x05BF..=0x05C7 | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0900..=0x0903 | 0x093A..=0x094F
        | 0x0951..=0x0957 | 0x0962..=0x0963 | 0x0981..=0x0983 | 0x09BC..=0x09D7 | 0x0E31
        | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0xE0100..=0xE01EF)
}

/// Scripts written without spaces between words (Han, kana): each char is its own token,
/// as the tokenizer has no dictionary for them.
pub(crate) fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0x20000..=0x2FA1F | 0x31F0..=0x31FF)
}

/// Pictographic chars (emoji and their relatives).
pub(crate) fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2300..=0x23FF | 0x2B00..=0x2BFF
        | 0x3030 | 0x303D | 0x3297 | 0x3299 | 0x00A9 | 0x00AE | 0x203C | 0x2049 | 0x2122
        | 0x2139 | 0x2194..=0x21AA)
}

/// Chars that extend an emoji into one grapheme: variation selectors, skin tones, keycap,
/// tags.
pub(crate) fn is_emoji_modifier(c: char) -> bool {
    matches!(c as u32, 0xFE0E | 0xFE0F | 0x1F3FB..=0x1F3FF | 0x20E3 | 0xE0020..=0xE007F)
}

/// Apostrophes: ASCII and the typographic right single quote.
pub(crate) fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Characters written for an apostrophe between letters: `don't`, `don’t`, and the
/// [`is_apostrophe_variant`]s. Only between letters: a grave accent elsewhere opens a
/// quotation (``` ``like this'' ```).
pub(crate) fn is_inner_apostrophe(c: char) -> bool {
    is_apostrophe(c) || is_apostrophe_variant(c)
}

/// Characters that some keyboards and web text put for an apostrophe between letters: the
/// grave and acute accents of `don`t` and `I´m` and the modifier letter of `donʼt`. The
/// tokenizer splits clitics at them as UD does; the tagger and parser read them as `'`.
pub fn is_apostrophe_variant(c: char) -> bool {
    matches!(c, '`' | '\u{b4}' | '\u{2bc}')
}

/// Sentence-final punctuation.
pub(crate) fn is_final_punct(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '\u{2026}'
            | '\u{203C}'
            | '\u{2047}'
            | '\u{2048}'
            | '\u{2049}'
            | '\u{3002}'
            | '\u{FF01}'
            | '\u{FF1F}'
            | '\u{FF0E}'
            | '\u{061F}'
            | '\u{06D4}'
            | '\u{0964}'
    )
}

/// Quotes and closing brackets that may follow final punctuation inside a sentence.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '}' | '\u{2019}' | '\u{201D}' | '\u{00BB}' | '\u{203A}')
}

/// Chars of which a run forms one token (`...`, `--`, `!!!`, `***`, `====`).
pub(crate) fn repeats_as_one(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '-'
            | '$'
            | '*'
            | '='
            | '_'
            | '~'
            | '#'
            | '+'
            | '\u{2014}'
            | '\u{2013}'
            | '/'
            | '\\'
            | '|'
            | '<'
            | '>'
            | '^'
            | ','
            | ':'
            | ';'
            | '\''
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_word('é') && is_word('7') && is_word('ب') && !is_word('-'));
        assert!(is_unspaced_script('中') && is_unspaced_script('カ') && !is_unspaced_script('a'));
        assert!(is_emoji('😀') && is_emoji('☕') && !is_emoji('a'));
        assert!(is_apostrophe('’') && is_final_punct('?') && is_closer('”'));
        assert!(is_inner_apostrophe('`') && !is_apostrophe('`'));
    }
}
