//! claimgraph knowledge base: actors and places, their aliases, and the resolution of
//! mentions to stable ids.
//!
//! * Actors: every country (names, codes, demonyms, capitals as metonyms, institutions such
//!   as "the Kremlin"), derived institutions per country (`IRNGOV`, `USAMIL`), international
//!   organizations, armed groups and persons from the Phoenix dictionaries (MIT), plus the
//!   project's curated lists (`kb/curated/`: armed groups, agencies, media, people,
//!   facilities).
//! * Places: GeoNames countries, cities with population ≥ 15,000, US states, continents
//!   (CC BY 4.0, "GeoNames, www.geonames.org") and curated facilities with coordinates.
//! * [`build`] compiles the sources into `kb/claimgraph.kb`; [`Kb::embedded`] decodes the
//!   copy compiled into the binary, [`Kb::load`] a file, [`Kb::with_extra`] adds a user
//!   dictionary (TOML/JSON or Phoenix format).
//! * [`Kb::lookup`] gives every candidate of an exact alias; [`Kb::resolve`] picks one in
//!   context ([`ResolveContext`]) or none; [`Kb::find_in_text`] scans text for aliases.

pub mod builder;
pub mod compile;
pub mod error;
pub mod explain;
pub mod format;
pub mod kb;
pub mod model;
pub mod normalize;
pub mod resolve;
pub mod scan;
pub mod sources;

pub use compile::{BuildReport, KB_FILE, build, compile};
pub use error::{KbError, Result};
pub use explain::{ExplainedCandidate, Explanation};
pub use kb::{Candidate, GazetteerEntry, Kb, Stats};
pub use model::{Agent, AliasKind, Entry, Role, Source};
pub use resolve::{MentionRole, ResolveContext, Resolved};
pub use scan::Match;
