//! Handlers for instance operations: describe, start/stop/reboot/terminate, attributes,
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
use crate::ec2::actions::{AttributeChange, MetadataRequest};
use crate::ec2::clock::{iso8601, zulu};
use crate::ec2::instance::{Instance, InstanceState};
use crate::ec2::{Ec2Error, ErrorKind};

use super::ops_run::bad;

type Out = Result<Option<Value>, CliError>;

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
    } else if let Some(Value::Array(bdms)) = a.get("block-device-mappings") {
        AttributeChange::DeleteOnTermination(
            bdms.iter()
                .map(|b| {
                    let dot = b.get("Ebs").and_then(|e| e.get("DeleteOnTermination"));
                    let dot = dot.is_some_and(|v| v.as_bool().unwrap_or_else(|| scalar_string(v) == "true"));
                    (b.get("DeviceName").map(scalar_string).unwrap_or_default(), dot)
                })
                .collect(),
        )
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
            "[    0.000000] Linux version 6.1.119-129.201.amzn2023.{arch} (mockbuild@ip-10-0-60-61) #1 SMP\n[    0.000000] Command line: BOOT_IMAGE=(hd0,gpt1)/boot/vmlinuz root=UUID=5d0d0c1f console=tty0 console=ttyS0,115200n8\n[    2.104211] systemd[1]: Detected virtualization amazon.\n",
            arch = i.architecture
        );
        match &i.guest_console {
            // The guest's own cloud-init output, user data script output included.
            Some(guest) => log.push_str(guest),
            None => {
                log.push_str(&format!(
                    "Cloud-init v. 22.2.2 running 'init' at {}. Up 6.21 seconds.\nci-info: ++++++++++++++++++++++++++++++++++++++Net device info++++++++++++++++++++++++++++++++++++++\nci-info: | Device |  Up  |   Address    |      Mask     | Scope  |     Hw-Address    |\nci-info: |  ens5  | True | {ip} | 255.255.240.0 | global | {} |\n",
                    zulu(boot),
                    i.mac_address,
                ));
                if i.user_data.is_some() {
                    log.push_str(
                        "Cloud-init v. 22.2.2 running 'modules:final'. Running user data script (part-001).\n",
                    );
                }
                log.push_str(&format!(
                    "Cloud-init v. 22.2.2 finished at {}. Datasource DataSourceEc2.  Up 18.43 seconds\n",
                    zulu(boot.plus_secs(12))
                ));
            }
        }
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

pub fn get_password_data(call: &mut Call) -> Out {
    let id = call.args.str("instance-id").unwrap_or_default().to_string();
    call.world.check_instance_ids(call.ctx.region, std::slice::from_ref(&id))?;
    call.ctx.gate()?;
    let Some(data) = call.world.password_data(&id, call.ctx.now) else { return Ok(None) };
    let password = match call.args.str("priv-launch-key") {
        None => data.encrypted,
        Some(path) => {
            let Some(pem) = (call.read_file)(path) else {
                return Err(CliError::Other {
                    message: format!("[Errno 2] No such file or directory: '{path}'"),
                });
            };
            let key = call.world.instance(&id).and_then(|i| i.key_name.clone());
            let pair = key.and_then(|k| call.world.key_pair(call.ctx.region, &k));
            let matches = pair.is_some_and(|p| {
                crate::ec2::keypair::private_key_fingerprint(&pem).is_some_and(|fp| fp == p.fingerprint)
            });
            if data.encrypted.is_empty() {
                String::new()
            } else if matches {
                data.plaintext
            } else {
                return Err(CliError::Other {
                    message: "Unable to decrypt password data using provided private key file.".to_string(),
                });
            }
        }
    };
    Ok(Some(json!({"InstanceId": id, "PasswordData": password, "Timestamp": iso8601(call.ctx.now)})))
}
