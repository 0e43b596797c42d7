//! Tab completion for the terminal: command names, `aws` operations and options (from the CLI's
//! operation table), and file names on the current host.

use crate::cli;
use crate::session::Session;
use crate::shell::vfs;

/// Commands offered for the first word. Every one of them runs in the learner's shell (a test
/// holds the list to that); instance-only programs are left out.
pub const COMMANDS: &[&str] = &[
    "aws",
    "cat",
    "cd",
    "chmod",
    "clear",
    "curl",
    "date",
    "echo",
    "env",
    "exit",
    "export",
    "grep",
    "head",
    "history",
    "hostname",
    "ls",
    "mkdir",
    "ping",
    "printenv",
    "pwd",
    "rm",
    "ssh",
    "ssh-keygen",
    "sudo",
    "tail",
    "touch",
    "unset",
    "wc",
    "whoami",
];

/// What pressing Tab does to a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The line after completion (unchanged when nothing could be added).
    pub line: String,
    /// Candidates to list when the completion is ambiguous (empty otherwise).
    pub candidates: Vec<String>,
}

/// Completes the last word of `line` in `session`'s current shell.
pub fn complete(session: &Session, line: &str) -> Completion {
    // Only the last simple command matters: after `;`, `&&`, `||` or `|`.
    let start = line.rfind([';', '&', '|']).map_or(0, |i| i + 1);
    let command = &line[start..];
    let words: Vec<&str> = command.split_whitespace().collect();
    let typing_new_word = command.is_empty() || command.ends_with(char::is_whitespace);
    let mut all: Vec<&str> = words.clone();
    if typing_new_word {
        all.push("");
    }
    let last = all.last().copied().unwrap_or("");
    let candidates: Vec<String> = match all.as_slice() {
        [_] => COMMANDS.iter().filter(|c| c.starts_with(last)).map(|c| c.to_string()).collect(),
        ["aws", rest @ ..] => cli::complete(rest),
        _ => files(session, last),
    };
    let unchanged = Completion { line: line.to_string(), candidates: Vec::new() };
    let Some(first) = candidates.first() else { return unchanged };
    let head = &line[..line.len() - last.len()];
    if candidates.len() == 1 {
        let sep = if first.ends_with('/') { "" } else { " " };
        return Completion { line: format!("{head}{first}{sep}"), candidates: Vec::new() };
    }
    let common = candidates.iter().fold(first.as_str(), |acc, c| common_prefix(acc, c));
    if common.len() > last.len() {
        Completion { line: format!("{head}{common}"), candidates: Vec::new() }
    } else {
        Completion { line: line.to_string(), candidates }
    }
}

/// File names in the current directory (or the directory the word names) starting as `word` does.
fn files(session: &Session, word: &str) -> Vec<String> {
    let host = match session.current_instance().and_then(|id| session.machine(id)) {
        Some(machine) => &machine.host,
        None => session.laptop(),
    };
    let (dir_part, name_part) = match word.rfind('/') {
        Some(i) => (&word[..=i], &word[i + 1..]),
        None => ("", word),
    };
    let dir = vfs::normalize(&host.cwd, if dir_part.is_empty() { "." } else { dir_part });
    let mut names: Vec<String> = host
        .fs
        .list(&dir)
        .into_iter()
        .filter(|(name, _)| {
            name.starts_with(name_part) && (name_part.starts_with('.') || !name.starts_with('.'))
        })
        .map(|(name, _)| {
            let path = format!("{dir_part}{name}");
            if host.fs.is_dir(&vfs::normalize(&dir, name)) { format!("{path}/") } else { path }
        })
        .collect();
    names.sort();
    names
}

fn common_prefix<'a>(a: &'a str, b: &str) -> &'a str {
    let n = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).map(|(c, _)| c.len_utf8()).sum();
    &a[..n]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SessionConfig, SimTime};

    fn session() -> Session {
        Session::new(SessionConfig::default())
    }

    #[test]
    fn every_offered_command_exists_in_the_shell() {
        let unknown: Vec<&str> = COMMANDS
            .iter()
            .copied()
            .filter(|name| {
                let out = session().run(name, SimTime::ZERO);
                out.exit_code == 127 && out.stderr.contains("command not found")
            })
            .collect();
        assert!(unknown.is_empty(), "offered by completion but unknown to the shell: {unknown:?}");
    }

    #[test]
    fn completes_commands_operations_and_options() {
        let s = session();
        assert_eq!(complete(&s, "chm").line, "chmod ");
        assert_eq!(complete(&s, "aws ec2 run-inst").line, "aws ec2 run-instances ");
        assert_eq!(complete(&s, "aws ec2 run-instances --image").line, "aws ec2 run-instances --image-id ");
        let ambiguous = complete(&s, "aws ec2 describe-instance");
        assert!(ambiguous.line.starts_with("aws ec2 describe-instance"));
        assert!(ambiguous.candidates.contains(&"describe-instances".to_string()), "{ambiguous:?}");
        assert_eq!(complete(&s, "ls; ech").line, "ls; echo ");
    }

    #[test]
    fn completes_file_names_on_the_current_host() {
        let mut s = session();
        s.run("echo key > practice.pem", SimTime::ZERO);
        assert_eq!(complete(&s, "chmod 400 prac").line, "chmod 400 practice.pem ");
        assert_eq!(complete(&s, "zzz qqq").candidates, Vec::<String>::new());
    }
}
