//! The process-wide beam width (`--beam` on the command line). In its own test binary: it
//! changes how every embedded pipeline of the process decodes.

use claimgraph_nlp::{NlpError, ParserKind, Pipeline, default_beam, set_default_beam};

#[test]
fn the_process_beam_width_applies_to_pipelines_loaded_after_it() {
    assert_eq!(default_beam(), None);
    assert_eq!(Pipeline::embedded_kind(ParserKind::Accurate).unwrap().parser().beam_width(), 8);
    set_default_beam(Some(3)).unwrap();
    assert_eq!(default_beam(), Some(3));
    assert_eq!(Pipeline::embedded_kind(ParserKind::Accurate).unwrap().parser().beam_width(), 3);
    // the fast parser's weights were trained for greedy decoding: it stays greedy
    let fast = Pipeline::embedded_kind(ParserKind::Fast).unwrap();
    assert_eq!((fast.parser().kind(), fast.parser().beam_width()), (ParserKind::Fast, 1));
    // a width out of range is refused and leaves the chosen one in place
    assert!(matches!(set_default_beam(Some(0)), Err(NlpError::BeamWidth(0))));
    assert!(matches!(set_default_beam(Some(65)), Err(NlpError::BeamWidth(65))));
    assert_eq!(default_beam(), Some(3));
    set_default_beam(None).unwrap();
    assert_eq!(Pipeline::embedded_kind(ParserKind::Fast).unwrap().parser().beam_width(), 1);
}

#[test]
fn a_parser_trained_for_greedy_decoding_refuses_a_beam() {
    let mut fast = claimgraph_nlp::Parser::embedded_kind(ParserKind::Fast).unwrap();
    assert_eq!(fast.kind(), ParserKind::Fast);
    let e = fast.set_beam_width(4).unwrap_err();
    assert!(matches!(e, NlpError::BeamOnGreedyParser(4)), "{e}");
    assert!(e.to_string().contains("accurate parser's beam"), "{e}");
    assert_eq!(fast.beam_width(), 1, "a refused width changes nothing");
    fast.set_beam_width(1).unwrap();
    let mut accurate = claimgraph_nlp::Parser::embedded_kind(ParserKind::Accurate).unwrap();
    assert_eq!(accurate.kind(), ParserKind::Accurate);
    accurate.set_beam_width(2).unwrap();
    assert_eq!(accurate.kind(), ParserKind::Accurate, "the kind is the training's, not the width's");
}
