//! Whole-script transcripts through a [`Session`]: what the native script runner (`ec2lab`)
//! and lab graders need to replay a learner's terminal, shell lines and `ssh` included.
//!
//! Script syntax: one terminal line per line (a line ending in `\` or inside an open quote or
//! `$(` continues on the next); `# advance N` moves simulated time N seconds; other `#` lines
//! are comments and are echoed. Output: each line after the prompt it was typed at, stdout
//! verbatim (`%` marks a missing final newline), `[stderr] ` before each stderr line, and
//! `[exit N]` for a non-zero status.

use super::lexer::needs_more_input;
use crate::session::{Session, SessionConfig};
use crate::time::SimTime;

/// Whether `line` needs the next script line to be complete.
fn continues(line: &str) -> bool {
    line.ends_with('\\') || needs_more_input(line)
}

/// Runs `script` in a fresh session and renders the terminal.
pub fn run(script: &str, config: SessionConfig) -> String {
    let mut session = Session::new(config);
    let mut now = SimTime::ZERO;
    let mut out = String::new();
    let mut lines = script.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("# advance") {
            let secs: u64 = rest.trim().trim_end_matches('s').parse().unwrap_or(0);
            now = now.plus_secs(secs);
            out.push_str(&format!("# advance {secs}\n"));
            continue;
        }
        if trimmed.starts_with('#') {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let mut typed = line.to_string();
        while continues(&typed) {
            let Some(next) = lines.next() else { break };
            typed.push('\n');
            typed.push_str(next);
        }
        out.push_str(&format!("{}{typed}\n", session.prompt()));
        let result = session.run(&typed, now);
        out.push_str(&result.stdout);
        if !result.stdout.is_empty() && !result.stdout.ends_with('\n') {
            out.push_str("%\n");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_lines_time_and_streams() {
        let text = run("echo 'a\nb'\n# advance 5\ndate\nls nope", SessionConfig::default());
        assert_eq!(
            text,
            "learner@laptop:~$ echo 'a\nb'\na\nb\n# advance 5\nlearner@laptop:~$ date\nMon Jan  5 09:00:05 UTC 2026\nlearner@laptop:~$ ls nope\n[stderr] ls: cannot access 'nope': No such file or directory\n[exit 2]\n"
        );
    }
}
