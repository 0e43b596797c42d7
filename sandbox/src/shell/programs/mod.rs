//! The programs behind the shell's builtins: `aws`, `curl`, `ssh`, `hostname`, and on an
//! instance `df`, `lsblk`, `growpart`, `resize2fs`, `xfs_growfs`, `systemctl`, `yum`/`dnf`,
//! `apt`, `docker`, `cloud-init`. [`Ctx`] implements [`Programs`] for one line on one host.

pub mod cloud_init;
pub mod connect;
pub mod disk;
pub mod docker;
pub mod ec2_metadata;
pub mod packages;
pub mod ping;
pub mod python;
pub mod volumes;
pub mod web;

use std::collections::BTreeMap;

use crate::cli::{self, CliEnv};
use crate::ec2::World;
use crate::imds::{self, InstanceFacts, OsFamily};
use crate::net::curl::{self, CurlContext, Url};
use crate::net::http::{Exchange, HttpRequest, HttpResponse};
use crate::output::CommandOutput;
use crate::shell::exec::{Io, Programs};
use crate::shell::host::Host;
use crate::shell::machine::Machine;
use crate::shell::ssh::{self, LEARNER_IP, SshStep};
use crate::shell::vfs::Vfs;
use crate::time::SimTime;

/// Something a program asks the session to do after the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// ssh reached a point the session must continue (login, or the host-key question).
    Ssh(Box<SshStep>),
    /// The instance went down under the login (`sudo poweroff`, `sudo reboot`).
    Disconnect,
}

/// Everything a program may touch while one line runs.
pub struct Ctx<'a> {
    pub world: &'a mut World,
    /// Every instance as of the start of the line.
    pub facts: &'a [InstanceFacts],
    /// Guests by instance id. The current host's `Host` has been taken out for the line.
    pub machines: &'a mut BTreeMap<String, Machine>,
    /// The instance this line runs on, or `None` on the laptop.
    pub here: Option<String>,
    /// The laptop's configured region.
    pub laptop_region: String,
    /// Hops to the instance's network stack (2 inside `docker run`).
    pub hops: u8,
    pub effects: Vec<Effect>,
}

const NO_CREDENTIALS: &str =
    "\nUnable to locate credentials. You can configure credentials by running \"aws configure\".\n";

/// Reads a file an `aws` option names (`file://PATH`, `fileb://PATH`, `--priv-launch-key PATH`)
/// on `host`; the CLI expands `~` in such paths (`fileb://~/.ssh/key.pub`).
fn read_param_file(host: &Host, path: &str) -> Result<String, crate::shell::vfs::FsError> {
    let path =
        path.strip_prefix("~/").map_or_else(|| path.to_string(), |rest| format!("{}/{rest}", host.home()));
    host.fs.read(&host.path(&path), &host.user).map(str::to_string)
}

/// Checks that every `file://PATH` / `fileb://PATH` value can be read, with the CLI's message
/// for one that cannot (a missing file, or one the user may not read). The CLI then reads the
/// files itself, after parsing, so their contents are never mistaken for options.
fn check_param_files(host: &Host, args: &[String]) -> Result<(), CommandOutput> {
    let mut previous: Option<&str> = None;
    for arg in args {
        let (option, value) = match arg.split_once('=') {
            Some((o, v)) if o.starts_with("--") => (Some(o), v),
            _ => (previous.filter(|p| p.starts_with("--")), arg.as_str()),
        };
        if let Some(p) = value.strip_prefix("file://").or_else(|| value.strip_prefix("fileb://"))
            && let Err(e) = read_param_file(host, p)
        {
            let errno = if e == crate::shell::vfs::FsError::NotFound { 2 } else { 13 };
            let opt = option.unwrap_or("--");
            // A parameter value the CLI cannot use: exit 252, as for other bad parameters.
            return Err(CommandOutput::fail(
                format!(
                    "\nError parsing parameter '{opt}': Unable to load paramfile {value}: [Errno {errno}] {e}: '{p}'\n"
                ),
                252,
            ));
        }
        previous = Some(arg.as_str());
    }
    Ok(())
}

impl Ctx<'_> {
    fn here_facts(&self) -> Option<&InstanceFacts> {
        let id = self.here.as_ref()?;
        self.facts.iter().find(|f| &f.instance_id == id)
    }

    fn aws(&mut self, host: &Host, args: &[String], now: SimTime) -> CommandOutput {
        let env_region = host.vars.get("AWS_DEFAULT_REGION").or_else(|| host.vars.get("AWS_REGION")).cloned();
        let region = match self.here_facts() {
            None => env_region.unwrap_or_else(|| self.laptop_region.clone()),
            Some(f) => {
                let ubuntu_without_cli = f.os == OsFamily::Ubuntu
                    && !self.machines.get(&f.instance_id).is_some_and(|m| m.packages.contains("awscli"));
                if ubuntu_without_cli {
                    return CommandOutput::fail(
                        "Command 'aws' not found, but can be installed with:\nsudo snap install aws-cli  # version 2.22.35, or\nsudo apt  install awscli  # version 2.14.6-1\nSee 'snap info aws-cli' for additional versions.\n",
                        127,
                    );
                }
                // The CLI's credential chain ends at IMDS: a role and a reachable endpoint.
                let has_env_keys = host.vars.contains_key("AWS_ACCESS_KEY_ID");
                if !has_env_keys && (f.iam.is_none() || !f.metadata.endpoint_enabled) {
                    return CommandOutput::fail(NO_CREDENTIALS, 253);
                }
                env_region.unwrap_or_else(|| f.region.clone())
            }
        };
        if let Err(out) = check_param_files(host, args) {
            return out;
        }
        let env = CliEnv { default_region: region };
        // Options that name a local file (`--priv-launch-key win.pem`) read it from this host.
        let read = |p: &str| read_param_file(host, p).ok();
        match self.here.clone() {
            // On an instance the CLI signs with the role's credentials (sts shows the role).
            Some(id) => cli::run_as(self.world, args, &env, now, &read, cli::Caller::Instance(&id)),
            None => cli::run_with_files(self.world, args, &env, now, &read),
        }
    }

    fn hostname(&self, args: &[String]) -> CommandOutput {
        let Some(f) = self.here_facts() else {
            return CommandOutput::ok("laptop\n");
        };
        let flag = args.first().map(String::as_str).unwrap_or("");
        match flag {
            "-f" | "--fqdn" | "-A" => CommandOutput::ok(format!("{}\n", f.private_dns)),
            "-I" | "-i" => CommandOutput::ok(format!("{} \n", f.private_ip)),
            _ => CommandOutput::ok(format!("{}\n", f.private_dns.split('.').next().unwrap_or("localhost"))),
        }
    }

    /// Where a request from this host to `url` goes.
    fn route(&mut self, here_fs: &Vfs, url: &Url, req: &HttpRequest, now: SimTime) -> Exchange {
        let here = self.here_facts().cloned();
        let host = url.host.as_str();
        let imds_host = host == "169.254.169.254" || host == "fd00:ec2::254";
        if imds_host {
            let Some(f) = here else {
                return Exchange::ConnectTimeout;
            };
            if host == "fd00:ec2::254"
                && (!f.metadata.ipv6_enabled || crate::shell::machine::is_xen(&f.instance_type))
            {
                return Exchange::ConnectTimeout;
            }
            if url.scheme != "http" || url.port != 80 {
                return Exchange::Refused;
            }
            let Some(m) = self.machines.get_mut(&f.instance_id) else {
                return Exchange::ConnectTimeout;
            };
            return imds::respond(&f, &mut m.tokens, req, now);
        }
        if host == "checkip.amazonaws.com" {
            let ip = match &here {
                Some(f) => f.public_ip.clone(),
                None => Some(LEARNER_IP.to_string()),
            };
            let Some(ip) = ip else {
                return Exchange::ConnectTimeout;
            };
            let body = format!("{ip}\n");
            return Exchange::Response(HttpResponse {
                status: 200,
                reason: "OK".into(),
                headers: vec![
                    ("Date".into(), crate::net::date::http_date(now)),
                    ("Content-Type".into(), "text/plain;charset=UTF-8".into()),
                    ("Content-Length".into(), body.len().to_string()),
                ],
                body,
            });
        }
        if host == "localhost" || host == "127.0.0.1" {
            let Some(f) = here else {
                return Exchange::Refused;
            };
            let Some(m) = self.machines.get(&f.instance_id) else {
                return Exchange::Refused;
            };
            return web::serve(m, here_fs, url.port, req, now);
        }
        // Another instance, by public or private address.
        let by_public = self
            .facts
            .iter()
            .find(|f| f.public_ip.as_deref() == Some(host) || f.public_dns.as_deref() == Some(host));
        let by_private = self.facts.iter().find(|f| f.private_ip == host || f.private_dns == host);
        let (target, source) = match (by_public, by_private, &here) {
            (Some(t), _, Some(me)) => (t, me.public_ip.clone().unwrap_or_default()),
            (Some(t), _, None) => (t, LEARNER_IP.to_string()),
            (None, Some(t), Some(me)) if t.vpc_id == me.vpc_id => (t, me.private_ip.clone()),
            (None, Some(_), _) => return Exchange::ConnectTimeout,
            (None, None, _) => {
                let aws_name = host.starts_with("ec2-") && host.ends_with(".amazonaws.com");
                let ip = host.split('.').count() == 4 && host.split('.').all(|p| p.parse::<u8>().is_ok());
                if aws_name || ip {
                    return Exchange::ConnectTimeout;
                }
                // The public internet: reachable from the laptop and from instances with a
                // public address (through the internet gateway).
                let public = matches!(
                    host.rsplit('.').next(),
                    Some("com" | "org" | "net" | "io" | "dev" | "aws" | "co" | "cloud" | "sh")
                );
                if !public {
                    return Exchange::Unresolvable;
                }
                if here.as_ref().is_some_and(|f| f.public_ip.is_none()) {
                    return Exchange::ConnectTimeout;
                }
                return Exchange::Response(web::internet(url, req, now));
            }
        };
        if target.state != imds::RunState::Running || !target.allows_tcp(url.port, &source) {
            return Exchange::ConnectTimeout;
        }
        if target.os == OsFamily::Windows {
            return Exchange::Refused;
        }
        match self.machines.get(&target.instance_id) {
            Some(m) if Some(&target.instance_id) == self.here.as_ref() => {
                web::serve(m, here_fs, url.port, req, now)
            }
            Some(m) => web::serve(m, &m.host.fs, url.port, req, now),
            None => Exchange::Refused,
        }
    }

    fn curl(&mut self, host: &mut Host, args: &[String], io: &Io<'_>) -> CommandOutput {
        let now = io.now;
        let user = host.user.clone();
        let cwd = host.cwd.clone();
        let fs: &Vfs = &host.fs;
        // `-o` writes are checked now and applied once curl is done with the network.
        let mut writes: Vec<(String, String)> = Vec::new();
        let mut write = |path: &str, text: &str| -> Result<(), String> {
            let abs = crate::shell::vfs::normalize(&cwd, path);
            fs.check_write(&abs, &user).map_err(|e| e.to_string())?;
            writes.push((abs, text.to_string()));
            Ok(())
        };
        let hops = self.hops;
        let proxy_env = ["http_proxy", "HTTP_PROXY"]
            .iter()
            .find_map(|k| host.vars.get(*k).filter(|v| !v.is_empty()).map(|v| (k.to_string(), v.clone())));
        let no_proxy_env =
            host.vars.get("no_proxy").or_else(|| host.vars.get("NO_PROXY")).cloned().unwrap_or_default();
        let proxy_for = move |url: &Url, flag: Option<&str>| -> Option<String> {
            let (name, value) = proxy_env.as_ref()?;
            let list = flag.unwrap_or(&no_proxy_env);
            let bypass = list.trim() == "*"
                || list.split(',').map(str::trim).filter(|h| !h.is_empty()).any(|h| {
                    let h = h.trim_start_matches('.');
                    url.host == h || url.host.ends_with(&format!(".{h}"))
                });
            (url.scheme == "http" && !bypass).then(|| format!("{name} == '{value}'"))
        };
        let mut send = |url: &Url, req: &HttpRequest| {
            if req.via_proxy {
                // The proxy (Squid and friends) forwards with the client's address added.
                let mut forwarded = req.clone();
                let client =
                    self.here_facts().map(|f| f.private_ip.clone()).unwrap_or_else(|| LEARNER_IP.to_string());
                forwarded.headers.push(("X-Forwarded-For".to_string(), client));
                self.route(fs, url, &forwarded, now)
            } else {
                self.route(fs, url, req, now)
            }
        };
        let mut ctx = CurlContext {
            stdout_is_tty: io.stdout_is_tty,
            hops,
            send: &mut send,
            write_file: &mut write,
            proxy_for: &proxy_for,
        };
        let out = curl::run(args, &mut ctx);
        for (path, text) in writes {
            let _ = host.fs.write(&path, &text, false, &user, now);
        }
        out
    }

    /// `shutdown`, `poweroff`, `halt`, `reboot`: the guest asks EC2 to stop (or reboot) it.
    fn power(&mut self, host: &Host, argv: &[String], now: SimTime) -> CommandOutput {
        let reboot = argv[0] == "reboot" || argv.iter().any(|a| a == "-r");
        let verb = if reboot { "Reboot" } else { "PowerOff" };
        if host.user != "root" {
            return CommandOutput::fail(
                format!(
                    "Failed to set wall message, ignoring: Interactive authentication required.\nCall to {verb} failed: Interactive authentication required.\n"
                ),
                1,
            );
        }
        let Some(f) = self.here_facts().cloned() else { return CommandOutput::default() };
        if reboot {
            if let Some(region) = crate::ec2::regions::region_info(&f.region).map(|r| r.name) {
                let ctx = crate::ec2::Ctx::new(region, now, false);
                let _ = self.world.reboot_instances(&ctx, std::slice::from_ref(&f.instance_id));
            }
        } else {
            let _ = self.world.os_shutdown(&f.instance_id, now);
        }
        self.effects.push(Effect::Disconnect);
        CommandOutput::default()
    }

    fn instance_program(&mut self, host: &mut Host, argv: &[String], io: &Io<'_>) -> Option<CommandOutput> {
        let id = self.here.clone()?;
        let volume_gib = self.here_facts().map(|f| f.root_volume_gib).unwrap_or(8);
        let here = self.here_facts().cloned();
        let m = self.machines.get_mut(&id)?;
        // Programs that read the user (growpart, resize2fs, package managers) look at the
        // machine's copy: mirror the current effective user into it for this call.
        let real_user = std::mem::replace(&mut m.host.user, host.user.clone());
        let args = &argv[1..];
        let out = match argv[0].as_str() {
            "df" => Some(disk::df(m, args, here.as_ref().map(|f| f.data_volumes.as_slice()).unwrap_or(&[]))),
            "file" => {
                Some(volumes::file(m, here.as_ref().map(|f| f.data_volumes.as_slice()).unwrap_or(&[]), args))
            }
            "mkfs" | "mkfs.xfs" | "mkfs.ext4" => Some(volumes::mkfs(
                m,
                here.as_ref().map(|f| f.data_volumes.as_slice()).unwrap_or(&[]),
                &argv[0],
                args,
            )),
            "mount" => Some(volumes::mount(
                m,
                &host.fs,
                &host.cwd,
                here.as_ref().map(|f| f.data_volumes.as_slice()).unwrap_or(&[]),
                args,
            )),
            "umount" => Some(volumes::umount(
                m,
                here.as_ref().map(|f| f.data_volumes.as_slice()).unwrap_or(&[]),
                args,
            )),
            "lsblk" => Some(disk::lsblk(
                m,
                volume_gib,
                here.as_ref().map(|f| f.data_volumes.as_slice()).unwrap_or(&[]),
            )),
            "growpart" => Some(disk::growpart(m, args, volume_gib)),
            "resize2fs" => Some(disk::resize2fs(m, args)),
            "xfs_growfs" => Some(disk::xfs_growfs(m, args)),
            "systemctl" | "service" => {
                let args: Vec<String> = if argv[0] == "service" && args.len() >= 2 {
                    vec![args[1].clone(), args[0].clone()]
                } else {
                    args.to_vec()
                };
                Some(packages::systemctl(m, &args, io.now))
            }
            "yum" | "dnf" => Some(packages::dnf(m, &mut host.fs, &argv[0], args, io.now)),
            "rpm" => Some(packages::rpm(m, args)),
            "usermod" => Some(packages::usermod(m, args)),
            "newgrp" => Some(match args.first().map(String::as_str) {
                Some("docker") if m.docker_group.contains_key(&host.user) => {
                    m.docker_group.insert(host.user.clone(), true);
                    CommandOutput::default()
                }
                Some(g) => CommandOutput::fail(
                    format!(
                        "newgrp: failed to crypt password with previous salt: Invalid argument\nnewgrp: group '{g}' requires a password\n"
                    ),
                    1,
                ),
                None => CommandOutput::default(),
            }),
            "dpkg" if args.first().is_some_and(|a| a == "--print-architecture") => {
                Some(CommandOutput::ok(if here.as_ref().is_some_and(|f| f.architecture == "arm64") {
                    "arm64\n"
                } else {
                    "amd64\n"
                }))
            }
            "ec2-metadata" if m.os != OsFamily::Ubuntu => match here.as_ref() {
                Some(f) => Some(ec2_metadata::run(f, &mut m.tokens, args, io.now)),
                None => None,
            },
            "apt" | "apt-get" => Some(packages::apt(m, &mut host.fs, &argv[0], args, io.now)),
            "cloud-init" => Some(match args.first().map(String::as_str) {
                Some("status") => CommandOutput::ok("status: done\n"),
                _ => CommandOutput::fail(
                    "usage: /usr/bin/cloud-init [-h] [--version] [--debug] [--force]\n",
                    2,
                ),
            }),
            "uname" => Some(CommandOutput::ok(if args.iter().any(|a| a == "-a") {
                format!(
                    "Linux {} 6.1.119-129.201.amzn2023.x86_64 #1 SMP PREEMPT_DYNAMIC Tue Dec  3 21:07:35 UTC 2024 x86_64 x86_64 x86_64 GNU/Linux\n",
                    m.host.hostname
                )
            } else if args.iter().any(|a| a == "-r") {
                "6.1.119-129.201.amzn2023.x86_64\n".to_string()
            } else {
                "Linux\n".to_string()
            })),
            "id" => Some(CommandOutput::ok(if host.user == "root" {
                "uid=0(root) gid=0(root) groups=0(root)\n".to_string()
            } else {
                let u = &host.user;
                let (uid, extra) = match (u.as_str(), m.os) {
                    ("ssm-user", _) => (1001, String::new()),
                    (_, OsFamily::Ubuntu) => {
                        (1000, ",4(adm),24(cdrom),27(sudo),30(dip),105(lxd)".to_string())
                    }
                    _ => (1000, ",4(adm),10(wheel),190(systemd-journal)".to_string()),
                };
                let docker =
                    if m.docker_group.get(u).copied().unwrap_or(false) { ",992(docker)" } else { "" };
                format!("uid={uid}({u}) gid={uid}({u}) groups={uid}({u}){extra}{docker}\n")
            })),
            _ => None,
        };
        if let Some(m) = self.machines.get_mut(&id) {
            m.host.user = real_user;
        }
        out
    }
}

impl Programs for Ctx<'_> {
    fn run(&mut self, host: &mut Host, argv: &[String], io: &Io<'_>) -> Option<CommandOutput> {
        let args = &argv[1..];
        match argv[0].as_str() {
            "aws"
                if self.here.is_none()
                    && args.first().is_some_and(|a| a == "ssm" || a == "ec2-instance-connect") =>
            {
                Some(self.connect(host, args))
            }
            "aws" => Some(self.aws(host, args, io.now)),
            "curl" => Some(self.curl(host, args, io)),
            "hostname" => Some(self.hostname(args)),
            "python3" | "python" => Some(self.python(host, args, io.now)),
            "pip3" | "pip" => Some(self.pip(args)),
            "ping" => Some(ping::run(args, self.here_facts(), self.facts)),
            "vi" | "vim" | "nano" | "less" | "more" | "top" | "htop" | "man" => Some(CommandOutput::fail(
                format!(
                    "{}: full-screen programs do not run in this terminal; read files with cat, head or tail and write them with echo … > FILE\n",
                    argv[0]
                ),
                1,
            )),
            "docker" => Some(self.docker(host, args, io)),
            "ssh" if self.here.is_none() => {
                let world: &World = self.world;
                let check = |f: &InstanceFacts, text: &str| {
                    f.key
                        .as_ref()
                        .is_some_and(|k| imds::world_view::key_matches(world, &f.region, &k.name, text))
                };
                let step = ssh::connect(args, host, self.facts, &check);
                Some(match step {
                    SshStep::Done(out) => out,
                    other => {
                        let shown = match &other {
                            SshStep::AskHostKey(out, _) | SshStep::LoggedIn(out, _) => out.clone(),
                            SshStep::Done(out) => out.clone(),
                        };
                        self.effects.push(Effect::Ssh(Box::new(other)));
                        shown
                    }
                })
            }
            "ssh-keygen" if self.here.is_none() => Some(ssh::keygen(args, host, io.now)),
            "ssh" => Some(CommandOutput::fail(
                "ssh: this sandbox connects to instances from the laptop only; type exit first\n",
                255,
            )),
            "shutdown" | "poweroff" | "halt" | "reboot" if self.here.is_some() => {
                Some(self.power(host, argv, io.now))
            }
            _ => self.instance_program(host, argv, io),
        }
    }
}
