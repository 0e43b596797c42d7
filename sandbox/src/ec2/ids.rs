//! The seeded identifier generator: every id, address and key the world hands out comes from here.
//!
//! A splitmix64 stream keyed by the world's seed, so the same script on the same seed always
//! yields the same `i-0…`, the same private IPs and the same key material.

/// A deterministic stream of pseudo-random numbers (splitmix64).
#[derive(Debug, Clone)]
pub struct IdGen {
    state: u64,
}

impl IdGen {
    pub fn new(seed: u64) -> Self {
        IdGen { state: seed ^ 0x05EE_DEC2_1AB5_u64 }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// A resource id in the current AWS form: `prefix-0` followed by 16 lowercase hex digits.
    pub fn resource_id(&mut self, prefix: &str) -> String {
        format!("{prefix}-0{:016x}", self.next_u64())
    }

    /// `n` random bytes.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(n + 8);
        while out.len() < n {
            out.extend_from_slice(&self.next_u64().to_le_bytes());
        }
        out.truncate(n);
        out
    }
}

/// True when `id` has the shape AWS accepts for `prefix`: 8 or 17 lowercase hex digits.
pub fn is_well_formed(id: &str, prefix: &str) -> bool {
    let Some(rest) = id.strip_prefix(prefix).and_then(|r| r.strip_prefix('-')) else {
        return false;
    };
    (rest.len() == 8 || rest.len() == 17)
        && rest.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_deterministic_and_well_formed() {
        let a = IdGen::new(7).resource_id("i");
        let b = IdGen::new(7).resource_id("i");
        assert_eq!(a, b);
        assert!(is_well_formed(&a, "i"), "{a}");
        assert!(!is_well_formed("abc", "i"));
        assert!(!is_well_formed("i-XYZ", "i"));
    }
}
