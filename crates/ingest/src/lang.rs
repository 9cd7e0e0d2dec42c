//! Language identification with `whatlang`, reported as ISO 639-1 codes.

use whatlang::Lang;

/// How many chars of the text are shown to the detector (enough for a stable guess and
/// cheap on long documents).
const SAMPLE_CHARS: usize = 1000;

/// The ISO 639-1 code of the language of `text` when `whatlang` is confident, else `None`.
pub fn detect_language(text: &str) -> Option<String> {
    let end = text.char_indices().nth(SAMPLE_CHARS).map_or(text.len(), |(i, _)| i);
    let info = whatlang::detect(&text[..end])?;
    if !info.is_reliable() {
        return None;
    }
    Some(iso639_1(info.lang()).to_string())
}

/// The ISO 639-1 code of a `whatlang` language (each of the 70 it knows has one; Iranian
/// Persian `pes` maps to `fa`, Mandarin `cmn` to `zh`).
fn iso639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
        Lang::Cym => "cy",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_french() {
        let en = "Officials said the convoy was attacked near the border on Tuesday, and two \
                  soldiers were wounded in the exchange of fire that followed.";
        assert_eq!(detect_language(en).as_deref(), Some("en"));
        let fr = "Les autorités ont déclaré que le convoi avait été attaqué près de la frontière \
                  mardi et que deux soldats avaient été blessés.";
        assert_eq!(detect_language(fr).as_deref(), Some("fr"));
    }

    #[test]
    fn too_short_is_none() {
        assert_eq!(detect_language("ok"), None);
        assert_eq!(detect_language(""), None);
    }

    #[test]
    fn every_language_has_a_code() {
        for &lang in Lang::all() {
            let code = iso639_1(lang);
            assert_eq!(code.len(), 2, "{lang:?}");
        }
    }
}
