//! Model objects as the JSON the AWS CLI prints: keys in botocore model order, absent fields
//! omitted, timestamps in CLI v2's ISO 8601 form.

use serde_json::{Map, Value, json};

use crate::ec2::clock::iso8601;
use crate::ec2::instance::{Instance, InstanceState};
use crate::ec2::regions::fmt_ip;
use crate::ec2::security_group::{Peer, SecurityGroup, SgRule};
use crate::ec2::tags::Tag;
use crate::ec2::{ACCOUNT_ID, World};

/// `[{"Key":…,"Value":…}]`.
pub fn tags(tags: &[Tag]) -> Value {
    Value::Array(tags.iter().map(|t| json!({"Key": t.key, "Value": t.value})).collect())
}

/// Inserts `Tags` only when there are some (as describe calls do).
pub fn put_tags(m: &mut Map<String, Value>, t: &[Tag]) {
    if !t.is_empty() {
        m.insert("Tags".into(), tags(t));
    }
}

/// `{"Code": 16, "Name": "running"}`.
pub fn state(s: InstanceState) -> Value {
    json!({"Code": s.code(), "Name": s.name()})
}

fn group_names(world: &World, inst: &Instance) -> Vec<Value> {
    inst.security_group_ids
        .iter()
        .map(|g| {
            let name = world.security_group(&inst.region, g).map(|s| s.name.clone()).unwrap_or_default();
            json!({"GroupId": g, "GroupName": name})
        })
        .collect()
}

/// One instance in `Reservations[].Instances[]` (and the run-instances response).
pub fn instance(world: &World, i: &Instance) -> Value {
    let mut m = Map::new();
    let terminated = i.state == InstanceState::Terminated;
    let fresh = i.state == InstanceState::Pending && i.boot_count == 0;
    let public_dns = i.public_dns_name();
    let private_dns = i.private_dns_name();
    let private_ip = i.private_ip_string();
    let launched = iso8601(i.launch_time);
    let groups = Value::Array(group_names(world, i));
    m.insert("Architecture".into(), json!(i.architecture));
    let bdm: Vec<Value> = if fresh {
        Vec::new()
    } else {
        i.block_devices
            .iter()
            .filter_map(|b| {
                let v = world.volume(&i.region, &b.volume_id)?;
                let a = v.attachment.as_ref()?;
                Some(json!({"DeviceName": b.device_name, "Ebs": {"AttachTime": iso8601(a.attach_time), "DeleteOnTermination": a.delete_on_termination, "Status": a.state, "VolumeId": v.id}}))
            })
            .collect()
    };
    m.insert("BlockDeviceMappings".into(), Value::Array(bdm));
    m.insert("ClientToken".into(), json!(i.client_token));
    m.insert("EbsOptimized".into(), json!(i.ebs_optimized));
    m.insert("EnaSupport".into(), json!(true));
    m.insert("Hypervisor".into(), json!("xen"));
    if let Some(p) = &i.iam_instance_profile {
        m.insert("IamInstanceProfile".into(), json!({"Arn": p.arn, "Id": p.id}));
    }
    if i.spot_request_id.is_some() {
        m.insert("InstanceLifecycle".into(), json!("spot"));
    }
    let nics = if terminated {
        Vec::new()
    } else {
        let public = i.public_ip().map(|ip| {
            let owner = if i.elastic_ip.is_some() { ACCOUNT_ID } else { "amazon" };
            json!({"IpOwnerId": owner, "PublicDnsName": public_dns, "PublicIp": fmt_ip(ip)})
        });
        let mut nic = Map::new();
        if let Some(p) = &public {
            nic.insert("Association".into(), p.clone());
        }
        nic.insert(
            "Attachment".into(),
            json!({"AttachTime": launched, "AttachmentId": format!("eni-attach-{}", &i.network_interface_id[4..]), "DeleteOnTermination": true, "DeviceIndex": 0, "Status": if fresh { "attaching" } else { "attached" }, "NetworkCardIndex": 0}),
        );
        nic.insert("Description".into(), json!(""));
        nic.insert("Groups".into(), groups.clone());
        nic.insert("Ipv6Addresses".into(), json!([]));
        nic.insert("MacAddress".into(), json!(i.mac_address));
        nic.insert("NetworkInterfaceId".into(), json!(i.network_interface_id));
        nic.insert("OwnerId".into(), json!(ACCOUNT_ID));
        nic.insert("PrivateDnsName".into(), json!(private_dns));
        nic.insert("PrivateIpAddress".into(), json!(private_ip));
        let mut pip = Map::new();
        if let Some(p) = public {
            pip.insert("Association".into(), p);
        }
        pip.insert("Primary".into(), json!(true));
        pip.insert("PrivateDnsName".into(), json!(private_dns));
        pip.insert("PrivateIpAddress".into(), json!(private_ip));
        nic.insert("PrivateIpAddresses".into(), json!([Value::Object(pip)]));
        nic.insert("SourceDestCheck".into(), json!(i.source_dest_check));
        nic.insert("Status".into(), json!("in-use"));
        nic.insert("SubnetId".into(), json!(i.subnet_id));
        nic.insert("VpcId".into(), json!(i.vpc_id));
        nic.insert("InterfaceType".into(), json!("interface"));
        nic.insert("Operator".into(), json!({"Managed": false}));
        vec![Value::Object(nic)]
    };
    m.insert("NetworkInterfaces".into(), Value::Array(nics));
    m.insert("RootDeviceName".into(), json!(i.root_device_name));
    m.insert("RootDeviceType".into(), json!("ebs"));
    m.insert("SecurityGroups".into(), groups);
    m.insert("SourceDestCheck".into(), json!(i.source_dest_check));
    if let Some(s) = &i.spot_request_id {
        m.insert("SpotInstanceRequestId".into(), json!(s));
    }
    if let Some(r) = &i.state_reason {
        m.insert("StateReason".into(), json!({"Code": r.code, "Message": r.message}));
    }
    put_tags(&mut m, &i.tags);
    m.insert("VirtualizationType".into(), json!("hvm"));
    let vcpus = crate::ec2::catalog::instance_type(&i.instance_type).map_or(1, |t| t.vcpus);
    let threads = if vcpus > 1 && i.architecture == "x86_64" { 2 } else { 1 };
    m.insert("CpuOptions".into(), json!({"CoreCount": vcpus / threads, "ThreadsPerCore": threads}));
    m.insert("CapacityReservationSpecification".into(), json!({"CapacityReservationPreference": "open"}));
    m.insert("HibernationOptions".into(), json!({"Configured": i.hibernation_configured}));
    let mo = &i.metadata_options;
    let mo_state = if fresh { "pending" } else { mo.state() };
    m.insert(
        "MetadataOptions".into(),
        json!({"State": mo_state, "HttpTokens": mo.http_tokens, "HttpPutResponseHopLimit": mo.http_put_response_hop_limit, "HttpEndpoint": mo.http_endpoint, "HttpProtocolIpv6": mo.http_protocol_ipv6, "InstanceMetadataTags": mo.instance_metadata_tags}),
    );
    m.insert("EnclaveOptions".into(), json!({"Enabled": false}));
    let image = world.image(&i.region, &i.image_id);
    let windows = i.platform_windows;
    m.insert("PlatformDetails".into(), json!(if windows { "Windows" } else { "Linux/UNIX" }));
    m.insert("UsageOperation".into(), json!(image.map_or("RunInstances", |im| im.usage_operation())));
    m.insert("UsageOperationUpdateTime".into(), json!(launched));
    m.insert("PrivateDnsNameOptions".into(), json!({"HostnameType": "ip-name", "EnableResourceNameDnsARecord": false, "EnableResourceNameDnsAAAARecord": false}));
    m.insert("MaintenanceOptions".into(), json!({"AutoRecovery": "default"}));
    m.insert(
        "CurrentInstanceBootMode".into(),
        json!(if i.architecture == "arm64" { "uefi" } else { "legacy-bios" }),
    );
    m.insert("Operator".into(), json!({"Managed": false}));
    m.insert("InstanceId".into(), json!(i.id));
    m.insert("ImageId".into(), json!(i.image_id));
    m.insert("State".into(), state(i.state));
    m.insert("PrivateDnsName".into(), json!(private_dns));
    m.insert("PublicDnsName".into(), json!(public_dns));
    m.insert("StateTransitionReason".into(), json!(i.state_transition_reason));
    if let Some(k) = &i.key_name {
        m.insert("KeyName".into(), json!(k));
    }
    m.insert("AmiLaunchIndex".into(), json!(i.ami_launch_index));
    m.insert("ProductCodes".into(), json!([]));
    m.insert("InstanceType".into(), json!(i.instance_type));
    m.insert("LaunchTime".into(), json!(launched));
    let mut placement = Map::new();
    placement.insert("AvailabilityZone".into(), json!(i.availability_zone));
    placement.insert("GroupName".into(), json!(i.placement_group.clone().unwrap_or_default()));
    if let Some(p) = i.partition_number {
        placement.insert("PartitionNumber".into(), json!(p));
    }
    placement.insert("Tenancy".into(), json!("default"));
    m.insert("Placement".into(), Value::Object(placement));
    if windows {
        m.insert("Platform".into(), json!("windows"));
    }
    m.insert(
        "Monitoring".into(),
        json!({"State": if i.monitoring_enabled { "enabled" } else { "disabled" }}),
    );
    if !terminated {
        m.insert("SubnetId".into(), json!(i.subnet_id));
        m.insert("VpcId".into(), json!(i.vpc_id));
        m.insert("PrivateIpAddress".into(), json!(private_ip));
    }
    if let Some(ip) = i.public_ip_string() {
        m.insert("PublicIpAddress".into(), json!(ip));
    }
    Value::Object(m)
}

/// A reservation: `ReservationId, OwnerId, Groups, Instances`.
pub fn reservation(world: &World, id: &str, instances: &[&Instance]) -> Value {
    json!({
        "ReservationId": id,
        "OwnerId": ACCOUNT_ID,
        "Groups": [],
        "Instances": instances.iter().map(|i| instance(world, i)).collect::<Vec<_>>(),
    })
}

/// `{InstanceId, CurrentState, PreviousState}` list entries.
pub fn state_changes(changes: &[(String, InstanceState, InstanceState)]) -> Value {
    Value::Array(changes.iter().map(|(id, cur, prev)| json!({"InstanceId": id, "CurrentState": state(*cur), "PreviousState": state(*prev)})).collect())
}

/// A rule in `SecurityGroupRules`.
pub fn sg_rule(region: &str, group: &SecurityGroup, rule: &SgRule, egress: bool) -> Value {
    let mut m = Map::new();
    m.insert("SecurityGroupRuleId".into(), json!(rule.rule_id));
    m.insert("GroupId".into(), json!(group.id));
    m.insert("GroupOwnerId".into(), json!(group.owner_id));
    m.insert("IsEgress".into(), json!(egress));
    m.insert("IpProtocol".into(), json!(rule.protocol));
    m.insert("FromPort".into(), json!(rule.from_port));
    m.insert("ToPort".into(), json!(rule.to_port));
    match &rule.peer {
        Peer::Cidr4(c) => {
            m.insert("CidrIpv4".into(), json!(c));
        }
        Peer::Cidr6(c) => {
            m.insert("CidrIpv6".into(), json!(c));
        }
        Peer::PrefixList(c) => {
            m.insert("PrefixListId".into(), json!(c));
        }
        Peer::Group(g) => {
            m.insert("ReferencedGroupInfo".into(), json!({"GroupId": g, "UserId": group.owner_id}));
        }
    }
    if let Some(d) = &rule.description {
        m.insert("Description".into(), json!(d));
    }
    m.insert(
        "SecurityGroupRuleArn".into(),
        json!(format!("arn:aws:ec2:{region}:{}:security-group-rule/{}", group.owner_id, rule.rule_id)),
    );
    Value::Object(m)
}

/// One `IpPermissions` entry being built: protocol, ports, then groups, IPv4, IPv6, prefix lists.
type PermissionGroup = (String, i32, i32, Vec<Value>, Vec<Value>, Vec<Value>, Vec<Value>);

/// `IpPermissions` entries, grouping rules with the same protocol and ports.
pub fn ip_permissions(rules: &[SgRule], owner: &str) -> Value {
    let mut out: Vec<PermissionGroup> = Vec::new();
    for r in rules {
        let idx = match out.iter().position(|o| o.0 == r.protocol && o.1 == r.from_port && o.2 == r.to_port) {
            Some(i) => i,
            None => {
                out.push((r.protocol.clone(), r.from_port, r.to_port, vec![], vec![], vec![], vec![]));
                out.len() - 1
            }
        };
        let entry = &mut out[idx];
        let with_desc = |mut v: Map<String, Value>| {
            if let Some(d) = &r.description {
                v.insert("Description".into(), json!(d));
            }
            Value::Object(v)
        };
        match &r.peer {
            Peer::Group(g) => entry.3.push(with_desc(Map::from_iter([
                ("UserId".to_string(), json!(owner)),
                ("GroupId".to_string(), json!(g)),
            ]))),
            Peer::Cidr4(c) => entry.4.push(with_desc(Map::from_iter([("CidrIp".to_string(), json!(c))]))),
            Peer::Cidr6(c) => entry.5.push(with_desc(Map::from_iter([("CidrIpv6".to_string(), json!(c))]))),
            Peer::PrefixList(c) => {
                entry.6.push(with_desc(Map::from_iter([("PrefixListId".to_string(), json!(c))])))
            }
        }
    }
    Value::Array(
        out.into_iter()
            .map(|(p, f, t, groups, v4, v6, pl)| {
                let mut m = Map::new();
                m.insert("IpProtocol".into(), json!(p));
                if p != "-1" {
                    m.insert("FromPort".into(), json!(f));
                    m.insert("ToPort".into(), json!(t));
                }
                m.insert("UserIdGroupPairs".into(), Value::Array(groups));
                m.insert("IpRanges".into(), Value::Array(v4));
                m.insert("Ipv6Ranges".into(), Value::Array(v6));
                m.insert("PrefixListIds".into(), Value::Array(pl));
                Value::Object(m)
            })
            .collect(),
    )
}

/// One entry of `SecurityGroups`.
pub fn security_group(region: &str, g: &SecurityGroup) -> Value {
    let mut m = Map::new();
    m.insert("GroupId".into(), json!(g.id));
    m.insert("IpPermissionsEgress".into(), ip_permissions(&g.egress, &g.owner_id));
    put_tags(&mut m, &g.tags);
    m.insert("VpcId".into(), json!(g.vpc_id));
    m.insert(
        "SecurityGroupArn".into(),
        json!(format!("arn:aws:ec2:{region}:{}:security-group/{}", g.owner_id, g.id)),
    );
    m.insert("OwnerId".into(), json!(g.owner_id));
    m.insert("GroupName".into(), json!(g.name));
    m.insert("Description".into(), json!(g.description));
    m.insert("IpPermissions".into(), ip_permissions(&g.ingress, &g.owner_id));
    Value::Object(m)
}
