//! The embedded model, training and evaluation on small hand-written treebanks.

use claimgraph_text::raw::raw_text;
use claimgraph_text::{Model, Tokenizer, TrainOptions, conllu, evaluate, evaluate_tokenizer, train};

#[test]
fn embedded_model_parses_and_holds_what_ewt_teaches() {
    let tok = Tokenizer::try_new().expect("embedded model parses");
    let m = tok.model();
    assert!(m.abbreviations.contains("mr."));
    assert!(m.abbreviations.contains("jan."));
    assert!(m.hyphen_prefixes.contains("non"));
    assert_eq!(m.multiwords.get("cannot"), Some(&vec![3]));
    assert_eq!(m.multiwords.get("gonna"), Some(&vec![3]));
    assert!(m.weights.len() > 1000);
    // the text form round-trips
    assert_eq!(&Model::from_text(&m.to_text()).unwrap(), m);
}

/// A tiny treebank written for this test.
fn treebank() -> String {
    let mut s = String::new();
    let docs = [
        vec![vec!["The", "convoy", "left", "."], vec!["It", "was", "late", "."]],
        vec![vec!["Mr.", "Smith", "spoke", "."], vec!["Officials", "agreed"]],
    ];
    for (d, doc) in docs.iter().enumerate() {
        for (k, sent) in doc.iter().enumerate() {
            if k == 0 {
                s.push_str(&format!("# newdoc id = d{d}\n# newpar id = d{d}-p1\n"));
            }
            let mut text = String::new();
            let mut rows = String::new();
            for (i, w) in sent.iter().enumerate() {
                let glued = sent.get(i + 1) == Some(&".");
                text.push_str(w);
                if !glued && i + 1 < sent.len() {
                    text.push(' ');
                }
                let misc = if glued { "SpaceAfter=No" } else { "_" };
                rows.push_str(&format!("{}\t{w}\t_\t_\t_\t_\t_\t_\t_\t{misc}\n", i + 1));
            }
            s.push_str(&format!("# sent_id = d{d}-{k}\n# text = {text}\n{rows}\n"));
        }
    }
    s
}

#[test]
fn evaluation_counts_spans() {
    let gold = conllu::parse(&treebank()).unwrap();
    let text = raw_text(&gold);
    assert_eq!(text, "The convoy left. It was late.\n\nMr. Smith spoke. Officials agreed");
    let tok = Tokenizer::new();
    let (toks, sents) = tok.analyze(&text);
    let s = evaluate(&gold, &text, &toks, &sents).unwrap();
    assert_eq!((s.tokens.gold, s.tokens.system, s.tokens.correct), (14, 14, 14));
    assert_eq!(s.words, s.tokens);
    assert_eq!((s.sentences.gold, s.sentences.system, s.sentences.correct), (4, 4, 4));
    assert_eq!(evaluate_tokenizer(&tok, &gold).unwrap(), s);
    // dropping the split after "left ." costs one sentence and creates one wrong one
    let merged: Vec<_> = std::iter::once(claimgraph_text::SentenceSpan {
        start: sents[0].start,
        end: sents[1].end,
        tokens: sents[0].tokens.start..sents[1].tokens.end,
    })
    .chain(sents[2..].iter().cloned())
    .collect();
    let s2 = evaluate(&gold, &text, &toks, &merged).unwrap();
    assert_eq!((s2.sentences.gold, s2.sentences.system, s2.sentences.correct), (4, 3, 2));
    assert!((s2.sentences.f1() - 200.0 * 2.0 / 7.0).abs() < 1e-9);
}

#[test]
fn training_is_deterministic_and_learns_lists() {
    let gold = conllu::parse(&treebank()).unwrap();
    let opts = TrainOptions { epochs: 3, min_feature_count: 1, min_weight: 0.0 };
    let a = train(&gold, &opts).unwrap();
    let b = train(&gold, &opts).unwrap();
    assert_eq!(a.to_text(), b.to_text());
    assert!(a.abbreviations.contains("mr."));
    assert!(!a.weights.is_empty());
    assert!(train(&[], &opts).is_err());
}
