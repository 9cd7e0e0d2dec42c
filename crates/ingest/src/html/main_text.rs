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

/// The article text of `doc` (parsed from `html`), paragraphs separated by blank lines, or
/// `None` when the page has no visible text.
pub(super) fn main_text(doc: dom_query::Document, html: &str) -> Option<String> {
    doc.select(NOISE).remove();
    if let Some(text) = readability_text(doc) {
        return Some(text);
    }
    visible_text(html)
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
    fn fallback_keeps_paragraphs_and_drops_boilerplate() {
        let html = "<nav>Home | World</nav><p>First para.</p><script>var x=1;</script><p>Second.</p>";
        let t = visible_text(html).unwrap();
        assert_eq!(t, "First para.\n\nSecond.");
        assert_eq!(visible_text("<script>only()</script><!-- c -->"), None);
    }
}
