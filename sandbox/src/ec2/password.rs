//! Windows administrator passwords: `GetPasswordData` answers with nothing until the instance
//! has been up for a few minutes, then with an (opaque) encrypted blob that only the launch
//! key pair's private key "decrypts".

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use sha2::{Digest, Sha256};

use super::world::World;
use crate::time::SimTime;

/// Seconds after the first boot before a Windows password is available.
pub const PASSWORD_READY_SECS: u64 = 240;

/// What `GetPasswordData` can return for one instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordData {
    /// Base64 of the encrypted password (empty while not ready, and for Linux).
    pub encrypted: String,
    /// The administrator password the private key decrypts to (empty when not ready).
    pub plaintext: String,
}

impl World {
    /// The password data of instance `id` at `now` (`None` for an unknown instance).
    pub fn password_data(&self, id: &str, now: SimTime) -> Option<PasswordData> {
        let inst = self.instance(id)?;
        let first_boot = inst.launch_time.as_secs() + super::instance::PENDING_SECS;
        let ready = inst.platform_windows
            && inst.boot_count > 0
            && inst.key_name.is_some()
            && now.as_secs() >= first_boot + PASSWORD_READY_SECS;
        if !ready {
            return Some(PasswordData { encrypted: String::new(), plaintext: String::new() });
        }
        let digest = Sha256::digest(format!("{}/{id}/password", self.seed()).as_bytes());
        const CHARS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789%$@*&!";
        let plaintext: String =
            digest.iter().take(32).map(|b| CHARS[usize::from(*b) % CHARS.len()] as char).collect();
        let mut blob = Vec::with_capacity(256);
        let mut block = digest.to_vec();
        while blob.len() < 256 {
            block = Sha256::digest(&block).to_vec();
            blob.extend_from_slice(&block);
        }
        blob.truncate(256);
        Some(PasswordData { encrypted: B64.encode(blob), plaintext })
    }
}
