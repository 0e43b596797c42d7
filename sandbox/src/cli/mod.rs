//! The `aws` command line: argument parsing, the operation table and output formatting.

use crate::ec2::World;
use crate::output::CommandOutput;
use crate::time::SimTime;

/// Who is calling and from where: the defaults the real CLI takes from its configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliEnv {
    /// The region used when `--region` is absent (`AWS_DEFAULT_REGION` / `~/.aws/config`).
    pub default_region: String,
}

/// Runs `aws` with `argv` (the words after `aws`) against `world` at `now`.
pub fn run(_world: &mut World, argv: &[String], _env: &CliEnv, _now: SimTime) -> CommandOutput {
    let usage = "usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n\
                 To see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n\n";
    match argv.first().map(String::as_str) {
        None => CommandOutput::fail(
            format!("{usage}aws: error: the following arguments are required: command\n"),
            2,
        ),
        Some(command) => CommandOutput::fail(
            format!(
                "{usage}aws: error: argument command: Invalid choice, valid choices are:\n\nec2\n\nInvalid choice: '{command}'\n"
            ),
            2,
        ),
    }
}
