//! Word expansion: variables (`$X`, `${X}`, `$?`), command substitution (`$(…)`, `` `…` ``),
//! `~`, splitting of unquoted expansions on whitespace, and `*`/`?` globbing in one directory.

use super::exec::Shell;
use super::lexer::{Part, Word};

/// Nesting limit for `$(…)` inside `$(…)`.
const MAX_DEPTH: u8 = 8;

/// The longest word expansion may build (1 MiB); longer values are cut with an error.
pub const MAX_WORD_BYTES: usize = 1024 * 1024;

impl Shell<'_> {
    /// Runs `$(…)`: returns its stdout without trailing newlines; its stderr reaches the
    /// terminal.
    fn substitute(&mut self, source: &str) -> String {
        if self.depth >= MAX_DEPTH {
            self.stderr.push_str("bash: maximum nesting level exceeded\n");
            return String::new();
        }
        self.depth += 1;
        let (out, _) = self.run_source(source, false);
        self.depth -= 1;
        out.trim_end_matches('\n').to_string()
    }

    fn var(&self, name: &str) -> String {
        match name {
            "?" => self.host.last_status.to_string(),
            "$" => "4242".to_string(),
            "#" | "0" => {
                if name == "0" {
                    "-bash".into()
                } else {
                    "0".into()
                }
            }
            "HOSTNAME" => self.host.hostname.clone(),
            "PWD" => self.host.cwd.clone(),
            _ => self.host.vars.get(name).cloned().unwrap_or_default(),
        }
    }

    /// Expands a word into fields: variables, substitutions, `~`, splitting of unquoted
    /// expansions on whitespace, and `*` globbing in the working directory.
    pub fn expand(&mut self, word: &Word) -> Vec<String> {
        let mut fields: Vec<String> = Vec::new();
        let mut current = String::new();
        let mut has_current = false;
        let mut glob = false;
        for (i, part) in word.parts.iter().enumerate() {
            match part {
                Part::Lit { text, quoted } => {
                    let mut text = text.clone();
                    if i == 0 && !quoted && (text == "~" || text.starts_with("~/")) {
                        text = format!("{}{}", self.host.home(), &text[1..]);
                    }
                    if !quoted && text.contains('*') {
                        glob = true;
                    }
                    current.push_str(&text);
                    has_current = true;
                }
                Part::Var { quoted: true, name } => {
                    current.push_str(&self.var(name));
                    has_current = true;
                }
                Part::Subst { quoted: true, source } => {
                    let v = self.substitute(source);
                    current.push_str(&v);
                    has_current = true;
                }
                Part::Var { quoted: false, .. } | Part::Subst { quoted: false, .. } => {
                    let value = match part {
                        Part::Var { name, .. } => self.var(name),
                        Part::Subst { source, .. } => self.substitute(source),
                        Part::Lit { .. } => String::new(),
                    };
                    let starts_ws = value.starts_with(char::is_whitespace);
                    let ends_ws = value.ends_with(char::is_whitespace);
                    let pieces: Vec<&str> = value.split_whitespace().collect();
                    if pieces.is_empty() {
                        if starts_ws && has_current {
                            fields.push(std::mem::take(&mut current));
                            has_current = false;
                        }
                        continue;
                    }
                    for (k, piece) in pieces.iter().enumerate() {
                        if (k > 0 || starts_ws) && has_current {
                            fields.push(std::mem::take(&mut current));
                        }
                        current.push_str(piece);
                        has_current = true;
                    }
                    if ends_ws {
                        fields.push(std::mem::take(&mut current));
                        has_current = false;
                    }
                }
            }
        }
        if has_current {
            fields.push(current);
        }
        let total: usize = fields.iter().map(String::len).sum();
        if total > MAX_WORD_BYTES {
            self.stderr.push_str("bash: word too long for this sandbox (over 1 MiB); truncated\n");
            for f in &mut fields {
                if f.len() > MAX_WORD_BYTES {
                    let mut cut = MAX_WORD_BYTES;
                    while !f.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    f.truncate(cut);
                }
            }
        }
        if glob {
            fields = fields.into_iter().flat_map(|f| self.glob(f)).collect();
        }
        fields
    }

    /// Expands a word to one string (assignment values are not split).
    pub(super) fn expand_joined(&mut self, word: &Word) -> String {
        let mut out = String::new();
        for (i, part) in word.parts.iter().enumerate() {
            match part {
                Part::Lit { text, quoted } => {
                    if i == 0 && !quoted && (text == "~" || text.starts_with("~/")) {
                        out.push_str(&format!("{}{}", self.host.home(), &text[1..]));
                    } else {
                        out.push_str(text);
                    }
                }
                Part::Var { name, .. } => out.push_str(&self.var(name)),
                Part::Subst { source, .. } => {
                    let v = self.substitute(source);
                    out.push_str(&v);
                }
            }
        }
        if out.len() > MAX_WORD_BYTES {
            self.stderr.push_str("bash: value too long for this sandbox (over 1 MiB); truncated\n");
            let mut cut = MAX_WORD_BYTES;
            while !out.is_char_boundary(cut) {
                cut -= 1;
            }
            out.truncate(cut);
        }
        out
    }

    fn glob(&self, pattern: String) -> Vec<String> {
        let (dir_arg, file_pat) = match pattern.rfind('/') {
            Some(i) => (pattern[..=i].to_string(), pattern[i + 1..].to_string()),
            None => (String::new(), pattern.clone()),
        };
        if dir_arg.contains('*') {
            return vec![pattern];
        }
        let dir = self.host.path(if dir_arg.is_empty() { "." } else { &dir_arg });
        let mut matches: Vec<String> = self
            .host
            .fs
            .list(&dir)
            .into_iter()
            .filter(|(name, _)| !name.starts_with('.') && glob_match(&file_pat, name))
            .map(|(name, _)| format!("{dir_arg}{name}"))
            .collect();
        if matches.is_empty() {
            return vec![pattern];
        }
        matches.sort();
        matches
    }
}

/// `*` and `?` matching for one path component.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    let (mut pi, mut ni) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ni;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ni = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}
