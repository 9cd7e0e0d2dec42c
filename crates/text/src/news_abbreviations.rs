//! Abbreviations of English news style that a web-text treebank rarely shows: AP state
//! abbreviations, military and political titles, company suffixes, months. The tokenizer
//! keeps their period whatever the model learned.
//!
//! Abbreviations that are also words (`Ill.`, `Miss.`, `Mass.`, `Wash.`, `Ore.`, `Ind.`)
//! are left out: at the end of a sentence the word reading wins more often.

/// Lowercased, with the final period.
pub(crate) const NEWS_ABBREVIATIONS: &[&str] = &[
    // months
    "jan.", "feb.", "mar.", "apr.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
    // AP state abbreviations that are not English words
    "ala.", "ariz.", "ark.", "calif.", "colo.", "conn.", "fla.", "ga.", "kan.", "kans.", "ky.", "md.",
    "mich.", "minn.", "mont.", "neb.", "nev.", "okla.", "pa.", "penn.", "tenn.", "tex.", "va.", "vt.",
    "wis.", "wyo.", // titles and ranks
    "mr.", "mrs.", "ms.", "dr.", "prof.", "gen.", "lt.", "col.", "maj.", "capt.", "sgt.", "cpl.", "pvt.",
    "adm.", "cmdr.", "brig.", "rep.", "reps.", "sen.", "sens.", "gov.", "pres.", "rev.", "hon.", "amb.",
    "supt.", "insp.", "det.", "atty.", "msgr.", // organisations and addresses
    "co.", "corp.", "inc.", "ltd.", "bros.", "dept.", "univ.", "assn.", "st.", "ave.", "blvd.", "rd.", "mt.",
    "ft.", // others
    "no.", "nos.", "vs.", "etc.", "approx.", "est.", "jr.", "sr.", "vol.", "p.", "pp.",
];

/// True when `lower` (lowercased, with its final period) is a news abbreviation.
pub(crate) fn is_news_abbreviation(lower: &str) -> bool {
    NEWS_ABBREVIATIONS.contains(&lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_lowercase_with_period() {
        assert!(NEWS_ABBREVIATIONS.iter().all(|a| a.ends_with('.') && a.to_lowercase() == *a));
        assert!(is_news_abbreviation("calif.") && !is_news_abbreviation("ill."));
    }
}
