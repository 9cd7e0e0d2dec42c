//! The rule-based word scanner, following UD English EWT conventions, with the word lists
//! of a [`Model`].
//!
//! Text is cut at whitespace into chunks; each chunk is scanned left to right, taking at
//! each position the first of: URL, e-mail address, @handle, #hashtag, emoticon, word,
//! emoji sequence, punctuation run, single char. Every step consumes at least one char and
//! never looks back more than one char or ahead more than a bounded distance, so the scan
//! is linear in the text length.

use crate::chars::{
    is_apostrophe, is_emoji, is_emoji_modifier, is_inner_apostrophe, is_mark, is_unspaced_script, is_word,
    repeats_as_one,
};
use crate::model::Model;
use crate::news_abbreviations::is_news_abbreviation;
use crate::token::Token;

/// Emoticons kept as one token, longest first so that `:-)` wins over `:-`.
const EMOTICONS: &[&str] = &[
    ">:-(", ":'-(", ":-)", ":-(", ";-)", ":-D", ":-P", ":-p", ":-/", ":-O", ":-o", ":-|", ":'(", "^_^", "^^",
    ":)", ":(", ";)", ":D", ":P", ":p", ":/", ":O", ":o", ":|", "=)", "=(", "<3", "xD", "XD",
];

/// Longest e-mail local part and domain looked at (RFC 5321 limits), which bounds the scan.
const MAX_LOCAL: usize = 64;
const MAX_DOMAIN: usize = 255;

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn to_u32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Splits `text` into words with byte offsets.
pub(crate) fn tokenize(model: &Model, text: &str) -> Vec<Token> {
    let mut sc = Scanner {
        model,
        text,
        out: Vec::with_capacity(text.len() / 5 + 1),
        lower: String::new(),
        open_single: false,
    };
    let mut chunk_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if c == '\n' {
                sc.open_single = false;
            }
            if let Some(s) = chunk_start.take() {
                sc.chunk(s, i);
                if let Some(t) = sc.out.last_mut() {
                    t.space_after = true;
                }
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        sc.chunk(s, text.len());
    }
    sc.out
}

struct Scanner<'a> {
    model: &'a Model,
    text: &'a str,
    out: Vec<Token>,
    /// Reused buffer for lowercased lookups.
    lower: String,
    /// A single quote was opened (`'word` or `‘word` at a chunk start) and not closed yet
    /// on this line: a final apostrophe then closes it rather than being a possessive.
    open_single: bool,
}

impl Scanner<'_> {
    fn push(&mut self, start: usize, end: usize, joined: bool) {
        if end > start {
            self.out.push(Token { start: to_u32(start), end: to_u32(end), space_after: false, joined });
        }
    }

    fn set_lower(&mut self, start: usize, end: usize) {
        self.lower.clear();
        for c in self.text[start..end].chars() {
            self.lower.extend(c.to_lowercase());
        }
    }

    /// Scans one whitespace-free chunk `start..end`.
    fn chunk(&mut self, start: usize, end: usize) {
        let text = self.text;
        let chunk = &text[start..end];
        let has_at = chunk.contains('@');
        if chunk.starts_with('\'') || chunk.starts_with('\u{2018}') {
            self.open_single = true;
        }
        let mut p = start;
        let mut prev: Option<char> = None;
        while p < end {
            let Some(c) = char_at(text, p) else { break };
            let after_word = prev.is_some_and(is_word);
            let q = if let Some(q) = self.special(p, end, c, has_at, after_word) {
                self.push(p, q, false);
                q
            } else if is_unspaced_script(c) {
                let q = self.marks(p + c.len_utf8(), end);
                self.push(p, q, false);
                q
            } else if is_word(c) && !is_mark(c) {
                self.word(p, end)
            } else if is_emoji(c) {
                let q = self.emoji(p, end, c);
                self.push(p, q, false);
                q
            } else if repeats_as_one(c) {
                let mut q = p + c.len_utf8();
                let bang = matches!(c, '!' | '?');
                let art = |d: char| matches!(d, '-' | '=' | '_' | '*' | '~');
                while let Some(d) = char_at(text, q).filter(|_| q < end) {
                    if d == c || (bang && matches!(d, '!' | '?')) || (art(c) && art(d)) {
                        q += d.len_utf8();
                    } else {
                        break;
                    }
                }
                self.push(p, q, false);
                q
            } else {
                let q = self.marks(p + c.len_utf8(), end);
                self.push(p, q, false);
                q
            };
            if after_word && is_apostrophe(c) {
                self.open_single = false;
            }
            prev = text[..q].chars().next_back();
            p = q;
        }
    }

    /// Skips combining marks from `p`.
    fn marks(&self, mut p: usize, end: usize) -> usize {
        while let Some(c) = char_at(self.text, p).filter(|_| p < end) {
            if is_mark(c) || c == '\u{200D}' {
                p += c.len_utf8();
            } else {
                break;
            }
        }
        p
    }

    /// An emoji with its modifiers, joined sequences and flag pairs.
    fn emoji(&self, p: usize, end: usize, c: char) -> usize {
        let text = self.text;
        let mut q = p + c.len_utf8();
        let regional = |c: char| ('\u{1F1E6}'..='\u{1F1FF}').contains(&c);
        if regional(c)
            && let Some(d) = char_at(text, q).filter(|&d| q < end && regional(d))
        {
            return q + d.len_utf8();
        }
        while let Some(d) = char_at(text, q).filter(|_| q < end) {
            if is_emoji_modifier(d) || is_mark(d) {
                q += d.len_utf8();
            } else if d == '\u{200D}' {
                match char_at(text, q + d.len_utf8()) {
                    Some(e) if q + d.len_utf8() < end && is_emoji(e) => q += d.len_utf8() + e.len_utf8(),
                    _ => break,
                }
            } else {
                break;
            }
        }
        q
    }

    /// URL, e-mail, @handle, #hashtag or emoticon starting at `p`.
    fn special(&self, p: usize, end: usize, c: char, has_at: bool, after_word: bool) -> Option<usize> {
        let text = self.text;
        let rest = &text[p..end];
        if c.is_ascii_alphabetic() && !after_word {
            let starts =
                |prefix: &str| rest.get(..prefix.len()).is_some_and(|h| h.eq_ignore_ascii_case(prefix));
            let www = starts("www.") && rest[4..].starts_with(|d: char| d.is_alphanumeric());
            if www || starts("http://") || starts("https://") || starts("ftp://") {
                return Some(p + url_len(rest));
            }
        }
        if has_at
            && is_word(c)
            && !after_word
            && let Some(n) = email_len(rest)
        {
            return Some(p + n);
        }
        if (c == '@' || c == '#') && !after_word {
            let body = &rest[1..];
            let n: usize =
                body.chars().take_while(|&d| d.is_alphanumeric() || d == '_').map(char::len_utf8).sum();
            let starts_letter =
                body.starts_with(|d: char| d.is_alphabetic() || (c == '@' && d.is_alphanumeric()));
            if n > 0 && starts_letter {
                // `@example.com` is a domain, not a handle
                let domain = if c == '@' { dotted_domain_len(body) } else { None };
                return Some(p + 1 + domain.unwrap_or(n));
            }
        }
        if !after_word && !c.is_alphanumeric() || c == 'x' || c == 'X' {
            for e in EMOTICONS {
                if rest.starts_with(e) && !rest[e.len()..].starts_with(|d: char| d.is_alphanumeric()) {
                    if (c == 'x' || c == 'X') && after_word {
                        continue;
                    }
                    return Some(p + e.len());
                }
            }
        }
        None
    }

    /// Scans a word from `p` (a word char) and pushes it, split into syntactic words.
    /// Returns where the scan stopped.
    fn word(&mut self, p: usize, end: usize) -> usize {
        let text = self.text;
        let mut q = p;
        let mut seg = p; // start of the current hyphen-free segment
        let mut prev = ' ';
        loop {
            while let Some(c) = char_at(text, q).filter(|&c| q < end && is_word(c) && !is_unspaced_script(c))
            {
                prev = c;
                q += c.len_utf8();
            }
            let Some(c) = char_at(text, q).filter(|_| q < end) else { break };
            let nq = q + c.len_utf8();
            let next = char_at(text, nq).filter(|_| nq < end);
            let next_word = next.is_some_and(|n| is_word(n) && !is_unspaced_script(n));
            let joins = match c {
                '.' => next_word,
                ',' => prev.is_ascii_digit() && thousands_group(&text[nq..end]),
                ':' | '/' => prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()),
                '&' => {
                    next.is_some_and(char::is_uppercase)
                        && text[p..q].chars().all(char::is_uppercase)
                        && q - p <= 3
                }
                '-' if next_word => {
                    let right_len: usize =
                        text[nq..end].chars().take_while(|&d| is_word(d)).map(char::len_utf8).sum();
                    let keep = self.keep_hyphen(p, seg, q, nq + right_len);
                    if keep {
                        seg = nq;
                    }
                    keep
                }
                c if is_inner_apostrophe(c) => next.is_some_and(char::is_alphabetic),
                _ => false,
            };
            if !joins {
                break;
            }
            prev = c;
            q = nq;
        }
        // A final period that belongs to the word (abbreviation, initial).
        if char_at(text, q) == Some('.') && q < end && self.is_abbreviation(p, q) {
            q += 1;
        }
        // Plural possessive: `parents'` = `parents` + `'`.
        if let Some(a) = char_at(text, q).filter(|&a| q < end && is_apostrophe(a))
            && !self.open_single
            && matches!(prev, 's' | 'S' | 'x' | 'z')
            && q > p + 1
            && !char_at(text, q + a.len_utf8()).is_some_and(|d| q + a.len_utf8() < end && is_word(d))
        {
            self.push(p, q, true);
            self.push(q, q + a.len_utf8(), false);
            return q + a.len_utf8();
        }
        self.push_word(p, q);
        q
    }

    /// Decides whether the hyphen at `h` (word `p..`, segment `seg..h`, right part up to
    /// `right_end`) stays inside the word.
    fn keep_hyphen(&mut self, p: usize, seg: usize, h: usize, right_end: usize) -> bool {
        let text = self.text;
        let left = &text[seg..h];
        let right = &text[h + 1..right_end];
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if digits(left) && digits(right) {
            // Phone numbers, codes and dates (713-853-3989, 2020-08-18) stay whole; ranges
            // (4-12, 1990-91) split.
            let third_group = text[right_end..]
                .strip_prefix('-')
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
            return seg > p || third_group || left.len() >= 3 && right.len() >= 3 || right.len() >= 4;
        }
        let has_digit = |s: &str| s.bytes().any(|b| b.is_ascii_digit());
        if has_digit(left) && has_digit(right) {
            return true;
        }
        if right_end - p > 64 {
            return false;
        }
        self.set_lower(seg, h);
        if self.model.hyphen_prefixes.contains(&self.lower) {
            return true;
        }
        self.set_lower(p, right_end);
        self.model.hyphen_words.contains(&self.lower)
    }

    /// True when the period right after `p..q` belongs to the word.
    fn is_abbreviation(&mut self, p: usize, q: usize) -> bool {
        let w = &self.text[p..q];
        if w.contains('.') {
            // u.s, e.g, a.m: single letters between dots
            return w.split('.').all(|s| s.chars().count() == 1 && s.chars().all(char::is_alphabetic));
        }
        let mut cs = w.chars();
        if let (Some(c), None) = (cs.next(), cs.next()) {
            // An initial (J. R. R. Tolkien); `I.` and `A.` are more often words.
            if c.is_uppercase() && c != 'I' && c != 'A' {
                return true;
            }
        }
        if q - p > 24 {
            return false;
        }
        self.set_lower(p, q);
        self.lower.push('.');
        self.model.abbreviations.contains(&self.lower) || is_news_abbreviation(&self.lower)
    }

    /// Pushes word `p..q`, split into syntactic words (clitics, learned multiwords).
    fn push_word(&mut self, p: usize, q: usize) {
        if let Some(cut) = number_unit(&self.text[p..q]) {
            // `5pm`, `375mm`, `70k`: number and unit are two tokens in EWT
            self.push(p, p + cut, false);
            self.push(p + cut, q, false);
            return;
        }
        if q - p <= 24 {
            self.set_lower(p, q);
            if let Some(cuts) = self.model.multiwords.get(&self.lower)
                && self.lower.len() == q - p
            {
                let mut s = p;
                for &cut in cuts {
                    self.push(s, p + cut as usize, true);
                    s = p + cut as usize;
                }
                self.push(s, q, false);
                return;
            }
        }
        match clitic_start(&self.text[p..q]) {
            Some(c) => {
                self.push(p, p + c, true);
                self.push(p + c, q, false);
            }
            None => self.push(p, q, false),
        }
    }
}

/// Byte offset where an English clitic (`n't`, `'s`, `'re`, `'ll`, `'ve`, `'m`, `'d`, with
/// any apostrophe of [`is_inner_apostrophe`]) starts in `w`, if `w` ends with one after a
/// letter.
pub(crate) fn clitic_start(w: &str) -> Option<usize> {
    let (head, tail) = {
        let i = w.char_indices().rev().find(|&(_, c)| is_inner_apostrophe(c))?.0;
        (&w[..i], &w[i..])
    };
    let ap = tail.chars().next()?.len_utf8();
    let suffix = tail[ap..].to_ascii_lowercase();
    if suffix == "t" {
        let stem = head.strip_suffix('n').or_else(|| head.strip_suffix('N'))?;
        return stem.chars().next_back().is_some_and(char::is_alphabetic).then_some(stem.len());
    }
    (is_clitic(&suffix) && head.chars().next_back().is_some_and(char::is_alphabetic)).then_some(head.len())
}

/// Whether `s` (what follows the apostrophe, any case) is one of the English clitics
/// split from their word as UD does: `'s`, `'re`, `'ll`, `'ve`, `'m`, `'d` (`n't` is told
/// apart by its `n`).
pub fn is_clitic(s: &str) -> bool {
    ["s", "re", "ll", "ve", "m", "d"].iter().any(|c| s.eq_ignore_ascii_case(c))
}

/// Where the letters start in a number glued to a unit (`375mm` → 3), unless the letters
/// are an ordinal or plural ending (`4th`, `1990s`) or a variant letter (`39A`), which stay
/// in the token.
fn number_unit(w: &str) -> Option<usize> {
    // the number may hold separators (`5:30pm`, `2.5bn`, `1,000km`) but ends with a digit
    let digits = w.bytes().take_while(|b| b.is_ascii_digit() || matches!(b, b':' | b'.' | b',')).count();
    let rest = &w[digits..];
    if digits == 0
        || !w.starts_with(|c: char| c.is_ascii_digit())
        || !w[..digits].ends_with(|c: char| c.is_ascii_digit())
        || rest.is_empty()
        || !rest.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return None;
    }
    let ending = matches!(rest.to_ascii_lowercase().as_str(), "st" | "nd" | "rd" | "th" | "s");
    // one capital letter names a variant (`Pad 39A`, `F-16C`, `83N`) and stays in the token,
    // unless it is a unit the treebanks split off (`70K`, `8M`, `5B`, `40F`)
    let variant = rest.len() == 1 && rest.bytes().all(|b| b.is_ascii_uppercase() && !b"KMBF".contains(&b));
    (!ending && !variant).then_some(digits)
}

/// True when `s` starts with exactly three digits not followed by another digit (`,000`).
fn thousands_group(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 3 && b[..3].iter().all(u8::is_ascii_digit) && !b.get(3).is_some_and(u8::is_ascii_digit)
}

/// Length of a URL at the start of `s` (a whitespace-free chunk): all of it but trailing
/// punctuation, and a closing bracket the URL did not open.
fn url_len(s: &str) -> usize {
    let mut n = s.len();
    // counted once: a closing bracket stays when the URL opened it
    let count = |c: char| s.chars().filter(|&d| d == c).count();
    let (mut round, mut square) =
        (count(')') as isize - count('(') as isize, count(']') as isize - count('[') as isize);
    while let Some(c) = s[..n].chars().next_back() {
        let trailing =
            matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '>' | '\u{201D}' | '\u{2019}')
                || (c == ')' && round > 0)
                || (c == ']' && square > 0);
        if c == ')' {
            round -= 1;
        } else if c == ']' {
            square -= 1;
        }
        if trailing && n > 1 {
            n -= c.len_utf8();
        } else {
            break;
        }
    }
    n
}

/// Length of an e-mail address at the start of `s`, if there is one. Internal addresses
/// without a dotted domain (`Warner@ENRON`, common in EWT's e-mails) count too.
fn email_len(s: &str) -> Option<usize> {
    let local: usize = s
        .chars()
        .take(MAX_LOCAL + 1)
        .take_while(|&c| is_word(c) || matches!(c, '.' | '%' | '+' | '-'))
        .map(char::len_utf8)
        .sum();
    if local == 0 || local > MAX_LOCAL || !s[local..].starts_with('@') {
        return None;
    }
    domain_len(&s[local + 1..]).map(|n| local + 1 + n)
}

/// Length of a domain name at the start of `s` (`example.com`, `ENRON`), if there is one.
fn domain_len(dom: &str) -> Option<usize> {
    let mut n: usize = dom
        .chars()
        .take(MAX_DOMAIN)
        .take_while(|&c| is_word(c) || matches!(c, '.' | '-'))
        .map(char::len_utf8)
        .sum();
    while dom[..n].ends_with(['.', '-']) {
        n -= 1;
    }
    let d = &dom[..n];
    let ok =
        !d.is_empty() && d.split('.').all(|p| !p.is_empty()) && d.starts_with(|c: char| c.is_alphanumeric());
    ok.then_some(n)
}

/// Length of a dotted domain name at the start of `s` (`example.com`), if there is one.
fn dotted_domain_len(dom: &str) -> Option<usize> {
    domain_len(dom).filter(|&n| dom[..n].contains('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(&Model::default(), text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn basic_rules() {
        assert_eq!(toks("I don't know."), ["I", "do", "n't", "know", "."]);
        assert_eq!(toks("It’s $20,000."), ["It", "’s", "$", "20,000", "."]);
        assert_eq!(
            toks("I don`t know, it`s `odd`."),
            ["I", "do", "n`t", "know", ",", "it", "`s", "`", "odd", "`", "."]
        );
        assert_eq!(toks("I´m sure he wonʼt."), ["I", "´m", "sure", "he", "wo", "nʼt", "."]);
        assert_eq!(toks("the U.S. and 3.5 on 9/11"), ["the", "U.S.", "and", "3.5", "on", "9/11"]);
        assert_eq!(toks("mail a@b.com now"), ["mail", "a@b.com", "now"]);
        assert_eq!(toks("(see http://x.org/a.)"), ["(", "see", "http://x.org/a", ".", ")"]);
        assert_eq!(toks("wait... -- no!!"), ["wait", "...", "--", "no", "!!"]);
        assert_eq!(toks("parents' 'bugs'"), ["parents", "'", "'", "bugs", "'"]);
        assert_eq!(toks("J. R. R. Tolkien"), ["J.", "R.", "R.", "Tolkien"]);
        assert_eq!(toks("call 713-853-3989, 4-12"), ["call", "713-853-3989", ",", "4", "-", "12"]);
    }

    #[test]
    fn clitics() {
        assert_eq!(clitic_start("don't"), Some(2));
        assert_eq!(clitic_start("can’t"), Some(2));
        assert_eq!(clitic_start("can`t"), Some(2));
        assert_eq!(clitic_start("Bush's"), Some(4));
        assert_eq!(clitic_start("50's"), None);
        assert_eq!(clitic_start("O'Brien"), None);
        assert_eq!(clitic_start("n't"), None);
    }

    #[test]
    fn emails_and_urls() {
        assert_eq!(email_len("joe.x@mail.example.org."), Some(22));
        assert_eq!(email_len("Warner@ENRON"), Some(12));
        assert_eq!(email_len("joe@.x"), None);
        assert_eq!(url_len("http://a.b/c_(d))."), 16);
    }
}
