//! Cross-validation folds for training: sentence `i` belongs to fold `i % folds`, and the
//! folds' models are trained in parallel.

/// Runs `fit(k)` for every fold `k` in `0..folds` on up to as many threads as the machine
/// has cores, and returns the results in fold order. Each fold must carry its own seed, so
/// that the results do not depend on the number of threads.
pub fn par_folds<T: Send>(folds: usize, fit: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, folds.max(1));
    let mut done: Vec<(usize, T)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|w| {
                let fit = &fit;
                scope.spawn(move || (w..folds).step_by(threads).map(|k| (k, fit(k))).collect::<Vec<_>>())
            })
            .collect();
        workers.into_iter().flat_map(|h| h.join().expect("a training fold panicked")).collect()
    });
    done.sort_by_key(|(k, _)| *k);
    done.into_iter().map(|(_, t)| t).collect()
}

/// Splits `items` into those outside fold `k` (to train on) and the indices of those in it.
pub fn split<T: Clone>(items: &[T], folds: usize, k: usize) -> (Vec<T>, Vec<usize>) {
    let rest = items.iter().enumerate().filter(|(i, _)| i % folds != k).map(|(_, s)| s.clone()).collect();
    let held = (0..items.len()).filter(|i| i % folds == k).collect();
    (rest, held)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_fold_order() {
        assert_eq!(par_folds(5, |k| k * 10), vec![0, 10, 20, 30, 40]);
        assert!(par_folds(0, |k| k).is_empty());
    }

    #[test]
    fn split_holds_out_every_folds_th_item() {
        let (rest, held) = split(&[0, 1, 2, 3, 4, 5, 6], 3, 1);
        assert_eq!(rest, vec![0, 2, 3, 5, 6]);
        assert_eq!(held, vec![1, 4]);
    }
}
