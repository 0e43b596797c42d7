//! Typed shell errors: what went wrong, where, and the line bash would print.

use std::fmt;

/// What kind of mistake the line has.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SyntaxErrorKind {
    /// A quote (`'`, `"` or `` ` ``) was opened and never closed.
    UnterminatedQuote(char),
    /// `$(` without its `)`.
    UnterminatedSubstitution,
    /// An operator where a command should be, e.g. `&& ls` or `ls | | wc`.
    UnexpectedToken(String),
    /// The line ended where more was needed, e.g. `ls &&` or `echo >`.
    UnexpectedEnd,
    /// Valid bash this sandbox does not run (here-documents), with what to do instead.
    Unsupported(String),
}

/// A syntax error and the byte offset in the line where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub position: usize,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            SyntaxErrorKind::UnterminatedQuote(q) => {
                write!(f, "bash: unexpected EOF while looking for matching `{q}'")
            }
            SyntaxErrorKind::UnterminatedSubstitution => {
                write!(f, "bash: unexpected EOF while looking for matching `)'")
            }
            SyntaxErrorKind::UnexpectedToken(t) => {
                write!(f, "bash: syntax error near unexpected token `{t}'")
            }
            SyntaxErrorKind::UnexpectedEnd => {
                write!(f, "bash: syntax error: unexpected end of file")
            }
            SyntaxErrorKind::Unsupported(what) => write!(f, "bash: {what}"),
        }
    }
}

impl std::error::Error for SyntaxError {}
