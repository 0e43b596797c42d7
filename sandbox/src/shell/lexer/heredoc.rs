//! Here-documents: `<<WORD`, `<<-WORD` (leading tabs stripped) and `<<'WORD'` (no expansion).
//! The body is read from the lines after the one that opened it, as bash does.

use super::{Lexer, Part, RedirectOp, Token, Word, lexer};
use crate::shell::error::{SyntaxError, SyntaxErrorKind};

impl Lexer<'_> {
    /// At `<<`: the operator, its delimiter, and a placeholder for the body.
    pub(super) fn heredoc_start(&mut self, tokens: &mut Vec<Token>) -> Result<(), SyntaxError> {
        self.pos += 2;
        if self.peek() == Some('<') {
            return Err(self.err(SyntaxErrorKind::Unsupported(
                "here-strings (<<<) do not run in this sandbox; use echo … | COMMAND".into(),
            )));
        }
        let strip = self.peek() == Some('-');
        if strip {
            self.pos += 1;
        }
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.pos += 1;
        }
        if matches!(self.peek(), None | Some('\n' | ';' | '&' | '|' | '<' | '>')) {
            return Err(SyntaxError {
                kind: SyntaxErrorKind::UnexpectedToken("newline".into()),
                position: self.pos,
            });
        }
        let word = self.word()?;
        let quoted = word.parts.iter().any(|p| !matches!(p, Part::Lit { quoted: false, .. }));
        let delimiter: String = word
            .parts
            .iter()
            .map(|p| match p {
                Part::Lit { text, .. } => text.clone(),
                Part::Var { name, .. } => format!("${name}"),
                Part::Subst { source, .. } => format!("$({source})"),
            })
            .collect();
        tokens.push(Token::Redirect { fd: 0, op: RedirectOp::HereDoc });
        tokens.push(Token::HereDocBody(Word::default()));
        self.pending.push((tokens.len() - 1, delimiter, strip, !quoted));
        Ok(())
    }

    /// After a newline: reads the bodies of the here-documents opened on the line just ended.
    pub(super) fn read_heredoc_bodies(&mut self, tokens: &mut [Token]) -> Result<(), SyntaxError> {
        for (index, delimiter, strip, expand) in std::mem::take(&mut self.pending) {
            let mut body = String::new();
            let mut found = false;
            while self.pos < self.chars.len() {
                let end = self.chars[self.pos..]
                    .iter()
                    .position(|c| *c == '\n')
                    .map_or(self.chars.len(), |i| self.pos + i);
                let raw: String = self.chars[self.pos..end].iter().collect();
                self.pos = (end + 1).min(self.chars.len());
                let line = if strip { raw.trim_start_matches('\t').to_string() } else { raw };
                if line == delimiter {
                    found = true;
                    break;
                }
                body.push_str(&line);
                body.push('\n');
            }
            if !found {
                self.unterminated_heredoc = true;
            }
            let word = if expand {
                let mut sub = lexer(&body);
                sub.expanding_body()?
            } else {
                Word { parts: vec![Part::Lit { text: body, quoted: true }] }
            };
            if let Some(slot) = tokens.get_mut(index) {
                *slot = Token::HereDocBody(word);
            }
        }
        Ok(())
    }

    /// A here-document body with `$VAR`, `${VAR}`, `$(…)` and backticks expanded and `\$`,
    /// `` \` ``, `\\` escaped; everything else is literal.
    fn expanding_body(&mut self) -> Result<Word, SyntaxError> {
        let mut word = Word::default();
        let mut text = String::new();
        while let Some(c) = self.peek() {
            match c {
                '\\' if matches!(self.peek_at(1), Some('$' | '`' | '\\')) => {
                    text.push(self.peek_at(1).unwrap_or('\\'));
                    self.pos += 2;
                }
                '$' | '`' => match self.dollar(true)? {
                    Some(part) => {
                        if !text.is_empty() {
                            word.parts.push(Part::Lit { text: std::mem::take(&mut text), quoted: true });
                        }
                        word.parts.push(part);
                    }
                    None => text.push('$'),
                },
                _ => {
                    text.push(c);
                    self.pos += 1;
                }
            }
        }
        if !text.is_empty() || word.parts.is_empty() {
            word.parts.push(Part::Lit { text, quoted: true });
        }
        Ok(word)
    }
}
