//! `ssh -i KEY user@host [command]` from the learner's laptop, with every failure a learner
//! meets, in OpenSSH's words: unresolvable names, connection timeouts (closed security group,
//! no public IP, stopped instance), refused connections (still booting), the first-connect host
//! key prompt, changed host keys, unprotected or malformed key files, wrong key, wrong user.
//!
//! Connecting can pause at the host-key question: [`connect`] then returns
//! [`SshStep::AskHostKey`] and the session feeds the learner's next line to [`answer`].

use super::host::Host;
use super::vfs::NodeKind;
use crate::imds::facts::{InstanceFacts, OsFamily, RunState};
use crate::imds::mix;
use crate::output::CommandOutput;

/// The learner's public IPv4 as the internet sees it (what security-group rules match).
pub const LEARNER_IP: &str = "203.0.113.25";

const USAGE: &str = "usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]\n           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]\n           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n           destination [command [argument ...]]\n";

/// How `StrictHostKeyChecking` was set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strict {
    Ask,
    No,
    Yes,
}

/// A connection that reached the instance's sshd and is about to authenticate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub instance_id: String,
    pub user: String,
    /// The host as the learner typed it.
    pub host: String,
    pub identities: Vec<String>,
    pub command: Option<String>,
    /// `ssh-ed25519 AAAA…`.
    pub host_key: String,
    pub fingerprint: String,
    /// EC2 Instance Connect pushed a one-time key to the instance's IMDS for this login.
    pub eic: bool,
}

/// A successful login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Login {
    pub instance_id: String,
    pub user: String,
    pub host: String,
    /// `Some` for `ssh host command`: run it and come straight back.
    pub command: Option<String>,
    /// `Some(session id)` for a Session Manager session (`aws ssm start-session`).
    pub ssm_session: Option<String>,
}

/// Where a connection attempt stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SshStep {
    /// Finished without logging in (an error, or a refused root login).
    Done(CommandOutput),
    /// Printed the host-key question; the next line is the answer.
    AskHostKey(CommandOutput, Pending),
    /// Logged in: `CommandOutput` holds the banner.
    LoggedIn(CommandOutput, Login),
}

fn fail(prefix: String, msg: &str) -> SshStep {
    SshStep::Done(CommandOutput::fail(format!("{prefix}{msg}"), 255))
}

/// The host key an instance's sshd presents: stable per instance id.
pub fn host_key(instance_id: &str) -> (String, String) {
    let body = mix::text(mix::hash(&[instance_id, "hostkey"]), 43, mix::BASE64);
    let fp = mix::text(mix::hash(&[instance_id, "fingerprint"]), 43, mix::BASE64);
    (format!("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{body}"), format!("SHA256:{fp}"))
}

fn known_hosts_path(laptop: &Host) -> String {
    format!("{}/.ssh/known_hosts", laptop.home())
}

/// Parsed command line.
struct Args {
    identities: Vec<String>,
    user: Option<String>,
    host: String,
    port: u16,
    strict: Strict,
    command: Vec<String>,
}

fn parse(argv: &[String]) -> Result<Args, CommandOutput> {
    let mut a = Args {
        identities: Vec::new(),
        user: None,
        host: String::new(),
        port: 22,
        strict: Strict::Ask,
        command: Vec::new(),
    };
    let mut i = 0;
    let usage = || CommandOutput::fail(USAGE, 255);
    while i < argv.len() {
        let w = &argv[i];
        i += 1;
        if !a.host.is_empty() {
            a.command.push(w.clone());
            continue;
        }
        if let Some(flag) = w.strip_prefix('-').filter(|f| !f.is_empty()) {
            let c = flag.chars().next().unwrap_or('?');
            if matches!(c, 'i' | 'l' | 'p' | 'o' | 'F' | 'E' | 'J' | 'L' | 'R' | 'D' | 'W' | 'b' | 'c' | 'm')
            {
                let value = if flag.len() > 1 {
                    flag[1..].to_string()
                } else {
                    let Some(v) = argv.get(i) else {
                        return Err(CommandOutput::fail(
                            format!("option requires an argument -- {c}\n{USAGE}"),
                            255,
                        ));
                    };
                    i += 1;
                    v.clone()
                };
                match c {
                    'i' => a.identities.push(value),
                    'l' => a.user = Some(value),
                    'p' => {
                        a.port = value
                            .parse()
                            .map_err(|_| CommandOutput::fail(format!("Bad port '{value}'\n"), 255))?
                    }
                    'o' => {
                        let (k, v) = value.split_once(['=', ' ']).unwrap_or((&value, ""));
                        if k.eq_ignore_ascii_case("StrictHostKeyChecking") {
                            a.strict = match v.to_ascii_lowercase().as_str() {
                                "no" | "off" | "accept-new" => Strict::No,
                                "yes" => Strict::Yes,
                                _ => Strict::Ask,
                            };
                        }
                    }
                    _ => {}
                }
            } else if !flag.chars().all(|c| "46AaCfGgKkMNnqsTtVvXxYy".contains(c)) {
                let bad = flag.chars().find(|c| !"46AaCfGgKkMNnqsTtVvXxYy".contains(*c)).unwrap_or('?');
                return Err(CommandOutput::fail(format!("unknown option -- {bad}\n{USAGE}"), 255));
            }
        } else {
            match w.rsplit_once('@') {
                Some((u, h)) => {
                    a.user = Some(u.to_string());
                    a.host = h.to_string();
                }
                None => a.host = w.clone(),
            }
            if a.host.is_empty() {
                return Err(usage());
            }
        }
    }
    if a.host.is_empty() {
        return Err(usage());
    }
    Ok(a)
}

fn looks_like_ipv4(s: &str) -> bool {
    s.split('.').count() == 4 && s.split('.').all(|p| p.parse::<u8>().is_ok())
}

/// Starts `ssh` with `argv` (the words after `ssh`) from the laptop.
/// Decides whether a key file's text is the private key of an instance's key pair.
pub type KeyCheck<'a> = &'a dyn Fn(&InstanceFacts, &str) -> bool;

pub fn connect(argv: &[String], laptop: &mut Host, facts: &[InstanceFacts], keys: KeyCheck<'_>) -> SshStep {
    connect_with(argv, laptop, facts, keys, false)
}

/// [`connect`], optionally as EC2 Instance Connect does it (`eic`): a one-time key pushed to the
/// instance's metadata, which sshd reads through IMDS, instead of a key file.
pub fn connect_with(
    argv: &[String],
    laptop: &mut Host,
    facts: &[InstanceFacts],
    keys: KeyCheck<'_>,
    eic: bool,
) -> SshStep {
    let args = match parse(argv) {
        Ok(a) => a,
        Err(out) => return SshStep::Done(out),
    };
    let mut prefix = String::new();
    for id in &args.identities {
        if laptop.fs.get(&laptop.path(id)).is_none() {
            prefix.push_str(&format!(
                "Warning: Identity file {id} not accessible: No such file or directory.\n"
            ));
        }
    }
    let host = args.host.clone();
    let timeout = format!("ssh: connect to host {host} port {}: Connection timed out\n", args.port);
    let by_public = facts.iter().find(|f| {
        f.public_ip.as_deref() == Some(host.as_str()) || f.public_dns.as_deref() == Some(host.as_str())
    });
    let target = match by_public {
        Some(f) => f,
        None => {
            let private_dns = facts.iter().any(|f| f.private_dns == host);
            let aws_public_name = host.starts_with("ec2-") && host.ends_with(".amazonaws.com");
            if looks_like_ipv4(&host) || aws_public_name {
                return fail(prefix, &timeout);
            }
            let _ = private_dns;
            return fail(
                prefix,
                &format!("ssh: Could not resolve hostname {host}: Name or service not known\n"),
            );
        }
    };
    match target.state {
        RunState::Running => {}
        RunState::Pending => {
            return fail(
                prefix,
                &format!("ssh: connect to host {host} port {}: Connection refused\n", args.port),
            );
        }
        _ => return fail(prefix, &timeout),
    }
    if !target.allows_tcp(args.port, LEARNER_IP) {
        return fail(prefix, &timeout);
    }
    if target.os == OsFamily::Windows || args.port != 22 {
        return fail(
            prefix,
            &format!("ssh: connect to host {host} port {}: Connection refused\n", args.port),
        );
    }
    let (key, fingerprint) = host_key(&target.instance_id);
    let pending = Pending {
        instance_id: target.instance_id.clone(),
        user: args.user.clone().unwrap_or_else(|| laptop.login_user.clone()),
        host: host.clone(),
        identities: args.identities.clone(),
        command: (!args.command.is_empty()).then(|| args.command.join(" ")),
        host_key: key.clone(),
        fingerprint: fingerprint.clone(),
        eic,
    };
    let kh_path = known_hosts_path(laptop);
    let known = laptop.fs.read(&kh_path, &laptop.user).unwrap_or_default().to_string();
    let entry = known.lines().enumerate().find(|(_, l)| l.split_whitespace().next() == Some(host.as_str()));
    match entry {
        Some((_, line)) if line.ends_with(&key) => authenticate(prefix, &pending, laptop, facts, keys),
        Some((n, _)) => {
            let msg = format!(
                "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\nIT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\nSomeone could be eavesdropping on you right now (man-in-the-middle attack)!\nIt is also possible that a host key has just been changed.\nThe fingerprint for the ED25519 key sent by the remote host is\n{fingerprint}.\nPlease contact your system administrator.\nAdd correct host key in {kh_path} to get rid of this message.\nOffending ED25519 key in {kh_path}:{}\nHost key for {host} has changed and you have requested strict checking.\nHost key verification failed.\n",
                n + 1
            );
            fail(prefix, &msg)
        }
        None => match args.strict {
            Strict::No => {
                prefix.push_str(&remember(laptop, &pending));
                authenticate(prefix, &pending, laptop, facts, keys)
            }
            Strict::Yes => fail(
                prefix,
                &format!(
                    "No ED25519 host key is known for {host} and you have requested strict checking.\nHost key verification failed.\n"
                ),
            ),
            Strict::Ask => {
                let shown_ip = target.public_ip.clone().unwrap_or_else(|| host.clone());
                let others: Vec<String> = known
                    .lines()
                    .enumerate()
                    .filter(|(_, l)| l.ends_with(&key))
                    .filter_map(|(n, l)| {
                        l.split_whitespace()
                            .next()
                            .map(|h| format!("    ~/.ssh/known_hosts:{}: {h}\n", n + 1))
                    })
                    .collect();
                let names = if others.is_empty() {
                    "This key is not known by any other names.\n".to_string()
                } else {
                    format!(
                        "This host key is known by the following other names/addresses:\n{}",
                        others.concat()
                    )
                };
                let question = format!(
                    "{prefix}The authenticity of host '{host} ({shown_ip})' can't be established.\nED25519 key fingerprint is {fingerprint}.\n{names}Are you sure you want to continue connecting (yes/no/[fingerprint])? "
                );
                SshStep::AskHostKey(CommandOutput { stderr: question, ..Default::default() }, pending)
            }
        },
    }
}

/// Adds the host key to `~/.ssh/known_hosts`; returns OpenSSH's notice.
fn remember(laptop: &mut Host, p: &Pending) -> String {
    let ssh_dir = format!("{}/.ssh", laptop.home());
    if laptop.fs.get(&ssh_dir).is_none() {
        let user = laptop.user.clone();
        laptop.fs.mkdir_p(&ssh_dir, &user, 0o700);
    }
    let path = known_hosts_path(laptop);
    let user = laptop.user.clone();
    let _ = laptop.fs.write(
        &path,
        &format!("{} {}\n", p.host, p.host_key),
        true,
        &user,
        crate::time::SimTime::ZERO,
    );
    format!("Warning: Permanently added '{}' (ED25519) to the list of known hosts.\n", p.host)
}

/// The learner's answer to the host-key question. `None` means "ask again".
pub fn answer(
    line: &str,
    pending: &Pending,
    laptop: &mut Host,
    facts: &[InstanceFacts],
    keys: KeyCheck<'_>,
) -> Option<SshStep> {
    let a = line.trim();
    if a.eq_ignore_ascii_case("yes") || a == pending.fingerprint {
        let notice = remember(laptop, pending);
        Some(authenticate(notice, pending, laptop, facts, keys))
    } else if a.eq_ignore_ascii_case("no") {
        Some(fail(String::new(), "Host key verification failed.\n"))
    } else {
        None
    }
}

/// What `answer` prints when the reply was neither yes, no nor the fingerprint.
pub const ASK_AGAIN: &str = "Please type 'yes', 'no' or the fingerprint: ";

fn banner(os: OsFamily) -> &'static str {
    match os {
        OsFamily::AmazonLinux2023 => {
            "   ,     #_\n   ~\\_  ####_        Amazon Linux 2023\n  ~~  \\_#####\\\n  ~~     \\###|\n  ~~       \\#/ ___   https://aws.amazon.com/linux/amazon-linux-2023\n   ~~       V~' '->\n    ~~~         /\n      ~~._.   _/\n         _/ _/\n       _/m/'\n"
        }
        OsFamily::AmazonLinux2 => {
            "   ,     #_\n   ~\\_  ####_        Amazon Linux 2\n  ~~  \\_#####\\\n  ~~     \\###|       AL2 End of Life is 2026-06-30.\n  ~~       \\#/ ___\n   ~~       V~' '->\n    ~~~         /    A newer version of Amazon Linux is available!\n      ~~._.   _/\n         _/ _/       Amazon Linux 2023, GA and supported until 2028-03-15.\n       _/m/'           https://aws.amazon.com/linux/amazon-linux-2023/\n\n"
        }
        OsFamily::Ubuntu => {
            "Welcome to Ubuntu 24.04.1 LTS (GNU/Linux 6.8.0-1018-aws x86_64)\n\n * Documentation:  https://help.ubuntu.com\n * Management:     https://landscape.canonical.com\n * Support:        https://ubuntu.com/pro\n\n"
        }
        OsFamily::Windows => "",
    }
}

/// The banner printed after a successful interactive login.
pub fn login_banner(os: OsFamily) -> String {
    banner(os).to_string()
}

/// Loads the identity files and tries them against the instance.
fn authenticate(
    mut prefix: String,
    p: &Pending,
    laptop: &Host,
    facts: &[InstanceFacts],
    keys: KeyCheck<'_>,
) -> SshStep {
    let Some(target) = facts.iter().find(|f| f.instance_id == p.instance_id) else {
        return fail(prefix, &format!("Connection closed by {} port 22\n", p.host));
    };
    // Instance Connect's key lives in IMDS for 60 s; sshd fetches it only if IMDS answers.
    let mut accepted = p.eic && target.metadata.endpoint_enabled && target.os != OsFamily::Windows;
    for id in &p.identities {
        let path = laptop.path(id);
        let Some(node) = laptop.fs.get(&path) else {
            continue;
        };
        let NodeKind::File(text) = &node.kind else {
            prefix.push_str(&format!("Load key \"{id}\": Is a directory\n"));
            continue;
        };
        if node.mode & 0o077 != 0 {
            prefix.push_str(&format!(
                "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n@         WARNING: UNPROTECTED PRIVATE KEY FILE!          @\n@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\nPermissions 0{:o} for '{id}' are too open.\nIt is required that your private key files are NOT accessible by others.\nThis private key will be ignored.\nLoad key \"{id}\": bad permissions\n",
                node.mode & 0o777
            ));
            continue;
        }
        if node.mode & 0o400 == 0 {
            prefix.push_str(&format!("Load key \"{id}\": Permission denied\n"));
            continue;
        }
        if !text.trim_start().starts_with("-----BEGIN ") || !text.contains("-----END ") {
            prefix.push_str(&format!("Load key \"{id}\": invalid format\n"));
            continue;
        }
        if key_fits(target, text) || keys(target, text) {
            accepted = true;
        }
    }
    let user_ok = p.user == target.os.default_user();
    if accepted && p.user == "root" && target.os != OsFamily::Windows {
        let out = CommandOutput {
            stdout: format!(
                "Please login as the user \"{}\" rather than the user \"root\".\n\n",
                target.os.default_user()
            ),
            stderr: format!("{prefix}Connection to {} closed.\n", p.host),
            exit_code: 142,
            clear_screen: false,
        };
        return SshStep::Done(out);
    }
    if !(accepted && user_ok) {
        let methods = if target.os == OsFamily::Ubuntu {
            "publickey"
        } else {
            "publickey,gssapi-keyex,gssapi-with-mic"
        };
        return fail(prefix, &format!("{}@{}: Permission denied ({methods}).\n", p.user, p.host));
    }
    let login = Login {
        instance_id: p.instance_id.clone(),
        user: p.user.clone(),
        host: p.host.clone(),
        command: p.command.clone(),
        ssm_session: None,
    };
    let stdout = if p.command.is_some() { String::new() } else { banner(target.os).to_string() };
    SshStep::LoggedIn(CommandOutput { stdout, stderr: prefix, ..Default::default() }, login)
}

/// Whether key file `text` is the private half of the instance's key pair. Fixtures carry the
/// PEM itself; instances from the control plane are checked by the session (see
/// [`crate::imds::world_view::key_matches`]) and marked by putting the PEM in the facts.
fn key_fits(target: &InstanceFacts, text: &str) -> bool {
    target.key.as_ref().and_then(|k| k.private_key_pem.as_ref()).is_some_and(|pem| pem.trim() == text.trim())
}

/// `ssh-keygen -R HOST` forgets a host's key (the fix for a changed host key); other forms
/// generate a key pair ([`super::keygen`]).
pub fn keygen(args: &[String], laptop: &mut Host, now: crate::time::SimTime) -> CommandOutput {
    let Some(i) = args.iter().position(|a| a == "-R") else {
        return super::keygen::generate_pair(args, laptop, now);
    };
    let Some(target) = args.get(i + 1) else {
        return CommandOutput::fail("option requires an argument -- R\n", 1);
    };
    let path = known_hosts_path(laptop);
    let Ok(text) = laptop.fs.read(&path, &laptop.user).map(str::to_string) else {
        return CommandOutput::fail(
            format!("do_known_hosts: hostkeys_foreach failed for {path}: No such file or directory\n"),
            255,
        );
    };
    let mut kept = String::new();
    let mut found = String::new();
    for (n, line) in text.lines().enumerate() {
        if line.split_whitespace().next() == Some(target.as_str()) {
            found.push_str(&format!("# Host {target} found: line {}\n", n + 1));
        } else {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    if found.is_empty() {
        return CommandOutput::default();
    }
    let user = laptop.user.clone();
    let _ = laptop.fs.write(&format!("{path}.old"), &text, false, &user, crate::time::SimTime::ZERO);
    let _ = laptop.fs.write(&path, &kept, false, &user, crate::time::SimTime::ZERO);
    CommandOutput::ok(format!("{found}{path} updated.\nOriginal contents retained as {path}.old\n"))
}
