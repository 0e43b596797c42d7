//! CLI failures: service errors (exit 254), usage and parameter errors (exit 252), and how each
//! is printed on stderr.

use crate::ec2::Ec2Error;

/// The usage banner the AWS CLI prints before argument errors.
pub const USAGE: &str = "usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\nTo see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n";

/// Why an `aws` invocation failed.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CliError {
    /// The service answered with an error (`An error occurred (Code) when calling …`).
    Service { operation: &'static str, error: Ec2Error },
    /// argparse-level misuse: printed after the usage banner as `aws: error: …`.
    Usage { message: String },
    /// A parameter value that could not be parsed (`Error parsing parameter '--x': …`).
    Param { param: String, message: String },
    /// Client-side parameter validation (`Parameter validation failed: …`), exit 252.
    Validation { message: String },
    /// Anything else the CLI reports on its own with exit 255 (e.g. an unknown region).
    Other { message: String },
}

impl CliError {
    pub fn usage(message: impl Into<String>) -> Self {
        CliError::Usage { message: message.into() }
    }

    pub fn param(param: &str, message: impl Into<String>) -> Self {
        CliError::Param { param: param.to_string(), message: message.into() }
    }

    /// What the terminal shows on stderr.
    pub fn stderr(&self) -> String {
        match self {
            CliError::Service { operation, error } => format!(
                "\nAn error occurred ({}) when calling the {operation} operation: {}\n",
                error.code, error.message
            ),
            CliError::Usage { message } => format!("{USAGE}\naws: error: {message}\n"),
            CliError::Param { param, message } => {
                format!("\nError parsing parameter '{param}': {message}\n")
            }
            CliError::Validation { message } | CliError::Other { message } => format!("\n{message}\n"),
        }
    }

    /// The AWS CLI v2 exit status.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Service { .. } => 254,
            CliError::Usage { .. } | CliError::Param { .. } | CliError::Validation { .. } => 252,
            CliError::Other { .. } => 255,
        }
    }
}

impl From<Ec2Error> for CliError {
    fn from(error: Ec2Error) -> Self {
        CliError::Service { operation: "", error }
    }
}
