//! Date finding and normalization on sentences written for these tests, and on the
//! reference article of `/work/shared/examples/iran-bounties`.

use claimgraph_core::extraction::DatePrecision;
use claimgraph_extract::time::{
    AnchorOffset, Bound, Date, Direction, Tense, TimeKind, TimeMatch, Unit, find_dates, find_dates_at,
    resolve_relative_to,
};

fn d(y: i16, m: i8, day: i8) -> Date {
    Date::new(y, m, day).unwrap()
}

/// The first match whose text is `phrase`, in `text` resolved against `base`.
fn find(text: &str, base: Date, phrase: &str) -> TimeMatch {
    let all = find_dates(text, Some(base));
    all.iter()
        .find(|m| &text[m.start..m.end] == phrase)
        .cloned()
        .unwrap_or_else(|| panic!("{phrase:?} not found in {text:?}: {all:?}"))
}

/// `(start, end, precision)` of the value of `phrase`.
fn value(text: &str, base: Date, phrase: &str) -> (String, String, DatePrecision) {
    let m = find(text, base, phrase);
    let v = m.value.unwrap_or_else(|| panic!("{phrase:?} has no value"));
    assert_eq!(v.text.as_deref(), Some(phrase));
    (v.start, v.end, v.precision)
}

fn day(s: &str) -> (String, String, DatePrecision) {
    (s.into(), s.into(), DatePrecision::Day)
}
fn month(s: &str) -> (String, String, DatePrecision) {
    (s.into(), s.into(), DatePrecision::Month)
}
fn year(s: &str) -> (String, String, DatePrecision) {
    (s.into(), s.into(), DatePrecision::Year)
}
fn range(a: &str, b: &str) -> (String, String, DatePrecision) {
    (a.into(), b.into(), DatePrecision::Range)
}

const AUG18: (i16, i8, i8) = (2020, 8, 18);

fn aug18() -> Date {
    d(AUG18.0, AUG18.1, AUG18.2)
}

#[test]
fn absolute_dates() {
    let b = aug18();
    let t = "The raid on December 11, 2019 was followed by another on Dec. 11 and one on 11 December 2018.";
    assert_eq!(value(t, b, "December 11, 2019"), day("2019-12-11"));
    assert_eq!(value(t, b, "Dec. 11"), day("2019-12-11"));
    assert_eq!(value(t, b, "11 December 2018"), day("2018-12-11"));
    let t = "Filed 2019-12-11, amended 12/11/2019 and again in March 2020, as in the 1990s.";
    assert_eq!(value(t, b, "2019-12-11"), day("2019-12-11"));
    assert_eq!(value(t, b, "12/11/2019"), day("2019-12-11"));
    assert_eq!(value(t, b, "March 2020"), month("2020-03"));
    assert_eq!(find(t, b, "the 1990s").kind, TimeKind::Absolute);
    let t = "The group was founded in 2007 and grew in the 1990s.";
    assert_eq!(value(t, b, "2007"), year("2007"));
    assert_eq!(value(t, b, "the 1990s"), range("1990-01-01", "1999-12-31"));
    let t = "Clashes resumed on Wednesday, December 11, 2019 and on the 3rd of March 2020.";
    assert_eq!(value(t, b, "Wednesday, December 11, 2019"), day("2019-12-11"));
    assert_eq!(value(t, b, "the 3rd of March 2020"), day("2020-03-03"));
    let t = "Nothing changed in the 20th century or after 9/11.";
    assert_eq!(value(t, b, "the 20th century"), range("1900-01-01", "1999-12-31"));
    assert_eq!(value(t, b, "9/11"), day("2001-09-11"));
}

#[test]
fn deictic_and_weekdays() {
    let b = aug18(); // a Tuesday
    let t = "Officials said today that the convoy was hit yesterday and will move tomorrow.";
    assert_eq!(value(t, b, "today"), day("2020-08-18"));
    assert_eq!(value(t, b, "yesterday"), day("2020-08-17"));
    assert_eq!(value(t, b, "tomorrow"), day("2020-08-19"));
    assert_eq!(value("The attack happened on Monday.", b, "Monday"), day("2020-08-17"));
    assert_eq!(value("The attack happened on Friday.", b, "Friday"), day("2020-08-14"));
    assert_eq!(value("The envoy will arrive on Friday.", b, "Friday"), day("2020-08-21"));
    assert_eq!(value("Talks were held last Tuesday.", b, "last Tuesday"), day("2020-08-11"));
    assert_eq!(value("Talks resume next Monday.", b, "next Monday"), day("2020-08-24"));
    // tense hint given by the caller overrides the cue words
    let t = "Talks on Friday.";
    let m = find_dates_at(t, 100, Some(b), Some(Tense::Future));
    assert_eq!(m[0].start, 109);
    assert_eq!(m[0].value.as_ref().unwrap().start, "2020-08-21");
    // a weekday before a day without year picks the year
    assert_eq!(value("It opened on Tuesday, December 10.", b, "Tuesday, December 10"), day("2019-12-10"));
    assert_eq!(value("It opens on Thursday, December 10.", b, "Thursday, December 10"), day("2020-12-10"));
    // names are not dates
    assert!(find_dates("The Sunday Times reported it.", Some(b)).is_empty());
    assert!(find_dates("Trump and May met.", Some(b)).is_empty());
    // habitual weekdays get no date
    let m = find_dates("We meet on a Monday to plan the issue.", Some(b));
    assert_eq!(m[0].kind, TimeKind::Vague);
    // "today" meaning "nowadays" gets no date
    let m = find_dates("Magic is alive today.", Some(b));
    assert_eq!(m[0].kind, TimeKind::Vague);
    assert!(m[0].value.is_none());
}

#[test]
fn calendar_relatives() {
    let b = aug18();
    let t = "It rose last week, fell last month, and peaked last year; this year is calmer.";
    assert_eq!(value(t, b, "last week"), range("2020-08-10", "2020-08-16"));
    assert_eq!(value(t, b, "last month"), month("2020-07"));
    assert_eq!(value(t, b, "last year"), year("2019"));
    assert_eq!(value(t, b, "this year"), year("2020"));
    assert_eq!(
        value("Fighting flared earlier this summer.", b, "earlier this summer"),
        range("2020-06-01", "2020-08-18")
    );
    assert_eq!(value("It was quiet last summer.", b, "last summer"), range("2019-06-01", "2019-08-31"));
    assert_eq!(value("The pact was signed in March.", b, "March"), month("2020-03"));
    assert_eq!(value("The pact was signed in November.", b, "November"), month("2019-11"));
    assert_eq!(value("The vote will be held in November.", b, "November"), month("2020-11"));
    assert_eq!(value("They met on December 11.", b, "December 11"), day("2019-12-11"));
    assert_eq!(value("They met on August 2.", b, "August 2"), day("2020-08-02"));
    assert_eq!(
        value("Two weeks ago the road was closed.", b, "Two weeks ago"),
        range("2020-08-03", "2020-08-09")
    );
    assert_eq!(value("Three years ago the road was closed.", b, "Three years ago"), year("2017"));
    assert_eq!(value("Prices rose by mid-2019.", b, "mid-2019"), range("2019-05-01", "2019-08-31"));
    assert_eq!(value("Prices rose late last year.", b, "late last year"), range("2019-09-01", "2019-12-31"));
    assert_eq!(value("Prices rose in late March.", b, "late March"), range("2020-03-15", "2020-03-31"));
    assert_eq!(value("Prices rose in early 2019.", b, "early 2019"), range("2019-01-01", "2019-04-30"));
    assert_eq!(
        value("It was wet in the summer of 2012.", b, "the summer of 2012"),
        range("2012-06-01", "2012-08-31")
    );
    assert_eq!(
        value("It was wet over the past 30 days.", b, "the past 30 days"),
        range("2020-07-19", "2020-08-18")
    );
    assert_eq!(value("A deal is due by the end of the year.", b, "the end of the year"), day("2020-12-31"));
    assert_eq!(value("The fair ran this weekend.", b, "this weekend"), range("2020-08-15", "2020-08-16"));
}

#[test]
fn since_and_anchored() {
    let b = aug18();
    let t = "Iran has provided weapons since at least 2007.";
    let m = find(t, b, "since at least 2007");
    assert_eq!(m.kind, TimeKind::Relative);
    let v = m.value.unwrap();
    assert_eq!((v.start.as_str(), v.end.as_str(), v.precision), ("2007", "2020-08-18", DatePrecision::Range));
    let t = "He was killed less than a month after the attack.";
    let m = find(t, b, "less than a month after");
    let TimeKind::Anchored(off) = m.kind else { panic!("{m:?}") };
    assert_eq!(
        off,
        AnchorOffset {
            amount: Some(1),
            unit: Unit::Month,
            direction: Direction::After,
            bound: Bound::AtMost
        }
    );
    assert!(m.value.is_none());
    let anchor = value("The attack came on December 11.", b, "December 11");
    let anchor = claimgraph_core::extraction::DateValue {
        start: anchor.0,
        end: anchor.1,
        precision: anchor.2,
        text: None,
    };
    let v = resolve_relative_to(&anchor, &off).unwrap();
    assert_eq!((v.start.as_str(), v.end.as_str()), ("2019-12-11", "2020-01-11"));
    let m = find("Officials met in the days after the attack.", b, "in the days after");
    assert!(matches!(m.kind, TimeKind::Anchored(AnchorOffset { bound: Bound::Few, unit: Unit::Day, .. })));
    let m = find("Two days later, the base was hit.", b, "Two days later");
    assert!(matches!(
        m.kind,
        TimeKind::Anchored(AnchorOffset { amount: Some(2), direction: Direction::After, .. })
    ));
}

#[test]
fn vague_and_wrong_things_get_no_date() {
    let b = aug18();
    let m = find("It has been downplayed in recent weeks.", b, "recent weeks");
    assert_eq!(m.kind, TimeKind::Vague);
    assert!(m.value.is_none());
    for text in [
        "May I ask a question?",
        "Troops march on the capital.",
        "A survey of 1709 schoolchildren and 2000 people.",
        "It costs $2019 and weighs 1,200 kg.",
        "The late Senator spoke.",
        "Call 555-2019-12 now.",
        "She was born on February 30, 2019.",
    ] {
        let found: Vec<_> = find_dates(text, Some(b)).into_iter().filter(|m| m.value.is_some()).collect();
        assert!(found.is_empty(), "{text:?}: {found:?}");
    }
    // without a reference date, relative expressions are found but not resolved
    let m = find_dates("The attack happened on Monday in 2019.", None);
    assert_eq!(m.len(), 2);
    assert!(m[0].value.is_none());
    assert_eq!(m[0].kind, TimeKind::Relative);
    assert!(m[1].value.is_some());
}

#[test]
fn iran_bounties_article() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/examples/iran-bounties/article.txt");
    let Ok(raw) = std::fs::read_to_string(path) else {
        eprintln!("article not found; skipped");
        return;
    };
    let doc = claimgraph_core::Document::new(&raw, claimgraph_core::Meta::default());
    let text = doc.text();
    let b = aug18();
    assert_eq!(value(text, b, "last year"), year("2019"));
    assert_eq!(value(text, b, "December"), month("2019-12"));
    assert_eq!(value(text, b, "December 11"), day("2019-12-11"));
    assert_eq!(value(text, b, "Monday"), day("2020-08-17"));
    assert_eq!(value(text, b, "March"), month("2020-03"));
    assert_eq!(value(text, b, "February"), month("2020-02"));
    assert_eq!(value(text, b, "late March"), range("2020-03-15", "2020-03-31"));
    assert_eq!(value(text, b, "November"), month("2019-11"));
    let recent = find(text, b, "recent weeks");
    assert!(recent.value.is_none());
    let m = find(text, b, "less than a month after");
    let TimeKind::Anchored(off) = m.kind else { panic!() };
    let dec11 = find(text, b, "December 11").value.unwrap();
    let v = resolve_relative_to(&dec11, &off).unwrap();
    assert_eq!(
        (v.start.as_str(), v.end.as_str(), v.precision),
        ("2019-12-11", "2020-01-11", DatePrecision::Range)
    );
    let since = find(text, b, "since at least 2007").value.unwrap();
    assert_eq!(since.start, "2007");
    // every span converts to a char span of the document
    for m in find_dates(text, Some(b)) {
        let span = doc.span_bytes(m.start, m.end).unwrap();
        doc.check_span(&span).unwrap();
    }
}
