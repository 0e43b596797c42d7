//! Terminal scripts of labs (setup lines and the reference solution): lines to type, and
//! `# advance N` lines that move simulated time on.
//!
//! Like the sandbox's transcripts, a line ending in `\` or inside an open quote or `$(`
//! continues on the next; other `#` lines are comments. Lines run one simulated second apart.

use serde::{Deserialize, Serialize};

use sandbox::shell::SyntaxErrorKind;
use sandbox::shell::lexer::tokenize;
use sandbox::{Session, SimTime};

/// One step of a script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    /// A terminal line (possibly several physical lines joined by newlines).
    Run(String),
    /// Simulated seconds to let pass.
    Advance(u64),
    /// A file put on the learner's laptop (setup only).
    File { path: String, mode: u32, content: String },
}

/// Whether `line` needs the next script line to be complete.
fn continues(line: &str) -> bool {
    line.ends_with('\\')
        || tokenize(line).is_err_and(|e| {
            matches!(
                e.kind,
                SyntaxErrorKind::UnterminatedQuote(_) | SyntaxErrorKind::UnterminatedSubstitution
            )
        })
}

/// Splits a fenced block's text into steps. `first_line` is the file line of the block's first
/// content line; errors come back as `(line, problem)`.
pub fn parse_script(text: &str, first_line: usize) -> Result<Vec<(usize, Step)>, (usize, String)> {
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((i, line)) = lines.next() {
        let line_no = first_line + i;
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("# advance") {
            let secs = rest
                .trim()
                .trim_end_matches('s')
                .parse::<u64>()
                .map_err(|_| (line_no, format!("expected `# advance <seconds>`, found `{trimmed}`")))?;
            out.push((line_no, Step::Advance(secs)));
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let mut typed = line.trim_end().to_string();
        while continues(&typed) {
            let Some((_, next)) = lines.next() else {
                return Err((line_no, "this line is not finished (open quote, `$(` or final `\\`)".into()));
            };
            typed.push('\n');
            typed.push_str(next);
        }
        out.push((line_no, Step::Run(typed)));
    }
    Ok(out)
}

/// How many lines the learner would type for `steps`.
pub fn command_count(steps: &[Step]) -> usize {
    steps.iter().filter(|s| matches!(s, Step::Run(_))).count()
}

/// Runs `steps` in `session`, starting one second after the world's clock, and returns the
/// time after the last step (the world has been moved to it).
pub fn run_steps(session: &mut Session, steps: &[Step]) -> SimTime {
    let mut now = session.world().now();
    for step in steps {
        match step {
            Step::Run(line) => {
                now = now.plus_secs(1);
                session.run(line, now);
            }
            Step::Advance(secs) => now = now.plus_secs(*secs),
            Step::File { path, mode, content } => session.add_file(path, content, *mode),
        }
    }
    session.world_mut().advance_to(now);
    now
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_continuations_and_reads_advances() {
        let steps = parse_script("echo 'a\nb'\n# advance 30\n# a comment\nls \\\n  -l\n", 10).unwrap();
        assert_eq!(
            steps,
            vec![
                (10, Step::Run("echo 'a\nb'".into())),
                (12, Step::Advance(30)),
                (14, Step::Run("ls \\\n  -l".into())),
            ]
        );
        assert_eq!(parse_script("# advance soon", 3).unwrap_err().0, 3);
        assert!(parse_script("echo 'open", 1).is_err());
    }
}
