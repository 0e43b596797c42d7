//! Lab goals: one readable predicate per `## Goal` list item, checked against a [`Session`].
//!
//! Grammar (words in `<>` are values; `Key=Value` selects instances by tag, in the lab's region):
//!
//! - `instance tagged <Key>=<Value> is <state>` (`running`, `stopped`, ...);
//! - `instance tagged <Key>=<Value> has http-tokens <required|optional>`;
//! - `instance tagged <Key>=<Value> has type <instance-type>`;
//! - `instance tagged <Key>=<Value> has user data`;
//! - `instance tagged <Key>=<Value> has an elastic ip`;
//! - `instance tagged <Key>=<Value> has an ssh login` (someone logged in to its shell);
//! - `instance tagged <Key>=<Value> has booted <n> times` (at least `n`: a stop and start boots
//!   it again);
//! - `instance tagged <Key>=<Value> serves http on port <n>`: `curl` from the laptop to its
//!   public address gets `200` (run on a copy of the session, so the learner's is untouched);
//! - `security group of instance tagged <Key>=<Value> allows tcp/<port> from <cidr>`;
//! - `key pair <name> exists`;
//! - `file <path> has mode <octal>` (on the learner's laptop, e.g. `400`); `file <path> exists`;
//! - `history contains <text>`: a line the learner typed (laptop or instance) contains the text;
//!   quotes around the text are optional.
//!
//! "Some instance" semantics: a goal holds if any instance carrying the tag meets it. Instance
//! state, http-tokens and type reuse the command questions' [`Predicate::Instance`].

use serde::{Deserialize, Serialize};

use sandbox::{CommandOutput, Session};

use crate::predicate::{INTERNET_PROBE, Predicate};

/// What one goal checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "check", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum GoalCheck {
    /// A world check shared with command questions (instance state, type, http-tokens; key pair).
    World {
        predicate: Predicate,
    },
    UserData {
        tag: (String, String),
    },
    ElasticIp {
        tag: (String, String),
    },
    ServesHttp {
        tag: (String, String),
        port: u16,
    },
    SshLogin {
        tag: (String, String),
    },
    Booted {
        tag: (String, String),
        times: u32,
    },
    Allows {
        tag: (String, String),
        port: u16,
        cidr: String,
    },
    FileMode {
        path: String,
        mode: u32,
    },
    FileExists {
        path: String,
    },
    History {
        text: String,
    },
}

/// One goal: the text as written (shown in the checklist) and what it checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub text: String,
    pub check: GoalCheck,
    /// The line of its list item (for build errors).
    #[serde(default)]
    pub line: usize,
}

const USAGE: &str = "write one of: `instance tagged Key=Value is <state>`, `instance tagged Key=Value has http-tokens required`, `instance tagged Key=Value has type <type>`, `... has user data`, `... has an elastic ip`, `... has an ssh login`, `... has booted <n> times`, `... serves http on port <n>`, `security group of instance tagged Key=Value allows tcp/<port> from <cidr>`, `key pair <name> exists`, `file <path> has mode <octal>`, `file <path> exists`, `history contains <text>`";

impl GoalCheck {
    /// Parses one goal line.
    pub fn parse(text: &str) -> Result<GoalCheck, String> {
        let text = text.trim();
        let words: Vec<&str> = text.split_whitespace().collect();
        match words.as_slice() {
            ["instance", "tagged", tag, rest @ ..] => instance(parse_tag(tag)?, rest),
            ["security", "group", "of", "instance", "tagged", tag, "allows", proto, "from", cidr] => {
                let tag = parse_tag(tag)?;
                let port = proto
                    .strip_prefix("tcp/")
                    .ok_or_else(|| format!("expected `tcp/<port>`, found `{proto}`"))?;
                let port = port.parse::<u16>().map_err(|_| format!("bad port `{port}`"))?;
                parse_cidr(cidr)?;
                Ok(GoalCheck::Allows { tag, port, cidr: cidr.to_string() })
            }
            ["key", "pair", name, "exists"] => Ok(GoalCheck::World {
                predicate: Predicate::KeyPair { negated: false, name: name.to_string(), region: None },
            }),
            ["file", path, "has", "mode", mode] => {
                let mode = u32::from_str_radix(mode, 8)
                    .ok()
                    .filter(|m| *m <= 0o7777)
                    .ok_or_else(|| format!("bad mode `{mode}`: write it in octal, like `400`"))?;
                Ok(GoalCheck::FileMode { path: path.to_string(), mode })
            }
            ["file", path, "exists"] => Ok(GoalCheck::FileExists { path: path.to_string() }),
            ["history", "contains", ..] => {
                let rest = text["history".len()..].trim_start()["contains".len()..].trim();
                let inner = rest.strip_prefix('"').and_then(|r| r.strip_suffix('"')).unwrap_or(rest);
                if inner.is_empty() {
                    return Err("the text to look for is missing".into());
                }
                Ok(GoalCheck::History { text: inner.to_string() })
            }
            _ => Err(format!("unknown goal `{text}`; {USAGE}")),
        }
    }

    /// Does the goal hold in `session`? `region` is the lab's region; `skip` is how many history
    /// entries the setup made (they are not the learner's).
    pub fn holds(&self, session: &Session, region: &str, skip: usize) -> bool {
        let world = session.world();
        let tagged = |tag: &(String, String)| {
            world
                .instances()
                .filter(|i| i.region == region)
                .filter(|i| i.tags.iter().any(|t| t.key == tag.0 && t.value == tag.1))
                .collect::<Vec<_>>()
        };
        match self {
            GoalCheck::World { predicate } => predicate.check(&CommandOutput::default(), world, region),
            GoalCheck::UserData { tag } => {
                tagged(tag).iter().any(|i| i.user_data.as_ref().is_some_and(|u| !u.is_empty()))
            }
            GoalCheck::ElasticIp { tag } => tagged(tag).iter().any(|i| i.elastic_ip.is_some()),
            GoalCheck::SshLogin { tag } => {
                tagged(tag).iter().any(|i| session.machine(&i.id).is_some_and(|m| m.logins > 0))
            }
            GoalCheck::Booted { tag, times } => tagged(tag).iter().any(|i| i.boot_count >= *times),
            GoalCheck::ServesHttp { tag, port } => tagged(tag)
                .iter()
                .filter_map(|i| i.public_ip_string())
                .any(|ip| serves_http(session, &ip, *port)),
            GoalCheck::Allows { tag, port, cidr } => {
                let probe = probe_address(cidr);
                tagged(tag).iter().any(|i| world.port_open(&i.id, *port, Some(&probe)))
            }
            GoalCheck::FileMode { path, mode } => {
                let laptop = session.laptop();
                laptop.fs.get(&laptop.path(path)).is_some_and(|n| n.mode & 0o7777 == *mode)
            }
            GoalCheck::FileExists { path } => {
                let laptop = session.laptop();
                laptop.fs.get(&laptop.path(path)).is_some()
            }
            GoalCheck::History { text } => session.history().iter().skip(skip).any(|l| l.contains(text)),
        }
    }
}

fn instance(tag: (String, String), rest: &[&str]) -> Result<GoalCheck, String> {
    let world = |state: &str, instance_type: Option<&str>, http_tokens: Option<&str>| GoalCheck::World {
        predicate: Predicate::Instance {
            negated: false,
            state: state.to_string(),
            tag: Some(tag.clone()),
            instance_type: instance_type.map(str::to_string),
            http_tokens: http_tokens.map(str::to_string),
            port: None,
            region: None,
        },
    };
    match rest {
        ["is", state] => match Predicate::parse(&format!("instance {state}")) {
            Ok(_) => Ok(world(state, None, None)),
            Err(e) => Err(e),
        },
        ["has", "http-tokens", v @ ("required" | "optional")] => Ok(world("any", None, Some(v))),
        ["has", "type", t] => Ok(world("any", Some(t), None)),
        ["has", "user", "data"] => Ok(GoalCheck::UserData { tag }),
        ["has", "an", "elastic", "ip"] => Ok(GoalCheck::ElasticIp { tag }),
        ["has", "an", "ssh", "login"] => Ok(GoalCheck::SshLogin { tag }),
        ["serves", "http", "on", "port", p] => {
            let port = p.parse::<u16>().map_err(|_| format!("bad port `{p}`"))?;
            Ok(GoalCheck::ServesHttp { tag, port })
        }
        ["has", "booted", n, "times" | "time"] => {
            let times = n.parse::<u32>().map_err(|_| format!("bad count `{n}`"))?;
            Ok(GoalCheck::Booted { tag, times })
        }
        _ => Err(format!("unknown instance goal; {USAGE}")),
    }
}

/// Does `curl` from the laptop get `200` from `http://ip:port/`? Runs on a copy of the session:
/// an open host-key question is declined and an ssh login left first, so the copy is on the
/// laptop.
fn serves_http(session: &Session, ip: &str, port: u16) -> bool {
    let mut probe = session.clone();
    let now = probe.world().now();
    if probe.prompt().is_empty() {
        probe.run("no", now);
    }
    for _ in 0..4 {
        if probe.current_instance().is_none() {
            break;
        }
        probe.run("exit", now);
    }
    if probe.current_instance().is_some() {
        return false;
    }
    let out = probe.run(&format!("curl -s -m 5 -o /dev/null -w '%{{http_code}}' http://{ip}:{port}/"), now);
    out.stdout.trim() == "200"
}

fn parse_tag(tag: &str) -> Result<(String, String), String> {
    match tag.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err(format!("expected `tagged Key=Value`, found `tagged {tag}`")),
    }
}

/// `(address, prefix)` of an IPv4 CIDR.
fn parse_cidr(cidr: &str) -> Result<([u8; 4], u8), String> {
    let bad = || format!("bad CIDR `{cidr}`: write it like `0.0.0.0/0` or `203.0.113.0/24`");
    let (addr, prefix) = cidr.split_once('/').ok_or_else(bad)?;
    let prefix: u8 = prefix.parse().ok().filter(|p| *p <= 32).ok_or_else(bad)?;
    let octets: Vec<u8> =
        addr.split('.').map(|o| o.parse::<u8>()).collect::<Result<_, _>>().map_err(|_| bad())?;
    let octets: [u8; 4] = octets.try_into().map_err(|_| bad())?;
    Ok((octets, prefix))
}

/// The source address a CIDR is probed from: the internet probe for `0.0.0.0/0`, else an
/// address inside the block.
fn probe_address(cidr: &str) -> String {
    match parse_cidr(cidr) {
        Ok((_, 0)) | Err(_) => INTERNET_PROBE.to_string(),
        Ok((o, 32)) => format!("{}.{}.{}.{}", o[0], o[1], o[2], o[3]),
        Ok((o, _)) => format!("{}.{}.{}.{}", o[0], o[1], o[2], o[3] | 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        for text in [
            "instance tagged Name=web is running",
            "instance tagged Name=web has http-tokens required",
            "instance tagged Name=web has type t3.micro",
            "instance tagged Name=web has user data",
            "instance tagged Name=web has an elastic ip",
            "instance tagged Name=web has an ssh login",
            "instance tagged Name=web has booted 2 times",
            "instance tagged Name=web serves http on port 80",
            "security group of instance tagged Name=web allows tcp/80 from 0.0.0.0/0",
            "key pair practice exists",
            "file web.pem has mode 400",
            "file web.sh exists",
            "history contains ssh",
            "history contains \"X-aws-ec2-metadata-token: \"",
        ] {
            assert!(GoalCheck::parse(text).is_ok(), "{text}");
        }
        assert_eq!(
            GoalCheck::parse("history contains \"a b\"").unwrap(),
            GoalCheck::History { text: "a b".into() }
        );
    }

    #[test]
    fn rejects_mistakes() {
        for text in [
            "instance tagged Name=web is sleeping",
            "instance tagged Name is running",
            "instance tagged Name=web has http-tokens maybe",
            "security group of instance tagged Name=web allows udp/53 from 0.0.0.0/0",
            "security group of instance tagged Name=web allows tcp/80 from everywhere",
            "file web.pem has mode 900",
            "history contains",
            "the server works",
        ] {
            assert!(GoalCheck::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn probes_inside_the_block() {
        assert_eq!(probe_address("0.0.0.0/0"), INTERNET_PROBE);
        assert_eq!(probe_address("203.0.113.0/24"), "203.0.113.1");
        assert_eq!(probe_address("198.51.100.9/32"), "198.51.100.9");
    }
}
