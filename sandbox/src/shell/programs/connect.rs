//! The two ways in that need no key file: Session Manager (`aws ssm start-session`, no port 22
//! needed, but the instance needs a role and a reachable IMDS for its agent) and EC2 Instance
//! Connect (`aws ec2-instance-connect ssh`, real SSH on port 22 with a one-time key that sshd
//! reads from IMDS).

use super::{Ctx, Effect};
use crate::ec2::World;
use crate::imds::{self, InstanceFacts, RunState, mix};
use crate::output::CommandOutput;
use crate::shell::host::Host;
use crate::shell::ssh::{self, KeyCheck, Login, SshStep};

/// The value after `--name` (or `--name=value`).
fn option(args: &[String], name: &str) -> Option<String> {
    args.iter().enumerate().find_map(|(i, a)| {
        if a == name {
            args.get(i + 1).cloned()
        } else {
            a.strip_prefix(&format!("{name}=")).map(str::to_string)
        }
    })
}

fn required(name: &str) -> CommandOutput {
    CommandOutput::fail(
        format!(
            "usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\nTo see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n\naws: error: the following arguments are required: {name}\n"
        ),
        252,
    )
}

/// `aws ssm start-session --target ID`: a shell as `ssm-user`, or `TargetNotConnected`.
pub fn start_session(args: &[String], facts: &[InstanceFacts], region: &str) -> CommandOutput {
    let Some(target) = option(args, "--target") else { return required("--target") };
    let region = option(args, "--region").unwrap_or_else(|| region.to_string());
    let connected = facts.iter().find(|f| f.instance_id == target && f.region == region).filter(|f| {
        // The agent registers with Systems Manager using the role's credentials from IMDS.
        f.state == RunState::Running && f.iam.is_some() && f.metadata.endpoint_enabled
    });
    match connected {
        None => CommandOutput::fail(
            format!(
                "\nAn error occurred (TargetNotConnected) when calling the StartSession operation: {target} is not connected.\n"
            ),
            254,
        ),
        Some(f) => {
            let id = format!(
                "learner-{}",
                mix::text(mix::hash(&[&f.instance_id, "ssm"]), 17, b"0123456789abcdef")
            );
            CommandOutput::ok(format!("\nStarting session with SessionId: {id}\n"))
        }
    }
}

/// The login a successful `start-session` output stands for.
pub fn session_login(output: &CommandOutput, args: &[String]) -> Option<Login> {
    let id = output.stdout.trim().strip_prefix("Starting session with SessionId: ")?.to_string();
    Some(Login {
        instance_id: option(args, "--target")?,
        user: "ssm-user".into(),
        host: String::new(),
        command: None,
        ssm_session: Some(id),
    })
}

/// `aws ec2-instance-connect ssh --instance-id ID [--os-user USER]`.
pub fn eic_ssh(
    args: &[String],
    laptop: &mut Host,
    facts: &[InstanceFacts],
    keys: KeyCheck<'_>,
    region: &str,
) -> SshStep {
    let Some(id) = option(args, "--instance-id") else { return SshStep::Done(required("--instance-id")) };
    let region = option(args, "--region").unwrap_or_else(|| region.to_string());
    let Some(f) = facts.iter().find(|f| f.instance_id == id && f.region == region) else {
        return SshStep::Done(CommandOutput::fail(
            format!(
                "\nAn error occurred (InvalidInstanceID.NotFound) when calling the DescribeInstances operation: The instance ID '{id}' does not exist\n"
            ),
            254,
        ));
    };
    let user = option(args, "--os-user").unwrap_or_else(|| "ec2-user".to_string());
    let host = f.public_ip.clone().unwrap_or_else(|| f.private_ip.clone());
    let argv =
        vec!["-o".to_string(), "StrictHostKeyChecking=accept-new".to_string(), format!("{user}@{host}")];
    ssh::connect_with(&argv, laptop, facts, keys, true)
}

impl Ctx<'_> {
    /// `aws ssm start-session` and `aws ec2-instance-connect ssh` from the laptop.
    pub(super) fn connect(&mut self, host: &mut Host, args: &[String]) -> CommandOutput {
        let region = host
            .vars
            .get("AWS_DEFAULT_REGION")
            .or_else(|| host.vars.get("AWS_REGION"))
            .cloned()
            .unwrap_or_else(|| self.laptop_region.clone());
        let rest = &args[1..];
        match (args[0].as_str(), rest.first().map(String::as_str)) {
            ("ssm", Some("start-session")) => {
                let out = start_session(&rest[1..], self.facts, &region);
                if let Some(login) = session_login(&out, &rest[1..]) {
                    self.effects.push(Effect::Ssh(Box::new(SshStep::LoggedIn(out.clone(), login))));
                }
                out
            }
            ("ec2-instance-connect", Some("ssh")) => {
                let world: &World = self.world;
                let check = |f: &InstanceFacts, text: &str| {
                    f.key
                        .as_ref()
                        .is_some_and(|k| imds::world_view::key_matches(world, &f.region, &k.name, text))
                };
                match eic_ssh(&rest[1..], host, self.facts, &check, &region) {
                    SshStep::Done(out) => out,
                    other => {
                        let shown = match &other {
                            SshStep::AskHostKey(out, _) | SshStep::LoggedIn(out, _) | SshStep::Done(out) => {
                                out.clone()
                            }
                        };
                        self.effects.push(Effect::Ssh(Box::new(other)));
                        shown
                    }
                }
            }
            (service, _) => CommandOutput::fail(
                format!(
                    "aws {service}: only `ssm start-session` and `ec2-instance-connect ssh` are simulated\n"
                ),
                252,
            ),
        }
    }
}
