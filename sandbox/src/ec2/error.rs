//! Typed control-plane errors: what went wrong, the AWS error code and message, and the input.

use std::fmt;

/// The family an EC2 error belongs to; the exact AWS code is in [`Ec2Error::code`].
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A well-formed id or name that does not exist (in this region).
    NotFound,
    /// An id that does not have the shape of its resource type.
    Malformed,
    /// A name or rule that already exists.
    Duplicate,
    /// The resource is in a state that forbids the action.
    IncorrectState,
    /// A quota (addresses, vCPUs, instances) would be exceeded.
    LimitExceeded,
    /// A parameter value AWS rejects.
    InvalidParameter,
    /// A required parameter is missing.
    MissingParameter,
    /// Something still depends on the resource.
    DependencyViolation,
    /// A protection attribute forbids the action.
    OperationNotPermitted,
    /// `--dry-run` on a request that would have succeeded.
    DryRun,
    /// A client token reused with other parameters.
    IdempotencyMismatch,
}

/// An error the EC2 API would return: HTTP 400 (or 412 for dry runs) with a code and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ec2Error {
    pub kind: ErrorKind,
    /// The AWS error code, e.g. `InvalidInstanceID.NotFound`.
    pub code: String,
    /// The AWS message, verbatim.
    pub message: String,
    /// The offending input (an id, a name, a value), empty when there is none.
    pub input: String,
}

impl Ec2Error {
    pub fn new(kind: ErrorKind, code: &str, input: impl Into<String>, message: impl Into<String>) -> Self {
        Ec2Error { kind, code: code.to_string(), message: message.into(), input: input.into() }
    }

    /// `DryRunOperation`: the request would have succeeded.
    pub fn dry_run() -> Self {
        Ec2Error::new(
            ErrorKind::DryRun,
            "DryRunOperation",
            "",
            "Request would have succeeded, but DryRun flag is set.",
        )
    }

    /// `InvalidParameterValue` with `message`.
    pub fn invalid_value(input: impl Into<String>, message: impl Into<String>) -> Self {
        Ec2Error::new(ErrorKind::InvalidParameter, "InvalidParameterValue", input, message)
    }

    /// `MissingParameter` with `message`.
    pub fn missing(param: &str, message: impl Into<String>) -> Self {
        Ec2Error::new(ErrorKind::MissingParameter, "MissingParameter", param, message)
    }

    /// The same error under another code and kind.
    pub fn with_code(mut self, code: &str, kind: ErrorKind) -> Self {
        self.code = code.to_string();
        self.kind = kind;
        self
    }

    /// The HTTP status AWS answers with.
    pub fn http_status(&self) -> u16 {
        if self.kind == ErrorKind::DryRun { 412 } else { 400 }
    }
}

impl fmt::Display for Ec2Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for Ec2Error {}

/// Results of control-plane actions.
pub type Ec2Result<T> = Result<T, Ec2Error>;
