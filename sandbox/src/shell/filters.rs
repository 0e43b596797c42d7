//! The filters a pipe can feed: `grep`, `head`, `tail`, `wc`. Each reads its files or stdin.

use super::exec::Io;
use super::host::Host;
use crate::output::CommandOutput;
use regex_lite::Regex;

/// Gathers the text a filter reads: the named files, or stdin when none are named.
fn inputs(host: &Host, prog: &str, files: &[String], io: &Io<'_>) -> (Vec<(String, String)>, String, i32) {
    let mut out = Vec::new();
    let mut errors = String::new();
    let mut status = 0;
    if files.is_empty() {
        out.push(("(standard input)".to_string(), io.stdin.unwrap_or_default().to_string()));
    }
    for f in files {
        match host.fs.read(&host.path(f), &host.user) {
            Ok(text) => out.push((f.clone(), text.to_string())),
            Err(e) => {
                errors.push_str(&format!("{prog}: {f}: {e}\n"));
                status = if prog == "grep" { 2 } else { 1 };
            }
        }
    }
    (out, errors, status)
}

/// Lines of `text`, the way line-oriented tools see them (a last line without `\n` counts).
fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

fn with_newline(line: &str) -> String {
    if line.ends_with('\n') { line.to_string() } else { format!("{line}\n") }
}

/// `grep [-i] [-v] [-c] [-n] [-E] [-q] PATTERN [FILE…]`: substring matching with `^`/`$`
/// anchors and `|` alternation (other regular-expression syntax is taken literally).
/// Rewrites a POSIX basic regular expression (grep's default syntax) in the extended syntax the
/// matcher speaks: in BRE, `\(`, `\)`, `\{`, `\}`, `\|`, `\+` and `\?` are the operators and the
/// bare characters are literals (GNU grep's reading).
fn basic_to_extended(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(op @ ('(' | ')' | '{' | '}' | '|' | '+' | '?')) => out.push(op),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push_str("\\\\"),
            },
            '(' | ')' | '{' | '}' | '|' | '+' | '?' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// The matcher for grep's options, or grep's complaint about the pattern.
fn grep_regex(pattern: &str, extended: bool, fixed: bool, ignore: bool, word: bool) -> Result<Regex, String> {
    let body = if fixed {
        regex_lite::escape(pattern)
    } else if extended {
        pattern.to_string()
    } else {
        basic_to_extended(pattern)
    };
    let body = if word { format!(r"\b(?:{body})\b") } else { body };
    let body = if ignore { format!("(?i){body}") } else { body };
    Regex::new(&body).map_err(|e| {
        let text = e.to_string();
        let reason = if text.contains("unclosed character class") {
            "Unmatched [, [^, [:, [., or [=".to_string()
        } else if text.contains("unclosed group") || text.contains("unopened group") {
            "Unmatched ( or \\(".to_string()
        } else {
            "Invalid regular expression".to_string()
        };
        format!("grep: {reason}\n")
    })
}

pub fn grep(host: &Host, args: &[String], io: &Io<'_>) -> CommandOutput {
    let (mut ignore, mut invert, mut count, mut number, mut quiet) = (false, false, false, false, false);
    let (mut extended, mut fixed, mut word, mut only) = (false, false, false, false);
    let mut rest = Vec::new();
    let mut pattern = None;
    for a in args {
        if a.starts_with('-') && a.len() > 1 && pattern.is_none() && rest.is_empty() {
            for c in a[1..].chars() {
                match c {
                    'i' => ignore = true,
                    'v' => invert = true,
                    'c' => count = true,
                    'n' => number = true,
                    'q' => quiet = true,
                    'E' => extended = true,
                    'F' => fixed = true,
                    'w' => word = true,
                    'o' => only = true,
                    's' => {}
                    other => {
                        return CommandOutput::fail(
                            format!(
                                "grep: invalid option -- '{other}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n"
                            ),
                            2,
                        );
                    }
                }
            }
        } else if pattern.is_none() {
            pattern = Some(a.clone());
        } else {
            rest.push(a.clone());
        }
    }
    let Some(pattern) = pattern else {
        return CommandOutput::fail(
            "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n",
            2,
        );
    };
    let regex = match grep_regex(&pattern, extended, fixed, ignore, word) {
        Ok(r) => r,
        Err(message) => return CommandOutput::fail(message, 2),
    };
    let (sources, errors, mut status) = inputs(host, "grep", &rest, io);
    let multi = rest.len() > 1;
    let mut stdout = String::new();
    let mut any = false;
    for (name, text) in &sources {
        let mut n = 0;
        for (i, line) in lines(text).iter().enumerate() {
            let body = line.trim_end_matches('\n');
            if regex.is_match(body) != invert {
                n += 1;
                any = true;
                if !count && !quiet {
                    let prefix = if multi { format!("{name}:") } else { String::new() };
                    let num = if number { format!("{}:", i + 1) } else { String::new() };
                    if only && !invert {
                        // `-o`: each non-empty match on its own line.
                        for piece in regex.find_iter(body).map(|m| m.as_str()).filter(|p| !p.is_empty()) {
                            stdout.push_str(&format!("{prefix}{num}{piece}\n"));
                        }
                    } else {
                        stdout.push_str(&format!("{prefix}{num}{}", with_newline(line)));
                    }
                }
            }
        }
        if count && !quiet {
            let prefix = if multi { format!("{name}:") } else { String::new() };
            stdout.push_str(&format!("{prefix}{n}\n"));
        }
    }
    if status == 0 {
        status = if any { 0 } else { 1 };
    }
    CommandOutput { stdout, stderr: errors, exit_code: status, clear_screen: false }
}

#[cfg(test)]
mod grep_tests {
    use super::*;

    fn matches(pattern: &str, extended: bool, line: &str) -> bool {
        grep_regex(pattern, extended, false, false, false).map(|r| r.is_match(line)).unwrap_or(false)
    }

    #[test]
    fn basic_and_extended_syntax_differ_as_in_gnu_grep() {
        assert!(matches("i-[0-9a-f]*", false, "id i-0abc12"));
        assert!(matches("a\\|b", false, "b"));
        assert!(!matches("a|b", false, "b"));
        assert!(matches("a|b", false, "a|b"));
        assert!(matches("a|b", true, "b"));
        assert!(matches("^[[:digit:]]\\+$", false, "2024"));
        assert!(matches("x.y", false, "xzy"));
        assert!(!matches("^ab$", false, "abc"));
    }

    #[test]
    fn bad_patterns_get_greps_message() {
        assert_eq!(
            grep_regex("[0-9", false, false, false, false).err().as_deref(),
            Some("grep: Unmatched [, [^, [:, [., or [=\n")
        );
        assert!(grep_regex("a.b", false, true, false, false).is_ok_and(|r| !r.is_match("axb")));
        assert!(grep_regex("web", false, false, false, true).is_ok_and(|r| !r.is_match("webserver")));
    }
}

/// Parses `-n N`, `-N` or `-nN`; default 10.
fn line_count(prog: &str, args: &[String]) -> Result<(usize, Vec<String>), CommandOutput> {
    let mut n = 10usize;
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        // -f/-F (follow) would never return here; -q/-v only change headers.
        if matches!(a.as_str(), "-f" | "-F" | "-q" | "-v" | "--follow") {
            i += 1;
            continue;
        }
        let value = if a == "-n" {
            i += 1;
            args.get(i).cloned()
        } else if let Some(v) = a.strip_prefix("-n") {
            Some(v.to_string())
        } else if a.len() > 1 && a.starts_with('-') && a[1..].bytes().all(|b| b.is_ascii_digit()) {
            Some(a[1..].to_string())
        } else {
            files.push(a.clone());
            None
        };
        if let Some(v) = value {
            n = v
                .trim_start_matches('+')
                .parse()
                .map_err(|_| CommandOutput::fail(format!("{prog}: invalid number of lines: ‘{v}’\n"), 1))?;
        } else if a == "-n" {
            return Err(CommandOutput::fail(format!("{prog}: option requires an argument -- 'n'\n"), 1));
        }
        i += 1;
    }
    Ok((n, files))
}

/// `head [-n N] [FILE…]` and `tail [-n N] [FILE…]`.
pub fn head_tail(host: &Host, prog: &str, args: &[String], io: &Io<'_>) -> CommandOutput {
    let (n, files) = match line_count(prog, args) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let (sources, stderr, exit_code) = inputs(host, prog, &files, io);
    let multi = sources.len() > 1;
    let mut stdout = String::new();
    for (k, (name, text)) in sources.iter().enumerate() {
        if multi {
            stdout.push_str(&format!("{}==> {name} <==\n", if k > 0 { "\n" } else { "" }));
        }
        let all = lines(text);
        let chosen: &[&str] =
            if prog == "head" { &all[..n.min(all.len())] } else { &all[all.len().saturating_sub(n)..] };
        stdout.push_str(&chosen.concat());
    }
    CommandOutput { stdout, stderr, exit_code, clear_screen: false }
}

/// `wc [-l|-w|-c] [FILE…]`.
pub fn wc(host: &Host, args: &[String], io: &Io<'_>) -> CommandOutput {
    let flags: String = args.iter().filter(|a| a.starts_with('-')).map(|a| a[1..].to_string()).collect();
    let files: Vec<String> = args.iter().filter(|a| !a.starts_with('-')).cloned().collect();
    let (sources, stderr, exit_code) = inputs(host, "wc", &files, io);
    let mut rows: Vec<(String, Vec<usize>)> = Vec::new();
    for (name, text) in &sources {
        let all = [text.matches('\n').count(), text.split_whitespace().count(), text.len()];
        let cols: Vec<usize> = ['l', 'w', 'c']
            .iter()
            .zip(all)
            .filter(|(f, _)| flags.is_empty() || flags.contains(**f))
            .map(|(_, v)| v)
            .collect();
        rows.push((name.clone(), cols));
    }
    if files.len() > 1 {
        let width = rows.first().map(|r| r.1.len()).unwrap_or(0);
        let total: Vec<usize> = (0..width).map(|i| rows.iter().map(|r| r.1[i]).sum()).collect();
        rows.push(("total".to_string(), total));
    }
    // GNU wc: one number alone is unpadded; stdin pads to 7; files pad to the widest number.
    let single = rows.len() == 1 && rows[0].1.len() == 1;
    let width = if single {
        0
    } else if files.is_empty() {
        7
    } else {
        rows.iter().flat_map(|r| r.1.iter()).map(|v| v.to_string().len()).max().unwrap_or(1)
    };
    let mut stdout = String::new();
    for (name, cols) in &rows {
        let rendered: Vec<String> = cols.iter().map(|v| format!("{v:>width$}")).collect();
        let mut line = rendered.join(" ");
        if !files.is_empty() {
            line.push_str(&format!(" {name}"));
        }
        stdout.push_str(&format!("{line}\n"));
    }
    CommandOutput { stdout, stderr, exit_code, clear_screen: false }
}
