//! Running compound commands: `if`/`elif`/`else`, `for … in`, `while` and `until`. Loops stop
//! after [`MAX_ITERATIONS`] rounds so a `while true` in a lesson cannot hang the page.

use super::exec::Shell;
use super::parser::{Command, List};

/// The most rounds a `while`/`until` loop may run.
pub const MAX_ITERATIONS: usize = 10_000;

impl Shell<'_> {
    /// Runs an `if`, `for` or `while`; returns its stdout and status.
    pub(super) fn run_compound(&mut self, command: &Command, tty: bool) -> (String, i32) {
        match command {
            Command::Simple(_) => (String::new(), 0),
            Command::If { branches, otherwise } => {
                let mut out = String::new();
                for (cond, body) in branches {
                    let (o, status) = self.run_list(cond, tty);
                    out.push_str(&o);
                    if self.exit_requested {
                        return (out, status);
                    }
                    if status == 0 {
                        let (o, status) = self.run_list(body, tty);
                        out.push_str(&o);
                        return (out, status);
                    }
                }
                match otherwise {
                    Some(body) => {
                        let (o, status) = self.run_list(body, tty);
                        out.push_str(&o);
                        (out, status)
                    }
                    None => (out, 0),
                }
            }
            Command::For { name, words, body } => {
                let mut values = Vec::new();
                for w in words {
                    values.extend(self.expand(w));
                }
                let mut out = String::new();
                let mut status = 0;
                for v in values {
                    self.host.vars.insert(name.clone(), v);
                    let (o, st) = self.run_list(body, tty);
                    out.push_str(&o);
                    status = st;
                    if self.exit_requested {
                        break;
                    }
                }
                (out, status)
            }
            Command::While { cond, body, until } => self.run_while(cond, body, *until, tty),
        }
    }

    fn run_while(&mut self, cond: &List, body: &List, until: bool, tty: bool) -> (String, i32) {
        let mut out = String::new();
        let mut status = 0;
        for _ in 0..MAX_ITERATIONS {
            let (o, st) = self.run_list(cond, tty);
            out.push_str(&o);
            if (st == 0) == until || self.exit_requested {
                return (out, status);
            }
            let (o, st) = self.run_list(body, tty);
            out.push_str(&o);
            status = st;
            if self.exit_requested {
                return (out, status);
            }
        }
        self.stderr
            .push_str(&format!("bash: loop stopped after {MAX_ITERATIONS} rounds (this sandbox's limit)\n"));
        (out, 1)
    }
}
