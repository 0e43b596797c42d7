//! Handlers for instance operations: run, describe, start/stop/reboot/terminate, attributes,
//! status, console output, monitoring, metadata options and instance profiles.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use indexmap::IndexMap;
use serde_json::{Value, json};

use super::args::{Args, scalar_string};
use super::error::CliError;
use super::filters::{self, tag_field};
use super::render;
use super::spec::Call;
use crate::ec2::actions::{AttributeChange, BlockDeviceRequest, MetadataRequest, RunRequest};
use crate::ec2::clock::{iso8601, zulu};
use crate::ec2::instance::{Instance, InstanceState};
use crate::ec2::tags::Tag;
use crate::ec2::{Ec2Error, ErrorKind};

type Out = Result<Option<Value>, CliError>;

/// `--tag-specifications` as (resource type, tag) pairs.
pub fn tag_specs(args: &Args) -> Vec<(String, Tag)> {
    let mut out = Vec::new();
    if let Some(Value::Array(specs)) = args.get("tag-specifications") {
        for s in specs {
            let rt = s.get("ResourceType").map(scalar_string).unwrap_or_default();
            if let Some(Value::Array(tags)) = s.get("Tags") {
                for t in tags {
                    out.push((
                        rt.clone(),
                        Tag {
                            key: t.get("Key").map(scalar_string).unwrap_or_default(),
                            value: t.get("Value").map(scalar_string).unwrap_or_default(),
                        },
                    ));
                }
            }
        }
    }
    out
}

/// Tags of one resource type from `--tag-specifications`.
pub fn tags_for(args: &Args, resource_type: &str) -> Vec<Tag> {
    tag_specs(args).into_iter().filter(|(t, _)| t == resource_type).map(|(_, t)| t).collect()
}

fn field<'a>(v: &'a Value, k: &str) -> Option<&'a Value> {
    v.get(k)
}

fn opt_bool(v: Option<&Value>) -> Option<bool> {
    match v? {
        Value::Bool(b) => Some(*b),
        Value::String(s) => Some(s.eq_ignore_ascii_case("true")),
        _ => None,
    }
}

fn opt_u32(v: Option<&Value>) -> Option<u32> {
    match v? {
        Value::Number(n) => n.as_u64().map(|n| n as u32),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn metadata_from(v: Option<&Value>) -> MetadataRequest {
    let Some(v) = v else {
        return MetadataRequest::default();
    };
    MetadataRequest {
        http_tokens: field(v, "HttpTokens").map(scalar_string),
        http_put_response_hop_limit: field(v, "HttpPutResponseHopLimit")
            .and_then(|x| scalar_string(x).parse().ok()),
        http_endpoint: field(v, "HttpEndpoint").map(scalar_string),
        http_protocol_ipv6: field(v, "HttpProtocolIpv6").map(scalar_string),
        instance_metadata_tags: field(v, "InstanceMetadataTags").map(scalar_string),
    }
}

fn bad(param: &str, msg: String) -> CliError {
    CliError::Service { operation: "", error: Ec2Error::invalid_value(param, msg) }
}

/// Builds a [`RunRequest`] from run-instances arguments, merged over a launch template.
pub fn run_request(call: &Call) -> Result<RunRequest, CliError> {
    let a = &call.args;
    let (mut min, mut max) = (a.int("min-count").unwrap_or(1), a.int("max-count").unwrap_or(1));
    if a.has("max-count") && !a.has("min-count") {
        min = max;
    }
    if a.has("min-count") && !a.has("max-count") {
        max = min;
    }
    if let Some(c) = a.str("count") {
        let parse = |s: &str| {
            s.trim().parse::<i64>().map_err(|_| CliError::param("--count", format!("invalid count: {c}")))
        };
        (min, max) = match c.split_once(':') {
            Some((lo, hi)) => (parse(lo)?, parse(hi)?),
            None => (parse(c)?, parse(c)?),
        };
    }
    let mut req = RunRequest {
        image_id: a.str("image-id").map(str::to_string),
        instance_type: a.str("instance-type").map(str::to_string),
        min_count: min,
        max_count: max,
        key_name: a.str("key-name").map(str::to_string),
        security_group_ids: a.strs("security-group-ids"),
        security_groups: a.strs("security-groups"),
        subnet_id: a.str("subnet-id").map(str::to_string),
        availability_zone: a.get("placement").and_then(|p| p.get("AvailabilityZone")).map(scalar_string),
        placement_group: a.get("placement").and_then(|p| p.get("GroupName")).map(scalar_string),
        partition_number: opt_u32(a.get("placement").and_then(|p| p.get("PartitionNumber"))),
        user_data: a.str("user-data").map(|s| s.as_bytes().to_vec()),
        iam_instance_profile: a
            .get("iam-instance-profile")
            .and_then(|p| p.get("Arn").or(p.get("Name")))
            .map(scalar_string),
        tags: tag_specs(a),
        metadata: metadata_from(a.get("metadata-options")),
        disable_api_termination: a.flag("disable-api-termination"),
        disable_api_stop: a.flag("disable-api-stop"),
        shutdown_behavior: a.str("instance-initiated-shutdown-behavior").map(str::to_string),
        associate_public_ip: a.flag("associate-public-ip-address"),
        block_devices: Vec::new(),
        monitoring: opt_bool(a.get("monitoring").and_then(|m| m.get("Enabled"))),
        ebs_optimized: a.flag("ebs-optimized"),
        hibernation: opt_bool(a.get("hibernation-options").and_then(|m| m.get("Configured"))),
        spot: a
            .get("instance-market-options")
            .and_then(|m| m.get("MarketType"))
            .is_some_and(|t| scalar_string(t) == "spot"),
        client_token: a.str("client-token").map(str::to_string),
        private_ip: a.str("private-ip-address").map(str::to_string),
    };
    if let Some(Value::Array(bdms)) = a.get("block-device-mappings") {
        for b in bdms {
            let ebs = b.get("Ebs");
            req.block_devices.push(BlockDeviceRequest {
                device_name: b.get("DeviceName").map(scalar_string).unwrap_or_default(),
                volume_size: opt_u32(ebs.and_then(|e| e.get("VolumeSize"))),
                volume_type: ebs.and_then(|e| e.get("VolumeType")).map(scalar_string),
                delete_on_termination: opt_bool(ebs.and_then(|e| e.get("DeleteOnTermination"))),
                iops: opt_u32(ebs.and_then(|e| e.get("Iops"))),
                encrypted: opt_bool(ebs.and_then(|e| e.get("Encrypted"))),
            });
        }
    }
    if let Some(lt) = a.get("launch-template") {
        let id = lt.get("LaunchTemplateId").map(scalar_string);
        let name = lt.get("LaunchTemplateName").map(scalar_string);
        let version = lt.get("Version").map(scalar_string);
        let t = call
            .world
            .find_launch_template(&call.ctx, id.as_deref(), name.as_deref())
            .map_err(CliError::from)?;
        let Some(v) = t.version(version.as_deref()) else {
            return Err(CliError::from(Ec2Error::new(
                ErrorKind::NotFound,
                "InvalidLaunchTemplateId.VersionNotFound",
                version.unwrap_or_default(),
                "Could not find launch template version.",
            )));
        };
        let d = &v.data;
        req.image_id = req.image_id.or(d.get("ImageId").map(scalar_string));
        req.instance_type = req.instance_type.or(d.get("InstanceType").map(scalar_string));
        req.key_name = req.key_name.or(d.get("KeyName").map(scalar_string));
        if req.security_group_ids.is_empty()
            && let Some(Value::Array(g)) = d.get("SecurityGroupIds")
        {
            req.security_group_ids = g.iter().map(scalar_string).collect();
        }
        if req.user_data.is_none()
            && let Some(u) = d.get("UserData")
        {
            let decoded = B64
                .decode(scalar_string(u).as_bytes())
                .map_err(|_| bad("UserData", "Invalid BASE64 encoding of user data.".into()))?;
            req.user_data = Some(decoded);
        }
        if req.iam_instance_profile.is_none() {
            req.iam_instance_profile =
                d.get("IamInstanceProfile").and_then(|p| p.get("Arn").or(p.get("Name"))).map(scalar_string);
        }
        if req.metadata == MetadataRequest::default() {
            req.metadata = metadata_from(d.get("MetadataOptions"));
        }
        if let Some(Value::Array(specs)) = d.get("TagSpecifications") {
            for s in specs {
                let rt = s.get("ResourceType").map(scalar_string).unwrap_or_default();
                if let Some(Value::Array(tags)) = s.get("Tags") {
                    for t in tags {
                        req.tags.push((
                            rt.clone(),
                            Tag {
                                key: t.get("Key").map(scalar_string).unwrap_or_default(),
                                value: t.get("Value").map(scalar_string).unwrap_or_default(),
                            },
                        ));
                    }
                }
            }
        }
    }
    Ok(req)
}

pub fn run_instances(call: &mut Call) -> Out {
    let req = run_request(call)?;
    let res = call.world.run_instances(&call.ctx, &req)?;
    let r = call.world.region(call.ctx.region).ok_or_else(|| CliError::usage("region"))?;
    let insts: Vec<&Instance> = r.instances.values().filter(|i| i.reservation_id == res).collect();
    Ok(Some(render::reservation(call.world, &res, &insts)))
}

fn instance_field(i: &Instance, world: &crate::ec2::World, name: &str) -> Option<Vec<String>> {
    let one = |s: String| Some(vec![s]);
    match name {
        "instance-id" => one(i.id.clone()),
        "instance-state-name" => one(i.state.name().into()),
        "instance-state-code" => one(i.state.code().to_string()),
        "instance-type" => one(i.instance_type.clone()),
        "availability-zone" => one(i.availability_zone.clone()),
        "image-id" => one(i.image_id.clone()),
        "key-name" => Some(i.key_name.iter().cloned().collect()),
        "vpc-id" => one(i.vpc_id.clone()),
        "subnet-id" => one(i.subnet_id.clone()),
        "reservation-id" => one(i.reservation_id.clone()),
        "private-ip-address" => Some(i.private_ip_string().into_iter().collect()),
        "ip-address" => Some(i.public_ip_string().into_iter().collect()),
        "dns-name" => one(i.public_dns_name()),
        "private-dns-name" => one(i.private_dns_name()),
        "architecture" => one(i.architecture.clone()),
        "instance.group-id" | "group-id" => Some(i.security_group_ids.clone()),
        "instance.group-name" | "group-name" => Some(
            i.security_group_ids
                .iter()
                .filter_map(|g| world.security_group(&i.region, g).map(|s| s.name.clone()))
                .collect(),
        ),
        "iam-instance-profile.arn" => Some(i.iam_instance_profile.iter().map(|p| p.arn.clone()).collect()),
        "placement-group-name" => Some(i.placement_group.iter().cloned().collect()),
        "instance-lifecycle" => Some(i.spot_request_id.iter().map(|_| "spot".to_string()).collect()),
        "state-reason-code" => Some(i.state_reason.iter().map(|r| r.code.clone()).collect()),
        "metadata-options.http-tokens" => one(i.metadata_options.http_tokens.clone()),
        "metadata-options.http-endpoint" => one(i.metadata_options.http_endpoint.clone()),
        "owner-id" => one(crate::ec2::ACCOUNT_ID.into()),
        "platform" => Some(if i.platform_windows { vec!["windows".into()] } else { vec![] }),
        "monitoring-state" => one(if i.monitoring_enabled { "enabled" } else { "disabled" }.into()),
        _ => tag_field(&i.tags, name),
    }
}

pub fn describe_instances(call: &mut Call) -> Out {
    let ids = call.args.strs("instance-ids");
    if !ids.is_empty() && call.args.has("max-results") {
        return Err(CliError::from(Ec2Error::new(
            ErrorKind::InvalidParameter,
            "InvalidParameterCombination",
            "",
            "The parameter instancesSet cannot be used with the parameter maxResults",
        )));
    }
    call.world.check_instance_ids(call.ctx.region, &ids)?;
    call.ctx.gate()?;
    let fs = filters::parse(call.args.get("filters"))?;
    let world = &*call.world;
    let r = world.region(call.ctx.region).ok_or_else(|| CliError::usage("region"))?;
    let insts: Vec<&Instance> = if ids.is_empty() {
        r.instances.values().collect()
    } else {
        r.instances.values().filter(|i| ids.contains(&i.id)).collect()
    };
    let insts = filters::apply(insts, &fs, |i, n| instance_field(i, world, n))?;
    let mut groups: IndexMap<&str, Vec<&Instance>> = IndexMap::new();
    for i in insts {
        groups.entry(i.reservation_id.as_str()).or_default().push(i);
    }
    let res: Vec<Value> = groups.iter().map(|(id, v)| render::reservation(world, id, v)).collect();
    Ok(Some(json!({"Reservations": res})))
}

pub fn start_instances(call: &mut Call) -> Out {
    let ch = call.world.start_instances(&call.ctx, &call.args.strs("instance-ids"))?;
    Ok(Some(json!({"StartingInstances": render::state_changes(&ch)})))
}

pub fn stop_instances(call: &mut Call) -> Out {
    let ch = call.world.stop_instances(
        &call.ctx,
        &call.args.strs("instance-ids"),
        call.args.flag("hibernate").unwrap_or(false),
    )?;
    Ok(Some(json!({"StoppingInstances": render::state_changes(&ch)})))
}

pub fn terminate_instances(call: &mut Call) -> Out {
    let ch = call.world.terminate_instances(&call.ctx, &call.args.strs("instance-ids"))?;
    Ok(Some(json!({"TerminatingInstances": render::state_changes(&ch)})))
}

pub fn reboot_instances(call: &mut Call) -> Out {
    call.world.reboot_instances(&call.ctx, &call.args.strs("instance-ids"))?;
    Ok(None)
}

fn attr_value(args: &Args, name: &str) -> Option<String> {
    args.get(name).map(|v| match v.get("Value") {
        Some(x) => scalar_string(x),
        None => scalar_string(v),
    })
}

pub fn modify_instance_attribute(call: &mut Call) -> Out {
    let a = &call.args;
    let id = a.str("instance-id").unwrap_or_default().to_string();
    let change = if let Some(t) = attr_value(a, "instance-type") {
        AttributeChange::InstanceType(t)
    } else if let Some(u) = attr_value(a, "user-data") {
        AttributeChange::UserData(u.into_bytes())
    } else if let Some(b) = a.flag("disable-api-termination") {
        AttributeChange::DisableApiTermination(b)
    } else if let Some(b) = a.flag("disable-api-stop") {
        AttributeChange::DisableApiStop(b)
    } else if let Some(b) = attr_value(a, "instance-initiated-shutdown-behavior") {
        AttributeChange::ShutdownBehavior(b)
    } else if let Some(b) = a.flag("source-dest-check") {
        AttributeChange::SourceDestCheck(b)
    } else if let Some(b) = a.flag("ebs-optimized") {
        AttributeChange::EbsOptimized(b)
    } else if a.has("groups") {
        AttributeChange::Groups(a.strs("groups"))
    } else if let (Some(attr), Some(v)) = (a.str("attribute"), a.str("value")) {
        let b = v.eq_ignore_ascii_case("true");
        match attr {
            "instanceType" => AttributeChange::InstanceType(v.into()),
            "userData" => AttributeChange::UserData(v.as_bytes().to_vec()),
            "disableApiTermination" => AttributeChange::DisableApiTermination(b),
            "disableApiStop" => AttributeChange::DisableApiStop(b),
            "instanceInitiatedShutdownBehavior" => AttributeChange::ShutdownBehavior(v.into()),
            "sourceDestCheck" => AttributeChange::SourceDestCheck(b),
            "ebsOptimized" => AttributeChange::EbsOptimized(b),
            other => {
                return Err(bad(
                    "attribute",
                    format!("Value ({other}) for parameter attribute is invalid. Unknown attribute."),
                ));
            }
        }
    } else {
        return Err(CliError::from(Ec2Error::missing("Attribute", "No attributes specified.")));
    };
    call.world.modify_instance_attribute(&call.ctx, &id, &change)?;
    Ok(None)
}

pub fn describe_instance_attribute(call: &mut Call) -> Out {
    let id = call.args.str("instance-id").unwrap_or_default().to_string();
    call.world.check_instance_ids(call.ctx.region, std::slice::from_ref(&id))?;
    call.ctx.gate()?;
    let Some(i) = call.world.instance(&id) else {
        return Ok(None);
    };
    let attr = call.args.str("attribute").unwrap_or_default();
    let (key, value) = match attr {
        "instanceType" => ("InstanceType", json!({"Value": i.instance_type})),
        "userData" => {
            ("UserData", i.user_data.as_ref().map_or(json!({}), |u| json!({"Value": B64.encode(u)})))
        }
        "disableApiTermination" => ("DisableApiTermination", json!({"Value": i.disable_api_termination})),
        "disableApiStop" => ("DisableApiStop", json!({"Value": i.disable_api_stop})),
        "instanceInitiatedShutdownBehavior" => {
            ("InstanceInitiatedShutdownBehavior", json!({"Value": i.shutdown_behavior}))
        }
        "rootDeviceName" => ("RootDeviceName", json!({"Value": i.root_device_name})),
        "sourceDestCheck" => ("SourceDestCheck", json!({"Value": i.source_dest_check})),
        "ebsOptimized" => ("EbsOptimized", json!({"Value": i.ebs_optimized})),
        "groupSet" => {
            ("Groups", Value::Array(i.security_group_ids.iter().map(|g| json!({"GroupId": g})).collect()))
        }
        other => {
            return Err(CliError::param(
                "--attribute",
                format!(
                    "Invalid value ('{other}'), valid values are: instanceType, kernel, ramdisk, userData, disableApiTermination, instanceInitiatedShutdownBehavior, rootDeviceName, blockDeviceMapping, productCodes, sourceDestCheck, groupSet, ebsOptimized, sriovNetSupport, enaSupport, enclaveOptions, disableApiStop"
                ),
            ));
        }
    };
    let mut m = serde_json::Map::new();
    m.insert(key.into(), value);
    m.insert("InstanceId".into(), json!(id));
    Ok(Some(Value::Object(m)))
}

pub fn describe_instance_status(call: &mut Call) -> Out {
    let ids = call.args.strs("instance-ids");
    call.world.check_instance_ids(call.ctx.region, &ids)?;
    call.ctx.gate()?;
    let all = call.args.flag("include-all-instances").unwrap_or(false);
    let now = call.ctx.now;
    let r = call.world.region(call.ctx.region).ok_or_else(|| CliError::usage("region"))?;
    let list: Vec<Value> = r
        .instances
        .values()
        .filter(|i| ids.is_empty() || ids.contains(&i.id))
        .filter(|i| all || i.state == InstanceState::Running)
        .map(|i| {
            let status = match (i.state, i.last_boot) {
                (InstanceState::Running, Some(b)) if now.as_secs() >= b.as_secs() + 120 => ("ok", "passed"),
                (InstanceState::Running, _) => ("initializing", "initializing"),
                _ => ("not-applicable", "not-applicable"),
            };
            let check = json!({"Details": [{"Name": "reachability", "Status": status.1}], "Status": status.0});
            json!({"AvailabilityZone": i.availability_zone, "InstanceId": i.id, "InstanceState": render::state(i.state), "InstanceStatus": check, "SystemStatus": check, "AttachedEbsStatus": check})
        })
        .collect();
    Ok(Some(json!({"InstanceStatuses": list})))
}

pub fn get_console_output(call: &mut Call) -> Out {
    let id = call.args.str("instance-id").unwrap_or_default().to_string();
    call.world.check_instance_ids(call.ctx.region, std::slice::from_ref(&id))?;
    call.ctx.gate()?;
    let Some(i) = call.world.instance(&id) else {
        return Ok(None);
    };
    let mut m = serde_json::Map::new();
    m.insert("InstanceId".into(), json!(id));
    m.insert("Timestamp".into(), json!(iso8601(call.ctx.now)));
    if let Some(boot) = i.last_boot {
        let ip = i.private_ip_string().unwrap_or_default();
        let mut log = format!(
            "[    0.000000] Linux version 6.1.119-129.201.amzn2023.{arch} (mockbuild@ip-10-0-60-61) #1 SMP\n[    0.000000] Command line: BOOT_IMAGE=(hd0,gpt1)/boot/vmlinuz root=UUID=5d0d0c1f console=tty0 console=ttyS0,115200n8\n[    2.104211] systemd[1]: Detected virtualization amazon.\nCloud-init v. 22.2.2 running 'init' at {}. Up 6.21 seconds.\nci-info: ++++++++++++++++++++++++++++++++++++++Net device info++++++++++++++++++++++++++++++++++++++\nci-info: | Device |  Up  |   Address    |      Mask     | Scope  |     Hw-Address    |\nci-info: |  ens5  | True | {ip} | 255.255.240.0 | global | {} |\n",
            zulu(boot),
            i.mac_address,
            arch = i.architecture
        );
        if i.user_data.is_some() {
            log.push_str(
                "Cloud-init v. 22.2.2 running 'modules:final'. Running user data script (part-001).\n",
            );
        }
        log.push_str(&format!(
            "Cloud-init v. 22.2.2 finished at {}. Datasource DataSourceEc2.  Up 18.43 seconds\n",
            zulu(boot.plus_secs(12))
        ));
        m.insert("Output".into(), json!(log));
    }
    Ok(Some(Value::Object(m)))
}

fn monitoring(call: &mut Call, enabled: bool, key: &str) -> Out {
    let ids = call.args.strs("instance-ids");
    call.world.set_monitoring(&call.ctx, &ids, enabled)?;
    let state = if enabled { "pending" } else { "disabling" };
    let list: Vec<Value> =
        ids.iter().map(|id| json!({"InstanceId": id, "Monitoring": {"State": state}})).collect();
    let mut m = serde_json::Map::new();
    m.insert(key.into(), Value::Array(list));
    Ok(Some(Value::Object(m)))
}

pub fn monitor_instances(call: &mut Call) -> Out {
    monitoring(call, true, "InstanceMonitorings")
}

pub fn unmonitor_instances(call: &mut Call) -> Out {
    monitoring(call, false, "InstanceMonitorings")
}

pub fn modify_instance_metadata_options(call: &mut Call) -> Out {
    let a = &call.args;
    let id = a.str("instance-id").unwrap_or_default().to_string();
    let req = MetadataRequest {
        http_tokens: a.str("http-tokens").map(str::to_string),
        http_put_response_hop_limit: a.int("http-put-response-hop-limit"),
        http_endpoint: a.str("http-endpoint").map(str::to_string),
        http_protocol_ipv6: a.str("http-protocol-ipv6").map(str::to_string),
        instance_metadata_tags: a.str("instance-metadata-tags").map(str::to_string),
    };
    call.world.modify_metadata_options(&call.ctx, &id, &req)?;
    let Some(i) = call.world.instance(&id) else {
        return Ok(None);
    };
    let mo = &i.metadata_options;
    Ok(Some(
        json!({"InstanceId": id, "InstanceMetadataOptions": {"State": mo.state(), "HttpTokens": mo.http_tokens, "HttpPutResponseHopLimit": mo.http_put_response_hop_limit, "HttpEndpoint": mo.http_endpoint, "HttpProtocolIpv6": mo.http_protocol_ipv6, "InstanceMetadataTags": mo.instance_metadata_tags}}),
    ))
}

fn association_json(instance_id: &str, p: &crate::ec2::instance::ProfileAttachment, state: &str) -> Value {
    json!({"AssociationId": p.association_id, "InstanceId": instance_id, "IamInstanceProfile": {"Arn": p.arn, "Id": p.id}, "State": state})
}

pub fn associate_iam_instance_profile(call: &mut Call) -> Out {
    let id = call.args.str("instance-id").unwrap_or_default().to_string();
    let profile = call
        .args
        .get("iam-instance-profile")
        .and_then(|p| p.get("Arn").or(p.get("Name")))
        .map(scalar_string)
        .unwrap_or_default();
    call.world.associate_instance_profile(&call.ctx, &id, &profile)?;
    let p = call.world.instance(&id).and_then(|i| i.iam_instance_profile.clone());
    Ok(p.map(|p| json!({"IamInstanceProfileAssociation": association_json(&id, &p, "associating")})))
}

pub fn disassociate_iam_instance_profile(call: &mut Call) -> Out {
    let assoc = call.args.str("association-id").unwrap_or_default().to_string();
    let (id, p) = call.world.disassociate_instance_profile(&call.ctx, &assoc)?;
    Ok(Some(json!({"IamInstanceProfileAssociation": association_json(&id, &p, "disassociating")})))
}

pub fn describe_iam_associations(call: &mut Call) -> Out {
    let ids = call.args.strs("association-ids");
    let r = call.world.region(call.ctx.region).ok_or_else(|| CliError::usage("region"))?;
    let list: Vec<Value> = r
        .instances
        .values()
        .filter_map(|i| i.iam_instance_profile.as_ref().map(|p| (i, p)))
        .filter(|(_, p)| ids.is_empty() || ids.contains(&p.association_id))
        .map(|(i, p)| association_json(&i.id, p, "associated"))
        .collect();
    Ok(Some(json!({"IamInstanceProfileAssociations": list})))
}

impl From<Ec2Error> for CliError {
    fn from(error: Ec2Error) -> Self {
        CliError::Service { operation: "", error }
    }
}
