//! The preprocessor's error: a position in a chapter and what is wrong there.

use std::fmt;

/// A problem in a chapter, reported as `file:line: message` so that editors can jump to it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Error {
    pub file: String,
    /// 1-based line in the chapter source.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for Error {}
