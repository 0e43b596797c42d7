//! `run-instances` (and the Spot launch specification): CLI arguments, merged over a launch
//! template, turned into a [`RunRequest`].

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde_json::Value;

use super::args::{Args, scalar_string};
use super::error::CliError;
use super::render;
use super::spec::Call;
use crate::ec2::actions::{BlockDeviceRequest, MetadataRequest, RunRequest};
use crate::ec2::instance::Instance;
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

pub(super) fn bad(param: &str, msg: String) -> CliError {
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
