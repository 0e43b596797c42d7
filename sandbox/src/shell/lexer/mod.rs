//! Splits one command line into shell words and operators, the way bash's tokenizer does,
//! before anything is expanded or run.
//!
//! Supported: single quotes, double quotes (with `\"`, `\\`, `\$`, `` \` `` escapes), backslash
//! escapes and `\`-newline continuations, `$VAR`, `${VAR}`, `$?`, `$(…)` and `` `…` ``,
//! `#` comments, and the operators `&&`, `||`, `;`, `|`, `>`, `>>`, `<`, `2>`, `2>>`, `2>&1`,
//! `&>`. Quoting errors are reported with bash's wording.

mod heredoc;

use super::error::{SyntaxError, SyntaxErrorKind};

/// One piece of a word, remembering whether it was quoted (quoted pieces are not split on
/// whitespace after expansion).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Literal text. `quoted` is false only for bare text (which may hold `~` or `*`).
    Lit { text: String, quoted: bool },
    /// `$NAME`, `${NAME}` or `$?`.
    Var { name: String, quoted: bool },
    /// `$(…)` or `` `…` ``: the inner source, run when the word is expanded.
    Subst { source: String, quoted: bool },
}

/// A shell word: parts glued together with no space between them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    pub parts: Vec<Part>,
}

impl Word {
    /// The word's text if it is made only of literals (used for assignments and operators).
    pub fn literal_prefix(&self) -> Option<&str> {
        match self.parts.first() {
            Some(Part::Lit { text, quoted: false }) => Some(text),
            _ => None,
        }
    }
}

/// What a redirection does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedirectOp {
    /// `>` / `2>`: truncate.
    Write,
    /// `>>` / `2>>`: append.
    Append,
    /// `<`: read stdin from a file.
    Read,
    /// `2>&1`: stderr joins stdout.
    StderrToStdout,
    /// `&>`: both streams to a file.
    Both,
    /// `<<WORD`: stdin from the here-document text (the redirect's target word).
    HereDoc,
}

/// A token of the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Word(Word),
    And,
    Or,
    Semi,
    /// A line break: separates commands like `;`, and may also start or end a script.
    Newline,
    Pipe,
    /// A redirection operator applying to file descriptor `fd` (1 or 2).
    Redirect {
        fd: u8,
        op: RedirectOp,
    },
    /// A here-document's body, as a word to expand (all of it quoted).
    HereDocBody(Word),
    /// `&` (background): accepted and run in the foreground.
    Amp,
}

impl Token {
    /// How bash spells the token in "syntax error near unexpected token" messages.
    pub fn spelling(&self) -> String {
        match self {
            Token::Word(_) | Token::HereDocBody(_) => "word".into(),
            Token::And => "&&".into(),
            Token::Or => "||".into(),
            Token::Semi => ";".into(),
            Token::Newline => "newline".into(),
            Token::Pipe => "|".into(),
            Token::Amp => "&".into(),
            Token::Redirect { op: RedirectOp::Append, .. } => ">>".into(),
            Token::Redirect { op: RedirectOp::Read, .. } => "<".into(),
            Token::Redirect { op: RedirectOp::HereDoc, .. } => "<<".into(),
            Token::Redirect { .. } => ">".into(),
        }
    }
}

struct Lexer<'a> {
    chars: Vec<char>,
    pos: usize,
    src: &'a str,
    /// Here-documents whose body starts after the next newline: (token index, delimiter,
    /// strip leading tabs, expand `$`).
    pending: Vec<(usize, String, bool, bool)>,
    /// A here-document ran to the end of the input without its delimiter line.
    unterminated_heredoc: bool,
}

/// Tokenizes `line`.
pub fn tokenize(line: &str) -> Result<Vec<Token>, SyntaxError> {
    lexer(line).run()
}

fn lexer(line: &str) -> Lexer<'_> {
    Lexer {
        chars: line.chars().collect(),
        pos: 0,
        src: line,
        pending: Vec::new(),
        unterminated_heredoc: false,
    }
}

/// Whether `text` stops in the middle of something (an open quote or `$(`, or a
/// here-document without its delimiter line), so a script reader should append the next line.
pub fn needs_more_input(text: &str) -> bool {
    let mut lx = lexer(text);
    let _ = lx.src;
    match lx.run() {
        Ok(_) => lx.unterminated_heredoc,
        Err(e) => matches!(
            e.kind,
            SyntaxErrorKind::UnterminatedQuote(_) | SyntaxErrorKind::UnterminatedSubstitution
        ),
    }
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.pos + n).copied()
    }

    fn err(&self, kind: SyntaxErrorKind) -> SyntaxError {
        SyntaxError { kind, position: self.pos }
    }

    fn run(&mut self) -> Result<Vec<Token>, SyntaxError> {
        let mut tokens = Vec::new();
        loop {
            // Skip blanks and backslash-newline continuations.
            while let Some(c) = self.peek() {
                if c == ' ' || c == '\t' || c == '\r' {
                    self.pos += 1;
                } else if c == '\\' && self.peek_at(1) == Some('\n') {
                    self.pos += 2;
                } else {
                    break;
                }
            }
            let Some(c) = self.peek() else { break };
            match c {
                '#' => {
                    // A comment runs to the end of its line only.
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.pos += 1;
                    }
                }
                '\n' => {
                    self.pos += 1;
                    tokens.push(Token::Newline);
                    self.read_heredoc_bodies(&mut tokens)?;
                }
                ';' => {
                    self.pos += 1;
                    tokens.push(Token::Semi);
                }
                '&' if self.peek_at(1) == Some('&') => {
                    self.pos += 2;
                    tokens.push(Token::And);
                }
                '&' if self.peek_at(1) == Some('>') => {
                    self.pos += 2;
                    tokens.push(Token::Redirect { fd: 1, op: RedirectOp::Both });
                }
                '&' => {
                    self.pos += 1;
                    tokens.push(Token::Amp);
                }
                '|' if self.peek_at(1) == Some('|') => {
                    self.pos += 2;
                    tokens.push(Token::Or);
                }
                '|' => {
                    self.pos += 1;
                    tokens.push(Token::Pipe);
                }
                '<' if self.peek_at(1) == Some('<') => self.heredoc_start(&mut tokens)?,
                '>' | '<' => tokens.push(self.redirect(1)),
                '2' if matches!(self.peek_at(1), Some('>')) => {
                    self.pos += 1;
                    tokens.push(self.redirect(2));
                }
                _ => tokens.push(Token::Word(self.word()?)),
            }
        }
        if !self.pending.is_empty() {
            self.unterminated_heredoc = true;
            self.read_heredoc_bodies(&mut tokens)?;
        }
        Ok(tokens)
    }

    fn redirect(&mut self, fd: u8) -> Token {
        let c = self.peek();
        self.pos += 1;
        if c == Some('<') {
            return Token::Redirect { fd: 0, op: RedirectOp::Read };
        }
        if self.peek() == Some('>') {
            self.pos += 1;
            return Token::Redirect { fd, op: RedirectOp::Append };
        }
        if fd == 2 && self.peek() == Some('&') && self.peek_at(1) == Some('1') {
            self.pos += 2;
            return Token::Redirect { fd, op: RedirectOp::StderrToStdout };
        }
        Token::Redirect { fd, op: RedirectOp::Write }
    }

    fn word(&mut self) -> Result<Word, SyntaxError> {
        let mut word = Word::default();
        let mut lit = String::new();
        let flush = |lit: &mut String, word: &mut Word| {
            if !lit.is_empty() {
                word.parts.push(Part::Lit { text: std::mem::take(lit), quoted: false });
            }
        };
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' | '\r' | '\n' | ';' | '&' | '|' | '<' | '>' => break,
                '\\' => {
                    self.pos += 1;
                    match self.peek() {
                        Some('\n') => self.pos += 1,
                        Some(next) => {
                            self.pos += 1;
                            flush(&mut lit, &mut word);
                            word.parts.push(Part::Lit { text: next.to_string(), quoted: true });
                        }
                        None => {}
                    }
                }
                '\'' => {
                    flush(&mut lit, &mut word);
                    let start = self.pos;
                    self.pos += 1;
                    let mut text = String::new();
                    loop {
                        match self.peek() {
                            None => {
                                self.pos = start;
                                return Err(self.err(SyntaxErrorKind::UnterminatedQuote('\'')));
                            }
                            Some('\'') => {
                                self.pos += 1;
                                break;
                            }
                            Some(ch) => {
                                text.push(ch);
                                self.pos += 1;
                            }
                        }
                    }
                    word.parts.push(Part::Lit { text, quoted: true });
                }
                '"' => {
                    flush(&mut lit, &mut word);
                    self.double_quoted(&mut word)?;
                }
                '$' | '`' => {
                    if let Some(part) = self.dollar(false)? {
                        flush(&mut lit, &mut word);
                        word.parts.push(part);
                    } else {
                        lit.push('$');
                    }
                }
                _ => {
                    lit.push(c);
                    self.pos += 1;
                }
            }
        }
        flush(&mut lit, &mut word);
        if word.parts.is_empty() {
            // Only happens for `""`-less empty input; keep an empty literal so `''` survives.
            word.parts.push(Part::Lit { text: String::new(), quoted: true });
        }
        Ok(word)
    }

    fn double_quoted(&mut self, word: &mut Word) -> Result<(), SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let mut text = String::new();
        let mut any = false;
        loop {
            match self.peek() {
                None => {
                    self.pos = start;
                    return Err(self.err(SyntaxErrorKind::UnterminatedQuote('"')));
                }
                Some('"') => {
                    self.pos += 1;
                    break;
                }
                Some('\\') => {
                    self.pos += 1;
                    match self.peek() {
                        Some(n @ ('"' | '\\' | '$' | '`')) => {
                            text.push(n);
                            self.pos += 1;
                        }
                        Some('\n') => self.pos += 1,
                        _ => text.push('\\'),
                    }
                }
                Some('$' | '`') => match self.dollar(true)? {
                    Some(part) => {
                        if !text.is_empty() {
                            word.parts.push(Part::Lit { text: std::mem::take(&mut text), quoted: true });
                        }
                        word.parts.push(part);
                        any = true;
                    }
                    None => text.push('$'),
                },
                Some(ch) => {
                    text.push(ch);
                    self.pos += 1;
                }
            }
        }
        if !text.is_empty() || !any {
            word.parts.push(Part::Lit { text, quoted: true });
        }
        Ok(())
    }

    /// At `$` or `` ` ``: a variable or substitution, or `None` for a lone `$`.
    fn dollar(&mut self, quoted: bool) -> Result<Option<Part>, SyntaxError> {
        let start = self.pos;
        if self.peek() == Some('`') {
            self.pos += 1;
            let mut source = String::new();
            loop {
                match self.peek() {
                    None => {
                        self.pos = start;
                        return Err(self.err(SyntaxErrorKind::UnterminatedQuote('`')));
                    }
                    Some('`') => {
                        self.pos += 1;
                        break;
                    }
                    Some('\\') if self.peek_at(1) == Some('`') => {
                        source.push('`');
                        self.pos += 2;
                    }
                    Some(ch) => {
                        source.push(ch);
                        self.pos += 1;
                    }
                }
            }
            return Ok(Some(Part::Subst { source, quoted }));
        }
        self.pos += 1; // the `$`
        match self.peek() {
            Some('(') => {
                self.pos += 1;
                let body_start = self.pos;
                let mut depth = 1usize;
                let mut in_single = false;
                let mut in_double = false;
                while let Some(ch) = self.peek() {
                    match ch {
                        '\\' if !in_single => self.pos += 1,
                        '\'' if !in_double => in_single = !in_single,
                        '"' if !in_single => in_double = !in_double,
                        '(' if !in_single && !in_double => depth += 1,
                        ')' if !in_single && !in_double => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    self.pos += 1;
                }
                if depth != 0 || self.pos >= self.chars.len() {
                    self.pos = start;
                    return Err(self.err(SyntaxErrorKind::UnterminatedSubstitution));
                }
                let source: String = self.chars[body_start..self.pos].iter().collect();
                self.pos += 1;
                Ok(Some(Part::Subst { source, quoted }))
            }
            Some('{') => {
                self.pos += 1;
                let mut name = String::new();
                while let Some(ch) = self.peek() {
                    self.pos += 1;
                    if ch == '}' {
                        return Ok(Some(Part::Var { name, quoted }));
                    }
                    name.push(ch);
                }
                self.pos = start;
                Err(self.err(SyntaxErrorKind::UnterminatedQuote('}')))
            }
            Some(c @ ('?' | '$' | '#' | '0'..='9')) => {
                self.pos += 1;
                Ok(Some(Part::Var { name: c.to_string(), quoted }))
            }
            Some(c) if is_name_start(c) => {
                let mut name = String::new();
                while let Some(ch) = self.peek().filter(|c| is_name_char(*c)) {
                    name.push(ch);
                    self.pos += 1;
                }
                Ok(Some(Part::Var { name, quoted }))
            }
            _ => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> usize {
        tokenize(line).map(|t| t.len()).unwrap_or(usize::MAX)
    }

    #[test]
    fn splits_operators_and_words() {
        assert_eq!(words("ls -l && echo 'a b' | grep a; echo \"x\""), 11);
        assert_eq!(words("echo hi > f 2>&1"), 5);
    }

    #[test]
    fn reports_unterminated_quotes() {
        let err = tokenize("echo 'abc").unwrap_err();
        assert_eq!(err.to_string(), "bash: unexpected EOF while looking for matching `''");
        assert_eq!(err.position, 5);
        assert!(tokenize("echo \"abc").is_err());
        assert!(tokenize("X=$(curl").is_err());
    }
}
