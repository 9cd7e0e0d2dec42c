//! Compiles the KB: `cargo run -p claimgraph-kb --release --example build_kb -- ../shared/data kb`
//! (what `claimgraph kb build --data ../shared/data --out kb/` does).

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let data = PathBuf::from(args.next().unwrap_or_else(|| "../shared/data".into()));
    let out = PathBuf::from(args.next().unwrap_or_else(|| "kb".into()));
    let t = std::time::Instant::now();
    let r = claimgraph_kb::build(&data, &out)?;
    println!(
        "wrote {} ({} bytes): {} entries, {} alias keys, {} agents, {} GeoNames places, {} curated files in {:.2?}",
        r.path.display(),
        r.bytes,
        r.entries,
        r.aliases,
        r.agents,
        r.places,
        r.curated_files.len(),
        t.elapsed()
    );
    Ok(())
}
