//! Full-text search: ranking, snippets, and query strings that must never break it.

mod common;

use claimgraph_core::{Document, Extraction, Meta};
use claimgraph_store::Store;
use common::backend::TestDb;

crate::both!(
    finds_ranks_and_snippets,
    non_ascii_and_diacritics,
    hostile_queries_are_text_not_syntax,
    batches_are_searchable
);

fn store_with(db: &TestDb, texts: &[(&str, &str)]) -> (Box<dyn Store + Send>, Vec<String>) {
    let mut store = db.open();
    let mut ids = Vec::new();
    for (title, text) in texts {
        let doc = Document::new(text, Meta { title: Some(title.to_string()), ..Meta::default() });
        store.put_extraction(&Extraction::empty(&doc), "test", false).unwrap();
        ids.push(doc.id().to_string());
    }
    (store, ids)
}

fn finds_ranks_and_snippets(db: TestDb) {
    let (store, ids) = store_with(
        &db,
        &[
            ("Convoy attacked", "Militants attacked a convoy near the airport. The convoy carried food."),
            ("Talks resume", "Negotiators met in Doha. A convoy was mentioned once."),
            ("Weather", "Rain fell over the city."),
        ],
    );
    let hits = store.search("convoy", 10).unwrap();
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].doc_id, ids[0], "title and two mentions rank first");
    assert!(hits[0].rank < hits[1].rank);
    assert!(
        hits[0].snippet.contains("[convoy]") || hits[0].snippet.contains("[Convoy]"),
        "{}",
        hits[0].snippet
    );
    assert_eq!(hits[1].title.as_deref(), Some("Talks resume"));
    // All terms must occur; a trailing * is a prefix.
    assert_eq!(store.search("convoy doha", 10).unwrap().len(), 1);
    assert_eq!(store.search("negot*", 10).unwrap()[0].doc_id, ids[1]);
    assert_eq!(store.search("convoy", 1).unwrap().len(), 1);
    assert!(store.search("nothing-like-this", 10).unwrap().is_empty());
}

fn non_ascii_and_diacritics(db: TestDb) {
    let (store, ids) = store_with(&db, &[("Kaboul", common::BODY)]);
    assert_eq!(store.search("Téhéran", 10).unwrap()[0].doc_id, ids[0]);
    // Diacritics are folded: users can type without accents.
    assert_eq!(store.search("teheran dementi", 10).unwrap().len(), 1);
    assert_eq!(store.search("l’opération", 10).unwrap().len(), 1);
}

fn hostile_queries_are_text_not_syntax(db: TestDb) {
    let (store, ids) = store_with(
        &db,
        &[
            ("Quotes", "He said \"NEAR\" and AND OR NOT were words; title: none. 50% of *stars*."),
            ("Other", "Nothing to see."),
        ],
    );
    let hostile = [
        "\"",
        "\"\"",
        "*",
        "**",
        "NEAR(",
        "NEAR(a b, 3)",
        "'; DROP TABLE documents; --",
        "\"; DROP TABLE documents_fts; --",
        "AND",
        "OR OR",
        "NOT",
        "a AND",
        "title:none",
        "-said",
        "^said",
        "(said",
        "said)",
        "{title text}: said",
        "50%",
        "%",
        "_",
        "\\",
        "\0",
        "said\"*",
        "*said",
        "🙂",
        "",
        "   ",
    ];
    for q in hostile {
        let hits = store.search(q, 10).unwrap_or_else(|e| panic!("{q:?}: {e}"));
        assert!(hits.len() <= 1, "{q:?}");
        for h in hits {
            assert_eq!(h.doc_id, ids[0], "{q:?}");
        }
    }
    // Operator words are plain words.
    assert_eq!(store.search("NEAR", 10).unwrap().len(), 1);
    assert_eq!(store.search("AND OR NOT", 10).unwrap().len(), 1);
    assert_eq!(store.search("title:none", 10).unwrap().len(), 1);
    assert_eq!(store.counts().unwrap().documents, 2, "nothing was dropped");
}

fn batches_are_searchable(db: TestDb) {
    let mut store = db.open();
    let doc = |title: &str, text: &str| {
        Extraction::empty(&Document::new(text, Meta { title: Some(title.to_string()), ..Meta::default() }))
    };
    let a = doc("Ferry", "A ferry capsized on the lake; forty passengers were rescued.");
    let b = doc("Harvest", "The wheat harvest ended early in the northern plains.");
    let mut broken = doc("Broken", "This one names an entity whose mention is out of bounds.");
    broken.entities.push(claimgraph_core::extraction::Entity {
        id: "E1".into(),
        name: "x".into(),
        entity_type: claimgraph_core::extraction::EntityType::Org,
        kind: None,
        country: None,
        kb_id: None,
        aliases: vec![],
        mentions: vec![claimgraph_core::Span { start: 10_000, end: 10_001, text: "x".into() }],
    });
    let outcomes = store.put_batch(&[(&a, "t"), (&broken, "t"), (&b, "t")], false);
    assert!(outcomes[0].is_ok() && outcomes[1].is_err() && outcomes[2].is_ok(), "{outcomes:?}");
    assert_eq!(store.search("ferry", 10).unwrap()[0].doc_id, a.document.id);
    assert_eq!(store.search("wheat", 10).unwrap()[0].doc_id, b.document.id);
    assert!(store.search("bounds", 10).unwrap().is_empty(), "the failed document is not indexed");
    // stored again in a batch, replaced: found once, under its new text
    let a2 = Extraction { document: a.document.clone(), ..a.clone() };
    let outcomes = store.put_batch(&[(&a2, "t"), (&b, "t")], true);
    assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
    assert_eq!(store.search("ferry", 10).unwrap().len(), 1);
    assert_eq!(store.search("wheat", 10).unwrap().len(), 1);
    // the same document twice in one batch, replaced: still found once
    let c = doc("Bridge", "A bridge over the river reopened after repairs.");
    let outcomes = store.put_batch(&[(&c, "t"), (&c, "t"), (&b, "t")], true);
    assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
    assert_eq!(store.search("bridge", 10).unwrap().len(), 1);
    assert_eq!(store.search("wheat", 10).unwrap().len(), 1);
    // and SQLite's full-text index is consistent with its content table
    if db.kind == common::backend::Kind::Sqlite {
        db.exec("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')").unwrap();
    }
}
