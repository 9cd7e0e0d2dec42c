//! The feed log ([`FeedLog`]) on both backends: feed validators, item records and their
//! attempts, timestamps, and items that belong to no recorded feed.

mod common;

use claimgraph_store::{FeedState, ItemRecord, ItemStatus};
use common::backend::TestDb;

crate::both!(feeds_and_items_round_trip, timestamps_are_utc_to_the_millisecond);

fn feeds_and_items_round_trip(db: TestDb) {
    let mut s = db.open_full();
    assert_eq!(s.feed_state("http://x/feed").unwrap(), None);
    let mut st = FeedState {
        url: "http://x/feed".into(),
        etag: Some("\"v1\"".into()),
        last_modified: Some("Wed, 06 Mar 2024 08:00:00 GMT".into()),
        last_status: Some("ok".into()),
        title: Some("Dépêches".into()),
        ..FeedState::default()
    };
    s.record_poll(&st).unwrap();
    let got = s.feed_state("http://x/feed").unwrap().unwrap();
    assert_eq!(got.etag.as_deref(), Some("\"v1\""));
    assert_eq!(got.last_modified, st.last_modified);
    assert!(got.last_polled.is_some());
    // A poll without a title keeps the one known; the rest is replaced.
    st.title = None;
    st.etag = None;
    st.last_status = Some("failed".into());
    st.last_error = Some("timeout".into());
    s.record_poll(&st).unwrap();
    let got = s.feed_state("http://x/feed").unwrap().unwrap();
    assert_eq!((got.title.as_deref(), got.last_status.as_deref()), (Some("Dépêches"), Some("failed")));
    assert_eq!((got.etag, got.last_error.as_deref()), (None, Some("timeout")));
    assert_eq!(s.feed_state("http://x/other").unwrap(), None);

    let mut rec = ItemRecord {
        item: "guid-1".into(),
        url: Some("http://x/a".into()),
        status: ItemStatus::Failed,
        doc_id: None,
        error: Some("timeout".into()),
        attempts: 0,
    };
    s.record_item("http://x/feed", &rec).unwrap();
    let got = s.feed_item("http://x/feed", "guid-1").unwrap().unwrap();
    assert_eq!((got.status, got.attempts, got.error.as_deref()), (ItemStatus::Failed, 1, Some("timeout")));
    rec.status = ItemStatus::Ingested;
    rec.doc_id = Some("sha256:00".into());
    rec.error = None;
    s.record_item("http://x/feed", &rec).unwrap();
    let got = s.feed_item("http://x/feed", "guid-1").unwrap().unwrap();
    assert_eq!(
        (got.status, got.attempts, got.doc_id.as_deref(), got.error),
        (ItemStatus::Ingested, 2, Some("sha256:00"), None)
    );
    assert_eq!(got.url.as_deref(), Some("http://x/a"));
    let skipped = ItemRecord { item: "guid-2".into(), status: ItemStatus::Skipped, ..rec.clone() };
    s.record_item("http://x/feed", &skipped).unwrap();
    assert_eq!(s.feed_item("http://x/feed", "guid-2").unwrap().unwrap().status, ItemStatus::Skipped);
    assert_eq!(s.feed_item("http://x/feed", "guid-3").unwrap(), None);
    assert_eq!(s.feed_item("http://x/other", "guid-1").unwrap(), None);
    // Items belong to a recorded feed.
    assert!(s.record_item("http://other/feed", &rec).is_err());
    // What was written is there for the next process.
    drop(s);
    let again = db.open_full();
    assert_eq!(again.feed_item("http://x/feed", "guid-1").unwrap().unwrap().attempts, 2);
}

fn timestamps_are_utc_to_the_millisecond(db: TestDb) {
    let mut s = db.open_full();
    s.record_poll(&FeedState { url: "http://x/feed".into(), ..FeedState::default() }).unwrap();
    let polled = s.feed_state("http://x/feed").unwrap().unwrap().last_polled.unwrap();
    // `YYYY-MM-DDTHH:MM:SS.mmmZ`
    let b = polled.as_bytes();
    assert_eq!(b.len(), 24, "{polled}");
    assert!(b[4] == b'-' && b[10] == b'T' && b[19] == b'.' && b[23] == b'Z', "{polled}");
    assert!(polled.as_str() > "2024", "{polled}");
}
