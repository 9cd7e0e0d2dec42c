//! The tag → lemma → parse pipeline over one sentence's word forms, with reusable buffers so
//! that analysing a sentence allocates nothing per word once the buffers have grown.

use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, AtomicU16, Ordering};

use claimgraph_text::conllu::Sentence;
use claimgraph_text::{is_apostrophe_variant, is_clitic};

use crate::agreement;
use crate::error::{NlpError, Result};
use crate::parser::features::{NodeInfo, ROOT_INFO};
use crate::parser::{ParseScratch, Parser, ParserKind, tag_hash};
use crate::tagger::Tagger;
use crate::tagger::features::TokenHashes;

/// The parser [`Pipeline::shared`] uses: 0 accurate, 1 fast.
static DEFAULT_PARSER: AtomicU8 = AtomicU8::new(0);

/// Chooses the parser that [`Pipeline::shared`] (and so extraction) uses in this process:
/// the command line's `--parser` sets it once at start-up.
pub fn set_default_parser(kind: ParserKind) {
    DEFAULT_PARSER.store(u8::from(kind == ParserKind::Fast), Ordering::Relaxed);
}

/// The parser [`Pipeline::shared`] uses (accurate unless [`set_default_parser`] said else).
pub fn default_parser() -> ParserKind {
    if DEFAULT_PARSER.load(Ordering::Relaxed) == 1 { ParserKind::Fast } else { ParserKind::Accurate }
}

/// The beam width embedded parsers decode with: 0 for each model's trained width.
static DEFAULT_BEAM: AtomicU16 = AtomicU16::new(0);

/// Chooses the beam width that the embedded parsers ([`Pipeline::embedded_kind`],
/// [`Pipeline::shared`]) decode with in this process (`None`: the width each was trained
/// for); the command line's `--beam` sets it once at start-up, before any pipeline is loaded.
pub fn set_default_beam(width: Option<usize>) -> Result<()> {
    let w = width.map_or(Ok(0), crate::parser::check_beam_width)?;
    DEFAULT_BEAM.store(w, Ordering::Relaxed);
    Ok(())
}

/// The beam width chosen by [`set_default_beam`] (`None`: each model's trained width).
pub fn default_beam() -> Option<usize> {
    match DEFAULT_BEAM.load(Ordering::Relaxed) {
        0 => None,
        w => Some(usize::from(w)),
    }
}

/// Makes `parser` decode with the width chosen by [`set_default_beam`], if one was. The
/// width applies to parsers trained with a beam; a parser trained for greedy decoding (the
/// fast one) stays greedy, since a beam only lowers its accuracy
/// ([`Parser::set_beam_width`] refuses it).
pub fn use_default_beam(parser: &mut Parser) -> Result<()> {
    match default_beam() {
        Some(w) if parser.kind() == ParserKind::Accurate => parser.set_beam_width(w),
        _ => Ok(()),
    }
}

/// Tagger + lemmatizer + parser.
#[derive(Debug, Clone)]
pub struct Pipeline {
    tagger: Tagger,
    parser: Parser,
    /// Per tag class: hashes of its UPOS and XPOS as the parser sees them.
    tag_hashes: Vec<(u64, u64)>,
}

/// Buffers and results of one analysed sentence (reuse it across sentences).
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    toks: Vec<TokenHashes>,
    scores: Vec<i32>,
    nodes: Vec<NodeInfo>,
    parse: ParseScratch,
    scratch: String,
    /// Tag class per word (see [`Tagger::upos`]).
    pub tags: Vec<u16>,
    /// Head per word: 0 for the root, else the 1-based index of the head word.
    pub heads: Vec<u32>,
    /// Relation id per word (see [`Parser::relations`]).
    pub rels: Vec<u16>,
    lemma_buf: String,
    lemma_ends: Vec<u32>,
    feats_buf: String,
    feats_ends: Vec<u32>,
}

impl Analysis {
    /// Number of words analysed.
    pub fn len(&self) -> usize {
        self.tags.len()
    }
    /// True when the sentence was empty.
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
    }
    /// Lemma of word `i`.
    pub fn lemma(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.lemma_ends[i - 1] as usize };
        &self.lemma_buf[start..self.lemma_ends[i] as usize]
    }
    /// FEATS of word `i` (`_` when none): the tagger's, with the features that depend on
    /// the tree set after parsing ([`crate::agreement`]).
    pub fn feats(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.feats_ends[i - 1] as usize };
        &self.feats_buf[start..self.feats_ends[i] as usize]
    }
}

/// One analysed word (owned; the allocation-free path is [`Pipeline::analyze`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedWord {
    /// Word form.
    pub form: String,
    /// Lemma.
    pub lemma: String,
    /// Universal POS tag.
    pub upos: String,
    /// Penn Treebank tag.
    pub xpos: String,
    /// UD morphological features (`_` when none).
    pub feats: String,
    /// 0 for the root, else the 1-based index of the head word.
    pub head: usize,
    /// UD dependency relation.
    pub deprel: String,
}

impl Pipeline {
    /// Combines a tagger and a parser.
    pub fn new(tagger: Tagger, parser: Parser) -> Self {
        let tag_hashes = (0..tagger.n_tags() as u16)
            .map(|t| (tag_hash(tagger.upos(t)), tag_hash(tagger.xpos(t))))
            .collect();
        Pipeline { tagger, parser, tag_hashes }
    }

    /// The models embedded in this build.
    pub fn embedded() -> Result<Self> {
        Ok(Self::new(Tagger::embedded()?, Parser::embedded()?))
    }

    /// The embedded tagger with one of the two embedded parsers, decoding with the
    /// process's beam width ([`set_default_beam`]).
    pub fn embedded_kind(kind: ParserKind) -> Result<Self> {
        let mut parser = Parser::embedded_kind(kind)?;
        use_default_beam(&mut parser)?;
        Ok(Self::new(Tagger::embedded()?, parser))
    }

    /// A shared instance of the embedded models with the process's parser (see
    /// [`set_default_parser`]), loaded on first use.
    pub fn shared() -> Result<&'static Pipeline> {
        Self::shared_kind(default_parser())
    }

    /// A shared instance of the embedded tagger with the given parser, loaded on first use.
    pub fn shared_kind(kind: ParserKind) -> Result<&'static Pipeline> {
        static ACCURATE: OnceLock<std::result::Result<Pipeline, String>> = OnceLock::new();
        static FAST: OnceLock<std::result::Result<Pipeline, String>> = OnceLock::new();
        let cell = match kind {
            ParserKind::Accurate => &ACCURATE,
            ParserKind::Fast => &FAST,
        };
        match cell.get_or_init(|| Self::embedded_kind(kind).map_err(|e| e.to_string())) {
            Ok(p) => Ok(p),
            Err(_) => Err(Self::embedded_kind(kind).err().unwrap_or(NlpError::NoEmbeddedModel("pipeline"))),
        }
    }

    /// Loads models from files (as written by training).
    pub fn load(tagger: &Path, parser: &Path) -> Result<Self> {
        Ok(Self::new(Tagger::load(tagger)?, Parser::load(parser)?))
    }

    /// The tagger.
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    /// The parser.
    pub fn parser(&self) -> &Parser {
        &self.parser
    }

    /// The parser, to change how it decodes ([`Parser::set_beam_width`]).
    pub fn parser_mut(&mut self) -> &mut Parser {
        &mut self.parser
    }

    /// Tags, lemmatizes and parses one sentence into `out`.
    ///
    /// Words spelt with a grave accent, acute accent or modifier letter for the apostrophe
    /// (`n`t`, `´m`, `ʼs`) are analysed as if written with `'`, which is how the treebanks
    /// mostly spell them (spaCy's `NORM` does the same); the caller's forms are not changed.
    pub fn analyze<S: AsRef<str>>(&self, words: &[S], out: &mut Analysis) {
        if words.iter().any(|w| has_variant_apostrophe(w.as_ref())) {
            let words: Vec<std::borrow::Cow<'_, str>> =
                words.iter().map(|w| with_apostrophe(w.as_ref())).collect();
            self.analyze_forms(&words, out);
        } else {
            self.analyze_forms(words, out);
        }
    }

    fn analyze_forms<S: AsRef<str>>(&self, words: &[S], out: &mut Analysis) {
        self.tagger.hash_tokens(words, &mut out.toks);
        self.tagger.tag(&out.toks, &mut out.scores, &mut out.tags);
        out.lemma_buf.clear();
        out.lemma_ends.clear();
        for (w, &t) in words.iter().zip(&out.tags) {
            self.tagger.lemmatizer().lemmatize_into(w.as_ref(), t, &mut out.scratch, &mut out.lemma_buf);
            out.lemma_ends.push(out.lemma_buf.len() as u32);
        }
        out.nodes.clear();
        out.nodes.push(ROOT_INFO);
        for (tok, &t) in out.toks.iter().zip(&out.tags) {
            let (upos, xpos) = self.tag_hashes[t as usize];
            out.nodes.push(NodeInfo { word: tok.lower, upos, xpos });
        }
        self.parser.parse(&out.nodes, &mut out.parse, &mut out.heads, &mut out.rels);
        self.set_feats(words, out);
    }

    /// Fills the analysis's FEATS: the tagger's, then agreement and mood from the tree.
    fn set_feats<S: AsRef<str>>(&self, words: &[S], out: &mut Analysis) {
        let relations = self.parser.relations();
        let analysed: Vec<agreement::Word<'_>> = (0..out.tags.len())
            .map(|i| {
                let t = out.tags[i];
                agreement::Word {
                    form: words[i].as_ref(),
                    upos: self.tagger.upos(t),
                    xpos: self.tagger.xpos(t),
                    feats: self.tagger.feats(&out.toks[i], t),
                    head: out.heads[i] as usize,
                    deprel: relations.get(out.rels[i] as usize).map_or("dep", String::as_str),
                }
            })
            .collect();
        out.feats_buf.clear();
        out.feats_ends.clear();
        for f in agreement::apply(&analysed) {
            out.feats_buf.push_str(&f);
            out.feats_ends.push(out.feats_buf.len() as u32);
        }
    }

    /// UPOS of word `i` of an analysis.
    pub fn upos<'a>(&'a self, a: &Analysis, i: usize) -> &'a str {
        self.tagger.upos(a.tags[i])
    }
    /// XPOS of word `i` of an analysis.
    pub fn xpos<'a>(&'a self, a: &Analysis, i: usize) -> &'a str {
        self.tagger.xpos(a.tags[i])
    }
    /// FEATS of word `i` of an analysis (see [`Analysis::feats`]).
    pub fn feats<'a>(&self, a: &'a Analysis, i: usize) -> &'a str {
        a.feats(i)
    }
    /// Dependency relation of word `i` of an analysis.
    pub fn deprel<'a>(&'a self, a: &Analysis, i: usize) -> &'a str {
        &self.parser.relations()[a.rels[i] as usize]
    }

    /// Convenience: analyses word forms into owned records.
    pub fn analyze_sentence<S: AsRef<str>>(&self, words: &[S]) -> Vec<AnalyzedWord> {
        let mut a = Analysis::default();
        self.analyze(words, &mut a);
        (0..a.len())
            .map(|i| AnalyzedWord {
                form: words[i].as_ref().to_string(),
                lemma: a.lemma(i).to_string(),
                upos: self.upos(&a, i).to_string(),
                xpos: self.xpos(&a, i).to_string(),
                feats: self.feats(&a, i).to_string(),
                head: a.heads[i] as usize,
                deprel: self.deprel(&a, i).to_string(),
            })
            .collect()
    }

    /// Fills LEMMA, UPOS, XPOS, FEATS, HEAD and DEPREL of a CoNLL-U sentence from its forms.
    pub fn annotate(&self, sent: &mut Sentence, a: &mut Analysis) {
        let forms: Vec<&str> = sent.words.iter().map(|w| w.form.as_str()).collect();
        self.analyze(&forms, a);
        for (i, w) in sent.words.iter_mut().enumerate() {
            w.lemma = a.lemma(i).to_string();
            w.upos = self.upos(a, i).to_string();
            w.xpos = self.xpos(a, i).to_string();
            w.feats = self.feats(a, i).to_string();
            w.head = Some(a.heads[i] as usize);
            w.deprel = self.deprel(a, i).to_string();
        }
    }
}

/// Whether `w` holds an [`is_apostrophe_variant`] character (a byte test first: this runs
/// on every word).
fn has_variant_apostrophe(w: &str) -> bool {
    // '`' is one byte; the last bytes of U+00B4 and U+02BC in UTF-8 are 0xB4 and 0xBC
    // (the test below checks this against the list)
    w.bytes().any(|b| matches!(b, b'`' | 0xb4 | 0xbc)) && w.contains(is_apostrophe_variant)
}

/// Besides the clitics ([`is_clitic`]), what may follow an apostrophe that begins a word:
/// the elisions the treebanks spell with one (`'em`, `'til`, `'cause`).
const ELISIONS: &[&str] = &["em", "til", "cause", "n", "tis", "twas"];

/// `w` with [`is_apostrophe_variant`] characters written as `'` where they stand for one:
/// between letters (`don`t`), and at the start of a clitic or elision (`` `s ``, `´em`).
/// A word such as `` `odd `` keeps its opening quotation mark.
fn with_apostrophe(w: &str) -> std::borrow::Cow<'_, str> {
    if !has_variant_apostrophe(w) {
        return w.into();
    }
    let mut out = String::with_capacity(w.len());
    let mut chars = w.char_indices().peekable();
    let mut after_letter = false;
    while let Some((i, c)) = chars.next() {
        let before_letter = chars.peek().is_some_and(|(_, d)| d.is_alphabetic());
        let apostrophe = is_apostrophe_variant(c)
            && before_letter
            && (after_letter || {
                let rest = &w[i + c.len_utf8()..];
                is_clitic(rest) || ELISIONS.iter().any(|a| rest.eq_ignore_ascii_case(a))
            });
        out.push(if apostrophe { '\'' } else { c });
        after_letter = c.is_alphabetic();
    }
    out.into()
}

/// Analyses one sentence's words with the embedded models.
pub fn analyze_sentence(words: &[&str]) -> Result<Vec<AnalyzedWord>> {
    Ok(Pipeline::shared()?.analyze_sentence(words))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_test_finds_every_apostrophe_variant() {
        let variants: Vec<char> =
            (0..=0x10ffff).filter_map(char::from_u32).filter(|&c| is_apostrophe_variant(c)).collect();
        assert!(variants.len() >= 3);
        for c in variants {
            assert!(has_variant_apostrophe(&format!("n{c}t")), "{c:?}");
            assert_eq!(with_apostrophe(&format!("n{c}t")), "n't");
        }
        assert!(!has_variant_apostrophe("don't") && !has_variant_apostrophe("café"));
        // not before a letter: a quotation mark or an accent, left as it is
        assert_eq!(with_apostrophe("`"), "`");
        assert_eq!(with_apostrophe("1´"), "1´");
        // at the start of a word: a clitic or elision, else an opening quotation mark
        for (word, read) in [("`s", "'s"), ("´LL", "'LL"), ("ʼem", "'em"), ("`cause", "'cause")] {
            assert_eq!(with_apostrophe(word), read);
        }
        for word in ["`odd", "`Sunday", "´seen"] {
            assert_eq!(with_apostrophe(word), word);
        }
    }
}
