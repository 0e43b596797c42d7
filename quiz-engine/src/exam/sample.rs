//! Drawing an exam's questions: per domain as many as the blueprint's weights allot, chosen with
//! a seeded PRNG, then shuffled together. Same course, blueprint and seed: same exam.

use crate::blueprint::Blueprint;
use crate::course::Course;
use crate::rng::Rng;

/// Question ids for one attempt. A domain with too few questions gives what it has (load-time
/// validation reports that case).
pub fn sample(course: &Course, blueprint: &Blueprint, seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed);
    let pool = course.exam_pool(blueprint);
    let mut chosen = Vec::new();
    for (domain, count) in blueprint.allocation() {
        let mut ids: Vec<&str> = pool
            .iter()
            .filter(|q| q.domain.as_deref() == Some(domain.as_str()))
            .map(|q| q.id.as_str())
            .collect();
        ids.sort_unstable();
        rng.shuffle(&mut ids);
        chosen.extend(ids.into_iter().take(count).map(String::from));
    }
    rng.shuffle(&mut chosen);
    chosen
}
