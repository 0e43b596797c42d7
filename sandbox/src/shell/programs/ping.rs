//! `ping`: ICMP echo through security groups, as iputils prints it. The usual lesson is that
//! a security group without an ICMP rule drops pings even when SSH works.

use crate::imds::{InstanceFacts, RunState};
use crate::output::CommandOutput;
use crate::shell::ssh::LEARNER_IP;

/// Where the echo goes, from the pinger's point of view.
pub enum Target {
    /// Answers (the machine itself, the internet, a reachable instance).
    Answers { ip: String, ms: f64, ttl: u8 },
    /// Packets vanish (security group, stopped instance, nobody there).
    Silent { ip: String },
}

fn looks_like_ipv4(s: &str) -> bool {
    s.split('.').count() == 4 && s.split('.').all(|p| p.parse::<u8>().is_ok())
}

/// Decides what a ping from `here` (None = the laptop) to `host` meets.
pub fn resolve(host: &str, here: Option<&InstanceFacts>, facts: &[InstanceFacts]) -> Option<Target> {
    if host == "localhost" || host == "127.0.0.1" {
        return Some(Target::Answers { ip: "127.0.0.1".into(), ms: 0.03, ttl: 64 });
    }
    let by_public =
        facts.iter().find(|f| f.public_ip.as_deref() == Some(host) || f.public_dns.as_deref() == Some(host));
    let by_private = facts.iter().find(|f| f.private_ip == host || f.private_dns == host);
    let target = match (by_public, by_private, here) {
        (Some(t), _, Some(me)) => Some((t, me.public_ip.clone().unwrap_or_default(), t.public_ip.clone())),
        (Some(t), _, None) => Some((t, LEARNER_IP.to_string(), t.public_ip.clone())),
        (None, Some(t), Some(me)) if t.vpc_id == me.vpc_id => {
            Some((t, me.private_ip.clone(), Some(t.private_ip.clone())))
        }
        _ => None,
    };
    if let Some((t, source, ip)) = target {
        let ip = ip.unwrap_or_else(|| host.to_string());
        let up = t.state == RunState::Running && t.allows_icmp(&source);
        return Some(if up { Target::Answers { ip, ms: 0.42, ttl: 63 } } else { Target::Silent { ip } });
    }
    if looks_like_ipv4(host) {
        // The internet answers an instance (default egress allows all) but not the sandbox's
        // private ranges seen from outside.
        let internal = host.starts_with("172.31.") || host.starts_with("10.") || host.starts_with("169.254.");
        return Some(if here.is_some() && !internal {
            Target::Answers { ip: host.to_string(), ms: 1.52, ttl: 117 }
        } else {
            Target::Silent { ip: host.to_string() }
        });
    }
    match host {
        "google.com" | "www.google.com" | "amazon.com" | "aws.amazon.com" | "example.com"
            if here.is_some() =>
        {
            Some(Target::Answers { ip: "142.250.72.14".into(), ms: 1.52, ttl: 117 })
        }
        _ => None,
    }
}

/// Runs `ping [-c N] HOST`. Without `-c` it stops after 4 echoes, as if Ctrl-C had been pressed.
pub fn run(args: &[String], here: Option<&InstanceFacts>, facts: &[InstanceFacts]) -> CommandOutput {
    let mut count = 4u32;
    let mut host = None;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "-c" {
            match args.get(i).and_then(|v| v.parse::<u32>().ok()).filter(|n| *n > 0) {
                Some(n) => count = n.min(20),
                None => return CommandOutput::fail("ping: invalid argument: bad count\n", 1),
            }
            i += 1;
        } else if let Some(n) = a.strip_prefix("-c") {
            match n.parse::<u32>().ok().filter(|n| *n > 0) {
                Some(n) => count = n.min(20),
                None => return CommandOutput::fail(format!("ping: invalid argument: '{n}'\n"), 1),
            }
        } else if !a.starts_with('-') {
            host = Some(a.clone());
        }
    }
    let Some(host) = host else {
        return CommandOutput::fail("ping: usage error: Destination address required\n", 1);
    };
    let Some(target) = resolve(&host, here, facts) else {
        return CommandOutput::fail(format!("ping: {host}: Name or service not known\n"), 2);
    };
    let (ip, answer) = match target {
        Target::Answers { ip, ms, ttl } => (ip, Some((ms, ttl))),
        Target::Silent { ip } => (ip, None),
    };
    let mut out = format!("PING {host} ({ip}) 56(84) bytes of data.\n");
    let elapsed = (count - 1) * 1000 + 5;
    match answer {
        Some((ms, ttl)) => {
            for seq in 1..=count {
                out.push_str(&format!("64 bytes from {ip}: icmp_seq={seq} ttl={ttl} time={ms:.2} ms\n"));
            }
            out.push_str(&format!(
                "\n--- {host} ping statistics ---\n{count} packets transmitted, {count} received, 0% packet loss, time {elapsed}ms\nrtt min/avg/max/mdev = {ms:.3}/{ms:.3}/{ms:.3}/0.000 ms\n"
            ));
            CommandOutput::ok(out)
        }
        None => {
            out.push_str(&format!(
                "\n--- {host} ping statistics ---\n{count} packets transmitted, 0 received, 100% packet loss, time {elapsed}ms\n\n"
            ));
            CommandOutput { stdout: out, exit_code: 1, ..Default::default() }
        }
    }
}
