//! Handlers for networking: security groups and rules, Elastic IPs, VPCs, subnets, AZs, regions.

use serde_json::{Map, Value, json};

use super::args::{Args, scalar_string};
use super::error::CliError;
use super::filters::{self, tag_field};
use super::ops_run::tags_for;
use super::render::{self, put_tags};
use super::spec::Call;
use crate::ec2::actions::PermissionRequest;
use crate::ec2::regions::{REGIONS, fmt_ip};
use crate::ec2::security_group::Peer;
use crate::ec2::{ACCOUNT_ID, Ec2Error};

type Out = Result<Option<Value>, CliError>;

pub fn create_security_group(call: &mut Call) -> Out {
    let a = &call.args;
    let tags = tags_for(a, "security-group");
    let id = call.world.create_security_group(
        &call.ctx,
        a.str("group-name").unwrap_or_default(),
        a.str("description").unwrap_or_default(),
        a.str("vpc-id"),
        tags.clone(),
    )?;
    let mut m = Map::new();
    m.insert("GroupId".into(), json!(id));
    put_tags(&mut m, &tags);
    m.insert(
        "SecurityGroupArn".into(),
        json!(format!("arn:aws:ec2:{}:{ACCOUNT_ID}:security-group/{id}", call.ctx.region)),
    );
    Ok(Some(Value::Object(m)))
}

fn port_range(p: &str) -> Result<(i32, i32), CliError> {
    let parse = |s: &str| {
        s.trim().parse::<i32>().map_err(|_| CliError::param("--port", format!("invalid port range: {p}")))
    };
    if p == "all" {
        return Ok((-1, -1));
    }
    match p.split_once('-') {
        Some(("", _)) => Ok((parse(p)?, parse(p)?)),
        Some((a, b)) => Ok((parse(a)?, parse(b)?)),
        None => Ok((parse(p)?, parse(p)?)),
    }
}

fn permissions(a: &Args) -> Result<Vec<PermissionRequest>, CliError> {
    let mut out = Vec::new();
    if let Some(Value::Array(perms)) = a.get("ip-permissions") {
        for p in perms {
            let protocol = p.get("IpProtocol").map(scalar_string).unwrap_or_default();
            let num = |k: &str| p.get(k).and_then(|v| scalar_string(v).parse::<i32>().ok());
            let (from, to) = (num("FromPort"), num("ToPort"));
            let list = |k: &str| match p.get(k) {
                Some(Value::Array(a)) => a.clone(),
                Some(v) => vec![v.clone()],
                None => Vec::new(),
            };
            let desc = |v: &Value| v.get("Description").map(scalar_string);
            for r in list("IpRanges") {
                out.push(PermissionRequest {
                    protocol: protocol.clone(),
                    from_port: from,
                    to_port: to,
                    peer: Peer::Cidr4(r.get("CidrIp").map(scalar_string).unwrap_or_default()),
                    description: desc(&r),
                });
            }
            for r in list("Ipv6Ranges") {
                out.push(PermissionRequest {
                    protocol: protocol.clone(),
                    from_port: from,
                    to_port: to,
                    peer: Peer::Cidr6(r.get("CidrIpv6").map(scalar_string).unwrap_or_default()),
                    description: desc(&r),
                });
            }
            for r in list("UserIdGroupPairs") {
                out.push(PermissionRequest {
                    protocol: protocol.clone(),
                    from_port: from,
                    to_port: to,
                    peer: Peer::Group(r.get("GroupId").map(scalar_string).unwrap_or_default()),
                    description: desc(&r),
                });
            }
        }
        return Ok(out);
    }
    let Some(protocol) = a.str("protocol") else {
        return Err(CliError::from(Ec2Error::missing(
            "IpPermissions",
            "Either 'ipPermissions' or 'ipProtocol' should be specified.",
        )));
    };
    let (from, to) = match a.str("port") {
        Some(p) => {
            let (f, t) = port_range(p)?;
            (Some(f), Some(t))
        }
        None => (None, None),
    };
    let peer = match (a.str("cidr"), a.str("source-group")) {
        (Some(c), _) => Peer::Cidr4(c.to_string()),
        (None, Some(g)) => Peer::Group(g.to_string()),
        (None, None) => Peer::Cidr4("0.0.0.0/0".to_string()),
    };
    out.push(PermissionRequest {
        protocol: protocol.to_string(),
        from_port: from,
        to_port: to,
        peer,
        description: None,
    });
    Ok(out)
}

fn authorize(call: &mut Call, egress: bool) -> Out {
    let gid = call.world.resolve_group(&call.ctx, call.args.str("group-id"), call.args.str("group-name"))?;
    let perms = permissions(&call.args)?;
    let rules = call.world.authorize(&call.ctx, &gid, egress, &perms)?;
    let Some(sg) = call.world.security_group(call.ctx.region, &gid) else {
        return Ok(None);
    };
    let list: Vec<Value> = rules.iter().map(|r| render::sg_rule(call.ctx.region, sg, r, egress)).collect();
    Ok(Some(json!({"Return": true, "SecurityGroupRules": list})))
}

pub fn authorize_ingress(call: &mut Call) -> Out {
    authorize(call, false)
}

pub fn authorize_egress(call: &mut Call) -> Out {
    authorize(call, true)
}

fn revoke(call: &mut Call, egress: bool) -> Out {
    let gid = call.world.resolve_group(&call.ctx, call.args.str("group-id"), call.args.str("group-name"))?;
    let perms = permissions(&call.args)?;
    let (revoked, unknown) = call.world.revoke(&call.ctx, &gid, egress, &perms)?;
    let mut m = Map::new();
    m.insert("Return".into(), json!(true));
    if !unknown.is_empty() {
        m.insert("UnknownIpPermissions".into(), render::ip_permissions(&unknown, ACCOUNT_ID));
    }
    if !revoked.is_empty() {
        m.insert("RevokedSecurityGroupRules".into(), Value::Array(revoked.iter().map(|r| json!({"SecurityGroupRuleId": r.rule_id, "GroupId": gid, "IsEgress": egress, "IpProtocol": r.protocol, "FromPort": r.from_port, "ToPort": r.to_port})).collect()));
    }
    Ok(Some(Value::Object(m)))
}

pub fn revoke_ingress(call: &mut Call) -> Out {
    revoke(call, false)
}

pub fn revoke_egress(call: &mut Call) -> Out {
    revoke(call, true)
}

pub fn delete_security_group(call: &mut Call) -> Out {
    let gid = call.world.resolve_group(&call.ctx, call.args.str("group-id"), call.args.str("group-name"))?;
    call.world.delete_security_group(&call.ctx, &gid)?;
    Ok(Some(json!({"Return": true, "GroupId": gid})))
}

pub fn describe_security_groups(call: &mut Call) -> Out {
    let ids = call.args.strs("group-ids");
    call.world.check_group_ids(call.ctx.region, &ids)?;
    let mut wanted = ids.clone();
    for n in call.args.strs("group-names") {
        wanted.push(call.world.resolve_group(&call.ctx, None, Some(&n))?);
    }
    call.ctx.gate()?;
    let fs = filters::parse(call.args.get("filters"))?;
    let region = call.ctx.region;
    let r = call.world.region(region).ok_or_else(|| CliError::usage("region"))?;
    let groups: Vec<_> =
        r.security_groups.values().filter(|g| wanted.is_empty() || wanted.contains(&g.id)).collect();
    let groups = filters::apply(groups, &fs, |g, n| match n {
        "group-id" => Some(vec![g.id.clone()]),
        "group-name" => Some(vec![g.name.clone()]),
        "vpc-id" => Some(vec![g.vpc_id.clone()]),
        "description" => Some(vec![g.description.clone()]),
        "owner-id" => Some(vec![g.owner_id.clone()]),
        "ip-permission.from-port" => Some(g.ingress.iter().map(|r| r.from_port.to_string()).collect()),
        "ip-permission.to-port" => Some(g.ingress.iter().map(|r| r.to_port.to_string()).collect()),
        "ip-permission.cidr" => Some(
            g.ingress
                .iter()
                .filter_map(|r| if let Peer::Cidr4(c) = &r.peer { Some(c.clone()) } else { None })
                .collect(),
        ),
        _ => tag_field(&g.tags, n),
    })?;
    Ok(Some(
        json!({"SecurityGroups": groups.into_iter().map(|g| render::security_group(region, g)).collect::<Vec<_>>()}),
    ))
}

pub fn allocate_address(call: &mut Call) -> Out {
    let id = call.world.allocate_address(&call.ctx)?;
    let ip = call
        .world
        .region(call.ctx.region)
        .and_then(|r| r.addresses.get(&id))
        .map(|a| fmt_ip(a.public_ip))
        .unwrap_or_default();
    Ok(Some(
        json!({"AllocationId": id, "PublicIpv4Pool": "amazon", "NetworkBorderGroup": call.ctx.region, "Domain": "vpc", "PublicIp": ip}),
    ))
}

pub fn associate_address(call: &mut Call) -> Out {
    let a = &call.args;
    let alloc = call.world.find_address(&call.ctx, a.str("allocation-id"), a.str("public-ip"))?;
    let Some(instance) = a.str("instance-id") else {
        return Err(CliError::from(Ec2Error::missing(
            "InstanceId",
            "Invalid request, expect InstanceId/NetworkId parameter.",
        )));
    };
    let assoc = call.world.associate_address(
        &call.ctx,
        &alloc,
        instance,
        a.flag("allow-reassociation").unwrap_or(true),
    )?;
    Ok(Some(json!({"AssociationId": assoc})))
}

pub fn disassociate_address(call: &mut Call) -> Out {
    call.world.disassociate_address(
        &call.ctx,
        call.args.str("association-id"),
        call.args.str("public-ip"),
    )?;
    Ok(None)
}

pub fn release_address(call: &mut Call) -> Out {
    call.world.release_address(&call.ctx, call.args.str("allocation-id"), call.args.str("public-ip"))?;
    Ok(None)
}

pub fn describe_addresses(call: &mut Call) -> Out {
    let a = &call.args;
    for id in a.strs("allocation-ids") {
        call.world.find_address(&call.ctx, Some(&id), None)?;
    }
    for ip in a.strs("public-ips") {
        call.world.find_address(&call.ctx, None, Some(&ip))?;
    }
    call.ctx.gate()?;
    let (ids, ips) = (a.strs("allocation-ids"), a.strs("public-ips"));
    let fs = filters::parse(a.get("filters"))?;
    let r = call.world.region(call.ctx.region).ok_or_else(|| CliError::usage("region"))?;
    let addrs: Vec<_> = r
        .addresses
        .values()
        .filter(|x| {
            (ids.is_empty() && ips.is_empty())
                || ids.contains(&x.allocation_id)
                || ips.contains(&fmt_ip(x.public_ip))
        })
        .collect();
    let addrs = filters::apply(addrs, &fs, |x, n| match n {
        "allocation-id" => Some(vec![x.allocation_id.clone()]),
        "public-ip" => Some(vec![fmt_ip(x.public_ip)]),
        "instance-id" => Some(x.association.iter().map(|a| a.instance_id.clone()).collect()),
        "association-id" => Some(x.association.iter().map(|a| a.association_id.clone()).collect()),
        "domain" => Some(vec!["vpc".into()]),
        _ => tag_field(&x.tags, n),
    })?;
    let list: Vec<Value> = addrs
        .into_iter()
        .map(|x| {
            let mut m = Map::new();
            m.insert("AllocationId".into(), json!(x.allocation_id));
            if let Some(s) = &x.association {
                m.insert("AssociationId".into(), json!(s.association_id));
            }
            m.insert("Domain".into(), json!("vpc"));
            if let Some(s) = &x.association {
                m.insert("NetworkInterfaceId".into(), json!(s.network_interface_id));
                m.insert("NetworkInterfaceOwnerId".into(), json!(ACCOUNT_ID));
                m.insert("PrivateIpAddress".into(), json!(fmt_ip(s.private_ip)));
            }
            put_tags(&mut m, &x.tags);
            m.insert("PublicIpv4Pool".into(), json!("amazon"));
            m.insert("NetworkBorderGroup".into(), json!(call.ctx.region));
            if let Some(s) = &x.association {
                m.insert("InstanceId".into(), json!(s.instance_id));
            }
            m.insert("PublicIp".into(), json!(fmt_ip(x.public_ip)));
            Value::Object(m)
        })
        .collect();
    Ok(Some(json!({"Addresses": list})))
}

fn cidr(c: (u32, u8)) -> String {
    format!("{}/{}", fmt_ip(c.0), c.1)
}

pub fn describe_vpcs(call: &mut Call) -> Out {
    call.ctx.gate()?;
    let ids = call.args.strs("vpc-ids");
    let fs = filters::parse(call.args.get("filters"))?;
    let r = call.world.region(call.ctx.region).ok_or_else(|| CliError::usage("region"))?;
    if let Some(bad) = ids.iter().find(|id| !r.vpcs.contains_key(*id)) {
        return Err(CliError::from(Ec2Error::new(
            crate::ec2::ErrorKind::NotFound,
            "InvalidVpcID.NotFound",
            bad.clone(),
            format!("The vpc ID '{bad}' does not exist"),
        )));
    }
    let vpcs: Vec<_> = r.vpcs.values().filter(|v| ids.is_empty() || ids.contains(&v.id)).collect();
    let vpcs = filters::apply(vpcs, &fs, |v, n| match n {
        "vpc-id" => Some(vec![v.id.clone()]),
        "is-default" => Some(vec![v.is_default.to_string()]),
        "cidr" | "cidr-block" => Some(vec![cidr(v.cidr)]),
        "state" => Some(vec!["available".into()]),
        _ => tag_field(&v.tags, n),
    })?;
    let list: Vec<Value> = vpcs
        .into_iter()
        .map(|v| {
            json!({"OwnerId": ACCOUNT_ID, "InstanceTenancy": "default", "CidrBlockAssociationSet": [{"AssociationId": format!("vpc-cidr-assoc-{}", &v.id[4..]), "CidrBlock": cidr(v.cidr), "CidrBlockState": {"State": "associated"}}], "IsDefault": v.is_default, "BlockPublicAccessStates": {"InternetGatewayBlockMode": "off"}, "VpcId": v.id, "State": "available", "CidrBlock": cidr(v.cidr), "DhcpOptionsId": v.dhcp_options_id})
        })
        .collect();
    Ok(Some(json!({"Vpcs": list})))
}

pub fn describe_subnets(call: &mut Call) -> Out {
    call.ctx.gate()?;
    let ids = call.args.strs("subnet-ids");
    let fs = filters::parse(call.args.get("filters"))?;
    let region = call.ctx.region;
    let r = call.world.region(region).ok_or_else(|| CliError::usage("region"))?;
    if let Some(bad) = ids.iter().find(|id| !r.subnets.contains_key(*id)) {
        return Err(CliError::from(Ec2Error::new(
            crate::ec2::ErrorKind::NotFound,
            "InvalidSubnetID.NotFound",
            bad.clone(),
            format!("The subnet ID '{bad}' does not exist"),
        )));
    }
    let subs: Vec<_> = r.subnets.values().filter(|s| ids.is_empty() || ids.contains(&s.id)).collect();
    let subs = filters::apply(subs, &fs, |s, n| match n {
        "subnet-id" => Some(vec![s.id.clone()]),
        "vpc-id" => Some(vec![s.vpc_id.clone()]),
        "availability-zone" => Some(vec![s.availability_zone.clone()]),
        "default-for-az" => Some(vec![s.default_for_az.to_string()]),
        "cidr-block" => Some(vec![cidr(s.cidr)]),
        _ => tag_field(&s.tags, n),
    })?;
    let list: Vec<Value> = subs
        .into_iter()
        .map(|s| {
            json!({"AvailabilityZoneId": s.availability_zone_id, "MapCustomerOwnedIpOnLaunch": false, "OwnerId": ACCOUNT_ID, "AssignIpv6AddressOnCreation": false, "Ipv6CidrBlockAssociationSet": [], "SubnetArn": format!("arn:aws:ec2:{region}:{ACCOUNT_ID}:subnet/{}", s.id), "EnableDns64": false, "Ipv6Native": false, "PrivateDnsNameOptionsOnLaunch": {"HostnameType": "ip-name", "EnableResourceNameDnsARecord": false, "EnableResourceNameDnsAAAARecord": false}, "SubnetId": s.id, "State": "available", "VpcId": s.vpc_id, "CidrBlock": cidr(s.cidr), "AvailableIpAddressCount": s.available_ip_count(), "AvailabilityZone": s.availability_zone, "DefaultForAz": s.default_for_az, "MapPublicIpOnLaunch": s.map_public_ip_on_launch})
        })
        .collect();
    Ok(Some(json!({"Subnets": list})))
}

pub fn describe_availability_zones(call: &mut Call) -> Out {
    call.ctx.gate()?;
    let region = call.ctx.region;
    let r = call.world.region(region).ok_or_else(|| CliError::usage("region"))?;
    let names = call.args.strs("zone-names");
    let list: Vec<Value> = r
        .subnets
        .values()
        .filter(|s| names.is_empty() || names.contains(&s.availability_zone))
        .map(|s| json!({"OptInStatus": "opt-in-not-required", "Messages": [], "RegionName": region, "ZoneName": s.availability_zone, "ZoneId": s.availability_zone_id, "GroupName": region, "NetworkBorderGroup": region, "ZoneType": "availability-zone", "GroupLongName": "", "State": "available"}))
        .collect();
    Ok(Some(json!({"AvailabilityZones": list})))
}

pub fn describe_regions(call: &mut Call) -> Out {
    call.ctx.gate()?;
    let names = call.args.strs("region-names");
    let list: Vec<Value> = REGIONS
        .iter()
        .filter(|r| names.is_empty() || names.iter().any(|n| n == r.name))
        .map(|r| json!({"OptInStatus": "opt-in-not-required", "RegionName": r.name, "Endpoint": format!("ec2.{}.amazonaws.com", r.name)}))
        .collect();
    Ok(Some(json!({"Regions": list})))
}

pub fn describe_security_group_rules(call: &mut Call) -> Out {
    let ids = call.args.strs("security-group-rule-ids");
    let fs = filters::parse(call.args.get("filters"))?;
    call.ctx.gate()?;
    let region = call.ctx.region;
    let r = call.world.region(region).ok_or_else(|| CliError::usage("region"))?;
    let mut rules = Vec::new();
    for g in r.security_groups.values() {
        for (rule, egress) in g.ingress.iter().map(|x| (x, false)).chain(g.egress.iter().map(|x| (x, true))) {
            rules.push((g, rule, egress));
        }
    }
    if let Some(bad) = ids.iter().find(|id| !rules.iter().any(|(_, rule, _)| &rule.rule_id == *id)) {
        let e = if crate::ec2::ids::is_well_formed(bad, "sgr") {
            Ec2Error::new(
                crate::ec2::ErrorKind::NotFound,
                "InvalidSecurityGroupRuleId.NotFound",
                bad.clone(),
                format!("The security group rule ID '{bad}' does not exist"),
            )
        } else {
            Ec2Error::new(
                crate::ec2::ErrorKind::Malformed,
                "InvalidSecurityGroupRuleId.Malformed",
                bad.clone(),
                format!("The security group rule ID '{bad}' is malformed"),
            )
        };
        return Err(CliError::from(e));
    }
    for f in &fs {
        if f.name == "group-id"
            && let Some(bad) = f.values.iter().find(|v| !crate::ec2::ids::is_well_formed(v, "sg"))
        {
            return Err(CliError::from(Ec2Error::new(
                crate::ec2::ErrorKind::Malformed,
                "InvalidGroupId.Malformed",
                bad.clone(),
                format!("The security group ID '{bad}' is malformed"),
            )));
        }
    }
    let rules: Vec<_> =
        rules.into_iter().filter(|(_, rule, _)| ids.is_empty() || ids.contains(&rule.rule_id)).collect();
    let rules = filters::apply(rules, &fs, |(g, rule, _), n| match n {
        "group-id" => Some(vec![g.id.clone()]),
        "security-group-rule-id" => Some(vec![rule.rule_id.clone()]),
        _ => tag_field(&g.tags, n),
    })?;
    let list: Vec<Value> =
        rules.iter().map(|(g, rule, egress)| render::sg_rule(region, g, rule, *egress)).collect();
    Ok(Some(json!({"SecurityGroupRules": list})))
}
