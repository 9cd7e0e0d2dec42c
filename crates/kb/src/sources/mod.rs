//! Readers of the KB's sources: GeoNames JSON, Phoenix actor and agent dictionaries, and the
//! curated/user dictionary format.

pub mod agents;
pub mod common;
pub mod curated;
pub mod geonames;
pub mod phoenix;
