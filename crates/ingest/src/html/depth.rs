//! A cheap pre-parse estimate of how deeply a page nests its elements.
//!
//! html5ever spends time proportional to the depth of the open-element stack on every
//! block start tag, so a few hundred KB of nested `<div>`s take seconds to minutes to parse.
//! Real pages nest a few dozen levels; [`nesting_depth`] lets the reader refuse the
//! pathological ones before parsing.

/// Elements without end tags.
const VOID: [&[u8]; 16] = [
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"source",
    b"track", b"wbr", b"param", b"keygen", b"frame",
];
/// Elements whose end tags pages often leave out; the parser closes them implicitly, so
/// they are not counted as nesting.
const OPTIONAL_END: [&[u8]; 16] = [
    b"p",
    b"li",
    b"dt",
    b"dd",
    b"tr",
    b"td",
    b"th",
    b"option",
    b"optgroup",
    b"thead",
    b"tbody",
    b"tfoot",
    b"colgroup",
    b"rt",
    b"rp",
    b"caption",
];
/// Elements whose content is raw text, skipped up to their end tag.
const RAW_TEXT: [&[u8]; 5] = [b"script", b"style", b"textarea", b"title", b"xmp"];

/// The deepest nesting of elements that need end tags, counting start tags up and end tags
/// down (void elements, self-closing tags, comments, and elements with optional end tags
/// are not counted; raw-text elements are skipped).
pub(super) fn nesting_depth(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            i = find(b, i + 3, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let len = b[start..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
        if len == 0 {
            continue;
        }
        let name = b[start..start + len].to_ascii_lowercase();
        let end = b[start..].iter().position(|&c| c == b'>').map_or(b.len(), |e| start + e);
        let self_closing = end > 0 && b.get(end - 1) == Some(&b'/');
        i = end.min(b.len());
        let counted = !VOID.contains(&name.as_slice()) && !OPTIONAL_END.contains(&name.as_slice());
        if closing {
            if counted {
                depth = depth.saturating_sub(1);
            }
        } else if RAW_TEXT.contains(&name.as_slice()) {
            let mut close = b"</".to_vec();
            close.extend_from_slice(&name);
            i = find_ci(b, i, &close).unwrap_or(b.len());
        } else if counted && !self_closing {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| from + p)
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)).map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_real_nesting_only() {
        assert_eq!(nesting_depth("<html><body><div><p>a<p>b<br><img src=x/></div></body></html>"), 3);
        assert_eq!(nesting_depth("<ul><li>a<li>b<li>c</ul>"), 1);
        assert_eq!(
            nesting_depth(
                "<div><!-- <div><div><div> --><script>if (a<b) { x = '<div><div>' }</script></div>"
            ),
            1
        );
        assert_eq!(nesting_depth(&"<div>".repeat(500)), 500);
        assert_eq!(nesting_depth("no markup < at all >"), 0);
        assert_eq!(nesting_depth("<"), 0);
        assert_eq!(nesting_depth("<div"), 1);
    }
}
