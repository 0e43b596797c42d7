//! `expect:` lines of command questions: what must hold after the learner's command ran.
//!
//! Grammar (one per `expect:` line, all must hold):
//!
//! - `exit <code>`: the exit status, e.g. `exit 0`;
//! - `stdout contains "<text>"`, `stderr contains "<text>"`, `output contains "<text>"`
//!   (either stream); `... does not contain "<text>"` for the opposite. Quotes are optional;
//!   inside them `\"` and `\\` escape.
//!
//! World checks, read from the sandbox's world after it settled (see [`crate::grade::command`]):
//!
//! - `instance <state> [tagged <Key>=<Value>] [type <type>] [http-tokens <required|optional>]
//!   [port <n>] [in <region>]`: some instance matches (`<state>` is an EC2 state name or `any`;
//!   `port <n>`: its security groups admit TCP `n` from the whole internet, checked from
//!   [`INTERNET_PROBE`]; the region defaults to the scenario's);
//! - `key-pair <name> [in <region>]`: the key pair exists;
//! - `no instance ...`, `no key-pair ...`: the opposite.

use serde::{Deserialize, Serialize};

use sandbox::CommandOutput;
use sandbox::ec2::World;

/// The source address `port <n>` is checked from (a documentation address: any rule open to
/// `0.0.0.0/0` admits it, a rule for one office network does not).
pub const INTERNET_PROBE: &str = "198.51.100.7";

const STATES: &[&str] = &["pending", "running", "shutting-down", "terminated", "stopping", "stopped", "any"];

/// Which stream a text check reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stream {
    Stdout,
    Stderr,
    /// stdout or stderr.
    Output,
}

/// One check on a command's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "check", rename_all = "kebab-case")]
pub enum Predicate {
    Exit {
        code: i32,
    },
    Contains {
        stream: Stream,
        text: String,
    },
    NotContains {
        stream: Stream,
        text: String,
    },
    /// Some instance (none, if `negated`) matches.
    Instance {
        negated: bool,
        state: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tag: Option<(String, String)>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        instance_type: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        http_tokens: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        port: Option<u16>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        region: Option<String>,
    },
    /// The key pair exists (does not, if `negated`).
    KeyPair {
        negated: bool,
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        region: Option<String>,
    },
}

impl Predicate {
    /// Parses the text after `expect:`.
    pub fn parse(text: &str) -> Result<Predicate, String> {
        let text = text.trim();
        let (negated, text) = match text.strip_prefix("no ") {
            Some(rest) => (true, rest.trim()),
            None => (false, text),
        };
        let (head, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
        if negated && !matches!(head, "instance" | "key-pair") {
            return Err("`no` only goes before `instance` or `key-pair`".into());
        }
        let rest = rest.trim();
        match head {
            "exit" | "exit-code" => rest
                .parse::<i32>()
                .map(|code| Predicate::Exit { code })
                .map_err(|_| format!("expected `exit <number>`, found `exit {rest}`")),
            "stdout" | "stderr" | "output" => {
                let stream = match head {
                    "stdout" => Stream::Stdout,
                    "stderr" => Stream::Stderr,
                    _ => Stream::Output,
                };
                if let Some(arg) = rest.strip_prefix("contains") {
                    Ok(Predicate::Contains { stream, text: unquote(arg)? })
                } else if let Some(arg) = rest.strip_prefix("does not contain") {
                    Ok(Predicate::NotContains { stream, text: unquote(arg)? })
                } else {
                    Err(format!("expected `{head} contains \"...\"` or `{head} does not contain \"...\"`"))
                }
            }
            "instance" => parse_instance(negated, rest),
            "key-pair" => {
                let mut words = rest.split_whitespace();
                let name = words.next().ok_or("expected `key-pair <name>`")?.to_string();
                let region = match (words.next(), words.next(), words.next()) {
                    (None, _, _) => None,
                    (Some("in"), Some(r), None) => Some(r.to_string()),
                    _ => return Err("expected `key-pair <name> [in <region>]`".into()),
                };
                Ok(Predicate::KeyPair { negated, name, region })
            }
            _ => Err(format!(
                "unknown check `{head}`; use `exit <code>`, `stdout contains \"...\"`, `stderr contains \"...\"`, `output contains \"...\"`, `instance <state> ...` or `key-pair <name>`"
            )),
        }
    }

    /// Does this check read the world (rather than the command's output)?
    pub fn reads_world(&self) -> bool {
        matches!(self, Predicate::Instance { .. } | Predicate::KeyPair { .. })
    }

    /// Does the check hold for `out`, and `world` with `region` as the default region?
    pub fn check(&self, out: &CommandOutput, world: &World, region: &str) -> bool {
        match self {
            Predicate::Instance { negated, state, tag, instance_type, http_tokens, port, region: r } => {
                let region = r.as_deref().unwrap_or(region);
                let found = world.instances().any(|i| {
                    i.region == region
                        && (state == "any" || i.state.name() == state)
                        && tag
                            .as_ref()
                            .is_none_or(|(k, v)| i.tags.iter().any(|t| &t.key == k && &t.value == v))
                        && instance_type.as_ref().is_none_or(|t| &i.instance_type == t)
                        && http_tokens.as_ref().is_none_or(|h| &i.metadata_options.http_tokens == h)
                        && port.is_none_or(|p| world.port_open(&i.id, p, Some(INTERNET_PROBE)))
                });
                found != *negated
            }
            Predicate::KeyPair { negated, name, region: r } => {
                world.key_pair(r.as_deref().unwrap_or(region), name).is_some() != *negated
            }
            _ => self.holds(out),
        }
    }

    /// Does the output check hold for `out`? (World checks are false here: use [`Self::check`].)
    pub fn holds(&self, out: &CommandOutput) -> bool {
        let read = |stream: &Stream, text: &str| match stream {
            Stream::Stdout => out.stdout.contains(text),
            Stream::Stderr => out.stderr.contains(text),
            Stream::Output => out.stdout.contains(text) || out.stderr.contains(text),
        };
        match self {
            Predicate::Exit { code } => out.exit_code == *code,
            Predicate::Contains { stream, text } => read(stream, text),
            Predicate::NotContains { stream, text } => !read(stream, text),
            Predicate::Instance { .. } | Predicate::KeyPair { .. } => false,
        }
    }
}

fn parse_instance(negated: bool, rest: &str) -> Result<Predicate, String> {
    let usage = "expected `instance <state> [tagged Key=Value] [type <type>] [http-tokens <required|optional>] [port <n>] [in <region>]`";
    let mut words = rest.split_whitespace();
    let state = words.next().ok_or(usage)?.to_string();
    if !STATES.contains(&state.as_str()) {
        return Err(format!("unknown state `{state}`; use one of {}", STATES.join(", ")));
    }
    let (mut tag, mut instance_type, mut http_tokens, mut region) = (None, None, None, None);
    let mut port = None;
    while let Some(word) = words.next() {
        let value = words.next().ok_or(usage)?.to_string();
        match word {
            "tagged" => {
                let (k, v) = value.split_once('=').ok_or("expected `tagged Key=Value`")?;
                tag = Some((k.to_string(), v.to_string()));
            }
            "type" => instance_type = Some(value),
            "http-tokens" if value == "required" || value == "optional" => http_tokens = Some(value),
            "in" => region = Some(value),
            "port" => port = Some(value.parse::<u16>().map_err(|_| format!("bad port `{value}`"))?),
            _ => return Err(usage.into()),
        }
    }
    Ok(Predicate::Instance { negated, state, tag, instance_type, http_tokens, port, region })
}

impl std::fmt::Display for Predicate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = |s: &Stream| match s {
            Stream::Stdout => "stdout",
            Stream::Stderr => "stderr",
            Stream::Output => "output",
        };
        match self {
            Predicate::Exit { code } => write!(f, "exit {code}"),
            Predicate::Contains { stream, text } => write!(f, "{} contains {text:?}", name(stream)),
            Predicate::NotContains { stream, text } => {
                write!(f, "{} does not contain {text:?}", name(stream))
            }
            Predicate::Instance { negated, state, tag, instance_type, http_tokens, port, region } => {
                write!(f, "{}instance {state}", if *negated { "no " } else { "" })?;
                if let Some((k, v)) = tag {
                    write!(f, " tagged {k}={v}")?;
                }
                if let Some(t) = instance_type {
                    write!(f, " type {t}")?;
                }
                if let Some(h) = http_tokens {
                    write!(f, " http-tokens {h}")?;
                }
                if let Some(p) = port {
                    write!(f, " port {p}")?;
                }
                if let Some(r) = region {
                    write!(f, " in {r}")?;
                }
                Ok(())
            }
            Predicate::KeyPair { negated, name, region } => {
                write!(f, "{}key-pair {name}", if *negated { "no " } else { "" })?;
                if let Some(r) = region {
                    write!(f, " in {r}")?;
                }
                Ok(())
            }
        }
    }
}

fn unquote(arg: &str) -> Result<String, String> {
    let arg = arg.trim();
    if arg.is_empty() {
        return Err("the text to look for is missing".into());
    }
    let Some(inner) = arg.strip_prefix('"') else {
        return Ok(arg.to_string());
    };
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n @ ('"' | '\\')) => out.push(n),
                Some('n') => out.push('\n'),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => return Err("unterminated quote".into()),
            },
            '"' => {
                let tail: String = chars.collect();
                if !tail.trim().is_empty() {
                    return Err(format!("unexpected `{}` after the closing quote", tail.trim()));
                }
                return Ok(out);
            }
            c => out.push(c),
        }
    }
    Err("unterminated quote".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_checks() {
        let out = CommandOutput { stdout: "TOKEN\n".into(), exit_code: 0, ..Default::default() };
        for (text, holds) in [
            ("exit 0", true),
            ("exit 1", false),
            ("stdout contains \"TOKEN\"", true),
            ("stdout contains TOKEN", true),
            ("stderr contains \"TOKEN\"", false),
            ("output contains \"TOK\"", true),
            ("stdout does not contain \"error\"", true),
        ] {
            let p = Predicate::parse(text).unwrap();
            assert_eq!(p.holds(&out), holds, "{text}");
        }
    }

    #[test]
    fn world_checks_parse_and_print_back() {
        for text in [
            "instance running",
            "instance running tagged Name=web type t3.micro http-tokens required port 80",
            "no instance any in eu-west-1",
            "key-pair practice",
            "no key-pair old in us-west-2",
        ] {
            assert_eq!(Predicate::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn rejects_bad_lines() {
        assert!(Predicate::parse("exit zero").is_err());
        assert!(Predicate::parse("instance sleeping").is_err());
        assert!(Predicate::parse("instance running tagged Name").is_err());
        assert!(Predicate::parse("no exit 0").is_err());
        assert!(Predicate::parse("stdout contains \"x").is_err());
        assert!(Predicate::parse("stdout equals x").is_err());
    }
}
