//! Package managers and services on an instance: `yum`/`dnf` (Amazon Linux), `apt`/`apt-get`
//! (Ubuntu), `systemctl`, and the services they install (a web server user data can start).

use crate::imds::OsFamily;
use crate::net::date::unix_date;
use crate::output::CommandOutput;
use crate::shell::machine::{Machine, Service};
use crate::shell::vfs::Vfs;
use crate::time::SimTime;

/// Packages the simulated repositories carry: (name, version, the unit it installs).
const AL_PACKAGES: &[(&str, &str, Option<&str>)] = &[
    ("httpd", "2.4.62-1.amzn2023", Some("httpd")),
    ("nginx", "1.24.0-1.amzn2023.0.4", Some("nginx")),
    ("docker", "25.0.6-1.amzn2023.0.2", Some("docker")),
    ("git", "2.47.1-1.amzn2023.0.1", None),
    ("htop", "3.2.1-87.amzn2023.0.3", None),
    ("jq", "1.7.1-49.amzn2023.0.1", None),
    ("tree", "1.8.0-6.amzn2023.0.2", None),
    ("stress", "1.0.7-1.amzn2023.0.1", None),
    ("mariadb105", "10.5.25-1.amzn2023.0.1", None),
    ("php", "8.3.10-1.amzn2023.0.1", None),
    ("python3-pip", "21.3.1-2.amzn2023.0.9", None),
    ("python3-boto3", "1.35.90-1.amzn2023", None),
    ("amazon-efs-utils", "2.1.0-1.amzn2023", None),
    ("java-17-amazon-corretto", "17.0.13+11-1.amzn2023.1", None),
    ("nodejs", "18.20.5-1.amzn2023.0.1", None),
    ("cronie", "1.5.7-1.amzn2023.0.2", Some("crond")),
];

const APT_PACKAGES: &[(&str, &str, Option<&str>)] = &[
    ("apache2", "2.4.58-1ubuntu8.5", Some("apache2")),
    ("nginx", "1.24.0-2ubuntu7.1", Some("nginx")),
    ("docker.io", "26.1.3-0ubuntu1~24.04.1", Some("docker")),
    ("git", "1:2.43.0-1ubuntu7.1", None),
    ("htop", "3.3.0-4build1", None),
    ("jq", "1.7.1-3build1", None),
    ("tree", "2.1.1-2ubuntu3", None),
    ("unzip", "6.0-28ubuntu4.1", None),
    ("python3-pip", "24.0+dfsg-1ubuntu1.1", None),
    ("python3-boto3", "1.34.46+dfsg-1ubuntu1", None),
    ("awscli", "2.14.6-1", None),
    ("ca-certificates", "20240203", None),
    ("gnupg", "2.4.4-2ubuntu17", None),
    ("docker-ce", "5:27.4.1-1~ubuntu.24.04~noble", Some("docker")),
    ("docker-ce-cli", "5:27.4.1-1~ubuntu.24.04~noble", None),
    ("containerd.io", "1.7.24-1", None),
    ("docker-buildx-plugin", "0.19.3-1~ubuntu.24.04~noble", None),
    ("docker-compose-plugin", "2.32.1-1~ubuntu.24.04~noble", None),
];

fn catalogue(os: OsFamily) -> &'static [(&'static str, &'static str, Option<&'static str>)] {
    if os == OsFamily::Ubuntu { APT_PACKAGES } else { AL_PACKAGES }
}

fn start(m: &mut Machine, unit: &str, now: SimTime) {
    let s =
        m.services.entry(unit.to_string()).or_insert(Service { active: false, enabled: false, since: now });
    if !s.active {
        s.active = true;
        s.since = now;
    }
}

/// `yum`/`dnf` on Amazon Linux.
pub fn dnf(m: &mut Machine, fs: &mut Vfs, prog: &str, args: &[String], now: SimTime) -> CommandOutput {
    if m.os == OsFamily::Ubuntu {
        return CommandOutput::fail(
            format!(
                "Command '{prog}' not found, did you mean:\n  command 'yum4' from deb nextgen-yum4 (4.4.2-3)\nTry: sudo apt install <deb name>\n"
            ),
            127,
        );
    }
    let sub = args.iter().find(|a| !a.starts_with('-')).cloned().unwrap_or_default();
    let names: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).skip(1).collect();
    let stamp = format!("Last metadata expiration check: 0:00:04 ago on {}.\n", unix_date(now));
    match sub.as_str() {
        "install" | "update" | "upgrade" | "remove" | "erase" if m.host.user != "root" => {
            CommandOutput::fail(
                "Error: This command has to be run with superuser privileges (under the root user on most systems).\n",
                1,
            )
        }
        "update" | "upgrade" => {
            CommandOutput::ok(format!("{stamp}Dependencies resolved.\nNothing to do.\nComplete!\n"))
        }
        "install" => {
            if names.is_empty() {
                return CommandOutput::fail("Error: Need to pass a list of pkgs to install\n", 1);
            }
            let mut new = Vec::new();
            for n in &names {
                match catalogue(m.os).iter().find(|(p, _, _)| p == n) {
                    Some(p) => {
                        if !m.packages.contains(p.0) {
                            new.push(*p);
                        }
                    }
                    None if m.packages.contains(n.as_str()) => {}
                    None => {
                        return CommandOutput::fail(
                            format!(
                                "{stamp}No match for argument: {n}\nError: Unable to find a match: {n}\n"
                            ),
                            1,
                        );
                    }
                }
            }
            if new.is_empty() {
                let already: String =
                    names.iter().map(|n| format!("Package {n} is already installed.\n")).collect();
                return CommandOutput::ok(format!(
                    "{stamp}{already}Dependencies resolved.\nNothing to do.\nComplete!\n"
                ));
            }
            let arch = "x86_64";
            let mut out = format!(
                "{stamp}Dependencies resolved.\n================================================================================\n Package            Arch       Version                      Repository     Size\n================================================================================\nInstalling:\n"
            );
            for (name, ver, _) in &new {
                out.push_str(&format!(" {name:<18} {arch:<10} {ver:<28} amazonlinux   1.4 M\n"));
            }
            out.push_str(&format!("\nTransaction Summary\n================================================================================\nInstall  {} Package{}\n\n", new.len(), if new.len() == 1 { "" } else { "s" }));
            out.push_str("Downloading Packages:\nRunning transaction check\nTransaction check succeeded.\nRunning transaction test\nTransaction test succeeded.\nRunning transaction\n");
            for (i, (name, ver, _)) in new.iter().enumerate() {
                out.push_str(&format!(
                    "  Installing       : {name}-{ver}.{arch}{:>10}/{}\n",
                    i + 1,
                    new.len()
                ));
            }
            out.push_str("\nInstalled:\n");
            for (name, ver, _) in &new {
                out.push_str(&format!("  {name}-{ver}.{arch}\n"));
                m.packages.insert(name.to_string());
                lay_down(name, m.os, fs, now);
            }
            out.push_str("\nComplete!\n");
            CommandOutput::ok(out)
        }
        "list" => CommandOutput::ok(format!(
            "Installed Packages\n{}",
            m.packages.iter().map(|p| format!("{p}\n")).collect::<String>()
        )),
        "" => CommandOutput::fail(format!("usage: {prog} [options] COMMAND\n"), 1),
        other => {
            CommandOutput::fail(format!("No such command: {other}. Please use /usr/bin/{prog} --help\n"), 1)
        }
    }
}

/// `apt`/`apt-get` on Ubuntu. Installing a service package starts it, as Debian does.
pub fn apt(m: &mut Machine, fs: &mut Vfs, prog: &str, args: &[String], now: SimTime) -> CommandOutput {
    if m.os != OsFamily::Ubuntu {
        return CommandOutput::fail(format!("bash: {prog}: command not found\n"), 127);
    }
    let sub = args.iter().find(|a| !a.starts_with('-')).cloned().unwrap_or_default();
    let names: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).skip(1).collect();
    if matches!(sub.as_str(), "install" | "update" | "upgrade" | "remove") && m.host.user != "root" {
        return CommandOutput::fail(
            "E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n",
            100,
        );
    }
    match sub.as_str() {
        "update" => CommandOutput::ok(
            "Hit:1 http://us-east-1.ec2.archive.ubuntu.com/ubuntu noble InRelease\nGet:2 http://security.ubuntu.com/ubuntu noble-security InRelease [126 kB]\nFetched 126 kB in 1s (182 kB/s)\nReading package lists... Done\n",
        ),
        "upgrade" => CommandOutput::ok(
            "Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\nCalculating upgrade... Done\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n",
        ),
        "install" => {
            let mut out = String::from(
                "Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n",
            );
            let mut new = Vec::new();
            for n in &names {
                match APT_PACKAGES.iter().find(|(p, _, _)| p == n) {
                    _ if m.packages.contains(n.as_str()) => {
                        out.push_str(&format!("{n} is already the newest version.\n"));
                    }
                    Some(p) => new.push(*p),
                    None => {
                        out.push_str(&format!("E: Unable to locate package {n}\n"));
                        return CommandOutput { stderr: out, exit_code: 100, ..Default::default() };
                    }
                }
            }
            if new.is_empty() {
                out.push_str("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n");
                return CommandOutput::ok(out);
            }
            out.push_str("The following NEW packages will be installed:\n ");
            for (n, _, _) in &new {
                out.push_str(&format!(" {n}"));
            }
            out.push_str(&format!(
                "\n0 upgraded, {} newly installed, 0 to remove and 0 not upgraded.\n",
                new.len()
            ));
            for (n, v, unit) in &new {
                out.push_str(&format!("Setting up {n} ({v}) ...\n"));
                m.packages.insert(n.to_string());
                lay_down(n, m.os, fs, now);
                if let Some(u) = unit {
                    start(m, u, now);
                    if let Some(s) = m.services.get_mut(*u) {
                        s.enabled = true;
                    }
                }
            }
            CommandOutput::ok(out)
        }
        _ => CommandOutput::fail(format!("E: Invalid operation {sub}\n"), 100),
    }
}

const UBUNTU_APACHE_PAGE: &str = "<!DOCTYPE html>\n<html>\n  <head>\n    <title>Apache2 Ubuntu Default Page: It works</title>\n  </head>\n  <body>\n    <h1>Apache2 Default Page</h1>\n    <p>It works!</p>\n  </body>\n</html>\n";

/// The files a package puts on disk that learners touch: web roots and default pages.
fn lay_down(package: &str, os: OsFamily, fs: &mut Vfs, now: SimTime) {
    match (package, os) {
        ("httpd", _) => fs.mkdir_p("/var/www/html", "root", 0o755),
        ("nginx", OsFamily::Ubuntu) => fs.install(
            "/var/www/html/index.nginx-debian.html",
            "<h1>Welcome to nginx!</h1>\n",
            "root",
            0o644,
            now,
        ),
        ("nginx", _) => fs.mkdir_p("/usr/share/nginx/html", "root", 0o755),
        ("apache2", _) => fs.install("/var/www/html/index.html", UBUNTU_APACHE_PAGE, "root", 0o644, now),
        _ => {}
    }
}

/// `usermod -aG GROUP USER` (only the `docker` group matters here).
pub fn usermod(m: &mut Machine, args: &[String]) -> CommandOutput {
    if m.host.user != "root" {
        return CommandOutput::fail(
            "usermod: Permission denied.\nusermod: cannot lock /etc/passwd; try again later.\n",
            1,
        );
    }
    let mut group = None;
    let mut user = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "-aG" | "-G" | "-Ga" => {
                group = args.get(i + 1).cloned();
                i += 1;
            }
            "-a" => {}
            u if !u.starts_with('-') => user = Some(u.to_string()),
            _ => {}
        }
        i += 1;
    }
    let (Some(group), Some(user)) = (group, user) else {
        return CommandOutput::fail("Usage: usermod [options] LOGIN\n", 2);
    };
    if group == "docker" && !["docker", "docker.io", "docker-ce"].iter().any(|p| m.packages.contains(*p)) {
        return CommandOutput::fail("usermod: group 'docker' does not exist\n", 6);
    }
    if group == "docker" {
        m.docker_group.entry(user).or_insert(false);
    }
    CommandOutput::default()
}

/// `rpm -q PKG…` on Amazon Linux.
pub fn rpm(m: &Machine, args: &[String]) -> CommandOutput {
    if m.os == OsFamily::Ubuntu {
        return CommandOutput::fail("bash: rpm: command not found\n", 127);
    }
    let mut out = CommandOutput::default();
    for name in args.iter().filter(|a| !a.starts_with('-')) {
        match AL_PACKAGES.iter().find(|(p, _, _)| p == name).filter(|_| m.packages.contains(name.as_str())) {
            Some((p, v, _)) => out.stdout.push_str(&format!("{p}-{v}.x86_64\n")),
            None if m.packages.contains(name.as_str()) => {
                out.stdout.push_str(&format!("{name}-1.0-1.amzn2023.x86_64\n"))
            }
            None => {
                out.stdout.push_str(&format!("package {name} is not installed\n"));
                out.exit_code = 1;
            }
        }
    }
    out
}

/// The unit a package provides, if installed.
fn unit_installed(m: &Machine, unit: &str) -> bool {
    m.services.contains_key(unit)
        || catalogue(m.os).iter().any(|(p, _, u)| *u == Some(unit) && m.packages.contains(*p))
}

/// `systemctl start|stop|restart|enable|disable|status|is-active|is-enabled UNIT…`.
pub fn systemctl(m: &mut Machine, args: &[String], now: SimTime) -> CommandOutput {
    let now_flag = args.iter().any(|a| a == "--now");
    let words: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let Some((verb, units)) = words.split_first() else {
        return CommandOutput::ok(
            "  UNIT                 LOAD   ACTIVE SUB     DESCRIPTION\n  sshd.service         loaded active running OpenSSH server daemon\n",
        );
    };
    let mut out = CommandOutput::default();
    for raw in units {
        let unit = raw.trim_end_matches(".service").to_string();
        if !unit_installed(m, &unit) {
            let msg = match verb.as_str() {
                "status" => format!("Unit {unit}.service could not be found.\n"),
                "enable" | "disable" => {
                    format!("Failed to {verb} unit: Unit file {unit}.service does not exist.\n")
                }
                "is-active" => {
                    out.stdout.push_str("inactive\n");
                    out.exit_code = 3;
                    continue;
                }
                _ => format!("Failed to {verb} {unit}.service: Unit {unit}.service not found.\n"),
            };
            out.stderr.push_str(&msg);
            out.exit_code = if verb.as_str() == "status" { 4 } else { 5 };
            continue;
        }
        let needs_root =
            matches!(verb.as_str(), "start" | "stop" | "restart" | "enable" | "disable" | "reload");
        if needs_root && m.host.user != "root" {
            out.stderr.push_str(&format!("Failed to {verb} {unit}.service: Access denied\nSee system logs and 'systemctl status {unit}.service' for details.\n"));
            out.exit_code = 1;
            continue;
        }
        let path = format!("/usr/lib/systemd/system/{unit}.service");
        match verb.as_str() {
            "start" => start(m, &unit, now),
            "restart" | "reload" => {
                start(m, &unit, now);
                if let Some(s) = m.services.get_mut(&unit) {
                    s.since = now;
                }
            }
            "stop" => {
                if let Some(s) = m.services.get_mut(&unit) {
                    s.active = false;
                }
            }
            "enable" => {
                let s = m.services.entry(unit.clone()).or_insert(Service {
                    active: false,
                    enabled: false,
                    since: now,
                });
                if !s.enabled {
                    s.enabled = true;
                    out.stderr.push_str(&format!("Created symlink /etc/systemd/system/multi-user.target.wants/{unit}.service → {path}.\n"));
                }
                if now_flag {
                    start(m, &unit, now);
                }
            }
            "disable" => {
                if let Some(s) = m.services.get_mut(&unit) {
                    if s.enabled {
                        out.stderr.push_str(&format!(
                            "Removed \"/etc/systemd/system/multi-user.target.wants/{unit}.service\".\n"
                        ));
                    }
                    s.enabled = false;
                    if now_flag {
                        s.active = false;
                    }
                }
            }
            "is-active" => {
                let active = m.service_active(&unit);
                out.stdout.push_str(if active { "active\n" } else { "inactive\n" });
                if !active {
                    out.exit_code = 3;
                }
            }
            "is-enabled" => {
                let enabled = m.services.get(&unit).is_some_and(|s| s.enabled);
                out.stdout.push_str(if enabled { "enabled\n" } else { "disabled\n" });
                if !enabled {
                    out.exit_code = 1;
                }
            }
            "status" => {
                let s = m.services.get(&unit).cloned().unwrap_or(Service {
                    active: false,
                    enabled: false,
                    since: now,
                });
                let enabled = if s.enabled { "enabled" } else { "disabled" };
                let active = if s.active {
                    let ago = now.as_secs().saturating_sub(s.since.as_secs());
                    let ago = if ago >= 60 {
                        format!("{}min {}s ago", ago / 60, ago % 60)
                    } else {
                        format!("{ago}s ago")
                    };
                    format!("active (running) since {}; {ago}", status_date(s.since))
                } else {
                    "inactive (dead)".to_string()
                };
                let dot = if s.active { "●" } else { "○" };
                out.stdout.push_str(&format!(
                    "{dot} {unit}.service - {}\n     Loaded: loaded ({path}; {enabled}; preset: disabled)\n     Active: {active}\n",
                    describe(&unit)
                ));
                if !s.active {
                    out.exit_code = 3;
                }
            }
            other => {
                out.stderr.push_str(&format!("Unknown command verb '{other}'.\n"));
                out.exit_code = 1;
            }
        }
    }
    out
}

fn status_date(t: SimTime) -> String {
    let c = crate::net::date::civil(t);
    format!(
        "{} {:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
        c.weekday(),
        c.year,
        c.month,
        c.day,
        c.hour,
        c.minute,
        c.second
    )
}

fn describe(unit: &str) -> &'static str {
    match unit {
        "httpd" => "The Apache HTTP Server",
        "apache2" => "The Apache HTTP Server",
        "nginx" => "The nginx HTTP and reverse proxy server",
        "docker" => "Docker Application Container Engine",
        "sshd" | "ssh" => "OpenSSH server daemon",
        "amazon-ssm-agent" => "amazon-ssm-agent",
        "chronyd" => "NTP client/server",
        "crond" => "Command Scheduler",
        _ => "Initial cloud-init job",
    }
}
