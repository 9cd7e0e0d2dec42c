//! Contract enums stored as their JSON names (`"ASSAULT"`, `"armed_group"`), so the database
//! reads like the v1 extraction and never depends on Rust variant order.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{Result, StoreError};

/// The JSON name of a unit-variant enum value.
pub(crate) fn to_code<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        // Only unit-variant enums are passed here, which always serialize to strings.
        other => unreachable!("contract enum serialized to {other:?}"),
    }
}

/// Parses a stored JSON name back into its enum.
pub(crate) fn from_code<T: DeserializeOwned>(column: &'static str, code: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(code.to_string()))
        .map_err(|_| StoreError::BadValue { column, value: code.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimgraph_core::extraction::{EntityKind, EventType};

    #[test]
    fn round_trips_contract_names() {
        assert_eq!(to_code(&EntityKind::ArmedGroup), "armed_group");
        assert_eq!(to_code(&EventType::Assault), "ASSAULT");
        let k: EntityKind = from_code("entities.kind", "armed_group").unwrap();
        assert_eq!(k, EntityKind::ArmedGroup);
        let bad = from_code::<EventType>("events.type", "EXPLODE").unwrap_err();
        assert!(matches!(bad, StoreError::BadValue { column: "events.type", .. }));
    }
}
