//! Command-line arguments (clap derive). Command names and flags are a public contract.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// claimgraph turns reports into a sourced graph of events, actors and claims.
#[derive(Debug, Parser)]
#[command(name = "claimgraph", version, about, long_about = None)]
pub struct Cli {
    /// The store: a SQLite file (default `claimgraph.db` in the working directory), or a
    /// PostgreSQL database URL (`postgres://user:password@host:5432/dbname`).
    #[arg(long, global = true, env = "CLAIMGRAPH_DB", value_name = "PATH|URL")]
    pub db: Option<PathBuf>,

    /// The dependency parser: `accurate` (beam search, the default) or `fast` (greedy,
    /// about 3.5 times faster, about two LAS points lower). Every command that analyses text
    /// uses it (`extract`, `ingest`, `reextract`, `watch`, `serve`, `analyze`, `eval`, `bench`).
    #[arg(long, global = true, env = "CLAIMGRAPH_PARSER", value_enum, default_value = "accurate")]
    pub parser: ParserChoice,

    /// Beam width the parser decodes with, 1 to 64 (default: the width it was trained for,
    /// 8 for `accurate`, 1 for `fast`). A narrower beam trades accuracy for speed: with the
    /// accurate parser, 4 is about 1.5 times as fast for about 0.45 LAS less on EWT
    /// (measured in `models/cards/parser.md`). Refused above 1 with `--parser fast`, whose
    /// greedily trained weights a beam makes worse.
    #[arg(long, global = true, env = "CLAIMGRAPH_BEAM", value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..=i64::from(claimgraph_nlp::parser::MAX_BEAM)))]
    pub beam: Option<u16>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// `--parser`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ParserChoice {
    /// Beam search over globally trained weights (`models/parser.bin`).
    Accurate,
    /// Greedy decoding (`models/parser-fast.bin`).
    Fast,
}

impl From<ParserChoice> for claimgraph_nlp::ParserKind {
    fn from(c: ParserChoice) -> Self {
        match c {
            ParserChoice::Accurate => claimgraph_nlp::ParserKind::Accurate,
            ParserChoice::Fast => claimgraph_nlp::ParserKind::Fast,
        }
    }
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print one v1 extraction (JSON) per document to stdout; stores nothing.
    Extract(ExtractArgs),
    /// Extract documents in parallel and store them (one transaction per document).
    Ingest(IngestArgs),
    /// Extract stored documents again from their stored text, with this build's models:
    /// those another version, parser, beam width, model or dictionary made (all with --all).
    Reextract(ReextractArgs),
    /// Ingest the example reports that ship with claimgraph and show what was found.
    Demo(DemoArgs),
    /// List stored documents, newest first.
    Docs(ListArgs),
    /// List stored events.
    Events(EventsArgs),
    /// List stored claims.
    Claims(ClaimsArgs),
    /// List stored entities, aggregated across documents.
    Entities(ListArgs),
    /// Show one stored document's extraction (an id or a unique prefix of one).
    Show(ShowArgs),
    /// Full-text search over stored documents.
    Search(SearchArgs),
    /// Tokenize, tag, lemmatize, parse and find entities; print CoNLL-U.
    Analyze(AnalyzeArgs),
    /// Retrain models from the open data (fixed seed, reproducible).
    Train(TrainArgs),
    /// Score the shipped models on the held-out test splits.
    Eval(EvalArgs),
    /// Measure throughput (one thread) of the NLP core or of the whole extraction.
    Bench(BenchArgs),
    /// The actor and place knowledge base: build, lookup, stats.
    #[command(subcommand)]
    Kb(KbCommand),
    /// Poll RSS/Atom feeds, fetch new articles, extract and store them.
    Watch(WatchArgs),
    /// List incidents: events of different reports merged into one happening, with
    /// independent sources, reconciled figures, discrepancies and disputes.
    Incidents(IncidentsArgs),
    /// Show one incident (an id or a unique prefix): every report, every version of every
    /// attribute, claims with stance, a timeline.
    Incident(IncidentArgs),
    /// An actor's events (as actor and as target) and its claims (made and denied).
    Actor(ActorArgs),
    /// Incidents in time order, one line each.
    Timeline(IncidentsArgs),
    /// Analyst grades: Admiralty source reliability (A-F) and claim credibility (1-6).
    /// A grade given here is kept and always shown instead of claimgraph's suggestion.
    #[command(subcommand)]
    Grade(GradeCommand),
    /// Merge stored documents into incidents (ingest does it as it stores; this catches up
    /// stores ingested before, or recomputes everything with --rebuild).
    Merge(MergeArgs),
    /// Export the store: JSONL, ACLED-style CSV, STIX 2.1, GraphML, GEXF or Parquet.
    Export(ExportArgs),
    /// Serve the HTTP API and the web workspace (binds 127.0.0.1 by default).
    Serve(ServeArgs),
}

/// Filters shared by `incidents` and `timeline`.
#[derive(Debug, Args, Clone, Default)]
pub struct IncidentsArgs {
    /// Only incidents with an actor or target whose name or kb id contains this text.
    #[arg(long)]
    pub actor: Option<String>,
    /// Only incidents with a place or country containing this text.
    #[arg(long)]
    pub place: Option<String>,
    /// Only incidents of this PLOVER type (e.g. ASSAULT).
    #[arg(long = "type", value_name = "TYPE")]
    pub event_type: Option<String>,
    /// Only incidents dated on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only incidents dated on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Most incidents to show (0: all).
    #[arg(long, default_value_t = 0)]
    pub limit: usize,
    /// Incidents to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Print JSON Lines, one incident per line.
    #[arg(long)]
    pub json: bool,
}

/// `incident`.
#[derive(Debug, Args)]
pub struct IncidentArgs {
    /// Incident id or a unique prefix of it.
    pub id: String,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `actor`.
#[derive(Debug, Args)]
pub struct ActorArgs {
    /// Actor name as extracted (e.g. "Taliban") or knowledge-base id (actor:TALIBAN).
    pub name: String,
    /// Rows of each list to show.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `grade` subcommands.
#[derive(Debug, Subcommand)]
pub enum GradeCommand {
    /// Grade a source (publisher or claimant) A (completely reliable) to F (cannot be judged).
    Source {
        /// The source's name, matched case-insensitively.
        name: String,
        /// A, B, C, D, E or F.
        #[arg(value_parser = ["A", "B", "C", "D", "E", "F", "a", "b", "c", "d", "e", "f"], hide_possible_values = true)]
        grade: String,
    },
    /// Grade a claim's credibility 1 (confirmed) to 6 (cannot be judged); it wins over the
    /// suggested one.
    Claim {
        /// `DOC#CLAIM`: a document id (or unique prefix) and the claim's id, e.g. `3f2a#C1`.
        id: String,
        /// 1 to 6.
        #[arg(value_parser = clap::value_parser!(u8).range(1..=6))]
        grade: u8,
    },
    /// List the analyst's source grades.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Delete all incidents and near-duplicate groups and merge every document again
    /// (deterministic; analyst grades are kept).
    #[arg(long)]
    pub rebuild: bool,
    /// Extra actors and places for the knowledge base, as given to `ingest`.
    #[arg(long = "kb-extra", value_name = "FILE")]
    pub kb_extra: Vec<PathBuf>,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `kb` subcommands.
#[derive(Debug, Subcommand)]
pub enum KbCommand {
    /// Compile the knowledge base from the open data and the curated lists.
    Build {
        /// The open data folder (`../shared/data`).
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        /// Output folder; it must hold `curated/` (the shipped KB is in `kb/`; rebuild to embed).
        #[arg(long, default_value = "kb")]
        out: PathBuf,
    },
    /// Show the candidates for a name, with scores and why.
    Lookup {
        /// The name as written in a text, e.g. "Tehran".
        name: String,
        /// Extra actors and places (TOML/JSON or PETRARCH/Phoenix dictionary).
        #[arg(long = "kb-extra", value_name = "FILE")]
        kb_extra: Vec<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Counts of entries, aliases and sources.
    Stats {
        /// Extra actors and places (TOML/JSON or PETRARCH/Phoenix dictionary).
        #[arg(long = "kb-extra", value_name = "FILE")]
        kb_extra: Vec<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Input format of `analyze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AnalyzeFrom {
    /// CoNLL-U: sentences and word forms (ID and FORM columns) are kept, the rest is filled.
    Conllu,
    /// Raw text: tokenized and split into sentences by claimgraph.
    Text,
}

/// Output format of `analyze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AnalyzeTo {
    /// CoNLL-U with LEMMA, UPOS, XPOS, FEATS, HEAD, DEPREL and `NER=` in MISC.
    Conllu,
}

/// `analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Input format.
    #[arg(long, value_enum, default_value = "text")]
    pub from: AnalyzeFrom,
    /// Output format.
    #[arg(long, value_enum, default_value = "conllu")]
    pub to: AnalyzeTo,
    /// Input file, or `-` (the default) for standard input.
    #[arg(default_value = "-")]
    pub input: PathBuf,
    /// Largest input accepted, in bytes.
    #[arg(long, default_value_t = 20_000_000, value_name = "BYTES")]
    pub max_bytes: u64,
    /// Analysis threads (default: all cores); the output is the same with any number.
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
}

/// What `train` retrains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TrainWhat {
    /// Sentence splitter and tokenizer lists (UD EWT and GUM train).
    Tokenizer,
    /// POS tagger, morphology and lemmatizer (UD EWT and GUM train/dev).
    Tagger,
    /// Both dependency parsers, `parser.bin` (accurate, beam) and `parser-fast.bin` (greedy)
    /// (UD EWT and GUM train/dev).
    Parser,
    /// Named-entity recognizer (UNER EWT, GUM, WikiGold, re3d).
    Ner,
    /// Everything above.
    All,
}

/// `train`.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// What to train.
    #[arg(value_enum)]
    pub what: TrainWhat,
    /// The open data folder (`../shared/data`).
    #[arg(long, default_value = "../shared/data")]
    pub data: PathBuf,
    /// Where to write the model files (the shipped ones are in `models/`; rebuild to embed).
    #[arg(long, default_value = "models")]
    pub out: PathBuf,
    /// Random seed (training is deterministic for a seed).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// What `eval` scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EvalWhat {
    /// Tokens, words and sentences on UD EWT test raw text.
    Tokenizer,
    /// Tagging and parsing on UD EWT test with gold tokens.
    Parser,
    /// The whole syntactic pipeline from raw text: UD EWT test and GUM news test.
    Raw,
    /// Entities on UNER EWT test.
    Ner,
    /// Everything above.
    All,
}

/// `eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// What to score.
    #[arg(value_enum, default_value = "all")]
    pub what: EvalWhat,
    /// The open data folder (`../shared/data`).
    #[arg(long, default_value = "../shared/data")]
    pub data: PathBuf,
    /// Which held-out split to score: `test` (the reported figures) or `dev` (for choosing
    /// between retrained models without looking at test).
    #[arg(long, value_enum, default_value = "test")]
    pub split: EvalSplit,
    /// Score the models in this folder (as `train --out` writes them: `tokenizer/en_ewt.model`,
    /// `tagger.bin`, `parser.bin` (or `parser-fast.bin` with `--parser fast`), `ner.bin`)
    /// instead of the embedded ones; a file missing there is taken from the build.
    #[arg(long, value_name = "DIR")]
    pub models: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// The held-out split `eval` scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EvalSplit {
    /// Development data: UD EWT dev, GUM dev news documents, UNER EWT dev.
    Dev,
    /// Test data: UD EWT test, GUM test news documents, UNER EWT test.
    Test,
}

impl EvalSplit {
    /// The split's name in file names and reports.
    pub fn name(self) -> &'static str {
        match self {
            EvalSplit::Dev => "dev",
            EvalSplit::Test => "test",
        }
    }
}

/// How inputs are read.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Files, directories (recursive) or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for every document; relative dates resolve against it.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Title for every document.
    #[arg(long)]
    pub title: Option<String>,
    /// URL for every document.
    #[arg(long)]
    pub url: Option<String>,
    /// Publisher for every document.
    #[arg(long)]
    pub publisher: Option<String>,
    /// Largest input file accepted, in bytes.
    #[arg(long, default_value_t = 20_000_000, value_name = "BYTES")]
    pub max_bytes: u64,
    /// Extra actors and places for the knowledge base (TOML/JSON, or a PETRARCH/Phoenix
    /// actor dictionary); may be repeated. See `kb/README.md` for the format.
    #[arg(long = "kb-extra", value_name = "FILE")]
    pub kb_extra: Vec<PathBuf>,
}

/// `extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Inputs and per-run metadata.
    #[command(flatten)]
    pub input: InputArgs,
    /// Pretty-print each JSON object (no longer one per line).
    #[arg(long)]
    pub pretty: bool,
}

/// `ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Inputs and per-run metadata.
    #[command(flatten)]
    pub input: InputArgs,
    /// Extract and replace documents that are already stored.
    #[arg(long)]
    pub reextract: bool,
    /// Threads, output and merging.
    #[command(flatten)]
    pub run: StoreRunArgs,
}

/// `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on. Anything but a loopback address exposes the store to the
    /// network (writes still need the token).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "IP:PORT")]
    pub addr: std::net::SocketAddr,
    /// Create a new API token (printed once) and revoke the old ones.
    #[arg(long)]
    pub new_token: bool,
    /// Read connections to the store.
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub readers: usize,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = claimgraph_server::DEFAULT_BODY_LIMIT, value_name = "BYTES")]
    pub max_body: usize,
    /// Writes (ingest, boards) each client address may make per minute.
    #[arg(long, default_value_t = 120, value_name = "N")]
    pub writes_per_minute: u32,
    /// Extra actors and places for the knowledge base used by `POST /api/documents`.
    #[arg(long = "kb-extra", value_name = "FILE")]
    pub kb_extra: Vec<PathBuf>,
}

/// `demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

/// How `ingest` and `reextract` run: threads, output, merging.
#[derive(Debug, Args)]
pub struct StoreRunArgs {
    /// Extraction threads (default: all cores).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// Store only; do not merge documents into incidents (`claimgraph merge` does it later).
    #[arg(long)]
    pub no_merge: bool,
}

/// `claimgraph reextract`.
#[derive(Debug, Args)]
pub struct ReextractArgs {
    /// Extract every stored document again, not only those whose extraction another
    /// producer made.
    #[arg(long)]
    pub all: bool,
    /// Only say how many documents would be extracted again, and what made them.
    #[arg(long)]
    pub dry_run: bool,
    /// Extra actors and places for the knowledge base (TOML/JSON, or a PETRARCH/Phoenix actor
    /// dictionary); may be repeated. They are part of what made an extraction: a document
    /// extracted with other dictionaries is extracted again.
    #[arg(long = "kb-extra", value_name = "FILE")]
    pub kb_extra: Vec<PathBuf>,
    /// Threads, output and merging.
    #[command(flatten)]
    pub run: StoreRunArgs,
}

/// Paging and output shared by list commands.
#[derive(Debug, Args, Clone)]
pub struct ListArgs {
    /// Rows to show.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Rows to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// `events`.
#[derive(Debug, Args)]
pub struct EventsArgs {
    /// Paging and output.
    #[command(flatten)]
    pub list: ListArgs,
    /// Only events of this document (id or unique prefix).
    #[arg(long)]
    pub doc: Option<String>,
    /// Only events of this PLOVER type (e.g. ASSAULT).
    #[arg(long = "type")]
    pub event_type: Option<String>,
}

/// `claims`.
#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Paging and output.
    #[command(flatten)]
    pub list: ListArgs,
    /// Only claims of this document (id or unique prefix).
    #[arg(long)]
    pub doc: Option<String>,
}

/// `show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Document id (`sha256:...`) or a unique prefix of its hex digest.
    pub doc_id: String,
    /// Print the extraction as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to look for (plain words; quotes and operators are taken literally).
    pub query: String,
    /// Hits to show.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// What `bench` measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BenchWhat {
    /// Tokenize + tag + parse + NER.
    Nlp,
    /// The whole `extract` analysis (NLP core, entities, events, claims).
    Extract,
    /// Storing documents with and without merging into incidents, over a generated store.
    Merge,
}

/// `bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// What to measure.
    #[arg(value_enum)]
    pub what: BenchWhat,
    /// Plain-text files to run over (paragraphs separated by blank lines); not for `merge`.
    pub files: Vec<PathBuf>,
    /// `merge`: events in the store before the measured documents are added.
    #[arg(long, default_value_t = 100_000)]
    pub base_events: usize,
    /// `merge`: documents stored (and merged) in the measured run.
    #[arg(long, default_value_t = 10_000)]
    pub docs: usize,
    /// `merge`: measure storing only, not extraction + storing as `ingest` does.
    #[arg(long)]
    pub store_only: bool,
    /// `merge`: date the new reports across the base store's whole period (a backfill: the
    /// worst case) instead of continuing its timeline.
    #[arg(long)]
    pub backfill: bool,
    /// Runs; the fastest is reported (`merge`: of each run with and without merging).
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Format of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The v1 extraction contract, one document per line (a file, or `-` for stdout).
    Jsonl,
    /// ACLED-style `events.csv` and `claims.csv` (PATH is a directory).
    Csv,
    /// A STIX 2.1 bundle for OpenCTI, MISP... (a file, or `-`).
    Stix,
    /// The actor network as GraphML (a file, or `-`).
    Graphml,
    /// The actor network as GEXF 1.3, Gephi's format (a file, or `-`).
    Gexf,
    /// Apache Parquet tables (PATH is a directory).
    Parquet,
}

/// `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Where to write: a file (`-` for stdout) for jsonl, stix, graphml and gexf; a
    /// directory for csv and parquet. Files are replaced only when the export succeeds.
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
    /// Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<String>,
    /// Only events on or before this date (YYYY, YYYY-MM or YYYY-MM-DD; the whole period).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub until: Option<String>,
    /// Only events whose actor or target name, alias or knowledge-base id contains this.
    #[arg(long, value_name = "NAME")]
    pub actor: Option<String>,
    /// Only events of this PLOVER type (e.g. ASSAULT).
    #[arg(long = "type", value_name = "EVENT_TYPE", value_parser = parse_event_type)]
    pub event_type: Option<claimgraph_core::extraction::EventType>,
}

/// A filter date: checked by the export filter's own rules.
fn parse_date(s: &str) -> Result<String, String> {
    claimgraph_export::Filter::new(Some(s), None, None, None)
        .map(|_| s.to_string())
        .map_err(|e| e.to_string())
}

/// A PLOVER event type, any case.
pub fn parse_event_type(s: &str) -> Result<claimgraph_core::extraction::EventType, String> {
    serde_json::from_value(serde_json::Value::String(s.trim().to_uppercase())).map_err(|_| {
        format!(
            "unknown event type {s:?}: use a PLOVER type (AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT \
             REQUEST ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT)"
        )
    })
}

/// `watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// RSS 2.0 or Atom feed URLs (http or https).
    #[arg(required = true, value_name = "FEED_URL")]
    pub feeds: Vec<String>,
    /// Time between polls (e.g. 30s, 15m, 1h).
    #[arg(long, default_value = "15m", value_name = "DURATION", value_parser = parse_duration)]
    pub every: std::time::Duration,
    /// Poll once and exit (status 1 when a feed or an article failed).
    #[arg(long)]
    pub once: bool,
    /// Timeout of one request.
    #[arg(long, default_value = "30s", value_name = "DURATION", value_parser = parse_duration)]
    pub timeout: std::time::Duration,
    /// Least time between two requests to the same host.
    #[arg(long, default_value = "2s", value_name = "DURATION", value_parser = parse_duration)]
    pub delay: std::time::Duration,
    /// Retries of a request that failed transiently (timeout, connection, 429, 5xx),
    /// with exponential backoff.
    #[arg(long, default_value_t = 2)]
    pub retries: u32,
    /// Largest feed or article accepted, in bytes.
    #[arg(long, default_value_t = 10_000_000, value_name = "BYTES")]
    pub max_bytes: u64,
    /// Extra actors and places for the knowledge base (as for `ingest`).
    #[arg(long = "kb-extra", value_name = "FILE")]
    pub kb_extra: Vec<PathBuf>,
    /// Print each poll's summary as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// A duration: a number with `ms`, `s`, `m`, `h` or `d` (a bare number is seconds).
pub fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(s.len());
    let (number, unit) = s.split_at(split);
    let n: f64 = number.parse().map_err(|_| format!("{s:?} is not a duration (e.g. 30s, 15m, 1h)"))?;
    let seconds = match unit.trim() {
        "ms" => n / 1000.0,
        "" | "s" => n,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        "d" => n * 86400.0,
        _ => return Err(format!("{s:?}: unknown unit {unit:?} (use ms, s, m, h or d)")),
    };
    if !seconds.is_finite() || seconds > 1e9 {
        return Err(format!("{s:?} is too long"));
    }
    Ok(std::time::Duration::from_secs_f64(seconds))
}

#[cfg(test)]
mod tests {
    use super::parse_duration;
    use std::time::Duration;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_duration("30"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("1.5h"), Ok(Duration::from_secs(5400)));
        for bad in ["", "m", "10x", "-5s", "1e99s"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }
}
