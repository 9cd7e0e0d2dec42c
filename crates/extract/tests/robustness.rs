//! Property tests: the finders never panic, and every span they return lies on char
//! boundaries of the text, in order, with values whose bounds are ordered.

use claimgraph_extract::quantity::{find_casualties, parse_number};
use claimgraph_extract::time::{Date, find_dateline, find_dates};
use proptest::prelude::*;

/// Text made of words the finders react to, digits, punctuation and arbitrary chars.
fn texty() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("December".to_string()),
        Just("11".to_string()),
        Just("2019".to_string()),
        Just(",".to_string()),
        Just("-".to_string()),
        Just("/".to_string()),
        Just("last".to_string()),
        Just("the".to_string()),
        Just("since".to_string()),
        Just("at least".to_string()),
        Just("killed".to_string()),
        Just("more than".to_string()),
        Just("dozens".to_string()),
        Just("including".to_string()),
        Just("ago".to_string()),
        Just("weeks".to_string()),
        Just("Monday".to_string()),
        Just("mid".to_string()),
        Just("’s".to_string()),
        Just("99999999999999999999999".to_string()),
        "\\PC{0,6}",
        "[0-9]{1,5}",
    ];
    prop::collection::vec(word, 0..24).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn dates_never_panic_and_spans_are_boundaries(text in texty(), arbitrary in "\\PC{0,80}", y in 1i16..9999, m in 1i8..=12, d in 1i8..=28) {
        let base = Date::new(y, m, d).ok();
        for t in [&text, &arbitrary] {
            let mut last = 0;
            for x in find_dates(t, base) {
                prop_assert!(x.start < x.end && x.end <= t.len());
                prop_assert!(t.is_char_boundary(x.start) && t.is_char_boundary(x.end));
                prop_assert!(x.start >= last);
                last = x.end;
                if let Some(v) = x.value {
                    prop_assert!(v.start <= v.end || v.start.len() != v.end.len(), "{v:?}");
                }
            }
            let _ = find_dateline(t);
        }
    }

    #[test]
    fn casualties_never_panic_and_spans_are_boundaries(text in texty(), arbitrary in "\\PC{0,80}") {
        for t in [&text, &arbitrary] {
            for x in find_casualties(t) {
                prop_assert!(x.start < x.end && x.end <= t.len());
                prop_assert!(t.is_char_boundary(x.start) && t.is_char_boundary(x.end));
                prop_assert!(x.count.max.is_none_or(|max| max >= x.count.min), "{x:?}");
            }
            let _ = parse_number(t);
        }
    }
}
