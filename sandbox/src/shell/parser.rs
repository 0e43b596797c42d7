//! Turns tokens into a command list: pipelines joined by `&&`, `||` and `;`, each command with
//! its leading `NAME=value` assignments, its words and its redirections.

use super::error::{SyntaxError, SyntaxErrorKind};
use super::lexer::{Part, RedirectOp, Token, Word};

/// A redirection on one command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    pub fd: u8,
    pub op: RedirectOp,
    /// The file; `None` for `2>&1`.
    pub target: Option<Word>,
}

/// One simple command: `A=1 B=2 prog arg… >file`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Command {
    pub assignments: Vec<(String, Word)>,
    pub words: Vec<Word>,
    pub redirects: Vec<Redirect>,
}

/// Commands joined by `|`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pipeline {
    pub commands: Vec<Command>,
}

/// How a pipeline relates to the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connector {
    /// First in the line, or after `;`: always runs.
    Always,
    /// After `&&`: runs if the previous status was 0.
    IfSuccess,
    /// After `||`: runs if the previous status was not 0.
    IfFailure,
}

/// A whole line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct List {
    pub items: Vec<(Connector, Pipeline)>,
}

/// Splits `NAME=rest` off a word if its leading bare literal has that shape.
fn assignment(word: &Word) -> Option<(String, Word)> {
    let text = word.literal_prefix()?;
    let (name, value) = text.split_once('=')?;
    let mut chars = name.chars();
    let first = chars.next()?;
    if !(first.is_ascii_alphabetic() || first == '_') || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return None;
    }
    let mut parts = Vec::new();
    if !value.is_empty() {
        parts.push(Part::Lit { text: value.to_string(), quoted: false });
    }
    parts.extend(word.parts.iter().skip(1).cloned());
    Some((name.to_string(), Word { parts }))
}

/// Parses `tokens` into a [`List`].
pub fn parse(tokens: Vec<Token>) -> Result<List, SyntaxError> {
    let mut list = List::default();
    let mut pipeline = Pipeline::default();
    let mut command = Command::default();
    let mut connector = Connector::Always;
    let mut iter = tokens.into_iter().enumerate().peekable();
    let unexpected = |t: &Token, i: usize| SyntaxError {
        kind: SyntaxErrorKind::UnexpectedToken(t.spelling()),
        position: i,
    };
    let mut pending_end = false;
    while let Some((i, token)) = iter.next() {
        match token {
            Token::Word(w) => {
                pending_end = false;
                if command.words.is_empty() {
                    if let Some(a) = assignment(&w) {
                        command.assignments.push(a);
                        continue;
                    }
                }
                command.words.push(w);
            }
            Token::Redirect { fd, op } => {
                if op == RedirectOp::StderrToStdout {
                    command.redirects.push(Redirect { fd, op, target: None });
                    continue;
                }
                match iter.next() {
                    Some((_, Token::Word(w))) => command.redirects.push(Redirect { fd, op, target: Some(w) }),
                    Some((j, other)) => return Err(unexpected(&other, j)),
                    None => {
                        return Err(SyntaxError {
                            kind: SyntaxErrorKind::UnexpectedToken("newline".into()),
                            position: i,
                        });
                    }
                }
            }
            Token::Pipe => {
                if command_is_empty(&command) {
                    return Err(unexpected(&Token::Pipe, i));
                }
                pipeline.commands.push(std::mem::take(&mut command));
                pending_end = true;
            }
            op @ (Token::And | Token::Or | Token::Semi | Token::Amp) => {
                if command_is_empty(&command) {
                    return Err(unexpected(&op, i));
                }
                pipeline.commands.push(std::mem::take(&mut command));
                list.items.push((connector, std::mem::take(&mut pipeline)));
                connector = match op {
                    Token::And => Connector::IfSuccess,
                    Token::Or => Connector::IfFailure,
                    _ => Connector::Always,
                };
                pending_end = matches!(op, Token::And | Token::Or);
                // `a;` and `a &` may end the line.
                if !pending_end && iter.peek().is_none() {
                    return Ok(list);
                }
            }
        }
    }
    if pending_end {
        return Err(SyntaxError { kind: SyntaxErrorKind::UnexpectedEnd, position: 0 });
    }
    if !command_is_empty(&command) {
        pipeline.commands.push(command);
        list.items.push((connector, pipeline));
    }
    Ok(list)
}

fn command_is_empty(c: &Command) -> bool {
    c.words.is_empty() && c.assignments.is_empty() && c.redirects.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::lexer::tokenize;

    fn p(line: &str) -> Result<List, SyntaxError> {
        parse(tokenize(line)?)
    }

    #[test]
    fn parses_lists_and_assignments() {
        let list = p("A=1 B=$(x) && ls -l | wc -l; echo").unwrap();
        assert_eq!(list.items.len(), 3);
        assert_eq!(list.items[0].1.commands[0].assignments.len(), 2);
        assert_eq!(list.items[1].0, Connector::IfSuccess);
        assert_eq!(list.items[1].1.commands.len(), 2);
    }

    #[test]
    fn rejects_dangling_operators() {
        assert_eq!(p("&& ls").unwrap_err().to_string(), "bash: syntax error near unexpected token `&&'");
        assert_eq!(p("ls |").unwrap_err().to_string(), "bash: syntax error: unexpected end of file");
        assert_eq!(
            p("echo >").unwrap_err().to_string(),
            "bash: syntax error near unexpected token `newline'"
        );
        assert!(p("ls;").is_ok());
    }
}
