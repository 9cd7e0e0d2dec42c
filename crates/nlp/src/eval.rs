//! CoNLL 2018 shared-task style scores (UPOS, XPOS, UFeats, Lemmas, UAS, LAS).
//!
//! With gold tokenization every gold word has one predicted word and the scores are
//! accuracies. For raw text, pass a word alignment (from character spans) to
//! [`evaluate_aligned`]: scores are then F1 over aligned words, as in the shared task.
//! LAS compares universal relations (subtypes such as `:pass` are stripped), as the
//! shared-task scorer does; [`Scores::las_full`] keeps subtypes.

use claimgraph_text::conllu::{Sentence, Word};

use crate::error::{NlpError, Result};

/// Scores in percent.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    /// Number of gold words.
    pub gold_words: usize,
    /// Number of predicted words.
    pub pred_words: usize,
    /// Number of aligned word pairs.
    pub aligned: usize,
    /// UPOS F1.
    pub upos: f64,
    /// XPOS F1.
    pub xpos: f64,
    /// FEATS F1 (whole feature set must match).
    pub ufeats: f64,
    /// Lemma F1.
    pub lemmas: f64,
    /// Unlabelled attachment F1.
    pub uas: f64,
    /// Labelled attachment F1 over universal relations.
    pub las: f64,
    /// Labelled attachment F1 over full relations (with subtypes).
    pub las_full: f64,
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

fn sorted_feats(f: &str) -> Vec<&str> {
    let mut v: Vec<&str> = f.split('|').filter(|x| !x.is_empty() && *x != "_").collect();
    v.sort_unstable();
    v
}

/// Scores predicted sentences against gold ones with identical words (gold tokenization).
pub fn evaluate(gold: &[Sentence], pred: &[Sentence]) -> Result<Scores> {
    if gold.len() != pred.len() {
        return Err(NlpError::Misaligned(format!("{} gold sentences, {} predicted", gold.len(), pred.len())));
    }
    let mut align = Vec::with_capacity(gold.len());
    for (i, (g, p)) in gold.iter().zip(pred).enumerate() {
        if g.words.len() != p.words.len() {
            return Err(NlpError::Misaligned(format!(
                "sentence {}: {} gold words, {} predicted",
                i + 1,
                g.words.len(),
                p.words.len()
            )));
        }
        align.push((0..g.words.len()).map(|k| (k, k)).collect());
    }
    evaluate_aligned(gold, pred, &align)
}

/// Scores with an explicit alignment: `align[s]` lists `(gold word index, predicted word
/// index)` pairs (0-based) of sentence `s`; unaligned words count as errors.
pub fn evaluate_aligned(
    gold: &[Sentence],
    pred: &[Sentence],
    align: &[Vec<(usize, usize)>],
) -> Result<Scores> {
    if gold.len() != pred.len() || gold.len() != align.len() {
        return Err(NlpError::Misaligned("gold, predicted and alignment lengths differ".into()));
    }
    let mut c = [0usize; 7];
    let (mut gw, mut pw, mut aligned) = (0, 0, 0);
    for ((g, p), a) in gold.iter().zip(pred).zip(align) {
        gw += g.words.len();
        pw += p.words.len();
        // predicted word index -> gold word index
        let mut p2g = vec![usize::MAX; p.words.len()];
        for &(gi, pi) in a {
            if gi >= g.words.len() || pi >= p.words.len() {
                return Err(NlpError::Misaligned(format!("alignment pair ({gi}, {pi}) out of range")));
            }
            p2g[pi] = gi;
        }
        for &(gi, pi) in a {
            aligned += 1;
            let (gw, pw): (&Word, &Word) = (&g.words[gi], &p.words[pi]);
            c[0] += usize::from(gw.upos == pw.upos);
            c[1] += usize::from(gw.xpos == pw.xpos);
            c[2] += usize::from(sorted_feats(&gw.feats) == sorted_feats(&pw.feats));
            c[3] += usize::from(gw.lemma == pw.lemma);
            // heads agree when both point to the root or to aligned words that correspond
            let head_ok = match (gw.head, pw.head) {
                (Some(0), Some(0)) => true,
                (Some(gh), Some(ph)) if gh > 0 && ph > 0 && ph <= p2g.len() => p2g[ph - 1] == gh - 1,
                _ => false,
            };
            c[4] += usize::from(head_ok);
            c[5] += usize::from(head_ok && universal(&gw.deprel) == universal(&pw.deprel));
            c[6] += usize::from(head_ok && gw.deprel == pw.deprel);
        }
    }
    let f1 = |k: usize| if gw + pw == 0 { 0.0 } else { 200.0 * k as f64 / (gw + pw) as f64 };
    Ok(Scores {
        gold_words: gw,
        pred_words: pw,
        aligned,
        upos: f1(c[0]),
        xpos: f1(c[1]),
        ufeats: f1(c[2]),
        lemmas: f1(c[3]),
        uas: f1(c[4]),
        las: f1(c[5]),
        las_full: f1(c[6]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimgraph_text::conllu::parse;

    const GOLD: &str = "1\tDogs\tdog\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\t_\n2\tbark\tbark\tVERB\tVBP\tMood=Ind|Tense=Pres\t0\troot\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";

    #[test]
    fn perfect_and_partial() {
        let g = parse(GOLD).unwrap();
        let s = evaluate(&g, &g).unwrap();
        assert_eq!((s.upos, s.uas, s.las, s.ufeats), (100.0, 100.0, 100.0, 100.0));
        let mut p = g.clone();
        p[0].words[1].feats = "Tense=Pres|Mood=Ind".into(); // order does not matter
        p[0].words[0].deprel = "nsubj:pass".into(); // subtype ignored by LAS
        p[0].words[2].head = Some(1);
        p[0].words[0].upos = "PROPN".into();
        let s = evaluate(&g, &p).unwrap();
        assert_eq!(s.ufeats, 100.0);
        assert!((s.uas - 200.0 / 3.0).abs() < 1e-9);
        assert!((s.las - 200.0 / 3.0).abs() < 1e-9);
        assert!((s.las_full - 100.0 / 3.0).abs() < 1e-9);
        assert!((s.upos - 200.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn aligned_f1_and_misalignment_errors() {
        let g = parse(GOLD).unwrap();
        // prediction merged "bark ." into one word: only "Dogs" aligns
        let p = parse("1\tDogs\tdog\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\t_\n2\tbark.\tbark\tVERB\tVBP\t_\t0\troot\t_\t_\n\n").unwrap();
        assert!(evaluate(&g, &p).is_err());
        let s = evaluate_aligned(&g, &p, &[vec![(0, 0)]]).unwrap();
        assert!((s.upos - 200.0 / 5.0).abs() < 1e-9);
        assert_eq!(s.uas, 0.0, "head 'bark.' is not aligned to gold 'bark'");
    }
}
