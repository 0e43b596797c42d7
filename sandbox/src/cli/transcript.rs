//! Script transcripts: run `aws` lines on a fresh seeded world and render what the terminal
//! shows, with `# advance N` moving simulated time. Shared by the `ec2lab` binary and the tests.
//! Lines are split into words with POSIX-style quoting (`'…'`, `"…"`, `\`).

use super::{CliEnv, run_with_files};
use crate::ec2::World;
use crate::time::SimTime;

/// Splits a command line into words; `None` on an unterminated quote.
pub fn split_words(line: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next()? {
                        '\'' => break,
                        x => cur.push(x),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next()? {
                        '"' => break,
                        '\\' => cur.push(chars.next()?),
                        x => cur.push(x),
                    }
                }
            }
            '\\' => {
                in_word = true;
                cur.push(chars.next()?);
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    Some(words)
}

/// Replaces `$NAME` and `${NAME}` outside single quotes with captured values.
fn substitute(line: &str, vars: &[(String, String)]) -> String {
    let mut out = String::new();
    let mut in_single = false;
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            in_single = !in_single;
        }
        if c == '$' && !in_single {
            let braced = chars.get(i + 1) == Some(&'{');
            let start = if braced { i + 2 } else { i + 1 };
            let mut end = start;
            while end < chars.len() && (chars[end].is_ascii_alphanumeric() || chars[end] == '_') {
                end += 1;
            }
            let name: String = chars[start.min(end)..end].iter().collect();
            if let Some((_, v)) = vars.iter().find(|(n, _)| !name.is_empty() && *n == name) {
                out.push_str(v);
                i = if braced { end + 1 } else { end };
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// `NAME=$(command)`: the variable name and the inner command.
fn capture(line: &str) -> Option<(&str, &str)> {
    let (name, rest) = line.split_once("=$(")?;
    let inner = rest.strip_suffix(')')?;
    let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    valid.then_some((name, inner))
}

/// Runs `script` on a world seeded with `seed` and renders every line as `$ line`, its stdout,
/// `[stderr]` lines and a non-zero exit code. `NAME=$(aws …)` captures a command's trimmed
/// stdout into `$NAME` for later lines; `aws … > path` keeps it as a file for `file://path` and
/// `--priv-launch-key path`.
pub fn run_script(script: &str, seed: u64, region: &str) -> String {
    let mut world = World::new(seed);
    let env = CliEnv { default_region: region.to_string() };
    let mut now = SimTime::ZERO;
    let mut out = String::new();
    let mut vars: Vec<(String, String)> = Vec::new();
    let mut files: Vec<(String, String)> = Vec::new();
    for line in script.lines() {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("# advance") {
            // At most ten years at a time, so simulated milliseconds never overflow.
            let secs: u64 = rest.trim().trim_end_matches('s').parse::<u64>().unwrap_or(0).min(315_360_000);
            now = now.plus_secs(secs);
            out.push_str(&format!("# advance {secs}\n"));
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        out.push_str(&format!("$ {trimmed}\n"));
        let expanded = substitute(trimmed, &vars);
        let (target, command) = match capture(&expanded) {
            Some((name, inner)) => (Some(name.to_string()), inner.to_string()),
            None => (None, expanded),
        };
        let result = match split_words(&command) {
            None => crate::CommandOutput::fail("bash: unexpected EOF while looking for matching quote\n", 2),
            Some(mut words) if words.first().is_some_and(|w| w == "aws") => {
                // `aws … > file` keeps stdout as a file later commands can read.
                let redirect = match words.len() {
                    n if n >= 3 && words[n - 2] == ">" => {
                        let path = words.pop();
                        words.pop();
                        path
                    }
                    _ => None,
                };
                let read = |path: &str| files.iter().find(|(p, _)| p == path).map(|(_, c)| c.clone());
                let mut result = run_with_files(&mut world, &words[1..], &env, now, &read);
                if let Some(path) = redirect {
                    let content = std::mem::take(&mut result.stdout);
                    files.retain(|(p, _)| *p != path);
                    files.push((path, content));
                }
                result
            }
            Some(words) => crate::CommandOutput::fail(
                format!(
                    "ec2lab: only `aws` commands run here: {}\n",
                    words.first().map_or("", |w| w.as_str())
                ),
                127,
            ),
        };
        if let Some(name) = target {
            let value = result.stdout.trim().to_string();
            out.push_str(&format!("[{name}={value}]\n"));
            vars.retain(|(n, _)| *n != name);
            vars.push((name, value));
            for l in result.stderr.lines() {
                out.push_str(&format!("[stderr] {l}\n"));
            }
            if result.exit_code != 0 {
                out.push_str(&format!("[exit {}]\n", result.exit_code));
            }
            continue;
        }
        out.push_str(&result.stdout);
        if !result.stdout.is_empty() && !result.stdout.ends_with('\n') {
            out.push('\n');
        }
        for l in result.stderr.lines() {
            out.push_str(&format!("[stderr] {l}\n"));
        }
        if result.exit_code != 0 {
            out.push_str(&format!("[exit {}]\n", result.exit_code));
        }
    }
    out
}
