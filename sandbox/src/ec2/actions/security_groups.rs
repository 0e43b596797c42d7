//! Security groups: create, delete (dependency rules), authorize and revoke rules.

use super::super::error::{Ec2Error, Ec2Result, ErrorKind};
use super::super::instance::InstanceState;
use super::super::region::all_egress;
use super::super::regions::parse_cidr;
use super::super::security_group::{Peer, SecurityGroup, SgRule};
use super::super::tags::Tag;
use super::super::world::{ACCOUNT_ID, World};
use super::Ctx;

/// Rules a group may hold in each direction.
pub const RULES_PER_GROUP: usize = 60;

/// One permission as asked for (before it gets a rule id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionRequest {
    pub protocol: String,
    pub from_port: Option<i32>,
    pub to_port: Option<i32>,
    pub peer: Peer,
    pub description: Option<String>,
}

/// Normalises a protocol name: `all` → `-1`, `6` → `tcp`, …
fn normalise_protocol(p: &str) -> Ec2Result<String> {
    let lower = p.to_ascii_lowercase();
    Ok(match lower.as_str() {
        "tcp" | "6" => "tcp".into(),
        "udp" | "17" => "udp".into(),
        "icmp" | "1" => "icmp".into(),
        "icmpv6" | "58" => "icmpv6".into(),
        "all" | "-1" => "-1".into(),
        n if n.parse::<u8>().is_ok() => n.into(),
        _ => {
            return Err(Ec2Error::invalid_value(
                p,
                format!("Invalid value '{p}' for IP protocol. Unknown protocol."),
            ));
        }
    })
}

/// How the duplicate message names a rule: `peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW`.
fn describe_rule(r: &SgRule) -> String {
    let peer = match &r.peer {
        Peer::Cidr4(c) | Peer::Cidr6(c) | Peer::Group(c) | Peer::PrefixList(c) => c.clone(),
    };
    match r.protocol.as_str() {
        "-1" => format!("peer: {peer}, ALL, ALLOW"),
        "icmp" | "icmpv6" => {
            let t = if r.from_port == -1 { "ALL".to_string() } else { r.from_port.to_string() };
            let c = if r.to_port == -1 { "ALL".to_string() } else { r.to_port.to_string() };
            format!("peer: {peer}, {}, type: {t}, code: {c}, ALLOW", r.protocol.to_uppercase())
        }
        p => format!(
            "peer: {peer}, {}, from port: {}, to port: {}, ALLOW",
            p.to_uppercase(),
            r.from_port,
            r.to_port
        ),
    }
}

impl World {
    /// `CreateSecurityGroup` in the default VPC (or `vpc_id`).
    pub fn create_security_group(
        &mut self,
        ctx: &Ctx,
        name: &str,
        description: &str,
        vpc_id: Option<&str>,
        tags: Vec<Tag>,
    ) -> Ec2Result<String> {
        let r = self.region_ref(ctx.region)?;
        let vpc = match vpc_id {
            Some(v) => match r.vpcs.get(v) {
                Some(v) => v.id.clone(),
                None => {
                    return Err(Ec2Error::new(
                        ErrorKind::NotFound,
                        "InvalidVpcID.NotFound",
                        v,
                        format!("The vpc ID '{v}' does not exist"),
                    ));
                }
            },
            None => r.default_vpc().map(|v| v.id.clone()).unwrap_or_default(),
        };
        if description.is_empty() {
            return Err(Ec2Error::missing(
                "GroupDescription",
                "The request must contain the parameter GroupDescription",
            ));
        }
        if name.is_empty() || name.len() > 255 {
            return Err(Ec2Error::invalid_value(name, "Group name must be between 1 and 255 characters."));
        }
        if name.starts_with("sg-") {
            return Err(Ec2Error::invalid_value(name, "Group names may not be in the format sg-*."));
        }
        if r.security_group_by_name(&vpc, name).is_some() {
            return Err(Ec2Error::new(
                ErrorKind::Duplicate,
                "InvalidGroup.Duplicate",
                name,
                format!("The security group '{name}' already exists for VPC '{vpc}'"),
            ));
        }
        ctx.gate()?;
        let id = self.ids.resource_id("sg");
        let egress = vec![all_egress(&mut self.ids)];
        let sg = SecurityGroup {
            id: id.clone(),
            name: name.into(),
            description: description.into(),
            vpc_id: vpc,
            owner_id: ACCOUNT_ID.into(),
            ingress: Vec::new(),
            egress,
            tags,
        };
        self.region_mut_ref(ctx.region)?.security_groups.insert(id.clone(), sg);
        Ok(id)
    }

    /// Resolves `--group-id` or `--group-name` to an id.
    pub fn resolve_group(&self, ctx: &Ctx, id: Option<&str>, name: Option<&str>) -> Ec2Result<String> {
        let r = self.region_ref(ctx.region)?;
        if let Some(id) = id {
            self.check_group_ids(ctx.region, &[id.to_string()])?;
            return Ok(id.to_string());
        }
        let Some(name) = name else {
            return Err(Ec2Error::missing(
                "GroupId",
                "The request must contain the parameter groupName or groupId",
            ));
        };
        let vpc = r.default_vpc().map(|v| v.id.clone()).unwrap_or_default();
        r.security_group_by_name(&vpc, name).map(|g| g.id.clone()).ok_or_else(|| {
            Ec2Error::new(
                ErrorKind::NotFound,
                "InvalidGroup.NotFound",
                name,
                format!("The security group '{name}' does not exist in default VPC '{vpc}'"),
            )
        })
    }

    /// `DeleteSecurityGroup`.
    pub fn delete_security_group(&mut self, ctx: &Ctx, id: &str) -> Ec2Result<()> {
        let r = self.region_ref(ctx.region)?;
        let Some(sg) = r.security_groups.get(id) else {
            return Err(Ec2Error::new(
                ErrorKind::NotFound,
                "InvalidGroup.NotFound",
                id,
                format!("The security group '{id}' does not exist"),
            ));
        };
        if sg.is_default() {
            return Err(Ec2Error::new(
                ErrorKind::OperationNotPermitted,
                "CannotDelete",
                id,
                format!("the specified group: \"{id}\" name: \"default\" cannot be deleted by a user"),
            ));
        }
        let in_use = r
            .instances
            .values()
            .any(|i| i.state != InstanceState::Terminated && i.security_group_ids.iter().any(|g| g == id));
        let referenced = r.security_groups.values().any(|g| {
            g.id != id
                && g.ingress.iter().chain(&g.egress).any(|rule| rule.peer == Peer::Group(id.to_string()))
        });
        if in_use || referenced {
            return Err(Ec2Error::new(
                ErrorKind::DependencyViolation,
                "DependencyViolation",
                id,
                format!("resource {id} has a dependent object"),
            ));
        }
        ctx.gate()?;
        self.region_mut_ref(ctx.region)?.security_groups.shift_remove(id);
        Ok(())
    }

    fn build_rules(&mut self, ctx: &Ctx, perms: &[PermissionRequest]) -> Ec2Result<Vec<SgRule>> {
        let mut out = Vec::new();
        for p in perms {
            let protocol = normalise_protocol(&p.protocol)?;
            let (from, to) = match protocol.as_str() {
                "-1" => (-1, -1),
                "tcp" | "udp" => match (p.from_port, p.to_port) {
                    (Some(f), Some(t)) if (0..=65535).contains(&f) && (0..=65535).contains(&t) && f <= t => {
                        (f, t)
                    }
                    (Some(f), Some(t)) if f == -1 && t == -1 => (0, 65535),
                    (Some(f), Some(t)) => {
                        return Err(Ec2Error::invalid_value(
                            format!("{f}-{t}"),
                            format!("Invalid TCP/UDP port range: {f}-{t}"),
                        ));
                    }
                    _ => {
                        return Err(Ec2Error::invalid_value(
                            &protocol,
                            "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange",
                        ));
                    }
                },
                _ => (p.from_port.unwrap_or(-1), p.to_port.unwrap_or(-1)),
            };
            match &p.peer {
                Peer::Cidr4(c) if parse_cidr(c).is_none() => {
                    return Err(Ec2Error::invalid_value(c, format!("CIDR block {c} is malformed")));
                }
                Peer::Group(g) => self.check_group_ids(ctx.region, std::slice::from_ref(g))?,
                _ => {}
            }
            out.push(SgRule {
                rule_id: self.ids.resource_id("sgr"),
                protocol,
                from_port: from,
                to_port: to,
                peer: p.peer.clone(),
                description: p.description.clone(),
            });
        }
        Ok(out)
    }

    /// `AuthorizeSecurityGroupIngress` / `…Egress`: returns the new rules.
    pub fn authorize(
        &mut self,
        ctx: &Ctx,
        group_id: &str,
        egress: bool,
        perms: &[PermissionRequest],
    ) -> Ec2Result<Vec<SgRule>> {
        self.check_group_ids(ctx.region, &[group_id.to_string()])?;
        let saved = self.ids.clone();
        let rules = self.build_rules(ctx, perms)?;
        let r = self.region_ref(ctx.region)?;
        let Some(sg) = r.security_groups.get(group_id) else {
            return Ok(Vec::new());
        };
        let existing = if egress { &sg.egress } else { &sg.ingress };
        for (k, rule) in rules.iter().enumerate() {
            if existing.iter().chain(&rules[..k]).any(|e| e.same_permission(rule)) {
                self.ids = saved;
                return Err(Ec2Error::new(
                    ErrorKind::Duplicate,
                    "InvalidPermission.Duplicate",
                    group_id,
                    format!("the specified rule \"{}\" already exists", describe_rule(rule)),
                ));
            }
        }
        if existing.len() + rules.len() > RULES_PER_GROUP {
            self.ids = saved;
            return Err(Ec2Error::new(
                ErrorKind::LimitExceeded,
                "RulesPerSecurityGroupLimitExceeded",
                group_id,
                "The maximum number of rules per security group has been reached.",
            ));
        }
        if ctx.dry_run {
            self.ids = saved;
            return Err(Ec2Error::dry_run());
        }
        let r = self.region_mut_ref(ctx.region)?;
        if let Some(sg) = r.security_groups.get_mut(group_id) {
            if egress { &mut sg.egress } else { &mut sg.ingress }.extend(rules.iter().cloned());
        }
        Ok(rules)
    }

    /// `RevokeSecurityGroupIngress` / `…Egress`: returns (revoked rules, permissions not found).
    pub fn revoke(
        &mut self,
        ctx: &Ctx,
        group_id: &str,
        egress: bool,
        perms: &[PermissionRequest],
    ) -> Ec2Result<(Vec<SgRule>, Vec<SgRule>)> {
        self.check_group_ids(ctx.region, &[group_id.to_string()])?;
        let saved = self.ids.clone();
        let wanted = self.build_rules(ctx, perms)?;
        self.ids = saved;
        ctx.gate()?;
        let r = self.region_mut_ref(ctx.region)?;
        let Some(sg) = r.security_groups.get_mut(group_id) else {
            return Ok((Vec::new(), Vec::new()));
        };
        let list = if egress { &mut sg.egress } else { &mut sg.ingress };
        let mut revoked = Vec::new();
        let mut unknown = Vec::new();
        for w in wanted {
            match list.iter().position(|e| e.same_permission(&w)) {
                Some(pos) => revoked.push(list.remove(pos)),
                None => unknown.push(w),
            }
        }
        Ok((revoked, unknown))
    }
}
