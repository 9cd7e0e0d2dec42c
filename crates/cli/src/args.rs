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

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print one v1 extraction (JSON) per document to stdout; stores nothing.
    Extract(ExtractArgs),
    /// Extract documents in parallel and store them (one transaction per document).
    Ingest(IngestArgs),
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
}

/// What `train` retrains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TrainWhat {
    /// Sentence splitter and tokenizer lists (UD EWT).
    Tokenizer,
    /// POS tagger, morphology and lemmatizer (UD EWT).
    Tagger,
    /// Dependency parser (UD EWT).
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
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
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
    /// Extraction threads (default: all cores).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
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
}

/// `bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// What to measure.
    #[arg(value_enum)]
    pub what: BenchWhat,
    /// Plain-text files to run over (paragraphs separated by blank lines).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Runs; the fastest is reported.
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}
