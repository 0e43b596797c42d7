//! Builds [`InstanceFacts`] from the control plane's [`World`]: the one place that reads the
//! world's instance model, so IMDS and the shell depend only on the facts view.

use super::facts::{
    IamFacts, IngressRule, InstanceFacts, KeyFacts, MetadataOptions, OsFamily, RunState, SpotAction,
};
use crate::ec2::instance::Instance;
use crate::ec2::regions::{fmt_ip, region_info};
use crate::ec2::security_group::Peer;
use crate::ec2::{InstanceState, World};

fn run_state(s: InstanceState) -> RunState {
    match s {
        InstanceState::Pending => RunState::Pending,
        InstanceState::Running => RunState::Running,
        InstanceState::Stopping => RunState::Stopping,
        InstanceState::Stopped => RunState::Stopped,
        InstanceState::ShuttingDown => RunState::ShuttingDown,
        InstanceState::Terminated => RunState::Terminated,
    }
}

/// The OS family from the AMI's login user and name (custom images inherit the login user).
fn os_family(world: &World, inst: &Instance) -> OsFamily {
    if inst.platform_windows {
        return OsFamily::Windows;
    }
    if inst.login_user == "ubuntu" {
        return OsFamily::Ubuntu;
    }
    let name = world.image(&inst.region, &inst.image_id).map(|i| i.name.clone()).unwrap_or_default();
    if name.starts_with("amzn2-") { OsFamily::AmazonLinux2 } else { OsFamily::AmazonLinux2023 }
}

/// The facts for one instance of `world`.
pub fn facts_of(world: &World, inst: &Instance) -> InstanceFacts {
    let region = inst.region.clone();
    let subnet = world.region(&region).and_then(|r| r.subnets.get(&inst.subnet_id));
    let vpc = world.region(&region).and_then(|r| r.vpcs.get(&inst.vpc_id));
    let cidr = |c: (u32, u8)| format!("{}/{}", fmt_ip(c.0), c.1);
    let mut security_groups = Vec::new();
    let mut ingress = Vec::new();
    for gid in &inst.security_group_ids {
        if let Some(sg) = world.security_group(&region, gid) {
            security_groups.push((sg.id.clone(), sg.name.clone()));
            for rule in &sg.ingress {
                if let Peer::Cidr4(c) = &rule.peer {
                    let all = rule.protocol == "-1" || rule.from_port < 0;
                    ingress.push(IngressRule {
                        protocol: rule.protocol.clone(),
                        from_port: if all { 0 } else { rule.from_port.clamp(0, 65_535) as u16 },
                        to_port: if all { 65_535 } else { rule.to_port.clamp(0, 65_535) as u16 },
                        cidrs: vec![c.clone()],
                    });
                }
            }
        }
    }
    let key = inst.key_name.as_ref().map(|name| {
        let pair = world.key_pair(&region, name);
        KeyFacts {
            name: name.clone(),
            public_key: pair.map(|k| format!("{} {name}", k.public_key)).unwrap_or_default(),
            private_key_pem: None,
        }
    });
    let iam = inst.iam_instance_profile.as_ref().and_then(|p| {
        p.role_name.as_ref().map(|role| IamFacts {
            instance_profile_arn: p.arn.clone(),
            instance_profile_id: p.id.clone(),
            role_name: role.clone(),
        })
    });
    let m = &inst.metadata_options;
    let root_volume_gib =
        inst.root_volume_id().and_then(|v| world.volume(&region, v)).map(|v| v.size).unwrap_or(8);
    let az_id = subnet.map(|s| s.availability_zone_id.clone()).unwrap_or_else(|| {
        let info = region_info(&region);
        let letter = inst.availability_zone.chars().last().unwrap_or('a');
        let idx = info.and_then(|i| i.az_letters.find(letter)).unwrap_or(0) + 1;
        format!("{}-az{idx}", info.map(|i| i.az_id_prefix).unwrap_or("use1"))
    });
    let public_dns = inst.public_dns_name();
    InstanceFacts {
        instance_id: inst.id.clone(),
        image_id: inst.image_id.clone(),
        launch_index: inst.ami_launch_index,
        instance_type: inst.instance_type.clone(),
        architecture: inst.architecture.clone(),
        os: os_family(world, inst),
        state: run_state(inst.state),
        region: region.clone(),
        availability_zone: inst.availability_zone.clone(),
        availability_zone_id: az_id,
        account_id: world.account_id().to_string(),
        reservation_id: inst.reservation_id.clone(),
        private_ip: inst.private_ip_string().unwrap_or_default(),
        private_dns: inst.private_dns_name(),
        public_ip: inst.public_ip_string(),
        public_dns: (!public_dns.is_empty()).then_some(public_dns),
        ipv6: None,
        mac: inst.mac_address.clone(),
        eni_id: inst.network_interface_id.clone(),
        subnet_id: inst.subnet_id.clone(),
        subnet_cidr: subnet.map(|s| cidr(s.cidr)).unwrap_or_else(|| "172.31.0.0/20".into()),
        vpc_id: inst.vpc_id.clone(),
        vpc_cidr: vpc.map(|v| cidr(v.cidr)).unwrap_or_else(|| "172.31.0.0/16".into()),
        security_groups,
        ingress,
        key,
        user_data: inst.user_data.as_ref().map(|b| String::from_utf8_lossy(b).into_owned()),
        iam,
        tags: inst.tags.iter().map(|t| (t.key.clone(), t.value.clone())).collect(),
        metadata: MetadataOptions {
            endpoint_enabled: m.endpoint_enabled(),
            tokens_required: m.tokens_required(),
            hop_limit: m.http_put_response_hop_limit.clamp(1, 64) as u8,
            tags_enabled: m.tags_enabled(),
            ipv6_enabled: m.http_protocol_ipv6 == "enabled",
        },
        spot: inst.spot_request_id.is_some(),
        spot_action: inst
            .spot_interruption
            .as_ref()
            .map(|(action, time)| SpotAction { action: action.clone(), time: *time }),
        placement_group: inst.placement_group.clone(),
        partition_number: inst.partition_number,
        monitoring: inst.monitoring_enabled,
        launch_time: inst.launch_time,
        last_start: inst.last_boot.unwrap_or(inst.launch_time),
        root_device_name: inst.root_device_name.clone(),
        root_volume_gib,
        source_instance_id: world.image(&region, &inst.image_id).and_then(|i| i.source_instance_id.clone()),
        data_volumes: world
            .volumes_of(&inst.id)
            .iter()
            .filter_map(|v| v.attachment.as_ref().map(|a| (a.device.clone(), v.size)))
            .filter(|(device, _)| *device != inst.root_device_name)
            .collect(),
    }
}

/// Facts for every instance in the world.
pub fn all_facts(world: &World) -> Vec<InstanceFacts> {
    world.instances().map(|i| facts_of(world, i)).collect()
}

/// Whether `pem_text` is the private key of the key pair `key_name` in `region`.
pub fn key_matches(world: &World, region: &str, key_name: &str, pem_text: &str) -> bool {
    let Some(pair) = world.key_pair(region, key_name) else {
        return false;
    };
    if crate::ec2::keypair::private_key_fingerprint(pem_text).is_some_and(|fp| fp == pair.fingerprint) {
        return true;
    }
    // An RSA key made on the laptop and imported: AWS shows the public key's MD5, so compare
    // public keys instead, rebuilding the public blob the way `keypair::generate` lays out its
    // private DER (modulus at bytes 12..268, exponent 65537).
    rsa_public_from_pem(pem_text)
        .is_some_and(|line| pair.public_key.split_whitespace().nth(1) == Some(line.as_str()))
}

fn rsa_public_from_pem(pem_text: &str) -> Option<String> {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    let mut lines = pem_text.lines().map(str::trim).filter(|l| !l.is_empty());
    if lines.next()? != "-----BEGIN RSA PRIVATE KEY-----" {
        return None;
    }
    let body: String = lines.take_while(|l| !l.starts_with("-----END ")).collect();
    let der = STANDARD.decode(body.as_bytes()).ok()?;
    let modulus = der.get(12..268)?;
    let mut blob = Vec::new();
    for part in [b"ssh-rsa".as_slice(), &[1, 0, 1], &[&[0u8][..], modulus].concat()] {
        blob.extend_from_slice(&(part.len() as u32).to_be_bytes());
        blob.extend_from_slice(part);
    }
    Some(STANDARD.encode(blob))
}
