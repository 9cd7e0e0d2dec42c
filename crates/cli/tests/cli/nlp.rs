//! `analyze` and `eval`: the NLP core from the command line.

use super::util::{repo, run_in, shared, stderr, stdout};

/// The CoNLL-U rows (not comments) of `out`, split into columns.
fn rows(out: &str) -> Vec<Vec<String>> {
    out.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

#[test]
fn analyze_text_fills_every_column_and_splits_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Pentagon officials said on Tuesday that Iran paid militants in Kabul. \
                The Taliban denied it.\n";
    let o = run_in(dir.path(), &["analyze", "--from", "text", "--to", "conllu", "-"], Some(text.as_bytes()));
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.matches("# text = ").count(), 2, "{out}");
    let rows = rows(&out);
    assert_eq!(rows.len(), 17, "{out}");
    for r in &rows {
        assert_eq!(r.len(), 10, "{r:?}");
        // LEMMA, UPOS, XPOS and DEPREL are always filled (FEATS may be `_`)
        assert!([2, 3, 4, 7].iter().all(|&c| !r[c].is_empty() && r[c] != "_"), "{r:?}");
        assert!(r[6].parse::<usize>().is_ok(), "HEAD missing: {r:?}");
        assert!(r[9].contains("NER="), "entity tag missing: {r:?}");
    }
    let kabul = rows.iter().find(|r| r[1] == "Kabul").unwrap();
    assert_eq!((kabul[3].as_str(), kabul[9].contains("NER=B-LOC")), ("PROPN", true), "{kabul:?}");
    let paid = rows.iter().find(|r| r[1] == "paid").unwrap();
    assert_eq!((paid[2].as_str(), paid[3].as_str()), ("pay", "VERB"));
    // one root per sentence
    assert_eq!(rows.iter().filter(|r| r[6] == "0").count(), 2, "{out}");
    // numbered sentences, as UD's validator requires, and each token's char range in the text
    assert!(out.starts_with("# newdoc\n# newpar\n# sent_id = 1\n# text = Pentagon"), "{out}");
    assert!(out.contains("\n# sent_id = 2\n# text = The Taliban denied it."), "{out}");
    let chars: Vec<char> = text.chars().collect();
    for r in &rows {
        let range = r[9].split('|').find_map(|kv| kv.strip_prefix("TokenRange=")).expect("TokenRange");
        let (a, b) = range.split_once(':').unwrap();
        let slice: String = chars[a.parse::<usize>().unwrap()..b.parse::<usize>().unwrap()].iter().collect();
        assert_eq!(slice, r[1], "{r:?}");
    }
}

/// A blank line opens a paragraph (`# newpar`); a multiword token carries the range, its
/// words none; reading the output back as CoNLL-U keeps the ranges.
#[test]
fn analyze_text_marks_paragraphs_and_multiword_ranges() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Kabul’s police didn't comment.\n\nA second paragraph starts here.\n";
    let o = run_in(dir.path(), &["analyze", "-"], Some(text.as_bytes()));
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.matches("# newpar").count(), 2, "{out}");
    assert!(out.contains("# newpar\n# sent_id = 2\n"), "{out}");
    let didnt = out.lines().find(|l| l.starts_with("4-5\t") || l.contains("\tdidn't\t")).unwrap();
    assert!(didnt.ends_with("TokenRange=15:21"), "{didnt}");
    std::fs::write(dir.path().join("a.conllu"), &out).unwrap();
    let again = run_in(dir.path(), &["analyze", "--from", "conllu", "a.conllu"], None);
    assert_eq!(stdout(&again), out);
}

#[test]
fn analyze_conllu_keeps_the_given_words_and_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let input = "# sent_id = a\n1\tIran\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdenied\t_\t_\t_\t_\t_\t_\t_\t_\n\
                 3\tit\t_\t_\t_\t_\t_\t_\t_\t_\n\n1\tU.S\t_\t_\t_\t_\t_\t_\t_\t_\n2\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
    let o = run_in(dir.path(), &["analyze", "--from", "conllu", "--to", "conllu"], Some(input.as_bytes()));
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = rows(&stdout(&o));
    let forms: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(forms, ["Iran", "denied", "it", "U.S", "."]);
    assert_eq!(rows[1][3], "VERB");
    assert_eq!(rows[1][6], "0");
}

#[test]
fn eval_scores_the_dev_split_and_a_models_folder() {
    let data = shared().join("data");
    if !data.is_dir() {
        panic!("the tests need ../shared/data beside the repository");
    }
    let dir = tempfile::tempdir().unwrap();
    let data_arg = data.to_str().unwrap();
    let eval = |extra: &[&str]| {
        let mut args = vec!["eval", "tokenizer", "--split", "dev", "--json", "--data", data_arg];
        args.extend_from_slice(extra);
        run_in(dir.path(), &args, None)
    };
    let json = |o: &std::process::Output| -> serde_json::Value {
        let out = stdout(o);
        let start = out.find('{').unwrap_or_else(|| panic!("no JSON in {out}"));
        serde_json::from_str(&out[start..]).unwrap()
    };
    let embedded = eval(&[]);
    assert!(embedded.status.success(), "{}", stderr(&embedded));
    let text = stdout(&embedded);
    assert!(text.contains("UD EWT dev, raw text:") && text.contains("GUM dev ("), "{text}");
    let e = json(&embedded);
    assert_eq!(e["split"], "dev");
    let f1 = e["tokenizer"]["sentences_f1"].as_f64().unwrap();
    assert!(f1 > 80.0, "EWT dev sentences F1 {f1}");
    assert!(e["tokenizer_gum"]["documents"].as_u64().unwrap() > 0);

    // a folder holding the shipped tokenizer file scores exactly as the embedded model
    let models = dir.path().join("models");
    std::fs::create_dir_all(models.join("tokenizer")).unwrap();
    std::fs::copy(repo().join("models/tokenizer/en_ewt.model"), models.join("tokenizer/en_ewt.model"))
        .unwrap();
    let same = eval(&["--models", models.to_str().unwrap()]);
    assert!(same.status.success(), "{}", stderr(&same));
    assert_eq!(json(&same)["tokenizer"], e["tokenizer"]);

    // a broken file is named, not silently replaced by the embedded model
    std::fs::write(models.join("tokenizer/en_ewt.model"), "not a model\n").unwrap();
    let bad = eval(&["--models", models.to_str().unwrap()]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("en_ewt.model"), "{}", stderr(&bad));
    let missing = eval(&["--models", dir.path().join("nowhere").to_str().unwrap()]);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("not a folder"), "{}", stderr(&missing));
}

#[test]
fn both_parsers_can_be_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let text = "The Taliban spokesman denied that the group had received money from Iran.\n";
    for parser in ["accurate", "fast"] {
        let o = run_in(
            dir.path(),
            &["--parser", parser, "analyze", "--from", "text", "--to", "conllu"],
            Some(text.as_bytes()),
        );
        assert!(o.status.success(), "{parser}: {}", stderr(&o));
        let rows = rows(&stdout(&o));
        assert_eq!(rows.len(), 13, "{parser}");
        assert_eq!(rows.iter().filter(|r| r[6] == "0").count(), 1, "{parser}: one root");
        let denied = rows.iter().find(|r| r[1] == "denied").unwrap();
        assert_eq!(denied[7], "root", "{parser}: {rows:?}");
    }
    let o = run_in(dir.path(), &["--parser", "slow", "analyze"], Some(b"x"));
    assert!(!o.status.success());
    assert!(stderr(&o).contains("accurate") && stderr(&o).contains("fast"), "{}", stderr(&o));
}

#[test]
fn the_beam_width_can_be_narrowed_for_speed() {
    let dir = tempfile::tempdir().unwrap();
    let text = "The Taliban spokesman denied that the group had received money from Iran.\n";
    let analyze = |global: &[&str]| {
        let mut args = global.to_vec();
        args.extend_from_slice(&["analyze", "--from", "text", "--to", "conllu"]);
        run_in(dir.path(), &args, Some(text.as_bytes()))
    };
    for beam in ["1", "2", "4", "8", "16"] {
        let o = analyze(&["--beam", beam]);
        assert!(o.status.success(), "--beam {beam}: {}", stderr(&o));
        let rows = rows(&stdout(&o));
        assert_eq!(rows.len(), 13, "--beam {beam}");
        assert_eq!(rows.iter().filter(|r| r[6] == "0").count(), 1, "--beam {beam}: one root");
        assert!(rows.iter().all(|r| r[6].parse::<usize>().is_ok_and(|h| h <= 13)), "{rows:?}");
    }
    // the accurate parser's own width (8) is the default
    assert_eq!(stdout(&analyze(&["--beam", "8"])), stdout(&analyze(&[])));
    for bad in ["0", "65", "wide"] {
        let o = analyze(&["--beam", bad]);
        assert!(!o.status.success(), "--beam {bad}");
        assert!(stderr(&o).contains("--beam"), "{}", stderr(&o));
    }
    // a beam over the greedily trained parser only makes it worse: refused, with the way out
    let o = analyze(&["--parser", "fast", "--beam", "4"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("greedy") && stderr(&o).contains("--parser accurate --beam"),
        "{}",
        stderr(&o)
    );
    let o = analyze(&["--parser", "fast", "--beam", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn bench_reports_the_parser_and_beam_it_timed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, "Iran denied paying the militants. The Pentagon declined to comment.\n").unwrap();
    let f = file.to_str().unwrap();
    for (global, parser, beam) in [
        (&[][..], "accurate", 8),
        (&["--beam", "2"][..], "accurate", 2),
        (&["--parser", "fast"][..], "fast", 1),
    ] {
        let mut args = global.to_vec();
        args.extend_from_slice(&["bench", "nlp", "--repeat", "1", "--json", f]);
        let o = run_in(dir.path(), &args, None);
        assert!(o.status.success(), "{global:?}: {}", stderr(&o));
        let j: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
        assert_eq!((j["parser"].as_str(), j["beam"].as_u64()), (Some(parser), Some(beam)), "{j}");
        assert_eq!(j["tokens"], 12, "{j}");
        assert!(j["tokens_per_second"].as_f64().unwrap() > 0.0, "{j}");
    }
}

#[test]
fn analyze_gives_the_same_output_on_any_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    // 120 sentences of several lengths: several chunks for each thread
    let text: String = (0..120)
        .map(|i| match i % 3 {
            0 => format!("Gunmen attacked post number {i} near the border on Tuesday. "),
            1 => "The ministry said that three soldiers were wounded and one was killed. ".to_string(),
            _ => format!("A Taliban spokesman denied it, calling report {i} \"propaganda\". "),
        })
        .collect();
    let analyze = |jobs: &str| {
        let o = run_in(dir.path(), &["analyze", "-j", jobs], Some(text.as_bytes()));
        assert!(o.status.success(), "-j {jobs}: {}", stderr(&o));
        stdout(&o)
    };
    let one = analyze("1");
    assert_eq!(one.matches("# text = ").count(), 120);
    assert!(one.contains("NER=B-ORG") || one.contains("NER=B-PER"), "entities are tagged");
    for jobs in ["2", "3", "8"] {
        assert_eq!(analyze(jobs), one, "-j {jobs}");
    }
}

/// Large inputs are analysed and written a batch at a time; a bad CoNLL-U line far into
/// the file still stops everything before any output.
#[test]
fn analyze_streams_large_inputs_and_checks_conllu_first() {
    let dir = tempfile::tempdir().unwrap();
    // more than one batch of sentences (2,048) and, as CoNLL-U, of bytes (1 MB)
    let text = "Troops left the base. ".repeat(3500);
    let o = run_in(dir.path(), &["analyze", "-j", "2"], Some(text.as_bytes()));
    assert!(o.status.success(), "{}", stderr(&o));
    let conllu = stdout(&o);
    assert_eq!(conllu.matches("# text = Troops left the base.").count(), 3500);
    assert!(conllu.len() > 1 << 20, "{} bytes", conllu.len());
    // read back as CoNLL-U (across its 1 MB batches), the same analysis comes out
    std::fs::write(dir.path().join("a.conllu"), &conllu).unwrap();
    let again = run_in(dir.path(), &["analyze", "--from", "conllu", "a.conllu"], None);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(stdout(&again), conllu);
    // a word out of sequence on the last line: an error naming it, and nothing written
    let lines = conllu.lines().count();
    std::fs::write(dir.path().join("bad.conllu"), format!("{conllu}1\tA\n3\tB\n")).unwrap();
    let bad = run_in(dir.path(), &["analyze", "--from", "conllu", "bad.conllu"], None);
    assert!(!bad.status.success());
    assert!(stdout(&bad).is_empty(), "no partial output");
    assert!(stderr(&bad).contains(&format!("line {}", lines + 2)), "{}", stderr(&bad));
}
