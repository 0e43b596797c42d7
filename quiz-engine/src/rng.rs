//! A small deterministic PRNG (SplitMix64): exam sampling and shuffles from a seed, with no OS
//! entropy, identical on every platform.

/// SplitMix64 generator.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Fisher-Yates shuffle.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// The order in which to show `n` items (ordering questions, option order) for `seed`: a
/// permutation that is never the identity when `n > 1`, so an ordering question never starts
/// solved.
pub fn display_order(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut rng = Rng::new(seed);
    rng.shuffle(&mut order);
    if n > 1 && order.iter().enumerate().all(|(i, &v)| i == v) {
        order.rotate_left(1);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence_and_shuffles_are_permutations() {
        let a: Vec<u64> = {
            let mut r = Rng::new(7);
            (0..3).map(|_| r.next_u64()).collect()
        };
        let b: Vec<u64> = {
            let mut r = Rng::new(7);
            (0..3).map(|_| r.next_u64()).collect()
        };
        assert_eq!(a, b);
        for seed in 0..50 {
            let mut o = display_order(5, seed);
            assert_ne!(o, [0, 1, 2, 3, 4]);
            o.sort();
            assert_eq!(o, [0, 1, 2, 3, 4]);
        }
        assert_eq!(Rng::new(1).below(0), 0);
    }
}
