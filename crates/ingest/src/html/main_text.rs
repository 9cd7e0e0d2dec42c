//! The main text of a page: Readability first, visible text as a fallback.

use dom_smoothie::{Config, Readability, TextMode};

/// Elements removed before Readability runs: never text, or advertising that Readability's
/// own class/id patterns miss (`advert`, `ad-side`, `adsbygoogle`, `sponsored`...).
const NOISE: &str = "script, style, noscript, template, iframe, svg, [hidden], [aria-hidden=true], \
                     [class~=ad], [class~=ads], [class*=advert], [id*=advert], [class^=ad-], [id^=ad-], \
                     [class^=ad_], [id^=ad_], [class*=adslot], [class*=ad-slot], [class*=adsbygoogle], \
                     [class*=sponsored], [id*=sponsored], [class*=promo]";
/// Elements whose text is never article text, removed for the fallback.
const BOILERPLATE: &str = "nav, header, footer, aside, form, button, select";

/// Pages with more elements than this skip Readability (its scoring would take seconds).
const MAX_READABILITY_ELEMENTS: usize = 50_000;
/// Pages nested deeper than this skip Readability: its cost grows with elements times
/// depth, and a few hundred KB of nested `<div>`s would otherwise take minutes.
const MAX_READABILITY_DEPTH: usize = 128;

/// The main text of a page and, when Readability was skipped, why.
pub(super) struct MainText {
    /// Paragraphs separated by blank lines.
    pub text: String,
    /// Set when the page was too large or too deep for Readability.
    pub warning: Option<String>,
}

/// The article text of `doc` (parsed from `html`), or `None` when the page has no
/// visible text.
pub(super) fn main_text(doc: dom_query::Document, html: &str) -> Option<MainText> {
    doc.select(NOISE).remove();
    if let Some(reason) = too_complex(&doc) {
        let warning = Some(format!("page {reason}: took all visible text instead of the article"));
        return visible_text(html).map(|text| MainText { text, warning });
    }
    if let Some(text) = readability_text(doc) {
        return Some(MainText { text, warning: None });
    }
    visible_text(html).map(|text| MainText { text, warning: None })
}

/// Why Readability should not run on `doc`, if it should not.
fn too_complex(doc: &dom_query::Document) -> Option<String> {
    let all = doc.select("*");
    let elements = all.nodes();
    if elements.len() > MAX_READABILITY_ELEMENTS {
        return Some(format!("has {} elements (over {MAX_READABILITY_ELEMENTS})", elements.len()));
    }
    // bounded walk up from each element: at most elements × (limit + 1) steps
    let deep = elements
        .iter()
        .any(|n| n.ancestors_it(Some(MAX_READABILITY_DEPTH + 1)).count() > MAX_READABILITY_DEPTH);
    deep.then(|| format!("is nested over {MAX_READABILITY_DEPTH} elements deep"))
}

fn readability_text(doc: dom_query::Document) -> Option<String> {
    let cfg = Config { text_mode: TextMode::Formatted, ..Config::default() };
    let mut readability = Readability::with_document(doc, None, Some(cfg)).ok()?;
    let article = readability.parse().ok()?;
    let text = article.text_content.to_string();
    has_words(&text).then_some(text)
}

/// The page's text without boilerplate elements, for pages Readability gives up on
/// (very short pages, bare fragments).
fn visible_text(html: &str) -> Option<String> {
    let doc = dom_query::Document::from(html);
    doc.select(NOISE).remove();
    doc.select(BOILERPLATE).remove();
    let body = doc.select("body");
    let text = if body.exists() { body.formatted_text() } else { doc.formatted_text() };
    let text = text.trim().to_string();
    has_words(&text).then_some(text)
}

fn has_words(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_pages_skip_readability() {
        let html = format!("{}<p>Deep words.</p>{}", "<div>".repeat(300), "</div>".repeat(300));
        let doc = dom_query::Document::from(html.as_str());
        let got = main_text(doc, &html).unwrap();
        assert_eq!(got.text, "Deep words.");
        assert!(got.warning.unwrap().contains("nested over 128"));
        let flat = "<p>Flat words in a short page.</p>";
        let got = main_text(dom_query::Document::from(flat), flat).unwrap();
        assert!(got.warning.is_none());
    }

    #[test]
    fn fallback_keeps_paragraphs_and_drops_boilerplate() {
        let html = "<nav>Home | World</nav><p>First para.</p><script>var x=1;</script><p>Second.</p>";
        let t = visible_text(html).unwrap();
        assert_eq!(t, "First para.\n\nSecond.");
        assert_eq!(visible_text("<script>only()</script><!-- c -->"), None);
    }
}
