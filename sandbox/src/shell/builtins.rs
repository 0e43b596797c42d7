//! Shell builtins and the few coreutils every host has: `echo`, `cat`, `ls`, `chmod`, `cd`,
//! `pwd`, `export`, `unset`, `history`, `touch`, `mkdir`, `rm`, `whoami`, `date`, `env`,
//! `true`, `false`, plus the pipe filters from [`super::filters`].

use super::exec::Io;
use super::filters;
use super::host::{Host, PromptStyle};
use super::vfs::{FsError, Node, NodeKind};
use crate::net::date::{ls_date, unix_date};
use crate::output::CommandOutput;

/// Runs `argv` if it names a builtin; `None` otherwise.
pub fn run(host: &mut Host, argv: &[String], io: &Io<'_>) -> Option<CommandOutput> {
    let args = &argv[1..];
    Some(match argv[0].as_str() {
        "echo" => echo(args),
        "cat" => cat(host, args, io),
        "ls" => ls(host, args, io),
        "chmod" => chmod(host, args),
        "cd" => cd(host, args),
        "pwd" => CommandOutput::ok(format!("{}\n", host.cwd)),
        "export" => export(host, args),
        "unset" => {
            for a in args {
                host.vars.remove(a);
                host.exported.remove(a);
            }
            CommandOutput::default()
        }
        "history" => history(host, args),
        "touch" => super::fileops::touch(host, args, io),
        "mkdir" => super::fileops::mkdir(host, args),
        "rm" => super::fileops::rm(host, args),
        "cp" => super::fileops::copy(host, args, io, false),
        "mv" => super::fileops::copy(host, args, io, true),
        "whoami" => CommandOutput::ok(format!("{}\n", host.user)),
        "date" => CommandOutput::ok(format!("{}\n", unix_date(io.now))),
        "printenv" => env(host, args),
        "tee" => super::fileops::tee(host, args, io),
        "install" => super::fileops::install(host, args),
        "." | "source" => source(host, args),
        "env" if !args.is_empty() && !args[0].contains('=') => {
            CommandOutput::fail(format!("env: ‘{}’: No such file or directory\n", args[0]), 127)
        }
        "env" => env(host, &[]),
        "printf" => printf(args),
        "true" | ":" | "sync" | "wait" => CommandOutput::default(),
        // Simulated time belongs to the caller: sleep checks its argument and returns at once.
        "sleep" => match args.first().map(|a| a.trim_end_matches(['s', 'm', 'h']).parse::<f64>()) {
            Some(Ok(v)) if v >= 0.0 => CommandOutput::default(),
            Some(_) => CommandOutput::fail(
                format!(
                    "sleep: invalid time interval ‘{}’\nTry 'sleep --help' for more information.\n",
                    args[0]
                ),
                1,
            ),
            None => {
                CommandOutput::fail("sleep: missing operand\nTry 'sleep --help' for more information.\n", 1)
            }
        },
        "su" if host.user != "root" => CommandOutput::fail("Password: \nsu: Authentication failure\n", 1),
        "test" => super::conditions::test(host, args, false),
        "[" => super::conditions::test(host, args, true),
        "false" => CommandOutput { exit_code: 1, ..Default::default() },
        "grep" => filters::grep(host, args, io),
        "head" | "tail" => filters::head_tail(host, &argv[0], args, io),
        "wc" => filters::wc(host, args, io),
        _ => return None,
    })
}

fn echo(args: &[String]) -> CommandOutput {
    let mut newline = true;
    let mut escapes = false;
    let mut rest = args;
    while let Some(flag) = rest.first() {
        match flag.as_str() {
            "-n" => newline = false,
            "-e" => escapes = true,
            "-ne" | "-en" => {
                newline = false;
                escapes = true;
            }
            "-E" => escapes = false,
            _ => break,
        }
        rest = &rest[1..];
    }
    let mut text = rest.join(" ");
    if escapes {
        text = text.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\");
    }
    if newline {
        text.push('\n');
    }
    CommandOutput::ok(text)
}

fn cat(host: &Host, args: &[String], io: &Io<'_>) -> CommandOutput {
    let files: Vec<&String> = args.iter().filter(|a| a.as_str() != "-").collect();
    if files.is_empty() {
        return CommandOutput::ok(io.stdin.unwrap_or_default());
    }
    let mut out = CommandOutput::default();
    for f in files {
        match host.fs.read(&host.path(f), &host.user) {
            Ok(text) => out.stdout.push_str(text),
            Err(e) => {
                out.stderr.push_str(&format!("cat: {f}: {e}\n"));
                out.exit_code = 1;
            }
        }
    }
    out
}

/// `ls -l`'s long line for one entry, given column widths.
fn long_line(host: &Host, name: &str, node: &Node, widths: (usize, usize)) -> String {
    let dot = if host.style == PromptStyle::AmazonLinux { "." } else { "" };
    let links = if node.kind == NodeKind::Dir { 2 } else { 1 };
    format!(
        "{}{dot} {links} {:<ow$} {:<ow$} {:>sw$} {} {name}\n",
        node.mode_string(),
        node.owner,
        node.owner,
        node.size(),
        ls_date(node.modified),
        ow = widths.0,
        sw = widths.1,
    )
}

fn ls(host: &Host, args: &[String], io: &Io<'_>) -> CommandOutput {
    let mut long = false;
    let mut all = false;
    let mut paths = Vec::new();
    for a in args {
        if let Some(flags) = a.strip_prefix('-').filter(|f| !f.is_empty()) {
            for c in flags.chars() {
                match c {
                    'l' => long = true,
                    'a' | 'A' => all = true,
                    'h' | 'd' | '1' | 't' | 'r' | 'S' | 'F' => {}
                    other => {
                        return CommandOutput::fail(
                            format!(
                                "ls: invalid option -- '{other}'\nTry 'ls --help' for more information.\n"
                            ),
                            2,
                        );
                    }
                }
            }
        } else {
            paths.push(a.clone());
        }
    }
    if paths.is_empty() {
        paths.push(".".into());
    }
    let mut out = CommandOutput::default();
    let multi = paths.len() > 1;
    for (k, arg) in paths.iter().enumerate() {
        let path = host.path(arg);
        let Some(node) = host.fs.get(&path) else {
            out.stderr.push_str(&format!("ls: cannot access '{arg}': No such file or directory\n"));
            out.exit_code = 2;
            continue;
        };
        let entries: Vec<(String, &Node)> = if node.kind == NodeKind::Dir {
            if host.user != "root" && node.owner != host.user && node.mode & 0o004 == 0 {
                out.stderr.push_str(&format!("ls: cannot open directory '{arg}': Permission denied\n"));
                out.exit_code = 2;
                continue;
            }
            let mut entries: Vec<(String, &Node)> = Vec::new();
            if all {
                entries.push((".".into(), node));
                let up = host.fs.get(super::vfs::parent(&path)).unwrap_or(node);
                entries.push(("..".into(), up));
            }
            entries.extend(
                host.fs
                    .list(&path)
                    .into_iter()
                    .filter(|(n, _)| all || !n.starts_with('.'))
                    .map(|(n, node)| (n.to_string(), node)),
            );
            entries
        } else {
            vec![(arg.clone(), node)]
        };
        if multi && node.kind == NodeKind::Dir {
            out.stdout.push_str(&format!("{}{arg}:\n", if k > 0 { "\n" } else { "" }));
        }
        if long {
            let ow = entries.iter().map(|(_, n)| n.owner.len()).max().unwrap_or(0);
            let sw = entries.iter().map(|(_, n)| n.size().to_string().len()).max().unwrap_or(0);
            if node.kind == NodeKind::Dir {
                let blocks: usize = entries.iter().map(|(_, n)| n.size().div_ceil(4096) * 4).sum();
                out.stdout.push_str(&format!("total {blocks}\n"));
            }
            for (name, n) in &entries {
                out.stdout.push_str(&long_line(host, name, n, (ow, sw)));
            }
        } else if !entries.is_empty() {
            let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
            let sep = if io.stdout_is_tty { "  " } else { "\n" };
            out.stdout.push_str(&format!("{}\n", names.join(sep)));
        }
    }
    out
}

/// Parses an octal mode or a symbolic one (`u+x`, `go-rwx`, `a=r`, `+x`) against `current`.
pub fn parse_mode(spec: &str, current: u32) -> Option<u32> {
    if !spec.is_empty() && spec.bytes().all(|b| (b'0'..=b'7').contains(&b)) && spec.len() <= 4 {
        return u32::from_str_radix(spec, 8).ok();
    }
    let mut mode = current;
    for clause in spec.split(',') {
        let op_at = clause.find(['+', '-', '='])?;
        let (who, rest) = clause.split_at(op_at);
        let op = rest.chars().next()?;
        let perms = &rest[1..];
        let mut bits = 0;
        for c in perms.chars() {
            bits |= match c {
                'r' => 4,
                'w' => 2,
                'x' => 1,
                _ => return None,
            };
        }
        let mut mask = 0;
        for c in if who.is_empty() { "a".chars() } else { who.chars() } {
            mask |= match c {
                'u' => bits << 6,
                'g' => bits << 3,
                'o' => bits,
                'a' => (bits << 6) | (bits << 3) | bits,
                _ => return None,
            };
        }
        let clear = match who {
            "" | "a" => 0o777,
            _ => who.chars().fold(0, |m, c| {
                m | match c {
                    'u' => 0o700,
                    'g' => 0o070,
                    _ => 0o007,
                }
            }),
        };
        mode = match op {
            '+' => mode | mask,
            '-' => mode & !mask,
            _ => (mode & !clear) | mask,
        };
    }
    Some(mode)
}

fn chmod(host: &mut Host, args: &[String]) -> CommandOutput {
    let operands: Vec<&String> = args.iter().filter(|a| !a.starts_with("-R")).collect();
    let Some((mode, files)) = operands.split_first() else {
        return CommandOutput::fail("chmod: missing operand\nTry 'chmod --help' for more information.\n", 1);
    };
    if files.is_empty() {
        return CommandOutput::fail(
            format!("chmod: missing operand after ‘{mode}’\nTry 'chmod --help' for more information.\n"),
            1,
        );
    }
    let mut out = CommandOutput::default();
    for f in files {
        let path = host.path(f);
        let current = host.fs.get(&path).map(|n| n.mode).unwrap_or(0);
        let Some(new_mode) = parse_mode(mode, current) else {
            return CommandOutput::fail(
                format!("chmod: invalid mode: ‘{mode}’\nTry 'chmod --help' for more information.\n"),
                1,
            );
        };
        let user = host.user.clone();
        match host.fs.chmod(&path, new_mode, &user) {
            Ok(()) => {}
            Err(FsError::NotFound) => {
                out.stderr.push_str(&format!("chmod: cannot access '{f}': No such file or directory\n"));
                out.exit_code = 1;
            }
            Err(e) => {
                out.stderr.push_str(&format!("chmod: changing permissions of '{f}': {e}\n"));
                out.exit_code = 1;
            }
        }
    }
    out
}

fn cd(host: &mut Host, args: &[String]) -> CommandOutput {
    if args.len() > 1 {
        return CommandOutput::fail("bash: cd: too many arguments\n", 1);
    }
    let back = args.first().is_some_and(|a| a == "-");
    let target = match args.first() {
        None => host.home(),
        Some(a) if a == "-" => match host.vars.get("OLDPWD") {
            Some(old) => old.clone(),
            None => return CommandOutput::fail("bash: cd: OLDPWD not set\n", 1),
        },
        Some(a) => host.path(a),
    };
    let shown = args.first().cloned().unwrap_or_default();
    match host.fs.get(&target) {
        None => CommandOutput::fail(format!("bash: cd: {shown}: No such file or directory\n"), 1),
        Some(n) if n.kind != NodeKind::Dir => {
            CommandOutput::fail(format!("bash: cd: {shown}: Not a directory\n"), 1)
        }
        Some(n) if host.user != "root" && n.owner != host.user && n.mode & 0o001 == 0 => {
            CommandOutput::fail(format!("bash: cd: {shown}: Permission denied\n"), 1)
        }
        Some(_) => {
            let old = std::mem::replace(&mut host.cwd, target);
            host.vars.insert("OLDPWD".into(), old);
            if back { CommandOutput::ok(format!("{}\n", host.cwd)) } else { CommandOutput::default() }
        }
    }
}

fn export(host: &mut Host, args: &[String]) -> CommandOutput {
    if args.is_empty() || args.iter().all(|a| a == "-p") {
        let text: String = host
            .exported
            .iter()
            .map(|k| format!("declare -x {k}=\"{}\"\n", host.vars.get(k).cloned().unwrap_or_default()))
            .collect();
        return CommandOutput::ok(text);
    }
    let mut out = CommandOutput::default();
    for a in args {
        let (name, value) = match a.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (a.clone(), None),
        };
        let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            out.stderr.push_str(&format!("bash: export: `{a}': not a valid identifier\n"));
            out.exit_code = 1;
            continue;
        }
        if let Some(v) = value {
            host.vars.insert(name.clone(), v);
        }
        host.exported.insert(name);
    }
    out
}

fn history(host: &mut Host, args: &[String]) -> CommandOutput {
    if args.first().map(String::as_str) == Some("-c") {
        host.history.clear();
        return CommandOutput::default();
    }
    let skip = match args.first().map(|n| n.parse::<usize>()) {
        Some(Ok(n)) => host.history.len().saturating_sub(n),
        Some(Err(_)) => {
            return CommandOutput::fail(
                format!("bash: history: {}: numeric argument required\n", args[0]),
                1,
            );
        }
        None => 0,
    };
    CommandOutput::ok(
        host.history
            .iter()
            .enumerate()
            .skip(skip)
            .map(|(i, l)| format!("{:>5}  {l}\n", i + 1))
            .collect::<String>(),
    )
}

/// `printf FORMAT [ARG…]`: `%s`, `%d`, `%%` and the `\n`/`\t` escapes; the format is reused
/// while arguments remain, as in bash.
fn printf(args: &[String]) -> CommandOutput {
    let Some((format, mut rest)) = args.split_first() else {
        return CommandOutput::fail("printf: usage: printf [-v var] format [arguments]\n", 2);
    };
    let mut out = String::new();
    loop {
        let mut chars = format.chars().peekable();
        let mut used = 0;
        while let Some(c) = chars.next() {
            match (c, chars.peek().copied()) {
                ('\\', Some('n')) => {
                    chars.next();
                    out.push('\n');
                }
                ('\\', Some('t')) => {
                    chars.next();
                    out.push('\t');
                }
                ('%', Some('%')) => {
                    chars.next();
                    out.push('%');
                }
                ('%', Some('s' | 'd')) => {
                    chars.next();
                    out.push_str(rest.get(used).map(String::as_str).unwrap_or(""));
                    used += 1;
                }
                _ => out.push(c),
            }
        }
        if used == 0 || used >= rest.len() {
            break;
        }
        rest = &rest[used..];
    }
    CommandOutput::ok(out)
}

/// `. FILE` / `source FILE`: reads `NAME=value` lines (what `/etc/os-release` holds) into shell
/// variables. Other commands in the file are not run.
fn source(host: &mut Host, args: &[String]) -> CommandOutput {
    let Some(file) = args.first() else {
        return CommandOutput::fail(
            "bash: .: filename argument required\n.: usage: . filename [arguments]\n",
            2,
        );
    };
    let text = match host.fs.read(&host.path(file), &host.user) {
        Ok(t) => t.to_string(),
        Err(e) => return CommandOutput::fail(format!("bash: {file}: {e}\n"), 1),
    };
    for line in text.lines() {
        let line = line.trim().trim_start_matches("export ");
        if let Some((name, value)) = line.split_once('=') {
            let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if valid {
                host.vars.insert(name.to_string(), value.trim_matches('"').trim_matches('\'').to_string());
            }
        }
    }
    CommandOutput::default()
}

fn env(host: &Host, args: &[String]) -> CommandOutput {
    if let Some(name) = args.first() {
        return match host.vars.get(name).filter(|_| host.exported.contains(name)) {
            Some(v) => CommandOutput::ok(format!("{v}\n")),
            None => CommandOutput { exit_code: 1, ..Default::default() },
        };
    }
    CommandOutput::ok(
        host.exported
            .iter()
            .filter_map(|k| host.vars.get(k).map(|v| format!("{k}={v}\n")))
            .collect::<String>(),
    )
}

#[cfg(test)]
mod tests {
    use super::parse_mode;

    #[test]
    fn modes_parse() {
        assert_eq!(parse_mode("400", 0o644), Some(0o400));
        assert_eq!(parse_mode("u+x", 0o644), Some(0o744));
        assert_eq!(parse_mode("go-rwx", 0o644), Some(0o600));
        assert_eq!(parse_mode("+x", 0o644), Some(0o755));
        assert_eq!(parse_mode("a=r", 0o644), Some(0o444));
        assert_eq!(parse_mode("9", 0o644), None);
        assert_eq!(parse_mode("bogus", 0o644), None);
    }
}
