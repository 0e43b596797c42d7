//! A small in-memory filesystem for one host: files and directories with an owner and Unix
//! permission bits. Permission checks follow the owner/other bits (groups are not modelled;
//! root bypasses every check, as on Linux).

use std::collections::BTreeMap;
use std::fmt;

use crate::time::SimTime;

/// What a path holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    File(String),
    Dir,
}

/// One file or directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub kind: NodeKind,
    /// Permission bits, e.g. `0o644`.
    pub mode: u32,
    pub owner: String,
    pub modified: SimTime,
}

impl Node {
    /// `-rw-r--r--` / `drwxr-xr-x`.
    pub fn mode_string(&self) -> String {
        let mut s = String::with_capacity(10);
        s.push(if self.kind == NodeKind::Dir { 'd' } else { '-' });
        for shift in [6, 3, 0] {
            let bits = (self.mode >> shift) & 7;
            s.push(if bits & 4 != 0 { 'r' } else { '-' });
            s.push(if bits & 2 != 0 { 'w' } else { '-' });
            s.push(if bits & 1 != 0 { 'x' } else { '-' });
        }
        s
    }

    /// Size in bytes as `ls -l` shows it (4096 for directories).
    pub fn size(&self) -> usize {
        match &self.kind {
            NodeKind::File(text) => text.len(),
            NodeKind::Dir => 4096,
        }
    }
}

/// Why a filesystem operation failed; `Display` gives the strerror text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FsError {
    NotFound,
    IsDir,
    NotDir,
    PermissionDenied,
    NotPermitted,
    NoSpace,
}

impl fmt::Display for FsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FsError::NotFound => "No such file or directory",
            FsError::IsDir => "Is a directory",
            FsError::NotDir => "Not a directory",
            FsError::PermissionDenied => "Permission denied",
            FsError::NotPermitted => "Operation not permitted",
            FsError::NoSpace => "No space left on device",
        })
    }
}

impl std::error::Error for FsError {}

/// The largest file the simulated disks hold (keeps a runaway script from eating the page).
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// The filesystem: absolute, normalized paths to nodes. `/` always exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vfs {
    nodes: BTreeMap<String, Node>,
}

impl Default for Vfs {
    fn default() -> Self {
        let mut nodes = BTreeMap::new();
        nodes.insert(
            "/".to_string(),
            Node { kind: NodeKind::Dir, mode: 0o755, owner: "root".into(), modified: SimTime::ZERO },
        );
        Vfs { nodes }
    }
}

/// Resolves `path` against `cwd` into an absolute path without `.`, `..` or doubled slashes.
pub fn normalize(cwd: &str, path: &str) -> String {
    let joined = if path.starts_with('/') { path.to_string() } else { format!("{cwd}/{path}") };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    format!("/{}", parts.join("/"))
}

/// The directory part of an absolute path.
pub fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &path[..i],
    }
}

/// The last component of a path.
pub fn basename(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn can(node: &Node, user: &str, bit: u32) -> bool {
    if user == "root" {
        return true;
    }
    let shift = if node.owner == user { 6 } else { 0 };
    node.mode >> shift & bit != 0
}

impl Vfs {
    pub fn get(&self, path: &str) -> Option<&Node> {
        self.nodes.get(path)
    }

    pub fn is_dir(&self, path: &str) -> bool {
        matches!(self.get(path), Some(Node { kind: NodeKind::Dir, .. }))
    }

    /// Creates `path` and its missing parents as directories owned by `owner`.
    pub fn mkdir_p(&mut self, path: &str, owner: &str, mode: u32) {
        let mut current = String::new();
        for seg in path.split('/').filter(|s| !s.is_empty()) {
            current.push('/');
            current.push_str(seg);
            self.nodes.entry(current.clone()).or_insert_with(|| Node {
                kind: NodeKind::Dir,
                mode,
                owner: owner.to_string(),
                modified: SimTime::ZERO,
            });
        }
    }

    /// Puts a file in place without permission checks (image contents, fixtures).
    pub fn install(&mut self, path: &str, content: &str, owner: &str, mode: u32, now: SimTime) {
        self.mkdir_p(parent(path), "root", 0o755);
        self.nodes.insert(
            path.to_string(),
            Node { kind: NodeKind::File(content.to_string()), mode, owner: owner.into(), modified: now },
        );
    }

    /// Reads a file as `user`.
    pub fn read(&self, path: &str, user: &str) -> Result<&str, FsError> {
        let node = self.get(path).ok_or(FsError::NotFound)?;
        match &node.kind {
            NodeKind::Dir => Err(FsError::IsDir),
            NodeKind::File(_) if !can(node, user, 4) => Err(FsError::PermissionDenied),
            NodeKind::File(text) => Ok(text),
        }
    }

    /// Writes (or appends to) a file as `user`, creating it with mode 0644 (umask 022).
    pub fn write(
        &mut self,
        path: &str,
        content: &str,
        append: bool,
        user: &str,
        now: SimTime,
    ) -> Result<(), FsError> {
        match self.nodes.get_mut(path) {
            Some(node) => {
                if !can(node, user, 2) {
                    return Err(FsError::PermissionDenied);
                }
                match &mut node.kind {
                    NodeKind::Dir => Err(FsError::IsDir),
                    NodeKind::File(text) => {
                        if !append {
                            text.clear();
                        }
                        if text.len() + content.len() > MAX_FILE_BYTES {
                            return Err(FsError::NoSpace);
                        }
                        text.push_str(content);
                        node.modified = now;
                        Ok(())
                    }
                }
            }
            None => {
                let dir = self.get(parent(path)).ok_or(FsError::NotFound)?;
                if dir.kind != NodeKind::Dir {
                    return Err(FsError::NotDir);
                }
                if !can(dir, user, 2) {
                    return Err(FsError::PermissionDenied);
                }
                self.nodes.insert(
                    path.to_string(),
                    Node {
                        kind: NodeKind::File(content.to_string()),
                        mode: 0o644,
                        owner: user.to_string(),
                        modified: now,
                    },
                );
                Ok(())
            }
        }
    }

    /// Whether `user` could write `path` (an existing file, or a new one in its directory).
    pub fn check_write(&self, path: &str, user: &str) -> Result<(), FsError> {
        match self.get(path) {
            Some(node) if node.kind == NodeKind::Dir => Err(FsError::IsDir),
            Some(node) if !can(node, user, 2) => Err(FsError::PermissionDenied),
            Some(_) => Ok(()),
            None => {
                let dir = self.get(parent(path)).ok_or(FsError::NotFound)?;
                if dir.kind != NodeKind::Dir {
                    Err(FsError::NotDir)
                } else if !can(dir, user, 2) {
                    Err(FsError::PermissionDenied)
                } else {
                    Ok(())
                }
            }
        }
    }

    /// Changes permission bits; only the owner or root may.
    pub fn chmod(&mut self, path: &str, mode: u32, user: &str) -> Result<(), FsError> {
        let node = self.nodes.get_mut(path).ok_or(FsError::NotFound)?;
        if user != "root" && node.owner != user {
            return Err(FsError::NotPermitted);
        }
        node.mode = mode & 0o7777;
        Ok(())
    }

    /// Removes a file (directories are refused).
    pub fn remove(&mut self, path: &str, user: &str) -> Result<(), FsError> {
        let node = self.get(path).ok_or(FsError::NotFound)?;
        if node.kind == NodeKind::Dir {
            return Err(FsError::IsDir);
        }
        let dir = self.get(parent(path)).ok_or(FsError::NotFound)?;
        if !can(dir, user, 2) {
            return Err(FsError::PermissionDenied);
        }
        self.nodes.remove(path);
        Ok(())
    }

    /// The entries directly inside directory `dir`, sorted by name.
    pub fn list(&self, dir: &str) -> Vec<(&str, &Node)> {
        let prefix = if dir == "/" { "/".to_string() } else { format!("{dir}/") };
        self.nodes
            .range(prefix.clone()..)
            .take_while(|(p, _)| p.starts_with(&prefix))
            .filter(|(p, _)| p.len() > prefix.len() && !p[prefix.len()..].contains('/'))
            .map(|(p, n)| (&p[prefix.len()..], n))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permissions_are_enforced() {
        let mut fs = Vfs::default();
        fs.mkdir_p("/home/me", "me", 0o755);
        fs.write("/home/me/k.pem", "KEY", false, "me", SimTime::ZERO).unwrap();
        assert_eq!(fs.get("/home/me/k.pem").unwrap().mode_string(), "-rw-r--r--");
        fs.chmod("/home/me/k.pem", 0o400, "me").unwrap();
        assert_eq!(
            fs.write("/home/me/k.pem", "x", false, "me", SimTime::ZERO),
            Err(FsError::PermissionDenied)
        );
        assert_eq!(fs.read("/home/me/k.pem", "other"), Err(FsError::PermissionDenied));
        assert_eq!(fs.read("/home/me/k.pem", "root"), Ok("KEY"));
        assert_eq!(fs.list("/home/me").len(), 1);
        assert_eq!(normalize("/home/me", "../me/./k.pem"), "/home/me/k.pem");
    }
}
