//! `test EXPR` and `[ EXPR ]`: the file, string and integer tests scripts use, with `!`, `-a`
//! and `-o`. Errors are reported as bash does (status 2).

use super::host::Host;
use super::vfs::NodeKind;
use crate::output::CommandOutput;

/// Runs `test` (`bracket` when invoked as `[`, which needs a closing `]`).
pub fn test(host: &Host, args: &[String], bracket: bool) -> CommandOutput {
    let name = if bracket { "[" } else { "test" };
    let args: &[String] = if bracket {
        match args.split_last() {
            Some((last, rest)) if last == "]" => rest,
            _ => return CommandOutput::fail("bash: [: missing `]'\n", 2),
        }
    } else {
        args
    };
    match eval_or(host, args) {
        Ok(true) => CommandOutput::default(),
        Ok(false) => CommandOutput { exit_code: 1, ..Default::default() },
        Err(msg) => CommandOutput::fail(format!("bash: {name}: {msg}\n"), 2),
    }
}

fn eval_or(host: &Host, args: &[String]) -> Result<bool, String> {
    if let Some(i) = args.iter().position(|a| a == "-o") {
        return Ok(eval_or(host, &args[..i])? || eval_or(host, &args[i + 1..])?);
    }
    if let Some(i) = args.iter().position(|a| a == "-a") {
        return Ok(eval_or(host, &args[..i])? && eval_or(host, &args[i + 1..])?);
    }
    eval(host, args)
}

fn int(s: &str) -> Result<i64, String> {
    s.trim().parse().map_err(|_| format!("{s}: integer expression expected"))
}

fn eval(host: &Host, args: &[String]) -> Result<bool, String> {
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    match a.as_slice() {
        [] => Ok(false),
        ["!", rest @ ..] => {
            let owned: Vec<String> = rest.iter().map(|s| s.to_string()).collect();
            eval(host, &owned).map(|b| !b)
        }
        [s] => Ok(!s.is_empty()),
        [op, x] => {
            let node = host.fs.get(&host.path(x));
            match *op {
                "-n" => Ok(!x.is_empty()),
                "-z" => Ok(x.is_empty()),
                "-e" => Ok(node.is_some()),
                "-f" => Ok(node.is_some_and(|n| matches!(n.kind, NodeKind::File(_)))),
                "-d" => Ok(node.is_some_and(|n| n.kind == NodeKind::Dir)),
                "-s" => Ok(node.is_some_and(|n| n.size() > 0)),
                "-r" => Ok(node.is_some_and(|n| host.user == "root" || n.mode & 0o444 != 0)),
                "-x" => Ok(node.is_some_and(|n| n.mode & 0o111 != 0)),
                other => Err(format!("{other}: unary operator expected")),
            }
        }
        [x, op, y] => match *op {
            "=" | "==" => Ok(x == y),
            "!=" => Ok(x != y),
            "-eq" => Ok(int(x)? == int(y)?),
            "-ne" => Ok(int(x)? != int(y)?),
            "-lt" => Ok(int(x)? < int(y)?),
            "-le" => Ok(int(x)? <= int(y)?),
            "-gt" => Ok(int(x)? > int(y)?),
            "-ge" => Ok(int(x)? >= int(y)?),
            other => Err(format!("{other}: binary operator expected")),
        },
        _ => Err("too many arguments".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::host::PromptStyle;

    fn t(args: &[&str]) -> i32 {
        let host = Host::new("me", "box", PromptStyle::Laptop);
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        test(&host, &args, true).exit_code
    }

    #[test]
    fn evaluates_like_bash() {
        assert_eq!(t(&["a", "=", "a", "]"]), 0);
        assert_eq!(t(&["-d", "/tmp", "]"]), 0);
        assert_eq!(t(&["-f", "/nope", "]"]), 1);
        assert_eq!(t(&["!", "-f", "/nope", "]"]), 0);
        assert_eq!(t(&["3", "-gt", "2", "-a", "x", "]"]), 0);
        assert_eq!(t(&["x", "-gt", "2", "]"]), 2);
        assert_eq!(t(&["a", "="]), 2);
    }
}
