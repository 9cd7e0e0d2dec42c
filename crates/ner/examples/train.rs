//! Trains the NER model and scores it on UNER English-EWT dev and test.
//!
//! `cargo run --release -p claimgraph-ner --example train -- [DATA_DIR] [OUT] [SEED]`
//! (defaults: `../shared/data`, `models/ner.bin`, 1). Set `NER_EPOCHS`, `NER_GUM=1`,
//! `NER_NO_WIKIGOLD=1`, `NER_KB=1`, `NER_NO_GAZ=1`, `NER_TRAIN_ON_DEV=1`, `NER_CLUSTERS=K`, `NER_MIN_COUNT=N`, `NER_REPLICAS=N`, `NER_MAX_FEATURES` to vary the run.

use claimgraph_ner::{Ner, TrainConfig, evaluate, read_iob2, train_with, uner_path};
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data = PathBuf::from(args.first().map_or("../shared/data", String::as_str));
    let out = PathBuf::from(args.get(1).map_or("models/ner.bin", String::as_str));
    let seed = args.get(2).map_or(Ok(1), |s| s.parse())?;
    let env_flag = |k: &str| std::env::var(k).is_ok_and(|v| v == "1");
    let mut cfg = TrainConfig { seed, ..TrainConfig::default() };
    if let Ok(e) = std::env::var("NER_EPOCHS") {
        cfg.epochs = e.parse()?;
    }
    if let Ok(m) = std::env::var("NER_MAX_FEATURES") {
        cfg.max_features = m.parse()?;
    }
    cfg.use_gum = env_flag("NER_GUM");
    cfg.use_kb = env_flag("NER_KB");
    cfg.use_wikigold = !env_flag("NER_NO_WIKIGOLD");
    cfg.use_gazetteer = !env_flag("NER_NO_GAZ");
    cfg.train_on_dev = env_flag("NER_TRAIN_ON_DEV");
    if let Ok(r) = std::env::var("NER_REPLICAS") {
        cfg.replicas = r.parse()?;
    }
    if let Ok(m) = std::env::var("NER_MIN_COUNT") {
        cfg.min_feature_count = m.parse()?;
    }
    if let Ok(k) = std::env::var("NER_CLUSTERS") {
        cfg.clusters = k.parse()?;
    }
    let r = train_with(&data, &out, &cfg)?;
    println!("sources: {:?}", r.sources);
    println!(
        "train words {}, gazetteer phrases {}, features {}, model {} bytes, {:.1} s",
        r.train_words, r.gazetteer_phrases, r.features, r.model_bytes, r.seconds
    );
    for (curve, best) in r.dev_curves.iter().zip(&r.best_epochs) {
        let c: Vec<String> = curve.iter().map(|f| format!("{f:.2}")).collect();
        println!("dev F1 by epoch: {} (kept epoch {best})", c.join(" "));
    }
    println!("UNER dev:\n{}", r.dev);
    let ner = Ner::load(&out)?;
    println!(
        "model: {} features, {} gazetteer keys, {} clustered words",
        ner.n_features(),
        ner.n_gazetteer_keys(),
        ner.n_clustered_words()
    );
    let test = read_iob2(&uner_path(&data, "test"))?;
    let t0 = Instant::now();
    let scores = evaluate(&ner, &test);
    let dt = t0.elapsed().as_secs_f64();
    println!("UNER test:\n{scores}");
    println!(
        "tagged {} words in {:.3} s ({:.0} words/s, incl. scoring)",
        scores.words,
        dt,
        scores.words as f64 / dt
    );
    Ok(())
}
