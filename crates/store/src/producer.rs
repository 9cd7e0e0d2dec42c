//! How both backends keep an extraction's `producer` object: compact JSON text in
//! `documents.producer`, NULL when the extraction has none.

use claimgraph_core::extraction::Producer;

use crate::error::{Result, StoreError};

/// Longest string the store accepts in a `producer` field (a program name, a version, a
/// parser name), in bytes.
pub(crate) const MAX_PRODUCER_FIELD: usize = 200;

/// The column's value for `producer`.
pub(crate) fn to_json(producer: Option<&Producer>) -> Option<String> {
    // A struct of strings and numbers always serializes.
    producer.and_then(|p| serde_json::to_string(p).ok())
}

/// The `producer` object back from the column's value.
pub(crate) fn from_json(stored: Option<&str>) -> Result<Option<Producer>> {
    stored
        .map(|s| {
            serde_json::from_str(s)
                .map_err(|_| StoreError::BadValue { column: "documents.producer", value: s.to_string() })
        })
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damaged_values() {
        let p = Producer {
            name: "claimgraph".into(),
            version: "0.1.0".into(),
            parser: Some("fast".into()),
            beam: Some(1),
            models: Some("sha256:ab".into()),
            rules: Some("sha256:cd".into()),
        };
        let json = to_json(Some(&p)).unwrap();
        assert_eq!(
            json,
            r#"{"name":"claimgraph","version":"0.1.0","parser":"fast","beam":1,"models":"sha256:ab","rules":"sha256:cd"}"#
        );
        assert_eq!(from_json(Some(&json)).unwrap(), Some(p.clone()));
        // stored before `models` was recorded
        let older = from_json(Some(r#"{"name":"claimgraph","version":"0.1.0","parser":"fast","beam":1}"#));
        assert_eq!(older.unwrap(), Some(Producer { models: None, rules: None, ..p.clone() }));
        // stored before `rules` was recorded
        let older = from_json(Some(
            r#"{"name":"claimgraph","version":"0.1.0","parser":"fast","beam":1,"models":"sha256:ab"}"#,
        ));
        assert_eq!(older.unwrap(), Some(Producer { rules: None, ..p }));
        assert_eq!(to_json(None), None);
        assert_eq!(from_json(None).unwrap(), None);
        let e = from_json(Some("{\"name\": 3}")).unwrap_err();
        assert!(matches!(e, StoreError::BadValue { column: "documents.producer", .. }), "{e}");
    }
}
