//! What one terminal line produces: the bytes a real terminal would show, split by stream.

use serde::{Deserialize, Serialize};

/// The result of running one line: stdout, stderr and the exit status, as a shell reports them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CommandOutput {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
    /// Set by `clear`: the terminal should wipe its scrollback before showing this output.
    pub clear_screen: bool,
}

impl CommandOutput {
    /// A successful command that printed `stdout`.
    pub fn ok(stdout: impl Into<String>) -> Self {
        CommandOutput { stdout: stdout.into(), ..Default::default() }
    }

    /// A failed command that printed `stderr` and exited with `exit_code`.
    pub fn fail(stderr: impl Into<String>, exit_code: i32) -> Self {
        CommandOutput { stderr: stderr.into(), exit_code, ..Default::default() }
    }
}
