//! Training and scoring on UD English EWT (`/work/shared/data/ud-english-ewt`).
//!
//! Ignored by default because they read the treebank and take seconds in release mode:
//! ```text
//! cargo test --release -p claimgraph-text --test ewt -- --ignored --nocapture
//! ```
//! `retrain_embedded_model` rewrites `models/tokenizer/en_ewt.model` from EWT train and GUM's
//! train documents (`claimgraph train tokenizer` does the same).

use claimgraph_text::{Tokenizer, TrainOptions, conllu, evaluate_tokenizer, train, training_sentences};

fn ewt(split: &str) -> Option<Vec<conllu::Sentence>> {
    let path = format!(
        "{}/../../../shared/data/ud-english-ewt/en_ewt-ud-{split}.conllu",
        env!("CARGO_MANIFEST_DIR")
    );
    let data = std::fs::read_to_string(&path).ok()?;
    Some(conllu::parse(&data).expect("EWT parses"))
}

#[test]
#[ignore = "reads UD EWT and GUM train and writes the embedded model"]
fn retrain_embedded_model() {
    let data = format!("{}/../../../shared/data", env!("CARGO_MANIFEST_DIR"));
    let Ok(train_set) = training_sentences(std::path::Path::new(&data)) else { return };
    let model = train(&train_set, &TrainOptions::default()).unwrap();
    let out = format!("{}/../../models/tokenizer/en_ewt.model", env!("CARGO_MANIFEST_DIR"));
    std::fs::write(&out, model.to_text()).unwrap();
    let tok = Tokenizer::with_model(model);
    for split in ["dev", "test"] {
        let gold = ewt(split).unwrap();
        let s = evaluate_tokenizer(&tok, &gold).unwrap();
        println!(
            "{split}: tokens F1 {:.2}  words F1 {:.2}  sentences F1 {:.2} (P {:.2} R {:.2})",
            s.tokens.f1(),
            s.words.f1(),
            s.sentences.f1(),
            s.sentences.precision(),
            s.sentences.recall()
        );
    }
}

#[test]
#[ignore = "reads UD EWT test"]
fn embedded_model_scores_on_ewt_test() {
    let Some(gold) = ewt("test") else { return };
    let s = evaluate_tokenizer(&Tokenizer::new(), &gold).unwrap();
    println!("test: tokens {:?} words {:?} sentences {:?}", s.tokens, s.words, s.sentences);
    println!(
        "test: tokens F1 {:.2} words F1 {:.2} sentences F1 {:.2}",
        s.tokens.f1(),
        s.words.f1(),
        s.sentences.f1()
    );
    assert!(s.tokens.f1() >= 99.0, "tokens F1 {:.2}", s.tokens.f1());
    assert!(s.words.f1() >= 98.5, "words F1 {:.2}", s.words.f1());
    assert!(s.sentences.f1() >= 70.0, "sentences F1 {:.2}", s.sentences.f1());
}
