//! Deterministic pseudo-random text for tokens, credentials and signatures.
//!
//! Not randomness: the same inputs always give the same text, so transcripts are stable.

/// FNV-1a over `parts`, separated so that `("ab","c")` and `("a","bc")` differ.
pub fn hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// `n` characters drawn from `alphabet`, driven by splitmix64 seeded with `seed`.
pub fn text(seed: u64, n: usize, alphabet: &[u8]) -> String {
    let mut state = seed;
    let mut out = String::with_capacity(n);
    for _ in 0..n {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        let idx = (z % alphabet.len().max(1) as u64) as usize;
        out.push(char::from(alphabet.get(idx).copied().unwrap_or(b'A')));
    }
    out
}

/// The standard base64 alphabet.
pub const BASE64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/// The base64url alphabet IMDS tokens use.
pub const BASE64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/// Upper-case letters and digits (access key ids).
pub const UPPER_DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
