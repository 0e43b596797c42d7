//! What the console shows, derived from the world on every change: plain data, tested natively.

use sandbox::SimTime;
use sandbox::ec2::World;
use sandbox::ec2::security_group::{Peer, SgRule};

/// One instance as the console draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct InstanceCard {
    pub id: String,
    pub name: Option<String>,
    pub instance_type: String,
    /// API state name: `pending`, `running`, ...
    pub state: String,
    pub public_ip: Option<String>,
    pub private_ip: Option<String>,
    pub public_dns: String,
    pub elastic_ip: bool,
    pub key_name: Option<String>,
    pub security_groups: Vec<String>,
    /// `vol-... (8 GiB gp3)` for each attached volume.
    pub volumes: Vec<String>,
}

/// The console's whole picture of one region.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ConsoleSnapshot {
    pub region: String,
    pub instances: Vec<InstanceCard>,
    /// `203.0.113.5 → i-...` or `203.0.113.5 (not associated)`.
    pub addresses: Vec<String>,
    /// `sg-... name: tcp/22 from 0.0.0.0/0, ...`
    pub security_groups: Vec<String>,
    pub cost_usd: f64,
    pub usd_per_hour: f64,
}

impl ConsoleSnapshot {
    /// The console for `region` of `world` at `now`.
    pub fn of(world: &World, region: &str, now: SimTime) -> ConsoleSnapshot {
        let Some(state) = world.region(region) else {
            return ConsoleSnapshot { region: region.to_string(), ..Default::default() };
        };
        let instances = state
            .instances
            .values()
            .map(|i| InstanceCard {
                id: i.id.clone(),
                name: i.name_tag().map(str::to_string),
                instance_type: i.instance_type.clone(),
                state: i.state.name().to_string(),
                public_ip: i.public_ip_string(),
                private_ip: i.private_ip_string(),
                public_dns: i.public_dns_name(),
                elastic_ip: i.elastic_ip.is_some(),
                key_name: i.key_name.clone(),
                security_groups: i.security_group_ids.clone(),
                volumes: world
                    .volumes_of(&i.id)
                    .iter()
                    .map(|v| format!("{} ({} GiB {})", v.id, v.size, v.volume_type))
                    .collect(),
            })
            .collect();
        let addresses = state
            .addresses
            .values()
            .map(|a| match &a.association {
                Some(assoc) => format!("{} → {}", ipv4(a.public_ip), assoc.instance_id),
                None => format!("{} (not associated: still billed)", ipv4(a.public_ip)),
            })
            .collect();
        let security_groups = state
            .security_groups
            .values()
            .map(|g| {
                let rules: Vec<String> = g.ingress.iter().map(describe_rule).collect();
                let rules = if rules.is_empty() { "no inbound rules".to_string() } else { rules.join(", ") };
                format!("{} ({}): {rules}", g.id, g.name)
            })
            .collect();
        let cost = world.cost_report(now);
        ConsoleSnapshot {
            region: region.to_string(),
            instances,
            addresses,
            security_groups,
            cost_usd: cost.total_usd(),
            usd_per_hour: cost.usd_per_hour,
        }
    }
}

/// `tcp/22 from 203.0.113.7/32`, `all traffic from sg-...`.
fn describe_rule(rule: &SgRule) -> String {
    let what = match (rule.protocol.as_str(), rule.from_port, rule.to_port) {
        ("-1", _, _) => "all traffic".to_string(),
        (p, from, to) if from == to => format!("{p}/{from}"),
        (p, from, to) => format!("{p}/{from}-{to}"),
    };
    let peer = match &rule.peer {
        Peer::Cidr4(c) | Peer::Cidr6(c) | Peer::Group(c) | Peer::PrefixList(c) => c,
    };
    format!("{what} from {peer}")
}

fn ipv4(ip: u32) -> String {
    std::net::Ipv4Addr::from(ip).to_string()
}

#[cfg(test)]
mod tests {
    use sandbox::{Session, SessionConfig, SimTime};

    use super::*;

    #[test]
    fn a_new_account_has_no_instances_but_its_default_group() {
        let session = Session::new(SessionConfig::default());
        let snap = ConsoleSnapshot::of(session.world(), "us-east-1", SimTime::ZERO);
        assert!(snap.instances.is_empty());
        assert!(snap.security_groups.iter().any(|g| g.contains("(default)")), "{:?}", snap.security_groups);
        assert_eq!(snap.cost_usd, 0.0);
    }

    #[test]
    fn a_launched_instance_appears_pending_then_running() {
        let mut session = Session::new(SessionConfig::default());
        let image = session
            .world()
            .region("us-east-1")
            .and_then(|r| r.images.values().next().map(|i| i.id.clone()))
            .expect("a catalogue image");
        let out = session.run(
            &format!("aws ec2 run-instances --image-id {image} --instance-type t3.micro --tag-specifications 'ResourceType=instance,Tags=[{{Key=Name,Value=web}}]'"),
            SimTime::ZERO,
        );
        assert_eq!(out.exit_code, 0, "{}", out.stderr);
        let snap = ConsoleSnapshot::of(session.world(), "us-east-1", SimTime::ZERO);
        assert_eq!(snap.instances.len(), 1);
        assert_eq!(
            (snap.instances[0].name.as_deref(), snap.instances[0].state.as_str()),
            (Some("web"), "pending")
        );
        session.world_mut().advance_to(SimTime::from_secs(120));
        let later = ConsoleSnapshot::of(session.world(), "us-east-1", SimTime::from_secs(120));
        assert_eq!(later.instances[0].state, "running");
        assert!(later.instances[0].public_ip.is_some());
        assert!(later.cost_usd > 0.0);
    }
}
