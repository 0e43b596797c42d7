//! `expect:` lines of command questions: what must hold after the learner's command ran.
//!
//! Grammar (one per `expect:` line, all must hold):
//!
//! - `exit <code>`: the exit status, e.g. `exit 0`;
//! - `stdout contains "<text>"`, `stderr contains "<text>"`, `output contains "<text>"`
//!   (either stream); `... does not contain "<text>"` for the opposite. Quotes are optional;
//!   inside them `\"` and `\\` escape.
//!
//! World predicates ("an instance tagged Name=web is running") need queries over the sandbox's
//! `World`, which the sandbox does not expose yet; they are rejected with a message until it does.

use serde::{Deserialize, Serialize};

use sandbox::CommandOutput;

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
    Exit { code: i32 },
    Contains { stream: Stream, text: String },
    NotContains { stream: Stream, text: String },
}

impl Predicate {
    /// Parses the text after `expect:`.
    pub fn parse(text: &str) -> Result<Predicate, String> {
        let text = text.trim();
        let (head, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
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
                    Ok(Predicate::Contains {
                        stream,
                        text: unquote(arg)?,
                    })
                } else if let Some(arg) = rest.strip_prefix("does not contain") {
                    Ok(Predicate::NotContains {
                        stream,
                        text: unquote(arg)?,
                    })
                } else {
                    Err(format!(
                        "expected `{head} contains \"...\"` or `{head} does not contain \"...\"`"
                    ))
                }
            }
            _ => Err(format!(
                "unknown check `{head}`; use `exit <code>`, `stdout contains \"...\"`, `stderr contains \"...\"` or `output contains \"...\"` (world-state checks need sandbox support that does not exist yet)"
            )),
        }
    }

    /// Does the check hold for `out`?
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
        }
    }
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
                    return Err(format!(
                        "unexpected `{}` after the closing quote",
                        tail.trim()
                    ));
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
        let out = CommandOutput {
            stdout: "TOKEN\n".into(),
            exit_code: 0,
            ..Default::default()
        };
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
    fn rejects_bad_lines() {
        assert!(Predicate::parse("exit zero").is_err());
        assert!(Predicate::parse("instance running").is_err());
        assert!(Predicate::parse("stdout contains \"x").is_err());
        assert!(Predicate::parse("stdout equals x").is_err());
    }
}
