//! `ssh-keygen -t ed25519|rsa [-f FILE] [-C COMMENT] [-N PASS]`: a key pair on the laptop for
//! `aws ec2 import-key-pair`, made deterministically by the control plane's own generator so
//! EC2 and ssh agree on it; plus `ssh-keygen -R HOST` to forget a host key.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

use super::host::Host;
use crate::ec2::ids::IdGen;
use crate::ec2::keypair::generate;
use crate::imds::mix;
use crate::output::CommandOutput;
use crate::time::SimTime;

/// OpenSSH's randomart for a fingerprint (the drunken-bishop walk).
fn randomart(kind: &str, digest: &[u8]) -> String {
    const SYMBOLS: &[u8] = b" .o+=*BOX@%&#/^SE";
    let (w, h) = (17i32, 9i32);
    let mut field = vec![0u8; (w * h) as usize];
    let (mut x, mut y) = (w / 2, h / 2);
    for byte in digest {
        let mut b = *byte;
        for _ in 0..4 {
            x += if b & 1 == 1 { 1 } else { -1 };
            y += if b & 2 == 2 { 1 } else { -1 };
            x = x.clamp(0, w - 1);
            y = y.clamp(0, h - 1);
            let cell = &mut field[(y * w + x) as usize];
            if (*cell as usize) < SYMBOLS.len() - 3 {
                *cell += 1;
            }
            b >>= 2;
        }
    }
    field[((h / 2) * w + w / 2) as usize] = (SYMBOLS.len() - 2) as u8;
    field[(y * w + x) as usize] = (SYMBOLS.len() - 1) as u8;
    let title = format!("[{kind}]");
    let mut out = format!("+{:-^17}+\n", title);
    for row in 0..h {
        out.push('|');
        for col in 0..w {
            out.push(SYMBOLS[field[(row * w + col) as usize] as usize] as char);
        }
        out.push_str("|\n");
    }
    out.push_str(&format!("+{:-^17}+\n", "[SHA256]"));
    out
}

/// Generates a key pair (`-t`), writing FILE (0600) and FILE.pub (0644).
pub fn generate_pair(args: &[String], laptop: &mut Host, now: SimTime) -> CommandOutput {
    let opt = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let kind = opt("-t").unwrap_or_else(|| "ed25519".to_string());
    if kind != "ed25519" && kind != "rsa" {
        return CommandOutput::fail(format!("unknown key type {kind}\n"), 1);
    }
    let home = laptop.home();
    let file = opt("-f").unwrap_or_else(|| format!("{home}/.ssh/id_{kind}"));
    let path = laptop.path(&file);
    let user = laptop.user.clone();
    let comment = opt("-C").unwrap_or_else(|| format!("{user}@{}", laptop.hostname));
    let mut out = CommandOutput::ok(format!("Generating public/private {kind} key pair.\n"));
    if opt("-f").is_none() {
        out.stdout.push_str(&format!("Enter file in which to save the key ({path}): \n"));
    }
    if laptop.fs.get(&path).is_some() {
        out.stdout.push_str(&format!("{path} already exists.\nOverwrite (y/n)? \n"));
        out.exit_code = 1;
        return out;
    }
    let dir = super::vfs::parent(&path).to_string();
    if laptop.fs.get(&dir).is_none() && dir == format!("{home}/.ssh") {
        laptop.fs.mkdir_p(&dir, &user, 0o700);
        out.stdout.push_str(&format!("Created directory '{dir}'.\n"));
    }
    if opt("-N").is_none() {
        out.stdout.push_str("Enter passphrase (empty for no passphrase): \nEnter same passphrase again: \n");
    }
    let mut ids = IdGen::new(mix::hash(&[&path, &comment, &now.0.to_string()]));
    let key = generate(&kind, &mut ids);
    let public = format!("{} {comment}\n", key.public_key);
    if let Err(e) = laptop.fs.write(&path, &format!("{}\n", key.private_pem), false, &user, now) {
        return CommandOutput::fail(format!("Saving key \"{path}\" failed: {e}\n"), 1);
    }
    let _ = laptop.fs.chmod(&path, 0o600, &user);
    let _ = laptop.fs.write(&format!("{path}.pub"), &public, false, &user, now);
    let blob =
        key.public_key.split_whitespace().nth(1).and_then(|b| STANDARD.decode(b).ok()).unwrap_or_default();
    let digest = Sha256::digest(&blob);
    let fingerprint = STANDARD.encode(digest);
    let bits = if kind == "rsa" { "RSA 2048" } else { "ED25519 256" };
    out.stdout.push_str(&format!(
        "Your identification has been saved in {path}\nYour public key has been saved in {path}.pub\nThe key fingerprint is:\nSHA256:{} {comment}\nThe key's randomart image is:\n{}",
        fingerprint.trim_end_matches('='),
        randomart(bits, &digest)
    ));
    out
}
