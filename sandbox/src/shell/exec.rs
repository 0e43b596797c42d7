//! Runs a parsed line: expansion, assignments, redirections, pipelines and `&&`/`||`/`;`.
//!
//! Builtins and the small coreutils live in [`super::builtins`]; anything else is handed to a
//! [`Programs`] implementation (the session, which knows about ssh, curl, aws and instances).

use super::builtins;
use super::host::Host;
use super::lexer::{RedirectOp, tokenize};
use super::parser::{Command, Connector, List, Pipeline, SimpleCommand, parse};
use crate::output::CommandOutput;
use crate::time::SimTime;

/// How a command is wired: its stdin and whether its stdout is the terminal.
#[derive(Debug, Clone, Copy)]
pub struct Io<'a> {
    /// Piped or redirected input; `None` means the terminal (read as empty).
    pub stdin: Option<&'a str>,
    /// False when stdout goes to a pipe, a file or a `$(…)` capture (curl then shows its meter).
    pub stdout_is_tty: bool,
    pub now: SimTime,
}

/// External programs: everything that is not a shell builtin.
pub trait Programs {
    /// Runs `argv` on `host`. `None` means there is no such program (bash prints
    /// `command not found`, status 127).
    fn run(&mut self, host: &mut Host, argv: &[String], io: &Io<'_>) -> Option<CommandOutput>;
}

/// One line's interpreter state.
pub struct Shell<'a> {
    pub host: &'a mut Host,
    pub programs: &'a mut dyn Programs,
    pub now: SimTime,
    /// Set by `exit`/`logout`: the session should leave this host.
    pub exit_requested: bool,
    /// Set by `clear`.
    pub clear_screen: bool,
    /// Everything written to the terminal's stderr so far on this line.
    pub(super) stderr: String,
    pub(super) depth: u8,
    /// Send every command's stderr to stdout in order (`2>&1` for a whole script, as
    /// cloud-init's log does).
    pub(super) merge_stderr: bool,
}

/// Runs one line on `host` and returns what the terminal shows.
pub fn run_line(line: &str, host: &mut Host, programs: &mut dyn Programs, now: SimTime) -> LineResult {
    run(line, host, programs, now, false)
}

/// Runs a whole script (user data) on `host`: every command's stderr is written into stdout
/// where it happens, as `2>&1` would, so the result reads like cloud-init's log.
pub fn run_script(script: &str, host: &mut Host, programs: &mut dyn Programs, now: SimTime) -> LineResult {
    run(script, host, programs, now, true)
}

fn run(source: &str, host: &mut Host, programs: &mut dyn Programs, now: SimTime, merge: bool) -> LineResult {
    let mut shell = Shell {
        host,
        programs,
        now,
        exit_requested: false,
        clear_screen: false,
        stderr: String::new(),
        depth: 0,
        merge_stderr: merge,
    };
    let (mut stdout, status) = shell.run_source(source, !merge);
    let mut stderr = std::mem::take(&mut shell.stderr);
    if merge {
        stdout.push_str(&std::mem::take(&mut stderr));
    }
    LineResult {
        output: CommandOutput { stdout, stderr, exit_code: status, clear_screen: shell.clear_screen },
        exit_requested: shell.exit_requested,
    }
}

/// The terminal output of a line plus whether it asked to leave the host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineResult {
    pub output: CommandOutput,
    pub exit_requested: bool,
}

impl Shell<'_> {
    /// Parses and runs `source`; returns the stdout meant for the terminal (or the capture)
    /// and the final status.
    pub(super) fn run_source(&mut self, source: &str, tty: bool) -> (String, i32) {
        let list = match tokenize(source).and_then(parse) {
            Ok(list) => list,
            Err(e) => {
                self.stderr.push_str(&format!("{e}\n"));
                self.host.last_status = 2;
                return (String::new(), 2);
            }
        };
        self.run_list(&list, tty)
    }

    pub(super) fn run_list(&mut self, list: &List, tty: bool) -> (String, i32) {
        let mut stdout = String::new();
        for (connector, pipeline) in &list.items {
            let run = match connector {
                Connector::Always => true,
                Connector::IfSuccess => self.host.last_status == 0,
                Connector::IfFailure => self.host.last_status != 0,
            };
            if !run {
                continue;
            }
            let (out, status) = self.run_pipeline(pipeline, tty);
            stdout.push_str(&out);
            self.host.last_status = status;
            if self.exit_requested {
                break;
            }
        }
        (stdout, self.host.last_status)
    }

    fn run_pipeline(&mut self, pipeline: &Pipeline, tty: bool) -> (String, i32) {
        let mut input: Option<String> = None;
        let mut status = 0;
        let count = pipeline.commands.len();
        for (i, command) in pipeline.commands.iter().enumerate() {
            let last = i + 1 == count;
            let (out, st) = self.run_command(command, input.as_deref(), tty && last);
            status = st;
            input = Some(out);
        }
        if pipeline.negated {
            status = i32::from(status == 0);
        }
        (input.unwrap_or_default(), status)
    }

    fn run_command(&mut self, command: &Command, stdin: Option<&str>, tty: bool) -> (String, i32) {
        match command {
            Command::Simple(simple) => self.run_simple(simple, stdin, tty),
            compound => self.run_compound(compound, tty),
        }
    }

    /// Runs one simple command; returns its stdout (after redirections) and status.
    fn run_simple(&mut self, command: &SimpleCommand, stdin: Option<&str>, tty: bool) -> (String, i32) {
        // Assignments are expanded first; their substitutions' status counts when alone.
        let mut assigned = Vec::new();
        for (name, word) in &command.assignments {
            let value = self.expand_joined(word);
            assigned.push((name.clone(), value));
        }
        let mut argv = Vec::new();
        for word in &command.words {
            argv.extend(self.expand(word));
        }
        if argv.is_empty() {
            for (name, value) in assigned {
                self.host.vars.insert(name, value);
            }
            // Redirections alone (`> file`) still create the file.
            let mut stdin_owned = None;
            if let Err(status) = self.open_redirects(command, &mut stdin_owned) {
                return (String::new(), status);
            }
            let status = if command.assignments.is_empty() { 0 } else { self.host.last_status };
            return (String::new(), status);
        }
        // Per-command environment: set for the duration of the command.
        let saved: Vec<(String, Option<String>)> =
            assigned.iter().map(|(n, _)| (n.clone(), self.host.vars.get(n).cloned())).collect();
        for (name, value) in assigned {
            self.host.vars.insert(name, value);
        }

        let mut stdin_owned: Option<String> = stdin.map(str::to_string);
        let targets = match self.open_redirects(command, &mut stdin_owned) {
            Ok(t) => t,
            Err(status) => {
                self.restore(saved);
                return (String::new(), status);
            }
        };
        let io = Io {
            stdin: stdin_owned.as_deref(),
            stdout_is_tty: tty && targets.stdout.is_none() && !targets.both,
            now: self.now,
        };
        let mut result = self.dispatch(&argv, &io);
        self.restore(saved);

        // One stream cannot keep the real interleaving; diagnostics usually come first (curl -v
        // traces precede the body, ls reports a bad path before listing), so stderr leads.
        if targets.stderr_to_stdout {
            let err = std::mem::take(&mut result.stderr);
            result.stdout.insert_str(0, &err);
        }
        let mut failed_writes = Vec::new();
        if let Some((path, _)) = &targets.stdout {
            let text = std::mem::take(&mut result.stdout);
            let text =
                if targets.both { format!("{text}{}", std::mem::take(&mut result.stderr)) } else { text };
            failed_writes.extend(self.write_target(path, &text).err());
        }
        if let Some((path, _)) = &targets.stderr {
            let err = std::mem::take(&mut result.stderr);
            failed_writes.extend(self.write_target(path, &err).err());
        }
        for e in failed_writes {
            result.stderr.push_str(&format!("bash: {}: write error: {e}\n", argv[0]));
            result.exit_code = 1;
        }
        if self.merge_stderr {
            let err = std::mem::take(&mut result.stderr);
            result.stdout.insert_str(0, &err);
        } else {
            self.stderr.push_str(&result.stderr);
        }
        if result.clear_screen {
            self.clear_screen = true;
        }
        (result.stdout, result.exit_code)
    }

    fn restore(&mut self, saved: Vec<(String, Option<String>)>) {
        for (name, old) in saved {
            match old {
                Some(v) => self.host.vars.insert(name, v),
                None => self.host.vars.remove(&name),
            };
        }
    }

    /// Builtins first, then `sudo`, then external programs.
    pub fn dispatch(&mut self, argv: &[String], io: &Io<'_>) -> CommandOutput {
        let Some(name) = argv.first() else {
            return CommandOutput::default();
        };
        match name.as_str() {
            "exit" | "logout" if self.depth == 0 && self.host.user != self.host.login_user => {
                // Leaving a `sudo -i` / `sudo su` root shell.
                self.host.root_logout();
                CommandOutput::ok("logout\n")
            }
            "exit" | "logout" => {
                if self.depth == 0 {
                    self.exit_requested = true;
                }
                let code = argv.get(1).and_then(|c| c.parse::<i32>().ok()).unwrap_or(self.host.last_status);
                CommandOutput { exit_code: code, ..Default::default() }
            }
            "clear" => CommandOutput { clear_screen: true, ..Default::default() },
            "sudo" => self.sudo(&argv[1..], io),
            _ => {
                if let Some(out) = builtins::run(self.host, argv, io) {
                    return out;
                }
                match self.programs.run(self.host, argv, io) {
                    Some(out) => out,
                    None => CommandOutput::fail(format!("bash: {name}: command not found\n"), 127),
                }
            }
        }
    }

    fn sudo(&mut self, args: &[String], io: &Io<'_>) -> CommandOutput {
        if self.host.style == super::host::PromptStyle::Laptop {
            return CommandOutput::fail(
                format!("[sudo] password for {}: \nsudo: a password is required\n", self.host.user),
                1,
            );
        }
        let mut rest = args;
        while let Some(flag) = rest.first().filter(|a| a.starts_with('-')) {
            match flag.as_str() {
                "-E" | "-H" | "-n" => rest = &rest[1..],
                "-u" => {
                    // Only root and the login user exist on these guests.
                    match rest.get(1).map(String::as_str) {
                        Some("root") => rest = &rest[2..],
                        Some(u) if u == self.host.login_user => {
                            let before = std::mem::replace(&mut self.host.user, u.to_string());
                            let out = self.dispatch(&rest[2..], io);
                            self.host.user = before;
                            return out;
                        }
                        Some(u) => {
                            return CommandOutput::fail(
                                format!(
                                    "sudo: unknown user {u}\nsudo: error initializing audit plugin sudoers_audit\n"
                                ),
                                1,
                            );
                        }
                        None => {
                            return CommandOutput::fail(
                                "sudo: option requires an argument -- 'u'\nusage: sudo -h | -K | -k | -V\n",
                                1,
                            );
                        }
                    }
                }
                "-i" | "-s" => {
                    self.host.root_login();
                    return CommandOutput::default();
                }
                other => {
                    return CommandOutput::fail(
                        format!(
                            "sudo: invalid option -- '{}'\nusage: sudo -h | -K | -k | -V\n",
                            other.trim_start_matches('-')
                        ),
                        1,
                    );
                }
            }
        }
        if rest.is_empty() {
            return CommandOutput::fail(
                "usage: sudo -h | -K | -k | -V\nusage: sudo -v [-ABknS] [-g group] [-h host] [-p prompt] [-u user]\n",
                1,
            );
        }
        if rest.first().map(String::as_str) == Some("su") {
            self.host.root_login();
            return CommandOutput::default();
        }
        let before = std::mem::replace(&mut self.host.user, "root".to_string());
        let out = match rest[0].as_str() {
            "exit" | "logout" | "cd" | "export" => {
                CommandOutput::fail(format!("sudo: {}: command not found\n", rest[0]), 1)
            }
            _ => {
                let out = self.dispatch(rest, io);
                if out.exit_code == 127 && out.stderr.starts_with("bash: ") {
                    CommandOutput::fail(format!("sudo: {}: command not found\n", rest[0]), 1)
                } else {
                    out
                }
            }
        };
        self.host.user = before;
        out
    }

    /// Checks and truncates output files before the command runs, and reads `<` input.
    fn open_redirects(
        &mut self,
        command: &SimpleCommand,
        stdin: &mut Option<String>,
    ) -> Result<Targets, i32> {
        let mut targets = Targets::default();
        for r in &command.redirects {
            if r.op == RedirectOp::StderrToStdout {
                targets.stderr_to_stdout = true;
                continue;
            }
            let Some(word) = &r.target else { continue };
            if r.op == RedirectOp::HereDoc {
                *stdin = Some(self.expand_joined(word));
                continue;
            }
            let fields = self.expand(word);
            let [name] = fields.as_slice() else {
                self.stderr.push_str(&format!("bash: {}: ambiguous redirect\n", fields.join(" ")));
                return Err(1);
            };
            let path = self.host.path(name);
            match r.op {
                RedirectOp::Read => match self.host.fs.read(&path, &self.host.user) {
                    Ok(text) => *stdin = Some(text.to_string()),
                    Err(e) => {
                        self.stderr.push_str(&format!("bash: {name}: {e}\n"));
                        return Err(1);
                    }
                },
                RedirectOp::Write | RedirectOp::Append | RedirectOp::Both => {
                    if path != "/dev/null" {
                        let append = r.op == RedirectOp::Append;
                        let user = self.host.user.clone();
                        if let Err(e) = self.host.fs.write(&path, "", append, &user, self.now) {
                            self.stderr.push_str(&format!("bash: {name}: {e}\n"));
                            return Err(1);
                        }
                    }
                    let entry = Some((path, name.clone()));
                    if r.fd == 2 {
                        targets.stderr = entry;
                    } else {
                        targets.both = r.op == RedirectOp::Both;
                        targets.stdout = entry;
                    }
                }
                RedirectOp::StderrToStdout | RedirectOp::HereDoc => {}
            }
        }
        Ok(targets)
    }

    fn write_target(&mut self, path: &str, text: &str) -> Result<(), super::vfs::FsError> {
        if path == "/dev/null" {
            return Ok(());
        }
        let user = self.host.user.clone();
        // The file was created or truncated when the redirection was opened: append now.
        self.host.fs.write(path, text, true, &user, self.now)
    }
}

/// Where a command's streams go.
#[derive(Debug, Default)]
struct Targets {
    /// `(absolute path, as typed)`.
    stdout: Option<(String, String)>,
    stderr: Option<(String, String)>,
    stderr_to_stdout: bool,
    both: bool,
}
