//! Ordering questions: partial credit from the longest correct subsequence.
//!
//! The learner's order is a permutation of the items' correct positions. The items that can stay
//! where they are form the longest increasing subsequence (LIS) of that permutation; the others
//! are "misplaced". Score = (LIS - 1) / (n - 1): the correct order scores 1, the reversed order
//! scores 0, and one item moved out of place in a
//! list of five scores 0.75. Anything that is not a permutation scores 0.

use super::{Detail, Grade};

/// Grades `order` (indices into the correct order, in the learner's order) for `n` items.
pub fn grade(n: usize, order: &[usize]) -> Grade {
    let mut seen = vec![false; n];
    let is_permutation =
        order.len() == n && order.iter().all(|&i| i < n && !std::mem::replace(&mut seen[i], true));
    if !is_permutation {
        return Grade {
            score: 0.0,
            correct: false,
            detail: Detail::Ordering { in_order: 0, total: n, misplaced: (0..n).collect() },
        };
    }
    let keep = longest_increasing(order);
    let in_order = keep.len();
    let mut misplaced: Vec<usize> = order.iter().copied().filter(|i| !keep.contains(i)).collect();
    misplaced.sort_unstable();
    let score = if n <= 1 { 1.0 } else { (in_order.saturating_sub(1)) as f64 / (n - 1) as f64 };
    Grade { score, correct: in_order == n, detail: Detail::Ordering { in_order, total: n, misplaced } }
}

/// The values of one longest strictly increasing subsequence of `seq` (O(n²), n is small).
pub fn longest_increasing(seq: &[usize]) -> Vec<usize> {
    let n = seq.len();
    let mut len = vec![1usize; n];
    let mut prev = vec![usize::MAX; n];
    for i in 0..n {
        for j in 0..i {
            if seq[j] < seq[i] && len[j] + 1 > len[i] {
                len[i] = len[j] + 1;
                prev[i] = j;
            }
        }
    }
    let Some(mut at) = (0..n).max_by_key(|&i| (len[i], std::cmp::Reverse(i))) else {
        return Vec::new();
    };
    let mut out = vec![seq[at]];
    while prev[at] != usize::MAX {
        at = prev[at];
        out.push(seq[at]);
    }
    out.reverse();
    out
}
