//! Dates as pages write them in metadata, normalized to `YYYY-MM-DD`.
//!
//! Besides ISO 8601 (`2024-03-18`, `2024-03-18T06:30:00Z`) pages use `2024/03/18`,
//! `20240318` and English month names (`March 18, 2024`, `Mon, 18 Mar 2024 06:30:00 GMT`).
//! All-numeric day-month orders (`03/04/2024`) are ambiguous and rejected.

use claimgraph_core::document::parse_iso_date;

/// The `YYYY-MM-DD` date a metadata value gives, if it is one of the forms above.
pub(super) fn parse_page_date(value: &str) -> Option<String> {
    let v = value.trim();
    if let Ok(d) = parse_iso_date(v) {
        return Some(d);
    }
    let b = v.as_bytes();
    // 2024/03/18 or 2024.03.18
    if b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b[7] && matches!(b[4], b'/' | b'.') {
        let iso = format!("{}-{}-{}", &v[..4], &v[5..7], &v[8..10]);
        return parse_iso_date(&iso).ok();
    }
    // 20240318, optionally followed by a time
    if b.len() >= 8 && b[..8].iter().all(u8::is_ascii_digit) && b.get(8).is_none_or(|c| !c.is_ascii_digit()) {
        let iso = format!("{}-{}-{}", &v[..4], &v[4..6], &v[6..8]);
        return parse_iso_date(&iso).ok();
    }
    month_name_date(v)
}

/// `March 18, 2024`, `18 Mar 2024`, `Mon, 18 Mar 2024 06:30:00 GMT`.
fn month_name_date(v: &str) -> Option<String> {
    let mut year = None;
    let mut month = None;
    let mut day = None;
    for token in v.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()) {
        let lower = token.to_ascii_lowercase();
        let digits = token.bytes().all(|c| c.is_ascii_digit());
        if digits && token.len() == 4 && year.is_none() {
            year = Some(token.to_string());
        } else if digits && token.len() <= 2 && day.is_none() {
            day = token.parse::<u32>().ok();
        } else if month.is_none() && lower.len() >= 3 && !digits {
            // a month name or an abbreviation of it (`Mar`, `Sept`)
            if let Some(i) = MONTH_WORDS.iter().position(|m| m.starts_with(lower.as_str())) {
                month = Some(i as u32 + 1);
            }
        }
        // stop at a clock time such as 06:30:00: its digits are not the day
        if year.is_some() && month.is_some() && day.is_some() {
            break;
        }
    }
    let iso = format!("{}-{:02}-{:02}", year?, month?, day?);
    parse_iso_date(&iso).ok()
}

/// English month names, lower case.
const MONTH_WORDS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let ok = [
            ("2024-03-18T06:30:00Z", "2024-03-18"),
            ("2024/03/18", "2024-03-18"),
            ("2024.03.18 10:00", "2024-03-18"),
            ("20240318", "2024-03-18"),
            ("20240318T063000Z", "2024-03-18"),
            ("March 18, 2024", "2024-03-18"),
            ("18 Mar 2024", "2024-03-18"),
            ("Mon, 18 Mar 2024 06:30:00 GMT", "2024-03-18"),
            ("Sept 5 2023", "2023-09-05"),
        ];
        for (input, want) in ok {
            assert_eq!(parse_page_date(input).as_deref(), Some(want), "{input}");
        }
        for bad in ["03/04/2024", "yesterday", "2024/13/01", "Feb 30, 2024", "Marchy 3 2024", "2024", ""] {
            assert_eq!(parse_page_date(bad), None, "{bad}");
        }
    }
}
