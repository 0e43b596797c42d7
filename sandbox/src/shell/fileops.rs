//! File commands: `touch`, `mkdir`, `rm`, `cp`, `mv`, `tee` and `install -d`, with coreutils'
//! messages.

use super::exec::Io;
use super::host::Host;
use super::vfs::{FsError, NodeKind, basename};
use crate::output::CommandOutput;

pub fn touch(host: &mut Host, args: &[String], io: &Io<'_>) -> CommandOutput {
    let mut out = CommandOutput::default();
    for f in args {
        let path = host.path(f);
        let user = host.user.clone();
        if let Err(e) = host.fs.write(&path, "", true, &user, io.now) {
            out.stderr.push_str(&format!("touch: cannot touch '{f}': {e}\n"));
            out.exit_code = 1;
        }
    }
    out
}

pub fn mkdir(host: &mut Host, args: &[String]) -> CommandOutput {
    let parents = args.iter().any(|a| a == "-p");
    let mut out = CommandOutput::default();
    for d in args.iter().filter(|a| !a.starts_with('-')) {
        let path = host.path(d);
        if host.fs.get(&path).is_some() {
            if !parents {
                out.stderr.push_str(&format!("mkdir: cannot create directory ‘{d}’: File exists\n"));
                out.exit_code = 1;
            }
            continue;
        }
        let parent = super::vfs::parent(&path).to_string();
        if !parents && !host.fs.is_dir(&parent) {
            out.stderr
                .push_str(&format!("mkdir: cannot create directory ‘{d}’: No such file or directory\n"));
            out.exit_code = 1;
            continue;
        }
        let user = host.user.clone();
        host.fs.mkdir_p(&path, &user, 0o755);
    }
    out
}

pub fn rm(host: &mut Host, args: &[String]) -> CommandOutput {
    let force = args.iter().any(|a| a.starts_with('-') && a.contains('f'));
    let mut out = CommandOutput::default();
    for f in args.iter().filter(|a| !a.starts_with('-')) {
        let path = host.path(f);
        let user = host.user.clone();
        match host.fs.remove(&path, &user) {
            Ok(()) => {}
            Err(FsError::NotFound) if force => {}
            Err(FsError::IsDir) => {
                out.stderr.push_str(&format!("rm: cannot remove '{f}': Is a directory\n"));
                out.exit_code = 1;
            }
            Err(e) => {
                out.stderr.push_str(&format!("rm: cannot remove '{}': {e}\n", basename(f)));
                out.exit_code = 1;
            }
        }
    }
    out
}

/// `cp SRC… DST` and `mv SRC… DST` for files (a directory destination keeps the names).
/// A new `cp` copy takes the source's mode less the umask; `-p` and `mv` keep it exactly.
pub fn copy(host: &mut Host, args: &[String], io: &Io<'_>, moving: bool) -> CommandOutput {
    let prog = if moving { "mv" } else { "cp" };
    let preserve = moving || args.iter().any(|a| a.starts_with('-') && a.contains('p'));
    let operands: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let Some((dest, sources)) = operands.split_last() else {
        return CommandOutput::fail(
            format!("{prog}: missing file operand\nTry '{prog} --help' for more information.\n"),
            1,
        );
    };
    if sources.is_empty() {
        return CommandOutput::fail(
            format!(
                "{prog}: missing destination file operand after '{dest}'\nTry '{prog} --help' for more information.\n"
            ),
            1,
        );
    }
    let dest_path = host.path(dest);
    let dest_is_dir = host.fs.is_dir(&dest_path);
    if sources.len() > 1 && !dest_is_dir {
        return CommandOutput::fail(format!("{prog}: target '{dest}' is not a directory\n"), 1);
    }
    let mut out = CommandOutput::default();
    let user = host.user.clone();
    for src in sources {
        let src_path = host.path(src);
        let (text, mode) = match host.fs.get(&src_path) {
            None => {
                out.stderr.push_str(&format!("{prog}: cannot stat '{src}': No such file or directory\n"));
                out.exit_code = 1;
                continue;
            }
            Some(n) if n.kind == NodeKind::Dir => {
                out.stderr.push_str(&format!("{prog}: -r not specified; omitting directory '{src}'\n"));
                out.exit_code = 1;
                continue;
            }
            Some(n) => match host.fs.read(&src_path, &user) {
                Ok(t) => (t.to_string(), n.mode),
                Err(e) => {
                    out.stderr.push_str(&format!("{prog}: cannot open '{src}' for reading: {e}\n"));
                    out.exit_code = 1;
                    continue;
                }
            },
        };
        let target = if dest_is_dir {
            format!("{}/{}", dest_path.trim_end_matches('/'), basename(&src_path))
        } else {
            dest_path.clone()
        };
        if target == src_path {
            out.stderr.push_str(&format!("{prog}: '{src}' and '{dest}' are the same file\n"));
            out.exit_code = 1;
            continue;
        }
        let existed = host.fs.get(&target).is_some();
        if let Err(e) = host.fs.write(&target, &text, false, &user, io.now) {
            out.stderr.push_str(&format!("{prog}: cannot create regular file '{dest}': {e}\n"));
            out.exit_code = 1;
            continue;
        }
        if preserve {
            let _ = host.fs.chmod(&target, mode, "root");
        } else if !existed {
            // A new copy takes the source's bits, less the umask (022).
            let _ = host.fs.chmod(&target, mode & !0o022, "root");
        }
        if moving && let Err(e) = host.fs.remove(&src_path, &user) {
            out.stderr.push_str(&format!("mv: cannot remove '{src}': {e}\n"));
            out.exit_code = 1;
        }
    }
    out
}

/// `tee [-a] FILE…`: copies stdin to the files and to stdout (`… | sudo tee FILE` is how a
/// non-root user writes a root-owned file).
pub fn tee(host: &mut Host, args: &[String], io: &Io<'_>) -> CommandOutput {
    let append = args.iter().any(|a| a == "-a" || a == "--append");
    let input = io.stdin.unwrap_or_default().to_string();
    let mut out = CommandOutput::ok(input.clone());
    let user = host.user.clone();
    for f in args.iter().filter(|a| !a.starts_with('-')) {
        if f == "/dev/null" {
            continue;
        }
        let path = host.path(f);
        if let Err(e) = host.fs.write(&path, &input, append, &user, io.now) {
            out.stderr.push_str(&format!("tee: {f}: {e}\n"));
            out.exit_code = 1;
        }
    }
    out
}

/// `install -d [-m MODE] DIR…` (directories only; copying files is `cp`).
pub fn install(host: &mut Host, args: &[String]) -> CommandOutput {
    let mut mode = 0o755;
    let mut dirs = Vec::new();
    let mut make_dirs = false;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "-d" => make_dirs = true,
            "-m" => {
                match args.get(i + 1).and_then(|m| u32::from_str_radix(m, 8).ok()) {
                    Some(m) => mode = m,
                    None => return CommandOutput::fail("install: invalid mode\n", 1),
                }
                i += 1;
            }
            a if !a.starts_with('-') => dirs.push(a.to_string()),
            _ => {}
        }
        i += 1;
    }
    if !make_dirs {
        return CommandOutput::fail(
            "install: this sandbox supports `install -d [-m MODE] DIR…`; copy files with cp\n",
            1,
        );
    }
    let mut out = CommandOutput::default();
    for d in dirs {
        let path = host.path(&d);
        let parent = super::vfs::parent(&path).to_string();
        let writable = host.user == "root" || host.fs.get(&parent).is_some_and(|n| n.owner == host.user);
        if !writable {
            out.stderr.push_str(&format!("install: cannot create directory '{d}': Permission denied\n"));
            out.exit_code = 1;
            continue;
        }
        let user = host.user.clone();
        host.fs.mkdir_p(&path, &user, mode);
        let _ = host.fs.chmod(&path, mode, "root");
    }
    out
}
