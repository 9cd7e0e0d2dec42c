//! Whether two events are one happening.
//!
//! [`linked`] is symmetric and looks at the two events only, so incidents — the connected
//! components of linked events — do not depend on the order reports arrive in. It first
//! rules out what cannot be one happening (other type family, dates apart, different
//! countries, two different towns, different actors or targets through the knowledge base,
//! casualty figures far apart), then asks for positive evidence: the same place, actor or
//! target, the same day, agreeing casualties, or much the same words.

use claimgraph_store::MergeEventRow;

/// Days two day intervals may be apart and still be one happening (a night attack is
/// "Monday" in one report and "Tuesday" in another).
pub const DAY_TOLERANCE: i64 = 1;

/// Score from which two compatible events are linked.
pub const LINK_SCORE: f64 = 2.0;

/// True when two casualty figures can describe the same toll: their ranges overlap, or the
/// nearer ends are within a factor of three (plus five) of each other — tolls are revised
/// upwards as bodies are counted.
pub fn counts_compatible(a: (u64, Option<u64>), b: (u64, Option<u64>)) -> bool {
    let (a_lo, a_hi) = (a.0, a.1.unwrap_or(u64::MAX));
    let (b_lo, b_hi) = (b.0, b.1.unwrap_or(u64::MAX));
    if a_lo <= b_hi && b_lo <= a_hi {
        return true;
    }
    let (small, large) = if a_hi < b_lo { (a_hi, b_lo) } else { (b_hi, a_lo) };
    large <= small.saturating_mul(3).saturating_add(5)
}

/// Jaccard similarity of two sorted sketches.
pub fn sketch_similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f64 / (a.len() + b.len() - common) as f64
}

fn both<'a, T: PartialEq + ?Sized>(a: Option<&'a T>, b: Option<&'a T>) -> Option<(&'a T, &'a T)> {
    a.zip(b)
}

/// The linking score of two events, `None` when they cannot be one happening.
pub fn score(a: &MergeEventRow, b: &MergeEventRow) -> Option<f64> {
    if a.family != b.family {
        return None;
    }
    let (a_lo, a_hi, b_lo, b_hi) = (a.day_lo?, a.day_hi?, b.day_lo?, b.day_hi?);
    if a_lo > b_hi + DAY_TOLERANCE || b_lo > a_hi + DAY_TOLERANCE {
        return None;
    }
    if both(a.country.as_deref(), b.country.as_deref()).is_some_and(|(x, y)| x != y) {
        return None;
    }
    let same_place = both(a.place_geonames.as_ref(), b.place_geonames.as_ref()).map(|(x, y)| x == y);
    // Places the knowledge base did not resolve: the same name is some evidence, a
    // different one none (it may be a spelling).
    let same_name = both(a.place_name.as_deref(), b.place_name.as_deref()).is_some_and(|(x, y)| x == y);
    if same_place == Some(false) && !a.place_country && !b.place_country {
        return None;
    }
    let same_actor = both(a.actor_root.as_deref(), b.actor_root.as_deref()).map(|(x, y)| x == y);
    let same_target = both(a.target_root.as_deref(), b.target_root.as_deref()).map(|(x, y)| x == y);
    if same_actor == Some(false) || same_target == Some(false) {
        return None;
    }
    let fat = a
        .fatalities_min
        .zip(b.fatalities_min)
        .map(|(x, y)| counts_compatible((x, a.fatalities_max), (y, b.fatalities_max)));
    if fat == Some(false) {
        return None;
    }
    let mut s = 0.0;
    match same_place {
        Some(true) if !a.place_country => s += 2.0,
        Some(false) => s += 0.5, // a town and its country: compatible, less precise
        _ if same_name => s += 1.5,
        _ => {}
    }
    if same_actor == Some(true) {
        s += 1.5;
    }
    if same_target == Some(true) {
        s += 1.0;
    }
    if fat == Some(true) {
        s += 0.5;
    }
    if both(a.mode.as_deref(), b.mode.as_deref()).is_some_and(|(x, y)| x == y) {
        s += 0.5;
    }
    if a_lo == a_hi && (a_lo, a_hi) == (b_lo, b_hi) {
        s += 0.5;
    }
    s += 4.0 * sketch_similarity(&a.sketch, &b.sketch);
    Some(s)
}

/// True when two events of one document are one happening.
pub fn linked(a: &MergeEventRow, b: &MergeEventRow) -> bool {
    score(a, b).is_some_and(|s| s >= LINK_SCORE)
}

/// True when the event names where it happened (a place the knowledge base resolved, or at
/// least a place name).
pub fn placed(e: &MergeEventRow) -> bool {
    e.place_geonames.is_some() || e.place_name.is_some()
}

/// True when two events of different documents may be linked at all: when either names no
/// place, only through the same actor or target. An event without a place is compatible
/// with events anywhere; linked on words and a day alone, it would bridge a Kabul attack and
/// a Mogadishu attack of that day into one incident (incidents are connected components),
/// and through them every same-day attack of its kind.
pub fn may_link_across(a: &MergeEventRow, b: &MergeEventRow) -> bool {
    if placed(a) && placed(b) {
        return true;
    }
    let same = |x: Option<&str>, y: Option<&str>| both(x, y).is_some_and(|(x, y)| x == y);
    same(a.actor_root.as_deref(), b.actor_root.as_deref())
        || same(a.target_root.as_deref(), b.target_root.as_deref())
}

/// True when two events of different documents are one happening: [`may_link_across`] and
/// [`linked`].
pub fn linked_across(a: &MergeEventRow, b: &MergeEventRow) -> bool {
    may_link_across(a, b) && linked(a, b)
}

/// Links between the events of one document (indices into `events`, in document order):
/// pairs that [`linked`] accepts, and every event with neither an explicit date nor a
/// place ("the attack", "the bombing") joined to the nearest event of its family before
/// it (or after it when none is before), as a reader resolves the reference — unless both
/// its actor (`actors`: entity ids) and its toll differ from that event's ("troops killed
/// 15 assailants" after "gunmen killed four soldiers" is another happening).
pub fn links_within(events: &[MergeEventRow], bare: &[bool], actors: &[Option<&str>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in 0..events.len() {
        for j in i + 1..events.len() {
            if linked(&events[i], &events[j]) {
                out.push((i, j));
            }
        }
        if bare[i] {
            let same = |j: &usize| *j != i && events[*j].family == events[i].family && !bare[*j];
            let before = (0..i).rev().find(same);
            if let Some(j) = before.or_else(|| (i + 1..events.len()).find(same)) {
                let (a, b) = (&events[i], &events[j]);
                let other_actor = both(actors[i], actors[j]).is_some_and(|(x, y)| x != y);
                let other_toll = a.fatalities_min.zip(b.fatalities_min).is_some_and(|(x, y)| {
                    let (x_hi, y_hi) =
                        (a.fatalities_max.unwrap_or(u64::MAX), b.fatalities_max.unwrap_or(u64::MAX));
                    x > y_hi || y > x_hi
                });
                if !(other_actor && other_toll) {
                    out.push((j.min(i), j.max(i)));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(doc: &str, day: i64) -> MergeEventRow {
        MergeEventRow {
            doc_id: doc.into(),
            event_id: "V1".into(),
            incident: String::new(),
            sort_key: String::new(),
            family: "ASSAULT".into(),
            country: Some("AFG".into()),
            day_lo: Some(day),
            day_hi: Some(day),
            place_geonames: Some(1138958),
            place_country: false,
            place_name: None,
            actor_root: None,
            target_root: None,
            sketch: crate::features::sketch("car bomb police checkpoint Kabul"),
            mode: Some("explosives".into()),
            fatalities_min: Some(2),
            fatalities_max: Some(2),
        }
    }

    #[test]
    fn same_place_day_and_words_link() {
        let a = ev("a", 100);
        let mut b = ev("b", 101);
        b.fatalities_min = Some(3);
        b.fatalities_max = None;
        assert!(linked(&a, &b));
        assert_eq!(score(&a, &b), score(&b, &a), "symmetric");
    }

    #[test]
    fn conflicts_do_not_link() {
        let a = ev("a", 100);
        let mut later = ev("b", 103);
        assert!(!linked(&a, &later));
        later.day_lo = Some(100);
        later.day_hi = Some(100);
        later.country = Some("PAK".into());
        assert!(!linked(&a, &later), "other country");
        let mut town = ev("b", 100);
        town.place_geonames = Some(1138336); // another town
        assert!(!linked(&a, &town));
        town.place_geonames = Some(1149361);
        town.place_country = true; // the whole country
        assert!(linked(&a, &town));
        let mut toll = ev("b", 100);
        toll.fatalities_min = Some(40);
        toll.fatalities_max = Some(40);
        assert!(!linked(&a, &toll));
        let mut actor = ev("b", 100);
        actor.actor_root = Some("actor:TALIBAN".into());
        assert!(linked(&a, &actor), "one side unknown");
        let mut other = a.clone();
        other.actor_root = Some("actor:ISIS".into());
        assert!(!linked(&other, &actor));
    }

    #[test]
    fn events_without_a_place_link_across_reports_only_through_their_actor_or_target() {
        let kabul = ev("a", 100);
        let mut nowhere = ev("b", 100);
        nowhere.place_geonames = None;
        nowhere.country = None;
        assert!(linked(&kabul, &nowhere), "compatible, and alike within one report");
        assert!(!linked_across(&kabul, &nowhere), "no place and no named party: no bridge");
        let mut mogadishu = ev("c", 100);
        mogadishu.country = Some("SOM".into());
        mogadishu.place_geonames = Some(53654);
        assert!(!linked_across(&mogadishu, &nowhere));
        let (mut k, mut n) = (kabul.clone(), nowhere.clone());
        k.actor_root = Some("actor:TALIBAN".into());
        n.actor_root = Some("actor:TALIBAN".into());
        assert!(linked_across(&k, &n), "the same group on the same day, in the same words");
        assert!(linked_across(&kabul, &ev("d", 101)), "two placed reports need no named party");
    }

    #[test]
    fn counts() {
        assert!(counts_compatible((2, Some(2)), (3, None)));
        assert!(counts_compatible((60, Some(60)), (90, Some(90))));
        assert!(!counts_compatible((12, Some(12)), (300, Some(300))));
        assert!(counts_compatible((5, None), (1, Some(1))));
    }

    #[test]
    fn bare_events_join_their_neighbour() {
        let a = ev("a", 100);
        let mut bare = ev("a", 100);
        bare.day_lo = None;
        bare.day_hi = None;
        let links = links_within(&[bare.clone(), a.clone()], &[true, false], &[None, Some("E1")]);
        assert_eq!(links, vec![(0, 1)]);
        // Another actor and another toll: another happening.
        let mut other = bare.clone();
        other.fatalities_min = Some(15);
        other.fatalities_max = Some(15);
        let links = links_within(&[a.clone(), other.clone()], &[false, true], &[Some("E1"), Some("E2")]);
        assert!(links.is_empty());
        let links = links_within(&[a, other], &[false, true], &[Some("E1"), None]);
        assert_eq!(links, vec![(0, 1)], "a revised toll of the same attack");
    }
}
