//! Model files: a round trip keeps predictions, and old, foreign or damaged files, or files
//! trained with other feature templates, give typed errors instead of panics. Uses small
//! models trained here on a slice of UD EWT dev.

use claimgraph_nlp::parser::train::{ParserConfig, node_infos, train_parser_model};
use claimgraph_nlp::parser::{ParseScratch, Parser};
use claimgraph_nlp::tagger::Tagger;
use claimgraph_nlp::tagger::train::{TaggerConfig, train_tagger_model};
use claimgraph_nlp::{NlpError, train::read_conllu};

fn sentences() -> Vec<claimgraph_text::conllu::Sentence> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu");
    let mut s = read_conllu(&path).expect("UD EWT dev in ../shared");
    s.truncate(300);
    s
}

fn check_errors(bytes: &[u8], load: impl Fn(&[u8]) -> Result<(), NlpError>) {
    // truncated anywhere: a typed error, never a panic
    for cut in [0, 5, 9, 12, bytes.len() / 3, bytes.len() / 2, bytes.len() - 1] {
        let e = load(&bytes[..cut]).unwrap_err();
        assert!(matches!(e, NlpError::BadMagic { .. } | NlpError::Corrupt { .. }), "cut {cut}: {e}");
    }
    // a file from another format version
    let mut old = bytes.to_vec();
    old[8] = 0;
    old[9] = 0;
    assert!(matches!(load(&old).unwrap_err(), NlpError::UnsupportedVersion { found: 0, .. }));
    // a file trained by a build with other feature templates (the fingerprint after the
    // version differs): refused, naming both fingerprints
    let mut other = bytes.to_vec();
    other[10] ^= 0x5a;
    match load(&other).unwrap_err() {
        e @ NlpError::OtherFeatures { found, expected, .. } => {
            assert_ne!(found, expected);
            assert!(e.to_string().contains("retrain it with `claimgraph train"), "{e}");
        }
        e => panic!("expected OtherFeatures, got {e}"),
    }
    // another file type
    assert!(matches!(load(b"PK\x03\x04 not a model at all").unwrap_err(), NlpError::BadMagic { .. }));
    // trailing garbage
    let mut long = bytes.to_vec();
    long.push(0);
    assert!(matches!(load(&long).unwrap_err(), NlpError::Corrupt { .. }));
}

#[test]
fn tagger_file_round_trip_and_errors() {
    let sents = sentences();
    let (train, dev) = sents.split_at(250);
    let (t, log) = train_tagger_model(train, dev, &TaggerConfig { epochs: 3, ..Default::default() });
    assert!(t.has_second_pass() && log.second_best_epoch > 0);
    let bytes = t.to_bytes();
    let back = Tagger::from_bytes(&bytes).unwrap();
    assert_eq!(back.to_bytes(), bytes);
    for s in dev {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(t.tag_words(&forms), back.tag_words(&forms));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tagger.bin");
    t.save(&path).unwrap();
    assert_eq!(Tagger::load(&path).unwrap().to_bytes(), bytes);
    assert!(matches!(Tagger::load(&dir.path().join("missing.bin")), Err(NlpError::Io { .. })));
    check_errors(&bytes, |b| Tagger::from_bytes(b).map(|_| ()));
}

#[test]
fn tagger_without_a_second_pass_round_trips() {
    let sents = sentences();
    let (train, dev) = sents.split_at(250);
    let cfg = TaggerConfig { epochs: 2, second_pass_folds: 0, ..Default::default() };
    let (t, log) = train_tagger_model(train, dev, &cfg);
    assert!(!t.has_second_pass() && log.second_epochs.is_empty());
    let back = Tagger::from_bytes(&t.to_bytes()).unwrap();
    assert!(!back.has_second_pass());
    for s in dev {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(t.tag_words(&forms), back.tag_words(&forms));
    }
    check_errors(&t.to_bytes(), |b| Tagger::from_bytes(b).map(|_| ()));
}

/// `a` and `b` parse every sentence of `dev` alike, into one tree per sentence.
fn assert_same_trees(a: &Parser, b: &Parser, dev: &[claimgraph_text::conllu::Sentence]) {
    let mut sc = ParseScratch::default();
    let (mut h1, mut r1, mut h2, mut r2) = (vec![], vec![], vec![], vec![]);
    for s in dev {
        let nodes = node_infos(s);
        a.parse(&nodes, &mut sc, &mut h1, &mut r1);
        b.parse(&nodes, &mut sc, &mut h2, &mut r2);
        assert_eq!((&h1, &r1), (&h2, &r2));
        assert_eq!(h1.len(), s.words.len());
        assert_eq!(h1.iter().filter(|&&h| h == 0).count(), 1, "exactly one root");
    }
}

#[test]
fn parser_file_round_trip_and_errors() {
    let sents = sentences();
    let (train, dev) = sents.split_at(250);
    let (p, _) = train_parser_model(train, dev, &ParserConfig { epochs: 2, ..Default::default() });
    let bytes = p.to_bytes();
    let back = Parser::from_bytes(&bytes).unwrap();
    assert_eq!(back.to_bytes(), bytes);
    assert_same_trees(&p, &back, dev);
    check_errors(&bytes, |b| Parser::from_bytes(b).map(|_| ()));
    // a tagger file is not a parser file
    assert!(matches!(Parser::from_bytes(b"CGTAGGER\x01\x00"), Err(NlpError::BadMagic { .. })));
}

#[test]
fn beam_parser_learns_round_trips_and_refuses_a_bad_width() {
    use claimgraph_nlp::parser::train::attachment_scores;
    let sents = sentences();
    let (train, dev) = sents.split_at(250);
    let cfg = ParserConfig { epochs: 3, beam: 4, ..Default::default() };
    let (p, log) = train_parser_model(train, dev, &cfg);
    assert_eq!(p.beam_width(), 4);
    // three epochs on 250 sentences with gold tags: far better than chance
    let (uas, las) = attachment_scores(&p, dev);
    assert!(uas > 0.55 && las > 0.45, "UAS {uas} LAS {las}, log {:?}", log.epochs);
    let bytes = p.to_bytes();
    let back = Parser::from_bytes(&bytes).unwrap();
    assert_eq!(back.beam_width(), 4);
    assert_same_trees(&p, &back, dev);
    // the width sits right before the weights: 0 is refused as corrupt
    let greedy = train_parser_model(train, dev, &ParserConfig { epochs: 1, ..Default::default() }).0;
    assert_eq!(greedy.beam_width(), 1);
    let (gb, bb) = (greedy.to_bytes(), bytes.clone());
    let at = (0..gb.len().min(bb.len())).find(|&i| gb[i] != bb[i]).unwrap();
    assert_eq!((gb[at], bb[at]), (1, 4), "first difference is the width");
    let mut zero = bytes;
    zero[at] = 0;
    assert!(matches!(Parser::from_bytes(&zero), Err(NlpError::Corrupt { .. })));
}

#[test]
fn shipped_models_are_written_back_byte_for_byte() {
    // Loading rebuilds the weights in memory (dense and sparse rows, hash table); writing
    // them out again must give the committed files exactly, so nothing is lost or changed.
    let models = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models");
    for file in ["parser.bin", "parser-fast.bin"] {
        let bytes = std::fs::read(models.join(file)).unwrap();
        assert!(Parser::from_bytes(&bytes).unwrap().to_bytes() == bytes, "{file}");
    }
    let bytes = std::fs::read(models.join("tagger.bin")).unwrap();
    assert!(Tagger::from_bytes(&bytes).unwrap().to_bytes() == bytes, "tagger.bin");
}
