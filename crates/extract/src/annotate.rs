//! One analysis of a document that every later step reads (spaCy `Doc` style): words with
//! byte offsets, lowercase forms and lemmas, sentences, a coarse part of speech, and the
//! named-entity spans of the recognizer. Offsets are bytes into the document text.

use std::ops::Range;

use claimgraph_ner::{EntityLabel, Ner};
use claimgraph_nlp::{Analysis, Pipeline};
use claimgraph_text::Tokenizer;

use crate::lexicon;

/// Coarse part of speech used by the trigger and argument rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    /// Noun or proper noun.
    Noun,
    /// Verb (auxiliaries included).
    Verb,
    /// Anything else, or unknown.
    Other,
}

/// One word of the document.
#[derive(Debug, Clone)]
pub struct Word {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// Lowercase form, with typographic apostrophes made plain.
    pub lower: String,
    /// Lemma (lowercase).
    pub lemma: String,
    /// Part of speech from the tagger when its model is embedded, else [`Pos::Other`].
    pub pos: Pos,
    /// True when the first char is uppercase.
    pub capitalized: bool,
    /// Index of the sentence.
    pub sentence: usize,
}

/// One sentence: its byte extent and its words.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// Indices of its words.
    pub words: Range<usize>,
}

/// A span found by the named-entity recognizer, in document word indices.
#[derive(Debug, Clone)]
pub struct NerSpan {
    /// Words of the span.
    pub words: Range<usize>,
    /// Label.
    pub label: EntityLabel,
}

/// The analysis of one document.
#[derive(Debug, Clone)]
pub struct Annotation<'t> {
    /// The document text all offsets point into.
    pub text: &'t str,
    /// Words in text order.
    pub words: Vec<Word>,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Named-entity spans in text order.
    pub ner: Vec<NerSpan>,
    /// Head per word (document index) from the parser, when its model is embedded.
    pub heads: Option<Vec<Option<usize>>>,
    /// Dependency relation per word (UD labels, `nsubj`, `obl:agent`, `xcomp` ...), when
    /// the parser's model is embedded; same length as `heads`.
    pub deprels: Option<Vec<String>>,
}

impl<'t> Annotation<'t> {
    /// Analyses `text` with the given models (`nlp` is optional: the extractor works
    /// without a parser, with word-order rules only).
    pub fn build(text: &'t str, tokenizer: &Tokenizer, ner: &Ner, nlp: Option<&Pipeline>) -> Self {
        let (toks, sents) = tokenizer.analyze(text);
        let mut words = Vec::with_capacity(toks.len());
        let mut sentences = Vec::with_capacity(sents.len());
        let mut spans = Vec::new();
        let mut heads: Option<Vec<Option<usize>>> = nlp.map(|_| Vec::with_capacity(toks.len()));
        let mut deprels: Option<Vec<String>> = nlp.map(|_| Vec::with_capacity(toks.len()));
        let mut analysis = Analysis::default();
        for (si, s) in sents.iter().enumerate() {
            let first = words.len();
            let forms: Vec<&str> =
                toks[s.tokens.start as usize..s.tokens.end as usize].iter().map(|t| t.text(text)).collect();
            for (t, form) in toks[s.tokens.start as usize..s.tokens.end as usize].iter().zip(&forms) {
                let lower = form.to_lowercase().replace('\u{2019}', "'");
                words.push(Word {
                    start: t.start as usize,
                    end: t.end as usize,
                    lemma: lexicon::lemma(&lower),
                    lower,
                    pos: Pos::Other,
                    capitalized: form.chars().next().is_some_and(char::is_uppercase),
                    sentence: si,
                });
            }
            if let (Some(p), Some(h), Some(r)) = (nlp, heads.as_mut(), deprels.as_mut()) {
                p.analyze(&forms, &mut analysis);
                for i in 0..analysis.len() {
                    let w = &mut words[first + i];
                    w.pos = match p.upos(&analysis, i) {
                        "NOUN" | "PROPN" => Pos::Noun,
                        "VERB" | "AUX" => Pos::Verb,
                        _ => Pos::Other,
                    };
                    let l = analysis.lemma(i);
                    if !l.is_empty() {
                        w.lemma = l.to_lowercase();
                    }
                    let head = analysis.heads[i] as usize;
                    h.push((head > 0).then(|| first + head - 1));
                    r.push(p.deprel(&analysis, i).to_string());
                }
            }
            for e in ner.entities(&forms) {
                spans.push(NerSpan { words: first + e.start_word..first + e.end_word, label: e.label });
            }
            sentences.push(Sentence {
                start: s.start as usize,
                end: s.end as usize,
                words: first..words.len(),
            });
        }
        if heads.as_ref().is_some_and(|h| h.len() != words.len())
            || deprels.as_ref().is_some_and(|r| r.len() != words.len())
        {
            heads = None;
            deprels = None;
        }
        Annotation { text, words, sentences, ner: spans, heads, deprels }
    }

    /// The dependents of word `h` with relation `rel` (prefix match: `nsubj` also finds
    /// `nsubj:pass`), from the parse; empty without a parser.
    pub fn dependents(&self, h: usize, rel: &str) -> Vec<usize> {
        let (Some(heads), Some(rels)) = (&self.heads, &self.deprels) else { return Vec::new() };
        let sent = self.sentence_of(h).words.clone();
        sent.filter(|&k| {
            heads[k] == Some(h)
                && (rels[k] == rel || rels[k].strip_prefix(rel).is_some_and(|x| x.starts_with(':')))
        })
        .collect()
    }

    /// The relation of word `i` to its head, when parsed.
    pub fn deprel(&self, i: usize) -> Option<&str> {
        self.deprels.as_ref().and_then(|r| r.get(i)).map(String::as_str)
    }

    /// The text of words `r`.
    pub fn slice(&self, r: Range<usize>) -> &'t str {
        if r.is_empty() {
            return "";
        }
        &self.text[self.words[r.start].start..self.words[r.end - 1].end]
    }

    /// The lowercase form of word `i`, or `""` out of range.
    pub fn lower(&self, i: usize) -> &str {
        self.words.get(i).map_or("", |w| w.lower.as_str())
    }

    /// The word that starts at or contains byte `b`.
    pub fn word_at_byte(&self, b: usize) -> Option<usize> {
        let i = self.words.partition_point(|w| w.end <= b);
        (i < self.words.len() && self.words[i].start <= b.max(self.words[i].start)).then_some(i)
    }

    /// Words covering the byte range `b0..b1` (those overlapping it).
    pub fn words_in_bytes(&self, b0: usize, b1: usize) -> Range<usize> {
        let s = self.words.partition_point(|w| w.end <= b0);
        let e = self.words.partition_point(|w| w.start < b1);
        s..e.max(s)
    }

    /// The sentence of word `i`.
    pub fn sentence_of(&self, i: usize) -> &Sentence {
        &self.sentences[self.words[i].sentence]
    }
}
