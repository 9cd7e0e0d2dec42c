//! The `claimgraph` binary: argument parsing, wiring of the pipeline stages, printing.
//!
//! Exit status: 0 when everything succeeded, 1 when some inputs failed (the rest were
//! processed), 2 for usage errors (clap), 3 when the command could not run at all.

mod args;
mod commands;
mod pipeline;
mod store;
mod table;

use std::process::ExitCode;

use crate::args::{Cli, Command, ParserChoice};

/// mimalloc instead of the system allocator: the pipeline allocates many small, short-lived
/// strings and vectors on several threads at once, where glibc's malloc costs more.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What a command reports back to `main`.
pub enum Outcome {
    /// Everything worked.
    Success,
    /// The command ran, but some inputs failed; it printed which.
    PartialFailure,
}

/// Applies the global options, then runs the command.
fn run(cli: Cli) -> anyhow::Result<Outcome> {
    claimgraph_nlp::set_default_parser(cli.parser.into());
    if let (ParserChoice::Fast, Some(b @ 2..)) = (cli.parser, cli.beam) {
        // measured: EWT test LAS 82.97 greedy, 80.28 at 2, 75.80 at 8 (models/cards/parser.md)
        anyhow::bail!(
            "--beam {b} with --parser fast: the fast parser was trained for greedy decoding and a \
             beam makes it worse; to trade speed for accuracy, narrow the accurate parser's beam \
             (--parser accurate --beam 4)"
        );
    }
    claimgraph_nlp::set_default_beam(cli.beam.map(usize::from))?;
    let db = cli.db.clone().unwrap_or_else(|| "claimgraph.db".into());
    match cli.command {
        Command::Extract(a) => commands::extract::run(&a),
        Command::Ingest(a) => commands::ingest::run(&db, &a),
        Command::Demo(a) => commands::demo::run(&db, &a),
        Command::Docs(a) => commands::query::docs(&db, &a),
        Command::Events(a) => commands::query::events(&db, &a),
        Command::Claims(a) => commands::query::claims(&db, &a),
        Command::Entities(a) => commands::query::entities(&db, &a),
        Command::Show(a) => commands::query::show(&db, &a),
        Command::Search(a) => commands::query::search(&db, &a),
        Command::Analyze(a) => commands::analyze::run(&a),
        Command::Train(a) => commands::train::run(&a),
        Command::Eval(a) => commands::eval::run(&a),
        Command::Kb(c) => commands::kb::run(&c),
        Command::Bench(a) => commands::bench::run(&a),
        Command::Watch(a) => commands::watch::run(&db, &a),
        Command::Incidents(a) => commands::merge::incidents(&db, &a),
        Command::Incident(a) => commands::merge::incident(&db, &a),
        Command::Actor(a) => commands::merge::actor(&db, &a),
        Command::Timeline(a) => commands::merge::timeline(&db, &a),
        Command::Grade(c) => commands::merge::grade(&db, &c),
        Command::Merge(a) => commands::merge::merge(&db, &a),
        Command::Reextract(a) => commands::reextract::run(&db, &a),
        Command::Export(a) => commands::export::run(&db, &a),
        Command::Serve(a) => commands::serve::run(&db, &a),
    }
}

/// The arguments, with `--version` listing the models embedded in this build.
fn parse_args() -> Cli {
    use clap::{CommandFactory, FromArgMatches};
    static LONG_VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(long_version);
    let matches = Cli::command().long_version(LONG_VERSION.as_str()).get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// `claimgraph --version`: the version, the sha256 of each embedded model file, the
/// `producer.models` digest each parser gives and the `producer.rules` digest (see
/// `claimgraph_extract::provenance`).
fn long_version() -> String {
    use claimgraph_extract::provenance::{EMBEDDED, models_digest, rules_digest};
    use claimgraph_nlp::ParserKind;
    let mut s = format!("{}\nmodels embedded in this build (sha256):\n", env!("CARGO_PKG_VERSION"));
    for f in EMBEDDED {
        s.push_str(&format!("  {:<12} {}  {}\n", f.component, f.sha256, f.path));
    }
    s.push_str("producer.models of extractions made without --kb-extra:\n");
    for kind in [ParserKind::Accurate, ParserKind::Fast] {
        s.push_str(&format!("  {:<12} {}\n", kind.name(), models_digest(Some(kind), &[])));
    }
    s.push_str(&format!("producer.rules (the extraction code of this build):\n  {}\n", rules_digest()));
    s
}

fn main() -> ExitCode {
    let result = run(parse_args());
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::PartialFailure) => ExitCode::from(1),
        Err(e) => {
            // A closed stdout (`claimgraph docs | head`) is not an error worth reporting.
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("claimgraph: error: {e:#}");
            ExitCode::from(3)
        }
    }
}
