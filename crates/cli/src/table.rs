//! Readable tables for the terminal.

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

/// A table with the given header, sized to the terminal when there is one.
pub fn new(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic).set_header(header);
    t
}

/// Shortens `s` to at most `n` chars, marking the cut with `…`.
pub fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// An optional value, or `-`.
pub fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "-".to_string(), |v| v.to_string())
}

/// The contract name of an enum value (`armed_group`, `ASSAULT`), as serde writes it.
pub fn name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => "-".to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn clip_counts_chars() {
        assert_eq!(super::clip("héllo wörld", 5), "héll…");
        assert_eq!(super::clip("abc", 5), "abc");
    }
}
