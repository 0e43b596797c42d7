//! Key pairs: generated key material (returned once), imported public keys and fingerprints.
//!
//! The sandbox does no real RSA: a created key's "private key" is a PKCS#1-shaped PEM of seeded
//! random bytes, and its fingerprint is the SHA-1 of those bytes in colon hex, as AWS computes it
//! for keys it creates. That is enough for `ssh -i` to tell the right key from a wrong one.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use md5::Md5;
use sha1::{Digest, Sha1};
use sha2::Sha256;

use super::ids::IdGen;
use super::tags::Tag;
use crate::time::SimTime;

/// A key pair as the account stores it: never the private key.
#[derive(Debug, Clone)]
pub struct KeyPair {
    pub id: String,
    pub name: String,
    /// `rsa` or `ed25519`.
    pub key_type: String,
    pub fingerprint: String,
    /// OpenSSH public key line (`ssh-rsa AAAA…`).
    pub public_key: String,
    pub create_time: SimTime,
    pub tags: Vec<Tag>,
}

/// Freshly generated key material: the private PEM (shown once), public key and fingerprint.
#[derive(Debug, Clone)]
pub struct GeneratedKey {
    pub private_pem: String,
    pub public_key: String,
    pub fingerprint: String,
}

fn colon_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(":")
}

fn pem(label: &str, der: &[u8]) -> String {
    let body = B64.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in body.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----"));
    out
}

fn ssh_string(out: &mut Vec<u8>, data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(data);
}

/// Generates a key of `key_type` (`rsa` or `ed25519`).
pub fn generate(key_type: &str, ids: &mut IdGen) -> GeneratedKey {
    if key_type == "ed25519" {
        let public = ids.bytes(32);
        let mut blob = Vec::new();
        ssh_string(&mut blob, b"ssh-ed25519");
        ssh_string(&mut blob, &public);
        let mut private = b"openssh-key-v1\0".to_vec();
        private.extend_from_slice(&blob);
        private.extend_from_slice(&ids.bytes(160));
        GeneratedKey {
            private_pem: pem("OPENSSH PRIVATE KEY", &private),
            public_key: format!("ssh-ed25519 {}", B64.encode(&blob)),
            fingerprint: B64.encode(Sha256::digest(&blob)),
        }
    } else {
        let mut der = vec![0x30, 0x82, 0x04, 0xa4, 0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00];
        der.extend_from_slice(&ids.bytes(1192 - 12));
        let mut blob = Vec::new();
        ssh_string(&mut blob, b"ssh-rsa");
        ssh_string(&mut blob, &[1, 0, 1]);
        let mut n = vec![0u8];
        n.extend_from_slice(&der[12..12 + 256]);
        ssh_string(&mut blob, &n);
        GeneratedKey {
            private_pem: pem("RSA PRIVATE KEY", &der),
            public_key: format!("ssh-rsa {}", B64.encode(&blob)),
            fingerprint: colon_hex(&Sha1::digest(&der)),
        }
    }
}

/// The fingerprint AWS shows for a private key it created, computed from the PEM text
/// (`None` when the text is not a PEM). Use it to check an `ssh -i` key against a key pair.
pub fn private_key_fingerprint(pem_text: &str) -> Option<String> {
    let mut lines = pem_text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next()?;
    if !first.starts_with("-----BEGIN ") {
        return None;
    }
    let body: String = lines.take_while(|l| !l.starts_with("-----END ")).collect();
    let der = B64.decode(body.as_bytes()).ok()?;
    if first.contains("OPENSSH") {
        let prefix = b"openssh-key-v1\0";
        let blob = der.strip_prefix(prefix.as_slice())?;
        let len = u32::from_be_bytes(blob.get(..4)?.try_into().ok()?) as usize;
        let klen_at = 4 + len;
        let klen = u32::from_be_bytes(blob.get(klen_at..klen_at + 4)?.try_into().ok()?) as usize;
        let public_blob = blob.get(..klen_at + 4 + klen)?;
        return Some(B64.encode(Sha256::digest(public_blob)));
    }
    Some(colon_hex(&Sha1::digest(&der)))
}

/// Parses an OpenSSH public key line for `import-key-pair`: returns (key type, fingerprint, line).
pub fn parse_public_key(text: &str) -> Option<(String, String, String)> {
    let mut parts = text.split_whitespace();
    let algo = parts.next()?;
    let data = parts.next()?;
    let blob = B64.decode(data.as_bytes()).ok()?;
    let len = u32::from_be_bytes(blob.get(..4)?.try_into().ok()?) as usize;
    if blob.get(4..4 + len)? != algo.as_bytes() {
        return None;
    }
    let line = format!("{algo} {data}");
    match algo {
        "ssh-rsa" => Some(("rsa".to_string(), colon_hex(&Md5::digest(&blob)), line)),
        "ssh-ed25519" => Some(("ed25519".to_string(), B64.encode(Sha256::digest(&blob)), line)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rsa_fingerprint_is_59_chars_and_recomputable() {
        let k = generate("rsa", &mut IdGen::new(3));
        assert!(k.private_pem.starts_with("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA"));
        assert_eq!(k.fingerprint.len(), 59);
        assert_eq!(private_key_fingerprint(&k.private_pem), Some(k.fingerprint.clone()));
        let (ty, _, _) = parse_public_key(&k.public_key).unwrap();
        assert_eq!(ty, "rsa");
    }

    #[test]
    fn ed25519_round_trips() {
        let k = generate("ed25519", &mut IdGen::new(3));
        assert_eq!(private_key_fingerprint(&k.private_pem), Some(k.fingerprint.clone()));
        assert_eq!(parse_public_key(&k.public_key).unwrap().1, k.fingerprint);
    }
}
