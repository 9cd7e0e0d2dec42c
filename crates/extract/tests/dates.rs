//! Date finding and normalization on sentences written for these tests, and on the
//! reference article of `/work/shared/examples/iran-bounties`.

use claimgraph_core::extraction::DatePrecision;
use claimgraph_extract::time::{
    AnchorOffset, Bound, Date, Direction, Tense, TimeKind, TimeMatch, Timeline, Unit, find_dates,
    find_dates_at, find_dates_in, resolve_relative_to,
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

#[test]
fn two_digit_years() {
    let b = aug18();
    // an apostrophe year after a temporal word or a name; the century puts it nearest the
    // reference date, at most ten years ahead
    let t = "She graduated in '98 and came back for the reunion of '09; Woodstock '69 was long gone.";
    assert_eq!(value(t, b, "'98"), year("1998"));
    assert_eq!(value(t, b, "'09"), year("2009"));
    assert_eq!(value(t, b, "'69"), year("1969"));
    assert_eq!(value("The stadium opens in ’24.", b, "’24"), year("2024"));
    // bare two-digit years: after `in` or in a list after it, in a sentence that names a year
    let t = "He ran in 92 and 96, skipped 2000, and ran again in 04.";
    assert_eq!(value(t, b, "92"), year("1992"));
    assert_eq!(value(t, b, "96"), year("1996"));
    assert_eq!(value(t, b, "04"), year("2004"));
    // initials do not end the sentence that holds the year
    let t = "Carter in 76 and 80, [Ronald W.] Reagan in 1984.";
    assert_eq!(value(t, b, "76"), year("1976"));
    for text in [
        "Prices rose in 2019 in 80 countries.",
        "In 2019 it was sold in 12 and 15 packs.",
        "Teams scored in 80 and 84 minutes.",
        "The stadium holds 80 and opened in 12.",
        "They had 20 in 15 minutes.",
        "'18 people were hurt,' he said in 2019.",
    ] {
        let found: Vec<_> = find_dates(text, Some(b))
            .into_iter()
            .filter(|m| m.value.is_some() && m.end - m.start <= 3)
            .collect();
        assert!(found.is_empty(), "{text:?}: {found:?}");
    }
    // without a reference date there is no century to pick
    let m = find_dates("They met in '98.", None);
    assert_eq!(m.len(), 1);
    assert!(m[0].value.is_none());
}

#[test]
fn editorial_brackets_and_event_editions() {
    let b = d(2011, 3, 8);
    assert_eq!(value("\"[Ten] years ago, a browser was born.\"", b, "[Ten] years ago"), year("2001"));
    assert_eq!(value("The [two] weeks ago figure", b, "[two] weeks ago"), range("2011-02-21", "2011-02-27"));
    let t = "FIFA World Cup 2018 day five: Sweden wins; Expo 2010 drew crowds.";
    assert_eq!(value(t, b, "2018"), year("2018"));
    assert_eq!(value(t, b, "2010"), year("2010"));
    // a model number after a name is not an edition
    assert!(find_dates("He bought a Boeing 2018 kit.", Some(b)).iter().all(|m| m.value.is_none()));
}

#[test]
fn dates_that_point_back_at_the_last_one() {
    let b = d(2015, 5, 7);
    let t = "Support stood at 25 percent in February 2015. This is a decrease from the year before, when it was forty percent.";
    assert_eq!(value(t, b, "the year before"), year("2014"));
    let t = "The polls closed on Sunday, September 4, 2016. Counting went on the following day and the results came out that night.";
    assert_eq!(value(t, b, "the following day"), day("2016-09-05"));
    assert_eq!(value(t, b, "that night"), day("2016-09-05"));
    let t =
        "The talks opened on March 3. Two days later, they broke down; a week earlier nobody expected it.";
    assert_eq!(value(t, b, "Two days later"), day("2015-03-05"));
    assert_eq!(value(t, b, "a week earlier"), day("2015-02-26"));
    assert!(matches!(find(t, b, "Two days later").kind, TimeKind::Anchored(_)));
    let t = "The mill closed in 1998. A year later the town had lost half its jobs, and the previous month had been worse.";
    assert_eq!(value(t, b, "A year later"), year("1999"));
    // the month before a whole year is no month: no value
    assert!(find(t, b, "the previous month").value.is_none());
    let t = "Columbia lifted off on April 12, 1981. NASA held a ceremony commemorating the date, and the same date is a holiday.";
    assert_eq!(value(t, b, "the date"), day("1981-04-12"));
    assert_eq!(value(t, b, "the same date"), day("1981-04-12"));
    let t = "The first flight was in June 2010. Later that year the company went public.";
    assert_eq!(value(t, b, "that year"), year("2010"));
    let t = "The reactor was shut on Friday, June 5, 2015, and restarted the next day.";
    assert_eq!(value(t, b, "the next day"), day("2015-06-06"));
    // "the day after the attack" names its own anchor; with nothing before, nothing to count from
    let t = "On May 1, 2015 a bomb went off. The day after the attack, police made arrests.";
    assert!(find_dates(t, Some(b)).iter().all(|m| &t[m.start..m.end] != "The day after"));
    assert!(find_dates("That year was hard.", Some(b))[0].value.is_none());
    assert!(find_dates("The day before, nothing happened.", Some(b))[0].value.is_none());
    // "two days after the attack" is left for the caller to anchor on the attack
    let t = "The attack came on May 1. Two days after the attack, the army moved.";
    assert!(find(t, b, "Two days after").value.is_none());
}

#[test]
fn the_timeline_carries_across_sentences() {
    let b = d(2016, 9, 9);
    let mut tl = Timeline::default();
    let first = "The election was held on Sunday.";
    let second = "Counting ended the following day.";
    let m1 = find_dates_in(first, 0, Some(b), None, &mut tl);
    assert_eq!(m1[0].value.as_ref().unwrap().start, "2016-09-04");
    assert_eq!(tl.last().unwrap().start, "2016-09-04");
    let m2 = find_dates_in(second, first.len() + 1, Some(b), None, &mut tl);
    assert_eq!(m2[0].value.as_ref().unwrap().start, "2016-09-05");
    assert_eq!(m2[0].start, first.len() + 1 + "Counting ended ".len());
    // a piece read alone does not see the dates before it
    assert!(find_dates_at(second, 0, Some(b), None)[0].value.is_none());
    // a span up to the reference date names no date of its own
    let mut tl = Timeline::default();
    find_dates_in("It has grown since 2007.", 0, Some(b), None, &mut tl);
    assert!(tl.last().is_none());
}

#[test]
fn day_phrases_in_apposition() {
    let b = d(2007, 3, 5);
    let t = "I visited the festival on Saturday night, the opening night, and there was a sea of people.";
    assert_eq!(value(t, b, "the opening night"), day("2007-03-03"));
    let b = d(2014, 1, 28);
    let t = "Opening night, January 23, 2014, of the exhibit drew a crowd.\nStudents came back after USI's opening night.";
    assert_eq!(value(t, b, "Opening night"), day("2014-01-23"));
    // once dated, the phrase keeps its date through the document
    assert_eq!(value(t, b, "opening night"), day("2014-01-23"));
    let b = d(2018, 6, 19);
    let t = "World Cup day five: three wins\nYesterday, day five of the tournament, Sweden won.";
    assert_eq!(value(t, b, "Yesterday"), day("2018-06-18"));
    assert_eq!(value(t, b, "day five"), day("2018-06-18"));
    let first = find_dates(t, Some(b)).into_iter().find(|m| &t[m.start..m.end] == "day five").unwrap();
    assert!(first.start < t.find('\n').unwrap(), "the headline's day five is dated too");
    // no date beside it, no date; a whole year is not a day
    for text in [
        "It was the opening night of the show.",
        "In 2010, the final day came.",
        "The night sky on Monday, the night sky was clear.",
        "On Monday, the day sky was clear.",
    ] {
        let dated: Vec<_> = find_dates(text, Some(b))
            .into_iter()
            .filter(|m| {
                m.value.is_some()
                    && text[m.start..m.end].contains("day")
                    && !text[m.start..m.end].contains("Monday")
            })
            .collect();
        assert!(dated.is_empty(), "{text:?}: {dated:?}");
    }
}

#[test]
fn pauses_ended_by_the_reported_event() {
    let b = d(2015, 8, 21);
    let t = "South Korea had recently resumed broadcasts after an 11-year lull.";
    assert_eq!(value(t, b, "an 11-year lull"), range("2004-01-01", "2015-12-31"));
    let t = "The band returned to the stage after a two-month hiatus.";
    assert_eq!(value(t, b, "a two-month hiatus"), range("2015-06-01", "2015-08-31"));
    let t = "The league will resume after a two-year break.";
    assert!(find(t, b, "a two-year break").value.is_none());
    assert!(find_dates("He came back after a long break.", Some(b)).is_empty());
}

#[test]
fn names_and_generic_today_get_no_date() {
    let b = d(2012, 3, 11);
    for text in [
        "Artists like Saturday Morning Breakfast Cereal draw it.",
        "He reads USA Today every week.",
        "How did you grow the site to the size it is today?",
        "He sold me two books which I still own today.",
    ] {
        let found: Vec<_> = find_dates(text, Some(b)).into_iter().filter(|m| m.value.is_some()).collect();
        assert!(found.is_empty(), "{text:?}: {found:?}");
    }
    // sloppy capitals are still a date
    let t = "The festival was off to a bright start on Saturday Night as crowds came.";
    assert_eq!(value(t, b, "Saturday"), day("2012-03-10"));
    assert_eq!(value("Today, the council voted.", b, "Today"), day("2012-03-11"));
}

#[test]
fn a_quoted_today_is_the_day_it_was_said() {
    let base = d(2021, 3, 10);
    // the narrative is at Monday (two days before publication); the mayor spoke then
    let t = "On Monday, floods cut the valley road for the 2021 season. After touring the \
             damage, the mayor said, \"What we saw today will take months to repair.\"";
    assert_eq!(value(t, base, "Monday"), day("2021-03-08"));
    assert_eq!(value(t, base, "today"), day("2021-03-08"));
    // curly quotes, the reporting verb after the quote
    let t = "The bridge reopened on Monday. “We crossed it today for the first time,” a driver told us.";
    assert_eq!(value(t, base, "today"), day("2021-03-08"));
    // not quoted, quoted in the present, or no recent day named: the publication date
    let t = "The bridge reopened on Monday. The mayor said it carried 500 cars today.";
    assert_eq!(value(t, base, "today"), day("2021-03-10"));
    let t = "The bridge reopened on Monday. \"We will cross it today,\" a driver says.";
    assert_eq!(value(t, base, "today"), day("2021-03-10"));
    let t = "The bridge reopened in January. \"We crossed it today,\" a driver said.";
    assert_eq!(value(t, base, "today"), day("2021-03-10"));
    let t = "The bridge reopened on February 1. \"We crossed it today,\" a driver said.";
    assert_eq!(value(t, base, "today"), day("2021-03-10"));
}
