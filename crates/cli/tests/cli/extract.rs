//! `claimgraph extract`: the v1 contract on real inputs.

use super::util::*;

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(shared().join("spec/extraction-v1.schema.json")).expect("../shared/spec"),
    )
    .unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_spans_exact(x: &serde_json::Value) {
    let text: Vec<char> = x["document"]["text"].as_str().unwrap().chars().collect();
    let mut spans = Vec::new();
    for e in x["entities"].as_array().unwrap() {
        spans.extend(e["mentions"].as_array().unwrap().iter().cloned());
    }
    for k in ["events", "claims"] {
        for it in x[k].as_array().unwrap() {
            spans.extend(it["evidence"].as_array().unwrap().iter().cloned());
        }
    }
    for s in spans {
        let (a, b) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
        let slice: String = text[a..b].iter().collect();
        assert_eq!(slice, s["text"].as_str().unwrap(), "span {a}..{b}");
    }
}

#[test]
fn reference_article_validates_against_the_schema() {
    let article = shared().join("examples/iran-bounties/article.txt");
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(dir.path(), &["extract", "--published", "2020-08-18", article.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = json_lines(&o);
    assert_eq!(docs.len(), 1);
    let x = &docs[0];
    let v = validator();
    let errors: Vec<String> = v.iter_errors(x).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "schema errors: {errors:?}");
    assert_eq!(x["document"]["published"], "2020-08-18");
    assert!(x["document"]["text"].as_str().unwrap().starts_with("US soldiers hook up"));
    assert_spans_exact(x);
    assert!(stderr(&o).contains("1 documents extracted, 0 failed"));
}

/// Each extraction says which parser and beam width made it, and the store keeps that.
#[test]
fn extractions_name_the_parser_and_beam_that_made_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Gunmen attacked a police post in Herat, officials said.\n")
        .unwrap();
    for (global, parser, beam) in [
        (&[][..], "accurate", 8),
        (&["--beam", "4"][..], "accurate", 4),
        (&["--parser", "fast"][..], "fast", 1),
    ] {
        let mut args = global.to_vec();
        args.extend_from_slice(&["extract", "a.txt"]);
        let o = run_in(dir.path(), &args, None);
        assert!(o.status.success(), "{global:?}: {}", stderr(&o));
        let p = &json_lines(&o)[0]["producer"];
        assert_eq!(p["name"], "claimgraph", "{p}");
        assert_eq!(p["version"], env!("CARGO_PKG_VERSION"), "{p}");
        assert_eq!((p["parser"].as_str(), p["beam"].as_u64()), (Some(parser), Some(beam)), "{global:?}: {p}");
        assert!(validator().is_valid(&json_lines(&o)[0]));
    }
    // stored with the fast parser: `show` says so, in JSON and in text
    let o = run_in(dir.path(), &["--parser", "fast", "ingest", "a.txt"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let id = json_lines(&run_in(dir.path(), &["extract", "a.txt"], None))[0]["document"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let o = run_in(dir.path(), &["show", &id, "--json"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let stored: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(
        (stored["producer"]["parser"].as_str(), stored["producer"]["beam"].as_u64()),
        (Some("fast"), Some(1))
    );
    let o = run_in(dir.path(), &["show", &id], None);
    assert!(stdout(&o).contains(", fast parser, beam 1"), "{}", stdout(&o));
    // and the listing, in its table and its JSON
    let o = run_in(dir.path(), &["docs"], None);
    assert!(stdout(&o).contains("parser") && stdout(&o).contains("fast/1"), "{}", stdout(&o));
    let o = run_in(dir.path(), &["docs", "--json"], None);
    let listed: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(listed[0]["producer"]["parser"], "fast", "{listed}");
}

#[test]
fn same_text_same_id_and_overrides() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Gunmen  attacked a post.\r\n").unwrap();
    let o = run_in(
        dir.path(),
        &["extract", "a.txt", "-", "--title", "T", "--publisher", "P", "--url", "https://x.example/a"],
        Some(b"Gunmen attacked a post.\n"),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = json_lines(&o);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["document"]["id"], docs[1]["document"]["id"]);
    assert_eq!(docs[0]["document"]["text"], "Gunmen attacked a post.");
    for d in &docs {
        assert_eq!(d["document"]["title"], "T");
        assert_eq!(d["document"]["publisher"], "P");
        assert_eq!(d["document"]["url"], "https://x.example/a");
        let v = validator();
        assert!(v.is_valid(d));
    }
}

#[test]
fn html_jsonl_and_directories() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("in/sub");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(
        dir.path().join("in/page.html"),
        r#"<html><head><title>Raid on depot</title><meta property="og:site_name" content="Test Wire">
        <meta property="article:published_time" content="2023-04-05T08:00:00Z"></head><body>
        <nav><a href="/">Home</a> | <a href="/world">World</a></nav>
        <article><h1>Raid on depot</h1><p>Armed men raided a fuel depot outside the town on Monday night, officials said.</p>
        <p>Two guards were wounded in the raid, according to a statement from the regional police, which said an investigation had begun.</p></article>
        <script>var ads = 1;</script><footer>Copyright</footer></body></html>"#,
    )
    .unwrap();
    std::fs::write(
        sub.join("feed.jsonl"),
        "{\"text\": \"First report text about a convoy.\", \"published\": \"2021-01-02\"}\n\n{\"html\": \"<p>Second report, in HTML, about a ceasefire.</p>\", \"title\": \"Two\"}\n",
    )
    .unwrap();
    std::fs::write(sub.join("notes.bin"), [0u8, 1, 2, 3]).unwrap();
    let o = run_in(dir.path(), &["extract", "in"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = json_lines(&o);
    assert_eq!(docs.len(), 3, "{}", stderr(&o));
    let html = docs.iter().find(|d| d["document"]["title"] == "Raid on depot").expect("html doc");
    assert_eq!(html["document"]["published"], "2023-04-05");
    assert_eq!(html["document"]["publisher"], "Test Wire");
    let text = html["document"]["text"].as_str().unwrap();
    assert!(text.contains("fuel depot"), "{text}");
    assert!(!text.contains("var ads") && !text.contains("Home"), "{text}");
    assert!(docs.iter().any(|d| d["document"]["published"] == "2021-01-02"));
    assert!(docs.iter().any(|d| d["document"]["title"] == "Two"));
    assert!(stderr(&o).contains("1 files skipped"), "{}", stderr(&o));
}

#[test]
fn kb_extra_adds_a_local_armed_group() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(
        p.join("local.toml"),
        "[[actor]]\nid = \"OSPREYBDE\"\nname = \"Osprey Brigade\"\nkind = \"armed_group\"\ncountry = \"MLI\"\naliases = [\"Osprey fighters\"]\n",
    )
    .unwrap();
    std::fs::write(
        p.join("r.txt"),
        "Fighters of the Osprey Brigade attacked an army convoy near Gao on Tuesday, killing three soldiers, \
         the army said.",
    )
    .unwrap();
    let find = |o: &std::process::Output| {
        json_lines(o)[0]["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"].as_str().unwrap_or("").contains("Osprey"))
            .cloned()
    };
    let without = run_in(p, &["extract", "r.txt", "--published", "2024-01-10"], None);
    assert!(without.status.success(), "{}", stderr(&without));
    assert!(find(&without).is_none_or(|e| e["kb_id"].is_null()));
    let with =
        run_in(p, &["extract", "r.txt", "--published", "2024-01-10", "--kb-extra", "local.toml"], None);
    assert!(with.status.success(), "{}", stderr(&with));
    let e = find(&with).expect("the brigade is an entity");
    assert_eq!(e["kb_id"], "actor:OSPREYBDE");
    assert_eq!(e["kind"], "armed_group");
    assert_eq!(e["country"], "MLI");
    let o = run_in(p, &["kb", "lookup", "Osprey Brigade", "--kb-extra", "local.toml", "--json"], None);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rows[0]["kb_id"], "actor:OSPREYBDE");
    let bad = run_in(p, &["extract", "r.txt", "--kb-extra", "missing.toml"], None);
    assert_eq!(bad.status.code(), Some(3));
    assert!(stderr(&bad).contains("missing.toml"), "{}", stderr(&bad));
}

/// `producer.models` is the digest of the files used, as `--version` lists them: it can be
/// recomputed from the repository's files, and a user dictionary changes it.
#[test]
fn extractions_name_the_models_that_made_them() {
    use claimgraph_core::digest::sha256_hex;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("a.txt"), "Gunmen attacked a police post in Herat, officials said.\n").unwrap();
    let dictionary = "[[actor]]\nid = \"HERATGUARD\"\nname = \"Herat Guard\"\nkind = \"armed_group\"\n";
    std::fs::write(p.join("local.toml"), dictionary).unwrap();

    let o = run_in(p, &["--version"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let version = stdout(&o);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let listed = |component: &str| {
        let line = version
            .lines()
            .find(|l| l.split_whitespace().next() == Some(component))
            .unwrap_or_else(|| panic!("{component} in {version}"));
        let fields: Vec<&str> = line.split_whitespace().collect();
        let bytes = std::fs::read(root.join(fields[2])).unwrap();
        assert_eq!(fields[1], sha256_hex(&bytes), "{line}");
        fields[1].to_string()
    };
    let manifest = |parser: &str| {
        ["tokenizer", "tagger", parser, "ner", "kb"].map(|c| format!("{c} {}\n", listed(c))).concat()
    };
    let models = |args: &[&str]| {
        let o = run_in(p, args, None);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        json_lines(&o)[0]["producer"]["models"].as_str().unwrap().to_string()
    };

    let accurate = models(&["extract", "a.txt"]);
    assert_eq!(accurate, format!("sha256:{}", sha256_hex(manifest("parser").as_bytes())));
    assert!(version.contains(&format!("accurate     {accurate}")), "{version}");
    let fast = models(&["--parser", "fast", "extract", "a.txt"]);
    assert_eq!(fast, format!("sha256:{}", sha256_hex(manifest("parser-fast").as_bytes())));
    assert!(version.contains(&format!("fast         {fast}")), "{version}");
    // the beam width is its own field: the models are the same
    assert_eq!(models(&["--beam", "4", "extract", "a.txt"]), accurate);
    let extra = models(&["extract", "a.txt", "--kb-extra", "local.toml"]);
    let with_dictionary = manifest("parser") + &format!("kb-extra {}\n", sha256_hex(dictionary.as_bytes()));
    assert_eq!(extra, format!("sha256:{}", sha256_hex(with_dictionary.as_bytes())));

    // stored, shown shortened
    let o = run_in(p, &["ingest", "a.txt"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run_in(p, &["show", "sha256:"], None);
    assert!(stdout(&o).contains(&format!(", models {}", &accurate[..19])), "{}", stdout(&o));
}

/// `producer.rules` is the digest of the extraction code's sources: the same for every
/// parser and dictionary, as `--version` lists it, and recomputable from the repository.
#[test]
fn extractions_name_the_rules_that_made_them() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("a.txt"), "Gunmen attacked a police post in Herat, officials said.\n").unwrap();
    let rules = |args: &[&str]| {
        let o = run_in(p, args, None);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        json_lines(&o)[0]["producer"]["rules"].as_str().unwrap().to_string()
    };
    let accurate = rules(&["extract", "a.txt"]);
    assert_eq!(rules(&["--parser", "fast", "extract", "a.txt"]), accurate);
    let version = stdout(&run_in(p, &["--version"], None));
    assert!(version.contains(&accurate), "{version}");
    // the build's digest, which `provenance`'s own test recomputes from the files on disk
    assert_eq!(accurate, claimgraph_extract::provenance::rules_digest());
}
