//! Lookups per CPU-second of this thread (the build machine is shared, so wall-clock
//! benchmarks undercount): `cargo run -p claimgraph-kb --release --example lookup_speed`.
//! Reads this thread's user+system time from `/proc/thread-self/stat` (Linux).

use std::hint::black_box;

use claimgraph_kb::Kb;

/// This thread's CPU time in seconds (clock ticks of 1/100 s).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = f.get(11).and_then(|u| u.parse().ok()).unwrap_or(0.0)
        + f.get(12).and_then(|s| s.parse().ok()).unwrap_or(0.0);
    ticks / 100.0
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let c0 = cpu_seconds();
    let t0 = std::time::Instant::now();
    let kb = Kb::embedded()?;
    println!("decode embedded KB: {:.1?} wall, {:.2} s CPU", t0.elapsed(), cpu_seconds() - c0);
    let entries = kb.entries();
    let step = (entries.len() / 1000).max(1);
    let names: Vec<String> = entries.iter().step_by(step).take(1000).map(|e| e.name.clone()).collect();
    let rounds = 3000;
    let c0 = cpu_seconds();
    let t0 = std::time::Instant::now();
    let mut hits = 0usize;
    for _ in 0..rounds {
        for m in &names {
            hits += kb.lookup(black_box(m)).len();
        }
    }
    let n = (rounds * names.len()) as f64;
    let cpu = cpu_seconds() - c0;
    println!(
        "{} exact-alias lookups ({} candidates): {:.2} s wall, {:.2} s CPU -> {:.2} M lookups per CPU-second",
        n,
        hits,
        t0.elapsed().as_secs_f64(),
        cpu,
        n / cpu / 1e6
    );
    Ok(())
}
