//! Evaluation of the date finder on GUM's `<date>` annotations (news and interview
//! documents have them): for each gold date, is there an overlapping expression normalized
//! to the gold value? Relative dates are resolved against the document's dateline (its
//! first full date), else its `dateCreated`.

mod gold;
mod reader;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::{ExtractError, Result};

use super::{find_dateline, find_dates, parse_published};

/// Counts for one set of documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateScores {
    /// Documents read.
    pub docs: usize,
    /// Gold `<date>` spans.
    pub gold: usize,
    /// Gold spans with a single `when` value (the target counts these).
    pub gold_when: usize,
    /// Gold `when` spans overlapped by an expression whose value matches.
    pub correct_when: usize,
    /// Gold spans with only one end (`notAfter` alone), which no two-ended value matches.
    pub gold_open_ended: usize,
    /// Gold spans overlapped by an expression with a value.
    pub found: usize,
    /// Gold spans overlapped by an expression whose value matches.
    pub correct: usize,
    /// Expressions with a value.
    pub predicted: usize,
    /// Expressions with a value matching an overlapping gold span.
    pub predicted_correct: usize,
}

impl DateScores {
    /// `correct / gold`.
    pub fn accuracy(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    /// `correct_when / gold_when`: accuracy on the `<date when>` spans alone.
    pub fn when_accuracy(&self) -> f64 {
        ratio(self.correct_when, self.gold_when)
    }

    /// `predicted_correct / predicted`.
    pub fn precision(&self) -> f64 {
        ratio(self.predicted_correct, self.predicted)
    }

    fn add(&mut self, o: &DateScores) {
        self.docs += o.docs;
        self.gold += o.gold;
        self.gold_open_ended += o.gold_open_ended;
        self.gold_when += o.gold_when;
        self.correct_when += o.correct_when;
        self.found += o.found;
        self.correct += o.correct;
        self.predicted += o.predicted;
        self.predicted_correct += o.predicted_correct;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// A gold date not matched, or a value that matched no gold date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GumMistake {
    /// Document id.
    pub doc: String,
    /// Gold text and attributes, empty for a spurious prediction.
    pub gold: String,
    /// Predicted text and value, empty when nothing overlapped.
    pub predicted: String,
}

/// Scores of [`evaluate_gum`].
#[derive(Debug, Clone, Default)]
pub struct GumDateScores {
    /// All documents of the requested genres.
    pub all: DateScores,
    /// Per partition (`train`, `dev`, `test`).
    pub by_partition: BTreeMap<String, DateScores>,
    /// Every miss and every spurious value, for error analysis.
    pub mistakes: Vec<GumMistake>,
}

/// Which date relative expressions of a GUM document are resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GumReference {
    /// The document's dateline (its first full date), else `dateCreated`: what the pipeline
    /// does with a report without publication metadata.
    #[default]
    Dateline,
    /// The `dateCreated` attribute only.
    Created,
}

/// Evaluates [`find_dates`] on the GUM documents of `genres` (e.g. `["news",
/// "interview"]`), resolving against each document's dateline. `gum_dir` is the GUM folder
/// (holding `xml/`) or the `xml/` folder.
pub fn evaluate_gum(gum_dir: &Path, genres: &[&str]) -> Result<GumDateScores> {
    evaluate_gum_with(gum_dir, genres, GumReference::Dateline)
}

/// [`evaluate_gum`] with a choice of reference date.
pub fn evaluate_gum_with(gum_dir: &Path, genres: &[&str], reference: GumReference) -> Result<GumDateScores> {
    let xml_dir = if gum_dir.join("xml").is_dir() { gum_dir.join("xml") } else { gum_dir.to_path_buf() };
    let io = |path: PathBuf| move |source| ExtractError::Io { path, source };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&xml_dir)
        .map_err(io(xml_dir.clone()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".xml") && genres.iter().any(|g| name.starts_with(&format!("GUM_{g}_")))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(ExtractError::BadCorpus {
            path: xml_dir,
            message: "no GUM xml files of these genres".into(),
        });
    }
    let mut out = GumDateScores::default();
    for path in files {
        let xml = std::fs::read_to_string(&path).map_err(io(path.clone()))?;
        let doc = reader::parse(&xml).ok_or_else(|| ExtractError::BadCorpus {
            path: path.clone(),
            message: "no <text> element".into(),
        })?;
        let scores = score_doc(&doc, reference, &mut out.mistakes);
        out.all.add(&scores);
        out.by_partition.entry(doc.partition.clone()).or_default().add(&scores);
    }
    Ok(out)
}

/// Scores one document, appending its mistakes.
fn score_doc(doc: &reader::GumDoc, reference: GumReference, mistakes: &mut Vec<GumMistake>) -> DateScores {
    let created = doc.created.as_deref().and_then(parse_published);
    let base = match reference {
        GumReference::Dateline => find_dateline(&doc.text).or(created),
        GumReference::Created => created,
    };
    let preds: Vec<_> = find_dates(&doc.text, base).into_iter().filter(|m| m.value.is_some()).collect();
    let mut s =
        DateScores { docs: 1, gold: doc.dates.len(), predicted: preds.len(), ..DateScores::default() };
    let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
    let show = |m: &super::TimeMatch| {
        let v = m.value.as_ref();
        format!(
            "{:?} = {}..{}",
            &doc.text[m.start..m.end],
            v.map_or("", |v| v.start.as_str()),
            v.map_or("", |v| v.end.as_str())
        )
    };
    for g in &doc.dates {
        let when = matches!(g.gold, gold::GoldDate::When(_));
        s.gold_when += usize::from(when);
        if g.gold == gold::GoldDate::OpenEnded {
            s.gold_open_ended += 1;
        }
        let over: Vec<_> = preds.iter().filter(|m| overlaps((m.start, m.end), (g.start, g.end))).collect();
        if !over.is_empty() {
            s.found += 1;
        }
        let ok = over.iter().any(|m| m.value.as_ref().is_some_and(|v| g.gold.matches(v)));
        if ok {
            s.correct += 1;
            s.correct_when += usize::from(when);
        } else {
            mistakes.push(GumMistake {
                doc: doc.id.clone(),
                gold: format!("{:?} {}", &doc.text[g.start..g.end], g.raw),
                predicted: over.iter().map(|m| show(m)).collect::<Vec<_>>().join("; "),
            });
        }
    }
    for m in &preds {
        let Some(v) = m.value.as_ref() else { continue };
        let hit = doc.dates.iter().any(|g| overlaps((m.start, m.end), (g.start, g.end)) && g.gold.matches(v));
        if hit {
            s.predicted_correct += 1;
        } else if !doc.dates.iter().any(|g| overlaps((m.start, m.end), (g.start, g.end))) {
            mistakes.push(GumMistake { doc: doc.id.clone(), gold: String::new(), predicted: show(m) });
        }
    }
    s
}
