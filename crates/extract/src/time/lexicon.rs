//! Words of time: months, weekdays, seasons, units and number words.

use jiff::civil::Weekday;

/// Month number of a month name or abbreviation (lowercase input).
pub(crate) fn month(word: &str) -> Option<i8> {
    Some(match word {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// True for the abbreviated month names, which need a following period or a day number.
pub(crate) fn is_month_abbreviation(word: &str) -> bool {
    word.len() <= 4 && word != "may" && word != "june" && word != "july"
}

/// Weekday of a weekday name (lowercase input; abbreviations are handled by the caller).
pub(crate) fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        "sunday" => Weekday::Sunday,
        _ => return None,
    })
}

/// A season of the northern hemisphere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Season {
    /// First month; winter starts in December of the year before the one it is named by
    /// ("winter 2020" is December 2019 to February 2020), meteorological convention.
    pub fn months(self) -> (i8, i8) {
        match self {
            Season::Spring => (3, 5),
            Season::Summer => (6, 8),
            Season::Autumn => (9, 11),
            Season::Winter => (12, 2),
        }
    }
}

/// Season named by a lowercase word.
pub(crate) fn season(word: &str) -> Option<Season> {
    Some(match word {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "autumn" | "fall" => Season::Autumn,
        "winter" => Season::Winter,
        _ => return None,
    })
}

/// A calendar unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// A day.
    Day,
    /// A week (Monday to Sunday when calendar-aligned).
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
    /// Ten years.
    Decade,
}

/// Unit named by a lowercase word, singular or plural.
pub(crate) fn unit(word: &str) -> Option<Unit> {
    Some(match word {
        "day" | "days" => Unit::Day,
        "week" | "weeks" => Unit::Week,
        "month" | "months" => Unit::Month,
        "year" | "years" => Unit::Year,
        "decade" | "decades" => Unit::Decade,
        _ => return None,
    })
}

/// Value of a number word from one to ninety-nine written as one word (`seventeen`) or of a
/// tens word (`seventy`); compounds like `seventy-one` are read by the callers.
pub(crate) fn number_word(word: &str) -> Option<u64> {
    Some(match word {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return tens_word(word),
    })
}

/// Value of a tens word (`twenty` .. `ninety`).
pub(crate) fn tens_word(word: &str) -> Option<u64> {
    Some(match word {
        "twenty" => 20,
        "thirty" => 30,
        "forty" | "fourty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Decade of a plural tens word as in `the sixties` (the twentieth century is assumed).
pub(crate) fn decade_word(word: &str) -> Option<i16> {
    Some(match word {
        "twenties" => 1920,
        "thirties" => 1930,
        "forties" => 1940,
        "fifties" => 1950,
        "sixties" => 1960,
        "seventies" => 1970,
        "eighties" => 1980,
        "nineties" => 1990,
        _ => return None,
    })
}

/// Day number of an ordinal day written as a word (`first` .. `thirty-first` as one word).
pub(crate) fn ordinal_word(word: &str) -> Option<i8> {
    Some(match word {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        _ => return None,
    })
}

/// True for the suffixes of digit ordinals (`11th`, `1st`, `2nd`, `3rd`).
pub(crate) fn is_ordinal_suffix(word: &str) -> bool {
    matches!(word, "st" | "nd" | "rd" | "th")
}
