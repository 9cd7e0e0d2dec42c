//! Date normalization accuracy on GUM news and interview documents (`/work/shared` or
//! `$CLAIMGRAPH_GUM`). Prints the figures; run with `--nocapture` to see them and with
//! `GUM_MISTAKES=1` to list every error.

use std::path::PathBuf;

use claimgraph_extract::time::gum::{DateScores, GumReference, evaluate_gum, evaluate_gum_with};

fn gum_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("CLAIMGRAPH_GUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/gum"));
    dir.join("xml").is_dir().then_some(dir)
}

fn line(name: &str, s: &DateScores) -> String {
    format!(
        "{name:>6}: docs {:>2} gold {:>3} (open-ended {:>2}) found {:>3} correct {:>3} accuracy {:.3} (`when` only: {}/{} {:.3}) | predicted {:>3} correct {:>3} precision {:.3}",
        s.docs,
        s.gold,
        s.gold_open_ended,
        s.found,
        s.correct,
        s.accuracy(),
        s.correct_when,
        s.gold_when,
        s.when_accuracy(),
        s.predicted,
        s.predicted_correct,
        s.precision()
    )
}

#[test]
fn gum_news_and_interview_dates() {
    let Some(dir) = gum_dir() else {
        eprintln!("GUM not found; skipped");
        return;
    };
    let scores = evaluate_gum(&dir, &["news", "interview"]).unwrap();
    println!("{}", line("all", &scores.all));
    for (part, s) in &scores.by_partition {
        println!("{}", line(part, s));
    }
    if std::env::var_os("GUM_MISTAKES").is_some() {
        for m in &scores.mistakes {
            println!("{} | gold {} | pred {}", m.doc, m.gold, m.predicted);
        }
    }
    let created = evaluate_gum_with(&dir, &["news", "interview"], GumReference::Created).unwrap();
    println!("{}", line("dateCreated as reference", &created.all));
    assert!(scores.all.docs >= 40, "{:?}", scores.all);
    assert!(scores.all.gold >= 250);
    // the target is 0.90; measured 0.903 / 0.925 on 2026-11-27 (0.844 / 0.903 before
    // the Timeline). Of the 28 misses left, 6 gold values are open-ended (no two-ended value
    // can match), 8 are slips in the gold (a 2010 date in a 2016 report, an 8-day week, ...),
    // and the rest follow other conventions (`since 2007` is a range here) or need world
    // knowledge (`the start of the 2014 Winter Paralympics`)
    assert!(scores.all.accuracy() >= 0.90, "accuracy {:.3}", scores.all.accuracy());
    assert!(scores.all.when_accuracy() >= 0.94, "`when` accuracy {:.3}", scores.all.when_accuracy());
    assert!(scores.all.precision() >= 0.92, "precision {:.3}", scores.all.precision());
    for (part, s) in &scores.by_partition {
        let (acc, prec) = match part.as_str() {
            "dev" => (0.70, 0.58),
            "test" => (0.97, 0.95),
            _ => (0.89, 0.93),
        };
        assert!(s.accuracy() >= acc && s.precision() >= prec, "{part}: {s:?}");
    }
}

#[test]
fn missing_corpus_is_an_error() {
    assert!(evaluate_gum(std::path::Path::new("/nonexistent/gum"), &["news"]).is_err());
}
