//! A terminal session: the learner's laptop shell over one simulated world, and the instances
//! it can `ssh` into.
//!
//! This is the entry point widgets and the script runner use: feed it one line at a time with
//! the current [`SimTime`], get back a [`CommandOutput`]. Lines are tokenized and run by
//! [`crate::shell`]; `aws` goes to [`crate::cli`], `curl` and `ssh` to the simulated network.
//! Instances boot (and run their user data, once) the first time a line runs after they reach
//! `running`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ec2::World;
use crate::imds::world_view;
use crate::imds::{InstanceFacts, OsFamily, RunState};
use crate::output::CommandOutput;
use crate::shell::host::{Host, PromptStyle};
use crate::shell::machine::Machine;
use crate::shell::programs::{Ctx, Effect, cloud_init};
use crate::shell::ssh::{self, Login, Pending, SshStep};
use crate::shell::{LineResult, run_line, run_script};
use crate::time::SimTime;

/// How a session starts: the seed for identifiers and the default region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct SessionConfig {
    pub seed: u64,
    pub region: String,
}

impl Default for SessionConfig {
    fn default() -> Self {
        SessionConfig { seed: 1, region: "us-east-1".to_string() }
    }
}

/// One learner's terminal: its history, the laptop, the guests it has seen, and the world.
#[derive(Debug, Clone)]
pub struct Session {
    config: SessionConfig,
    world: World,
    history: Vec<String>,
    laptop: Host,
    machines: BTreeMap<String, Machine>,
    /// Instances added directly (tests, labs without the control plane).
    fixtures: Vec<InstanceFacts>,
    /// Where the terminal is logged in, when not on the laptop.
    login: Option<Login>,
    /// An ssh connection waiting for the host-key answer.
    pending: Option<Pending>,
}

fn placeholder() -> Host {
    Host::new("nobody", "", PromptStyle::Laptop)
}

impl Session {
    pub fn new(config: SessionConfig) -> Self {
        let mut laptop = Host::new("learner", "laptop", PromptStyle::Laptop);
        laptop.vars.insert("AWS_DEFAULT_REGION".into(), config.region.clone());
        laptop.exported.insert("AWS_DEFAULT_REGION".into());
        Session {
            world: World::new(config.seed),
            config,
            history: Vec::new(),
            laptop,
            machines: BTreeMap::new(),
            fixtures: Vec::new(),
            login: None,
            pending: None,
        }
    }

    pub fn world(&self) -> &World {
        &self.world
    }

    /// Mutable access for lab setup and tests that build the world without the CLI.
    pub fn world_mut(&mut self) -> &mut World {
        &mut self.world
    }

    pub fn config(&self) -> &SessionConfig {
        &self.config
    }

    /// Lines entered so far, oldest first (every host; `history` on a host shows its own).
    pub fn history(&self) -> &[String] {
        &self.history
    }

    /// The learner's laptop: files, variables, known hosts.
    pub fn laptop(&self) -> &Host {
        &self.laptop
    }

    /// The guest OS of instance `id`, once it has booted.
    pub fn machine(&self, id: &str) -> Option<&Machine> {
        self.machines.get(id)
    }

    /// The instance the terminal is logged into, if any.
    pub fn current_instance(&self) -> Option<&str> {
        self.login.as_ref().map(|l| l.instance_id.as_str())
    }

    /// Puts a file on the laptop (lab setup: `practice.pem` and the like). Relative paths are
    /// under the learner's home.
    pub fn add_file(&mut self, path: &str, content: &str, mode: u32) {
        let abs = self.laptop.path(path);
        self.laptop.fs.install(&abs, content, "learner", mode, SimTime::ZERO);
    }

    /// Adds an instance that exists only for the shell and IMDS (tests and IMDS exercises).
    pub fn add_instance_fixture(&mut self, facts: InstanceFacts) {
        self.fixtures.retain(|f| f.instance_id != facts.instance_id);
        self.fixtures.push(facts);
    }

    /// Replaces a fixture's facts (e.g. to change its metadata options mid-test).
    pub fn fixture_mut(&mut self, id: &str) -> Option<&mut InstanceFacts> {
        self.fixtures.iter_mut().find(|f| f.instance_id == id)
    }

    /// The prompt shown before the next line (empty while ssh waits for an answer: the
    /// question itself is the prompt).
    pub fn prompt(&self) -> String {
        if self.pending.is_some() {
            return String::new();
        }
        match self.login.as_ref().and_then(|l| self.machines.get(&l.instance_id)) {
            Some(m) => m.host.prompt(),
            None => self.laptop.prompt(),
        }
    }

    fn all_facts(&self) -> Vec<InstanceFacts> {
        let mut facts = world_view::all_facts(&self.world);
        facts.extend(self.fixtures.iter().cloned());
        facts
    }

    /// Runs one terminal line at simulated time `now`.
    pub fn run(&mut self, line: &str, now: SimTime) -> CommandOutput {
        self.world.advance_to(now);
        let facts = self.all_facts();
        let rebooted = self.boot_instances(&facts, now);
        if let Some(p) = self.pending.take() {
            return self.answer_host_key(line, p, &facts, now);
        }
        let trimmed = line.trim();
        if trimmed.is_empty() {
            return CommandOutput::default();
        }
        self.history.push(trimmed.to_string());
        if let Some(login) = self.login.clone() {
            // A stop, a termination or a reboot ends the connection.
            let alive =
                facts.iter().any(|f| f.instance_id == login.instance_id && f.state == RunState::Running)
                    && !rebooted.contains(&login.instance_id);
            if !alive {
                self.login = None;
                return CommandOutput::fail(
                    format!(
                        "Connection to {} closed by remote host.\nConnection to {} closed.\n",
                        login.host, login.host
                    ),
                    255,
                );
            }
        }
        let here = self.login.as_ref().map(|l| l.instance_id.clone());
        if let Some(host) = self.host_mut(here.as_deref()) {
            host.history.push(trimmed.to_string());
        }
        let (result, effects) = self.run_on(here.as_deref(), trimmed, &facts, now);
        let mut out = result.output;
        if result.exit_requested
            && let Some(login) = self.login.take()
        {
            // ssh exits with the remote shell's status (`exit 3` makes ssh return 3).
            match &login.ssm_session {
                Some(id) => {
                    out.stdout.push_str(&format!("\n\nExiting session with sessionId: {id}.\n\n"));
                    if let Some(m) = self.machines.get_mut(&login.instance_id) {
                        m.host.style = if m.os == OsFamily::Ubuntu {
                            PromptStyle::Ubuntu
                        } else {
                            PromptStyle::AmazonLinux
                        };
                    }
                }
                None => {
                    out.stdout.push_str("logout\n");
                    out.stderr.push_str(&format!("Connection to {} closed.\n", login.host));
                }
            }
        }
        for effect in effects {
            match effect {
                Effect::Ssh(step) => self.apply_ssh(*step, &mut out, &facts, now),
                Effect::Disconnect => {
                    if let Some(login) = self.login.take() {
                        out.stderr.push_str(&format!(
                            "Connection to {} closed by remote host.\nConnection to {} closed.\n",
                            login.host, login.host
                        ));
                        out.exit_code = 255;
                    }
                }
            }
        }
        out
    }

    fn host_mut(&mut self, here: Option<&str>) -> Option<&mut Host> {
        match here {
            None => Some(&mut self.laptop),
            Some(id) => self.machines.get_mut(id).map(|m| &mut m.host),
        }
    }

    /// Runs `line` on the laptop (`None`) or instance `here`.
    fn run_on(
        &mut self,
        here: Option<&str>,
        line: &str,
        facts: &[InstanceFacts],
        now: SimTime,
    ) -> (LineResult, Vec<Effect>) {
        self.run_on_with(here, line, facts, now, false)
    }

    /// Runs `source` on a host; `script` merges stderr into stdout as cloud-init's log does.
    fn run_on_with(
        &mut self,
        here: Option<&str>,
        source: &str,
        facts: &[InstanceFacts],
        now: SimTime,
        script: bool,
    ) -> (LineResult, Vec<Effect>) {
        let Some(slot) = self.host_mut(here) else {
            return (
                LineResult { output: CommandOutput::fail("bash: host is gone\n", 255), exit_requested: true },
                Vec::new(),
            );
        };
        let mut host = std::mem::replace(slot, placeholder());
        let mut ctx = Ctx {
            world: &mut self.world,
            facts,
            machines: &mut self.machines,
            here: here.map(str::to_string),
            laptop_region: self.config.region.clone(),
            hops: 1,
            effects: Vec::new(),
        };
        let result = if script {
            run_script(source, &mut host, &mut ctx, now)
        } else {
            run_line(source, &mut host, &mut ctx, now)
        };
        let effects = std::mem::take(&mut ctx.effects);
        if let Some(slot) = self.host_mut(here) {
            *slot = host;
        }
        (result, effects)
    }

    fn key_check(world: &World) -> impl Fn(&InstanceFacts, &str) -> bool + '_ {
        move |f: &InstanceFacts, text: &str| {
            f.key.as_ref().is_some_and(|k| world_view::key_matches(world, &f.region, &k.name, text))
        }
    }

    fn answer_host_key(
        &mut self,
        line: &str,
        p: Pending,
        facts: &[InstanceFacts],
        now: SimTime,
    ) -> CommandOutput {
        let answered = {
            let check = Self::key_check(&self.world);
            ssh::answer(line, &p, &mut self.laptop, facts, &check)
        };
        match answered {
            None => {
                self.pending = Some(p);
                CommandOutput { stderr: ssh::ASK_AGAIN.to_string(), ..Default::default() }
            }
            Some(step) => {
                let mut out = CommandOutput::default();
                let shown = match &step {
                    SshStep::Done(o) | SshStep::AskHostKey(o, _) | SshStep::LoggedIn(o, _) => o.clone(),
                };
                out.stdout = shown.stdout;
                out.stderr = shown.stderr;
                out.exit_code = shown.exit_code;
                if !matches!(step, SshStep::Done(_)) {
                    self.apply_ssh(step, &mut out, facts, now);
                }
                out
            }
        }
    }

    /// Continues an ssh connection after the line that started it.
    fn apply_ssh(&mut self, step: SshStep, out: &mut CommandOutput, facts: &[InstanceFacts], now: SimTime) {
        match step {
            SshStep::Done(_) => {}
            SshStep::AskHostKey(_, pending) => self.pending = Some(pending),
            SshStep::LoggedIn(_, login) => {
                let Some(m) = self.machines.get_mut(&login.instance_id) else {
                    return;
                };
                if let Some(command) = &login.command {
                    let (result, _) = self.run_remote(&login, command, facts, now);
                    out.stdout.push_str(&result.output.stdout);
                    out.stderr.push_str(&result.output.stderr);
                    out.exit_code = result.output.exit_code;
                    return;
                }
                if login.ssm_session.is_some() {
                    // Session Manager: `sh` as ssm-user, starting in /usr/bin.
                    m.host.fs.mkdir_p("/home/ssm-user", "ssm-user", 0o700);
                    m.host.fs.mkdir_p("/usr/bin", "root", 0o755);
                    m.host.style = if m.os == OsFamily::Ubuntu { PromptStyle::Dash } else { PromptStyle::Sh };
                    m.host.user = login.user.clone();
                    m.host.login_user = login.user.clone();
                    m.host.cwd = "/usr/bin".into();
                    self.login = Some(login);
                    return;
                }
                if let Some(last) = m.last_login {
                    out.stdout.push_str(&format!(
                        "Last login: {} from {}\n",
                        crate::net::date::unix_date(last).replace(" UTC", ""),
                        ssh::LEARNER_IP
                    ));
                }
                m.logins += 1;
                m.last_login = Some(now);
                // A fresh login sees group changes (`usermod -aG docker …`).
                for active in m.docker_group.values_mut() {
                    *active = true;
                }
                m.host.style =
                    if m.os == OsFamily::Ubuntu { PromptStyle::Ubuntu } else { PromptStyle::AmazonLinux };
                m.host.user = login.user.clone();
                m.host.login_user = login.user.clone();
                m.host.cwd = m.host.home();
                self.login = Some(login);
            }
        }
    }

    /// `ssh host command`: runs `command` on the instance and comes back.
    fn run_remote(
        &mut self,
        login: &Login,
        command: &str,
        facts: &[InstanceFacts],
        now: SimTime,
    ) -> (LineResult, Vec<Effect>) {
        if let Some(m) = self.machines.get_mut(&login.instance_id) {
            m.host.user = login.user.clone();
            m.host.cwd = m.host.home();
        }
        self.run_on(Some(&login.instance_id), command, facts, now)
    }

    /// Boots every running instance whose guest has not seen its latest start: the first boot
    /// runs cloud-init with the user data; later boots only restart enabled services and grow
    /// the root partition and filesystem, as cloud-init's growpart and resizefs modules do.
    /// Returns the instances that rebooted (their sessions are gone).
    fn boot_instances(&mut self, facts: &[InstanceFacts], now: SimTime) -> Vec<String> {
        let mut rebooted = Vec::new();
        for f in facts.iter().filter(|f| f.state == RunState::Running) {
            match self.machines.get_mut(&f.instance_id) {
                Some(m) if m.booted_at == Some(f.last_start) => {}
                Some(m) => {
                    rebooted.push(f.instance_id.clone());
                    for s in m.services.values_mut() {
                        s.active = s.enabled;
                        s.since = f.last_start;
                    }
                    m.disk.part_grown_to_gib = f.root_volume_gib;
                    m.disk.fs_grown_to_gib = f.root_volume_gib;
                    for d in m.data_fs.values_mut() {
                        d.mountpoint = None;
                    }
                    m.booted_at = Some(f.last_start);
                    let mut log =
                        m.host.fs.read(cloud_init::LOG_PATH, "root").unwrap_or_default().to_string();
                    log.push_str(&cloud_init::boot_header(f.os, f.last_start));
                    log.push_str(&cloud_init::boot_footer(f.os, f.last_start, 12));
                    m.host.fs.install(cloud_init::LOG_PATH, &log, "root", 0o644, f.last_start);
                }
                None => self.first_boot(f, facts, now),
            }
        }
        rebooted
    }

    fn first_boot(&mut self, f: &InstanceFacts, facts: &[InstanceFacts], now: SimTime) {
        let boot = f.last_start;
        let mut m = Machine::new(f, boot);
        m.booted_at = Some(boot);
        let mut log = String::new();
        if let Some(source) = f.source_instance_id.as_ref().and_then(|id| self.machines.get(id)) {
            m.inherit_disk(source, f, boot);
            log = m.host.fs.read(cloud_init::LOG_PATH, "root").unwrap_or_default().to_string();
        }
        log.push_str(&cloud_init::boot_header(f.os, boot));
        let script = match &f.user_data {
            Some(ud) => {
                m.host.fs.install("/var/lib/cloud/instance/user-data.txt", ud, "root", 0o600, boot);
                match cloud_init::classify(ud, f.os) {
                    cloud_init::UserData::Script(s) | cloud_init::UserData::CloudConfig(s) => Some(s),
                    cloud_init::UserData::Unhandled(text) => {
                        log.push_str(&cloud_init::unhandled(boot, &text));
                        None
                    }
                }
            }
            None => None,
        };
        let login_user = m.host.user.clone();
        m.host.user = "root".into();
        m.host.cwd = "/".into();
        self.machines.insert(f.instance_id.clone(), m);
        if let Some(script) = script {
            let result = self.run_on_with(Some(&f.instance_id), &script, facts, now, true).0;
            log.push_str(&result.output.stdout);
            if result.output.exit_code != 0 {
                log.push_str(&cloud_init::script_failed(boot, result.output.exit_code));
            }
        }
        log.push_str(&cloud_init::boot_footer(f.os, boot, 31));
        if let Some(m) = self.machines.get_mut(&f.instance_id) {
            m.host.user = login_user;
            m.host.cwd = m.host.home();
            m.host.last_status = 0;
            m.host.fs.install(cloud_init::LOG_PATH, &log, "root", 0o644, boot);
        }
        // cloud-init also writes to the serial console, which `get-console-output` reads.
        self.world.set_guest_console(&f.instance_id, &log);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echo_prints_its_arguments() {
        let mut s = Session::new(SessionConfig::default());
        let out = s.run("echo hello   world", SimTime::ZERO);
        assert_eq!(out, CommandOutput::ok("hello world\n"));
    }

    #[test]
    fn unknown_command_exits_127() {
        let mut s = Session::new(SessionConfig::default());
        let out = s.run("frobnicate", SimTime::ZERO);
        assert_eq!(out.exit_code, 127);
        assert_eq!(out.stderr, "bash: frobnicate: command not found\n");
    }

    #[test]
    fn history_numbers_lines() {
        let mut s = Session::new(SessionConfig::default());
        s.run("echo a", SimTime::ZERO);
        let out = s.run("history", SimTime::ZERO);
        assert_eq!(out.stdout, "    1  echo a\n    2  history\n");
    }
}
