//! Turns tokens into a command list: pipelines joined by `&&`, `||` and `;`; each command is a
//! simple command (leading `NAME=value` assignments, words, redirections) or one of the
//! compound commands scripts use: `if … then … [elif …] [else …] fi`, `for NAME [in WORDS]; do …
//! done`, `while …; do … done` and `until …; do … done`.

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
pub struct SimpleCommand {
    pub assignments: Vec<(String, Word)>,
    pub words: Vec<Word>,
    pub redirects: Vec<Redirect>,
}

/// A command in a pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Simple(SimpleCommand),
    /// `if C1; then B1; elif C2; then B2; else B3; fi`.
    If {
        branches: Vec<(List, List)>,
        otherwise: Option<List>,
    },
    /// `for NAME in WORDS; do BODY; done`.
    For {
        name: String,
        words: Vec<Word>,
        body: List,
    },
    /// `while COND; do BODY; done` (`until` when `until` is true).
    While {
        cond: List,
        body: List,
        until: bool,
    },
}

/// Commands joined by `|`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pipeline {
    pub commands: Vec<Command>,
    /// `! pipeline` inverts the status.
    pub negated: bool,
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

/// A whole line, or the body of a compound command.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct List {
    pub items: Vec<(Connector, Pipeline)>,
}

/// Words that open or close compound commands when they stand where a command would.
const RESERVED: &[&str] =
    &["if", "then", "elif", "else", "fi", "for", "do", "done", "while", "until", "in", "!"];

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

/// The word's text when it is a single bare literal (how keywords are recognised).
fn bare(token: Option<&Token>) -> Option<&str> {
    match token {
        Some(Token::Word(w)) if w.parts.len() == 1 => match &w.parts[0] {
            Part::Lit { text, quoted: false } => Some(text.as_str()),
            _ => None,
        },
        _ => None,
    }
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn unexpected(&self) -> SyntaxError {
        let kind = match self.peek() {
            Some(Token::Word(_)) => {
                SyntaxErrorKind::UnexpectedToken(bare(self.peek()).unwrap_or("word").to_string())
            }
            Some(t) => SyntaxErrorKind::UnexpectedToken(t.spelling()),
            None => SyntaxErrorKind::UnexpectedEnd,
        };
        SyntaxError { kind, position: self.pos }
    }

    fn at_keyword(&self, words: &[&str]) -> bool {
        bare(self.peek()).is_some_and(|w| words.contains(&w))
    }

    fn expect_keyword(&mut self, word: &str) -> Result<(), SyntaxError> {
        if self.at_keyword(&[word]) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn skip_separators(&mut self) {
        while matches!(self.peek(), Some(Token::Semi | Token::Newline)) {
            self.pos += 1;
        }
    }

    fn skip_newlines(&mut self) {
        while matches!(self.peek(), Some(Token::Newline)) {
            self.pos += 1;
        }
    }

    /// A list up to (not including) one of `terminators`, or the end when it is empty.
    fn list(&mut self, terminators: &[&str], top: bool) -> Result<List, SyntaxError> {
        let mut list = List::default();
        let mut connector = Connector::Always;
        if top {
            self.skip_newlines();
        } else {
            self.skip_separators();
        }
        loop {
            if self.peek().is_none() {
                if connector != Connector::Always {
                    return Err(SyntaxError { kind: SyntaxErrorKind::UnexpectedEnd, position: self.pos });
                }
                break;
            }
            if !terminators.is_empty() && self.at_keyword(terminators) {
                if connector != Connector::Always || list.items.is_empty() {
                    return Err(self.unexpected());
                }
                break;
            }
            let pipeline = self.pipeline()?;
            list.items.push((connector, pipeline));
            match self.peek() {
                Some(Token::And) => connector = Connector::IfSuccess,
                Some(Token::Or) => connector = Connector::IfFailure,
                Some(Token::Semi | Token::Amp | Token::Newline) => connector = Connector::Always,
                None => break,
                Some(_) if self.at_keyword(terminators) => break,
                Some(_) => return Err(self.unexpected()),
            }
            self.pos += 1;
            if connector == Connector::Always {
                self.skip_separators();
            } else {
                self.skip_newlines();
            }
        }
        Ok(list)
    }

    fn pipeline(&mut self) -> Result<Pipeline, SyntaxError> {
        let mut pipeline = Pipeline::default();
        if self.at_keyword(&["!"]) {
            self.pos += 1;
            pipeline.negated = true;
        }
        loop {
            pipeline.commands.push(self.command()?);
            if matches!(self.peek(), Some(Token::Pipe)) {
                self.pos += 1;
                self.skip_newlines();
                if self.peek().is_none() {
                    return Err(SyntaxError { kind: SyntaxErrorKind::UnexpectedEnd, position: self.pos });
                }
            } else {
                return Ok(pipeline);
            }
        }
    }

    fn command(&mut self) -> Result<Command, SyntaxError> {
        match bare(self.peek()) {
            Some("if") => {
                self.pos += 1;
                let mut branches = Vec::new();
                let cond = self.list(&["then"], false)?;
                self.expect_keyword("then")?;
                let body = self.list(&["elif", "else", "fi"], false)?;
                branches.push((cond, body));
                let mut otherwise = None;
                loop {
                    if self.at_keyword(&["elif"]) {
                        self.pos += 1;
                        let cond = self.list(&["then"], false)?;
                        self.expect_keyword("then")?;
                        let body = self.list(&["elif", "else", "fi"], false)?;
                        branches.push((cond, body));
                    } else if self.at_keyword(&["else"]) {
                        self.pos += 1;
                        otherwise = Some(self.list(&["fi"], false)?);
                    } else {
                        self.expect_keyword("fi")?;
                        return Ok(Command::If { branches, otherwise });
                    }
                }
            }
            Some("for") => {
                self.pos += 1;
                let name = match bare(self.peek()) {
                    Some(n) if n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => n.to_string(),
                    _ => return Err(self.unexpected()),
                };
                self.pos += 1;
                let mut words = Vec::new();
                if self.at_keyword(&["in"]) {
                    self.pos += 1;
                    while let Some(Token::Word(w)) = self.peek() {
                        words.push(w.clone());
                        self.pos += 1;
                    }
                }
                self.skip_separators();
                self.expect_keyword("do")?;
                let body = self.list(&["done"], false)?;
                self.expect_keyword("done")?;
                Ok(Command::For { name, words, body })
            }
            Some(kw @ ("while" | "until")) => {
                let until = kw == "until";
                self.pos += 1;
                let cond = self.list(&["do"], false)?;
                self.expect_keyword("do")?;
                let body = self.list(&["done"], false)?;
                self.expect_keyword("done")?;
                Ok(Command::While { cond, body, until })
            }
            Some(kw) if RESERVED.contains(&kw) && kw != "!" && kw != "in" => Err(self.unexpected()),
            _ => self.simple().map(Command::Simple),
        }
    }

    fn simple(&mut self) -> Result<SimpleCommand, SyntaxError> {
        let mut command = SimpleCommand::default();
        while let Some(token) = self.peek().cloned() {
            match token {
                Token::Word(w) => {
                    self.pos += 1;
                    if command.words.is_empty()
                        && let Some(a) = assignment(&w)
                    {
                        command.assignments.push(a);
                        continue;
                    }
                    command.words.push(w);
                }
                Token::Redirect { fd, op: RedirectOp::HereDoc } => {
                    self.pos += 1;
                    if let Some(Token::HereDocBody(body)) = self.peek() {
                        command.redirects.push(Redirect {
                            fd,
                            op: RedirectOp::HereDoc,
                            target: Some(body.clone()),
                        });
                        self.pos += 1;
                    }
                }
                Token::Redirect { fd, op } => {
                    self.pos += 1;
                    if op == RedirectOp::StderrToStdout {
                        command.redirects.push(Redirect { fd, op, target: None });
                        continue;
                    }
                    match self.peek() {
                        Some(Token::Word(w)) => {
                            command.redirects.push(Redirect { fd, op, target: Some(w.clone()) });
                            self.pos += 1;
                        }
                        Some(_) => return Err(self.unexpected()),
                        None => {
                            return Err(SyntaxError {
                                kind: SyntaxErrorKind::UnexpectedToken("newline".into()),
                                position: self.pos,
                            });
                        }
                    }
                }
                _ => break,
            }
        }
        if command.words.is_empty() && command.assignments.is_empty() && command.redirects.is_empty() {
            return Err(self.unexpected());
        }
        Ok(command)
    }
}

/// Parses `tokens` into a [`List`].
pub fn parse(tokens: Vec<Token>) -> Result<List, SyntaxError> {
    let mut p = Parser { tokens, pos: 0 };
    let list = p.list(&[], true)?;
    if p.pos < p.tokens.len() {
        return Err(p.unexpected());
    }
    Ok(list)
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
        let Command::Simple(first) = &list.items[0].1.commands[0] else { panic!("simple") };
        assert_eq!(first.assignments.len(), 2);
        assert_eq!(list.items[1].0, Connector::IfSuccess);
        assert_eq!(list.items[1].1.commands.len(), 2);
    }

    #[test]
    fn parses_compound_commands() {
        let list = p("if true; then echo a; elif false; then echo b; else echo c; fi").unwrap();
        assert!(
            matches!(&list.items[0].1.commands[0], Command::If { branches, otherwise: Some(_) } if branches.len() == 2)
        );
        let list = p("for i in a b c\ndo\n  echo $i\ndone | wc -l").unwrap();
        assert!(matches!(&list.items[0].1.commands[0], Command::For { words, .. } if words.len() == 3));
        assert!(p("while false; do echo x; done").is_ok());
        assert!(p("echo done fi then").is_ok());
    }

    #[test]
    fn rejects_dangling_operators() {
        assert_eq!(p("&& ls").unwrap_err().to_string(), "bash: syntax error near unexpected token `&&'");
        assert_eq!(p("ls |").unwrap_err().to_string(), "bash: syntax error: unexpected end of file");
        assert_eq!(
            p("echo >").unwrap_err().to_string(),
            "bash: syntax error near unexpected token `newline'"
        );
        assert_eq!(p("fi").unwrap_err().to_string(), "bash: syntax error near unexpected token `fi'");
        assert_eq!(
            p("if true; then echo").unwrap_err().to_string(),
            "bash: syntax error: unexpected end of file"
        );
        assert_eq!(p("for; do").unwrap_err().to_string(), "bash: syntax error near unexpected token `;'");
        assert!(p("ls;").is_ok());
        assert!(p("ls &").is_ok());
        assert!(p("\n# comment\nls\n\necho\n").is_ok());
        assert_eq!(p("; ls").unwrap_err().to_string(), "bash: syntax error near unexpected token `;'");
    }
}
