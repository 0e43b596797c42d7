//! The transcript runner shared by `shell_*.rs` and `imds_*.rs`: reads a script of directives
//! and terminal lines, runs it through a [`Session`], and renders what the terminal shows so
//! one `check` can compare it with a snapshot (`UPDATE_EXPECT=1` refreshes the snapshots).
//!
//! Script syntax, one item per line:
//! - `# …` comment (kept out of the output);
//! - `$ LINE` types LINE at the prompt (an answer to ssh's question is typed the same way);
//! - `@instance [k=v …]` adds a fixture instance (`InstanceFacts::example()` plus overrides);
//! - `@set ID k=v …` changes a fixture instance;
//! - `@userdata` … `@end` gives the last instance user data (before it boots);
//! - `@file PATH MODE` … `@end` puts a file on the laptop; `@keyfile PATH MODE` writes the
//!   example instance's private key there;
//! - `@profile NAME ROLE` creates an IAM instance profile holding ROLE in the world;
//! - `@wait SECS` moves the simulated clock.
//!
//! Rendering: each line appears after its prompt; stdout verbatim (a missing final newline is
//! shown as `%`, as zsh does; a carriage return as `^M`), every stderr line prefixed with `2> `, and `[exit N]` for a
//! non-zero status.

#![allow(dead_code)]

use std::path::PathBuf;

use sandbox::imds::facts::{IamFacts, IngressRule, InstanceFacts, OsFamily, RunState, SpotAction};
use sandbox::{Session, SessionConfig, SimTime};

fn apply(f: &mut InstanceFacts, key: &str, value: &str) {
    match key {
        "id" => f.instance_id = value.to_string(),
        "tokens" => f.metadata.tokens_required = value == "required",
        "endpoint" => f.metadata.endpoint_enabled = value == "enabled",
        "hop" => f.metadata.hop_limit = value.parse().expect("hop limit"),
        "tags" => f.metadata.tags_enabled = value == "enabled",
        "ipv6" => {
            f.ipv6 = Some("2600:1f18:abc:de00::5".into());
            f.metadata.ipv6_enabled = value == "enabled";
        }
        "tag" => {
            let (k, v) = value.split_once('=').expect("tag=K=V");
            f.tags.push((k.into(), v.into()));
        }
        "role" => {
            f.iam = Some(IamFacts {
                instance_profile_arn: format!("arn:aws:iam::123456789012:instance-profile/{value}"),
                instance_profile_id: "AIPAVMQT32F2Q43IXV2TC".into(),
                role_name: value.into(),
            })
        }
        "os" => {
            f.os = match value {
                "ubuntu" => OsFamily::Ubuntu,
                "al2" => OsFamily::AmazonLinux2,
                "windows" => OsFamily::Windows,
                _ => OsFamily::AmazonLinux2023,
            }
        }
        "type" => f.instance_type = value.into(),
        "ssh" => match value {
            "closed" => f.ingress.clear(),
            cidr => {
                f.ingress = vec![IngressRule {
                    protocol: "tcp".into(),
                    from_port: 22,
                    to_port: 22,
                    cidrs: vec![cidr.into()],
                }]
            }
        },
        "http" => f.ingress.push(IngressRule {
            protocol: "tcp".into(),
            from_port: 80,
            to_port: 80,
            cidrs: vec![value.into()],
        }),
        "public" => {
            f.public_ip = None;
            f.public_dns = None;
        }
        "state" => {
            f.state = match value {
                "pending" => RunState::Pending,
                "stopped" => RunState::Stopped,
                "stopping" => RunState::Stopping,
                "terminated" => RunState::Terminated,
                _ => RunState::Running,
            }
        }
        "started" => f.last_start = SimTime::from_secs(value.parse().expect("secs")),
        "volume" => f.root_volume_gib = value.parse().expect("GiB"),
        "key" => {
            if value == "none" {
                f.key = None;
            }
        }
        "spot" => {
            let (action, at) = value.split_once('@').expect("spot=ACTION@SECS");
            f.spot = true;
            f.spot_action = Some(SpotAction {
                action: action.into(),
                time: SimTime::from_secs(at.parse().expect("secs")),
            });
        }
        "ip" => {
            f.public_ip = Some(value.into());
            f.public_dns = Some(format!("ec2-{}.compute-1.amazonaws.com", value.replace('.', "-")));
        }
        "private" => {
            f.private_ip = value.into();
            f.private_dns = format!("ip-{}.ec2.internal", value.replace('.', "-"));
        }
        "monitoring" => f.monitoring = value == "enabled",
        "placement" => f.placement_group = Some(value.into()),
        "partition" => f.partition_number = Some(value.parse().expect("partition")),
        other => panic!("unknown instance setting {other}"),
    }
}

/// Runs a transcript script and renders the terminal.
pub fn render(script: &str) -> String {
    let mut session = Session::new(SessionConfig::default());
    let mut now = SimTime::ZERO;
    let mut out = String::new();
    let mut lines = script.lines();
    let mut last_instance: Option<String> = None;
    while let Some(line) = lines.next() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let block = |lines: &mut std::str::Lines<'_>| {
            let mut text = String::new();
            for l in lines.by_ref() {
                if l == "@end" {
                    break;
                }
                text.push_str(l);
                text.push('\n');
            }
            text
        };
        let mut words = line.split_whitespace();
        match words.next() {
            Some("$") => {
                let mut typed = line.strip_prefix("$ ").unwrap_or("").to_string();
                // Continue past `\` line ends, open quotes and here-documents.
                while typed.ends_with('\\') || sandbox::shell::lexer::needs_more_input(&typed) {
                    let Some(next) = lines.next() else { break };
                    typed.push('\n');
                    typed.push_str(next);
                }
                let typed = typed.as_str();
                let prompt = session.prompt();
                out.push_str(&format!("{prompt}{typed}\n"));
                let result = session.run(typed, now);
                // Carriage returns (curl -i's CRLF headers) are shown as `^M`, as `cat -v` does.
                out.push_str(&result.stdout.replace('\r', "^M"));
                if !result.stdout.is_empty() && !result.stdout.ends_with('\n') {
                    out.push_str("%\n");
                }
                for l in result.stderr.split_inclusive('\n') {
                    out.push_str("2> ");
                    out.push_str(l);
                }
                if !result.stderr.is_empty() && !result.stderr.ends_with('\n') {
                    out.push('\n');
                }
                if result.exit_code != 0 {
                    out.push_str(&format!("[exit {}]\n", result.exit_code));
                }
            }
            Some("@instance") => {
                let mut f = InstanceFacts::example();
                for kv in words {
                    let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                    apply(&mut f, k, v);
                }
                last_instance = Some(f.instance_id.clone());
                session.add_instance_fixture(f);
            }
            Some("@set") => {
                let id = words.next().expect("@set ID");
                let f = session.fixture_mut(id).expect("fixture exists");
                for kv in words {
                    let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                    apply(f, k, v);
                }
            }
            Some("@userdata") => {
                let text = block(&mut lines);
                let id = last_instance.clone().expect("an instance first");
                session.fixture_mut(&id).expect("fixture").user_data = Some(text);
            }
            Some("@file") => {
                let path = words.next().expect("path");
                let mode = u32::from_str_radix(words.next().expect("mode"), 8).expect("octal");
                let text = block(&mut lines);
                session.add_file(path, &text, mode);
            }
            Some("@keyfile") => {
                let path = words.next().expect("path");
                let mode = u32::from_str_radix(words.next().expect("mode"), 8).expect("octal");
                let pem = InstanceFacts::example().key.and_then(|k| k.private_key_pem).expect("pem");
                session.add_file(path, &format!("{pem}\n"), mode);
            }
            Some("@profile") => {
                let name = words.next().expect("@profile NAME ROLE");
                let role = words.next();
                session.world_mut().create_instance_profile_with_role(name, role);
            }
            Some("@wait") => {
                let secs: u64 = words.next().and_then(|s| s.parse().ok()).expect("@wait SECS");
                now = now.plus_secs(secs);
                out.push_str(&format!("# … {secs} s later\n"));
            }
            Some(other) => panic!("unknown transcript directive {other}"),
            None => {}
        }
    }
    out
}

/// Runs `transcripts/<name>.txt` and compares with `transcripts/<name>.out`.
pub fn check(name: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let script = std::fs::read_to_string(dir.join(format!("{name}.txt"))).expect("transcript script");
    let actual = render(&script);
    expect_test::expect_file![dir.join(format!("{name}.out"))].assert_eq(&actual);
}
