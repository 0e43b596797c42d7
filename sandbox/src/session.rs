//! A terminal session: the learner's laptop shell over one simulated world.
//!
//! This is the entry point widgets and the script runner use: feed it one line at a time with
//! the current [`SimTime`], get back a [`CommandOutput`].

use serde::{Deserialize, Serialize};

use crate::cli::{self, CliEnv};
use crate::ec2::World;
use crate::output::CommandOutput;
use crate::time::SimTime;

/// How a session starts: the seed for identifiers and the default region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct SessionConfig {
    pub seed: u64,
    pub region: String,
}

impl Default for SessionConfig {
    fn default() -> Self {
        SessionConfig { seed: 1, region: "us-east-1".to_string() }
    }
}

/// One learner's terminal: its history and the world it acts on.
#[derive(Debug, Clone)]
pub struct Session {
    config: SessionConfig,
    world: World,
    history: Vec<String>,
}

impl Session {
    pub fn new(config: SessionConfig) -> Self {
        Session { world: World::new(config.seed), config, history: Vec::new() }
    }

    pub fn world(&self) -> &World {
        &self.world
    }

    pub fn config(&self) -> &SessionConfig {
        &self.config
    }

    /// Lines entered so far, oldest first (what `history` prints).
    pub fn history(&self) -> &[String] {
        &self.history
    }

    /// The prompt shown before the next line.
    pub fn prompt(&self) -> String {
        "learner@laptop:~$ ".to_string()
    }

    /// Runs one terminal line at simulated time `now`.
    pub fn run(&mut self, line: &str, now: SimTime) -> CommandOutput {
        let line = line.trim();
        if line.is_empty() {
            return CommandOutput::default();
        }
        self.history.push(line.to_string());
        let mut words = line.split_whitespace();
        let program = words.next().unwrap_or_default();
        let args: Vec<&str> = words.collect();
        match program {
            "echo" => CommandOutput::ok(format!("{}\n", args.join(" "))),
            "aws" => {
                let argv: Vec<String> = args.iter().map(|a| a.to_string()).collect();
                let env = CliEnv { default_region: self.config.region.clone() };
                cli::run(&mut self.world, &argv, &env, now)
            }
            "clear" => CommandOutput { clear_screen: true, ..Default::default() },
            "history" => CommandOutput::ok(
                self.history
                    .iter()
                    .enumerate()
                    .map(|(i, l)| format!("{:>5}  {l}\n", i + 1))
                    .collect::<String>(),
            ),
            _ => CommandOutput::fail(format!("bash: {program}: command not found\n"), 127),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echo_prints_its_arguments() {
        let mut s = Session::new(SessionConfig::default());
        let out = s.run("echo hello   world", SimTime::ZERO);
        assert_eq!(out, CommandOutput::ok("hello world\n"));
    }

    #[test]
    fn unknown_command_exits_127() {
        let mut s = Session::new(SessionConfig::default());
        let out = s.run("frobnicate", SimTime::ZERO);
        assert_eq!(out.exit_code, 127);
        assert_eq!(out.stderr, "bash: frobnicate: command not found\n");
    }

    #[test]
    fn history_numbers_lines() {
        let mut s = Session::new(SessionConfig::default());
        s.run("echo a", SimTime::ZERO);
        let out = s.run("history", SimTime::ZERO);
        assert_eq!(out.stdout, "    1  echo a\n    2  history\n");
    }
}
