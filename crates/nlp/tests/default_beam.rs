//! The process-wide beam width (`--beam` on the command line). In its own test binary: it
//! changes how every embedded pipeline of the process decodes.

use claimgraph_nlp::{NlpError, ParserKind, Pipeline, default_beam, set_default_beam};

#[test]
fn the_process_beam_width_applies_to_pipelines_loaded_after_it() {
    assert_eq!(default_beam(), None);
    assert_eq!(Pipeline::embedded_kind(ParserKind::Accurate).unwrap().parser().beam_width(), 8);
    set_default_beam(Some(3)).unwrap();
    assert_eq!(default_beam(), Some(3));
    for kind in [ParserKind::Accurate, ParserKind::Fast] {
        assert_eq!(Pipeline::embedded_kind(kind).unwrap().parser().beam_width(), 3, "{kind:?}");
    }
    // a width out of range is refused and leaves the chosen one in place
    assert!(matches!(set_default_beam(Some(0)), Err(NlpError::BeamWidth(0))));
    assert!(matches!(set_default_beam(Some(65)), Err(NlpError::BeamWidth(65))));
    assert_eq!(default_beam(), Some(3));
    set_default_beam(None).unwrap();
    assert_eq!(Pipeline::embedded_kind(ParserKind::Fast).unwrap().parser().beam_width(), 1);
}
