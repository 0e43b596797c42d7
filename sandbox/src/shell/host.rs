//! One machine's shell state: its filesystem, variables, working directory, logged-in user
//! and history, plus how its prompt looks.

use std::collections::{BTreeMap, BTreeSet};

use super::vfs::Vfs;

/// Which prompt convention the host's bash uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptStyle {
    /// `learner@laptop:~$ ` (Debian/Ubuntu default, full path).
    Laptop,
    /// `[ec2-user@ip-172-31-5-9 ~]$ ` (Amazon Linux: last path component in brackets).
    AmazonLinux,
    /// `ubuntu@ip-172-31-5-9:~$ `.
    Ubuntu,
    /// `sh-5.2$ `: the plain `sh` a Session Manager session opens on Amazon Linux.
    Sh,
    /// `$ `: Ubuntu's `sh` (dash) in a Session Manager session.
    Dash,
}

/// A machine the learner can type into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Host {
    pub fs: Vfs,
    /// Shell variables (exported or not).
    pub vars: BTreeMap<String, String>,
    pub exported: BTreeSet<String>,
    pub cwd: String,
    /// The effective user (switched to `root` for the duration of a `sudo`).
    pub user: String,
    /// The login user (what `exit` leaves).
    pub login_user: String,
    /// Short host name as the prompt shows it.
    pub hostname: String,
    pub style: PromptStyle,
    /// `$?`.
    pub last_status: i32,
    /// Lines typed on this host, oldest first.
    pub history: Vec<String>,
    /// The prompt style to return to when a root login shell (`sudo -i`) opened from a
    /// Session Manager `sh` exits.
    pub saved_style: Option<PromptStyle>,
}

/// The home directory of `user`.
pub fn home_of(user: &str) -> String {
    if user == "root" { "/root".to_string() } else { format!("/home/{user}") }
}

impl Host {
    /// A host whose login user `user` sits in their (existing) home directory.
    pub fn new(user: &str, hostname: &str, style: PromptStyle) -> Host {
        let home = home_of(user);
        let mut fs = Vfs::default();
        fs.mkdir_p("/tmp", "root", 0o777);
        fs.mkdir_p("/root", "root", 0o700);
        fs.mkdir_p(&home, user, 0o700);
        let mut vars = BTreeMap::new();
        vars.insert("HOME".to_string(), home.clone());
        vars.insert("USER".to_string(), user.to_string());
        vars.insert("PATH".to_string(), "/usr/local/bin:/usr/bin:/bin".to_string());
        vars.insert("SHELL".to_string(), "/bin/bash".to_string());
        let exported = vars.keys().cloned().collect();
        Host {
            fs,
            vars,
            exported,
            cwd: home,
            user: user.to_string(),
            login_user: user.to_string(),
            hostname: hostname.to_string(),
            style,
            last_status: 0,
            history: Vec::new(),
            saved_style: None,
        }
    }

    /// The current user's home directory.
    pub fn home(&self) -> String {
        home_of(&self.user)
    }

    /// The working directory with the home prefix shown as `~`.
    pub fn tilde_cwd(&self) -> String {
        let home = self.home();
        if self.cwd == home {
            "~".to_string()
        } else if let Some(rest) = self.cwd.strip_prefix(&format!("{home}/")) {
            format!("~/{rest}")
        } else {
            self.cwd.clone()
        }
    }

    /// Becomes root in a login shell (`sudo -i`, `sudo su -`): root's bash prompt even when
    /// the session started in Session Manager's plain `sh`.
    pub fn root_login(&mut self) {
        self.user = "root".into();
        self.cwd = "/root".into();
        let bash = match self.style {
            PromptStyle::Sh => Some(PromptStyle::AmazonLinux),
            PromptStyle::Dash => Some(PromptStyle::Ubuntu),
            _ => None,
        };
        if let Some(style) = bash {
            self.saved_style = Some(std::mem::replace(&mut self.style, style));
        }
    }

    /// Leaves a root login shell.
    pub fn root_logout(&mut self) {
        self.user = self.login_user.clone();
        self.cwd = self.home();
        if let Some(style) = self.saved_style.take() {
            self.style = style;
            self.cwd = "/usr/bin".into();
        }
    }

    /// The prompt bash would print now.
    pub fn prompt(&self) -> String {
        let sigil = if self.user == "root" { '#' } else { '$' };
        match self.style {
            PromptStyle::Laptop | PromptStyle::Ubuntu => {
                format!("{}@{}:{}{sigil} ", self.user, self.hostname, self.tilde_cwd())
            }
            PromptStyle::Sh => format!("sh-5.2{sigil} "),
            PromptStyle::Dash => format!("{sigil} "),
            PromptStyle::AmazonLinux => {
                let cwd = self.tilde_cwd();
                let last = if cwd == "~" || cwd == "/" {
                    cwd.clone()
                } else {
                    cwd.rsplit('/').next().unwrap_or("/").to_string()
                };
                format!("[{}@{} {last}]{sigil} ", self.user, self.hostname)
            }
        }
    }

    /// Resolves a path argument against the working directory.
    pub fn path(&self, arg: &str) -> String {
        super::vfs::normalize(&self.cwd, arg)
    }
}
