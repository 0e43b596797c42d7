//! Handlers for tags, launch templates, placement groups, Spot requests and instance types.

use serde_json::{Map, Value, json};

use super::args::scalar_string;
use super::error::CliError;
use super::filters::{self, tag_field};
use super::ops_run::{run_request, tags_for};
use super::render::put_tags;
use super::spec::Call;
use crate::ec2::ACCOUNT_ID;
use crate::ec2::catalog::INSTANCE_TYPES;
use crate::ec2::clock::iso8601;
use crate::ec2::extras::LaunchTemplate;

type Out = Result<Option<Value>, CliError>;

fn tag_pairs(call: &Call) -> Vec<(String, Option<String>)> {
    match call.args.get("tags") {
        Some(Value::Array(a)) => a
            .iter()
            .map(|t| (t.get("Key").map(scalar_string).unwrap_or_default(), t.get("Value").map(scalar_string)))
            .collect(),
        _ => Vec::new(),
    }
}

pub fn create_tags(call: &mut Call) -> Out {
    let tags: Vec<_> = tag_pairs(call).into_iter().map(|(k, v)| (k, Some(v.unwrap_or_default()))).collect();
    call.world.change_tags(&call.ctx, &call.args.strs("resources"), &tags, false)?;
    Ok(None)
}

pub fn delete_tags(call: &mut Call) -> Out {
    let tags = tag_pairs(call);
    call.world.change_tags(&call.ctx, &call.args.strs("resources"), &tags, true)?;
    Ok(None)
}

pub fn describe_tags(call: &mut Call) -> Out {
    call.ctx.gate()?;
    let fs = filters::parse(call.args.get("filters"))?;
    let r = call.world.region(call.ctx.region).ok_or_else(|| CliError::usage("region"))?;
    let mut all: Vec<(String, &'static str, &crate::ec2::tags::Tag)> = Vec::new();
    for i in r.instances.values() {
        all.extend(i.tags.iter().map(|t| (i.id.clone(), "instance", t)));
    }
    for v in r.volumes.values() {
        all.extend(v.tags.iter().map(|t| (v.id.clone(), "volume", t)));
    }
    for g in r.security_groups.values() {
        all.extend(g.tags.iter().map(|t| (g.id.clone(), "security-group", t)));
    }
    for i in r.images.values() {
        all.extend(i.tags.iter().map(|t| (i.id.clone(), "image", t)));
    }
    for s in r.snapshots.values() {
        all.extend(s.tags.iter().map(|t| (s.id.clone(), "snapshot", t)));
    }
    for k in r.key_pairs.values() {
        all.extend(k.tags.iter().map(|t| (k.id.clone(), "key-pair", t)));
    }
    for a in r.addresses.values() {
        all.extend(a.tags.iter().map(|t| (a.allocation_id.clone(), "elastic-ip", t)));
    }
    for l in r.launch_templates.values() {
        all.extend(l.tags.iter().map(|t| (l.id.clone(), "launch-template", t)));
    }
    let all = filters::apply(all, &fs, |(id, ty, t), n| match n {
        "resource-id" => Some(vec![id.clone()]),
        "resource-type" => Some(vec![ty.to_string()]),
        "key" => Some(vec![t.key.clone()]),
        "value" => Some(vec![t.value.clone()]),
        _ => None,
    })?;
    let list: Vec<Value> = all
        .into_iter()
        .map(|(id, ty, t)| json!({"Key": t.key, "ResourceId": id, "ResourceType": ty, "Value": t.value}))
        .collect();
    Ok(Some(json!({"Tags": list})))
}

fn template_json(t: &LaunchTemplate) -> Value {
    let mut m = Map::new();
    m.insert("LaunchTemplateId".into(), json!(t.id));
    m.insert("LaunchTemplateName".into(), json!(t.name));
    m.insert("CreateTime".into(), json!(iso8601(t.create_time)));
    m.insert("CreatedBy".into(), json!(format!("arn:aws:iam::{ACCOUNT_ID}:root")));
    m.insert("DefaultVersionNumber".into(), json!(t.default_version));
    m.insert("LatestVersionNumber".into(), json!(t.latest_version()));
    put_tags(&mut m, &t.tags);
    Value::Object(m)
}

pub fn create_launch_template(call: &mut Call) -> Out {
    let a = &call.args;
    let data = a.get("launch-template-data").cloned().unwrap_or(Value::Null);
    let tags = tags_for(a, "launch-template");
    let id = call.world.create_launch_template(
        &call.ctx,
        a.str("launch-template-name").unwrap_or_default(),
        data,
        a.str("version-description").map(str::to_string),
        tags,
    )?;
    let t = call.world.find_launch_template(&call.ctx, Some(&id), None)?;
    Ok(Some(json!({"LaunchTemplate": template_json(t)})))
}

pub fn create_launch_template_version(call: &mut Call) -> Out {
    let a = &call.args;
    let data = a.get("launch-template-data").cloned().unwrap_or(Value::Null);
    let (id, n) = call.world.create_launch_template_version(
        &call.ctx,
        a.str("launch-template-id"),
        a.str("launch-template-name"),
        a.str("source-version"),
        data,
        a.str("version-description").map(str::to_string),
    )?;
    let t = call.world.find_launch_template(&call.ctx, Some(&id), None)?;
    let v = t.version(Some(&n.to_string()));
    Ok(v.map(|v| json!({"LaunchTemplateVersion": version_json(t, v)})))
}

fn version_json(t: &LaunchTemplate, v: &crate::ec2::extras::LaunchTemplateVersion) -> Value {
    let mut m = Map::new();
    m.insert("LaunchTemplateId".into(), json!(t.id));
    m.insert("LaunchTemplateName".into(), json!(t.name));
    m.insert("VersionNumber".into(), json!(v.number));
    if let Some(d) = &v.description {
        m.insert("VersionDescription".into(), json!(d));
    }
    m.insert("CreateTime".into(), json!(iso8601(v.create_time)));
    m.insert("CreatedBy".into(), json!(format!("arn:aws:iam::{ACCOUNT_ID}:root")));
    m.insert("DefaultVersion".into(), json!(v.number == t.default_version));
    m.insert("LaunchTemplateData".into(), v.data.clone());
    Value::Object(m)
}

pub fn describe_launch_templates(call: &mut Call) -> Out {
    let (ids, names) = (call.args.strs("launch-template-ids"), call.args.strs("launch-template-names"));
    for id in &ids {
        call.world.find_launch_template(&call.ctx, Some(id), None)?;
    }
    for n in &names {
        call.world.find_launch_template(&call.ctx, None, Some(n))?;
    }
    let r = call.world.region(call.ctx.region).ok_or_else(|| CliError::usage("region"))?;
    let list: Vec<Value> = r
        .launch_templates
        .values()
        .filter(|t| (ids.is_empty() && names.is_empty()) || ids.contains(&t.id) || names.contains(&t.name))
        .map(template_json)
        .collect();
    Ok(Some(json!({"LaunchTemplates": list})))
}

pub fn describe_launch_template_versions(call: &mut Call) -> Out {
    let t = call.world.find_launch_template(
        &call.ctx,
        call.args.str("launch-template-id"),
        call.args.str("launch-template-name"),
    )?;
    let wanted = call.args.strs("versions");
    let mut list = Vec::new();
    for v in t.versions.iter().rev() {
        let keep = wanted.is_empty()
            || wanted.iter().any(|w| t.version(Some(w)).is_some_and(|x| x.number == v.number));
        if keep {
            list.push(version_json(t, v));
        }
    }
    Ok(Some(json!({"LaunchTemplateVersions": list})))
}

pub fn modify_launch_template(call: &mut Call) -> Out {
    let a = &call.args;
    let version = a.str("default-version").unwrap_or("$Latest").to_string();
    let id = call.world.set_default_template_version(
        &call.ctx,
        a.str("launch-template-id"),
        a.str("launch-template-name"),
        &version,
    )?;
    let t = call.world.find_launch_template(&call.ctx, Some(&id), None)?;
    Ok(Some(json!({"LaunchTemplate": template_json(t)})))
}

pub fn delete_launch_template(call: &mut Call) -> Out {
    let t = call.world.delete_launch_template(
        &call.ctx,
        call.args.str("launch-template-id"),
        call.args.str("launch-template-name"),
    )?;
    Ok(Some(json!({"LaunchTemplate": template_json(&t)})))
}

pub fn create_placement_group(call: &mut Call) -> Out {
    let a = &call.args;
    let Some(name) = a.str("group-name") else {
        return Err(CliError::from(crate::ec2::Ec2Error::missing(
            "GroupName",
            "The request must contain the parameter GroupName",
        )));
    };
    let tags = tags_for(a, "placement-group");
    let pc = a.int("partition-count").map(|c| c.clamp(0, 1000) as u32);
    call.world.create_placement_group(&call.ctx, name, a.str("strategy").unwrap_or("cluster"), pc, tags)?;
    let r = call.world.region(call.ctx.region).ok_or_else(|| CliError::usage("region"))?;
    Ok(r.placement_groups.get(name).map(|g| json!({"PlacementGroup": group_json(call.ctx.region, g)})))
}

fn group_json(region: &str, g: &crate::ec2::extras::PlacementGroup) -> Value {
    let mut m = Map::new();
    m.insert("GroupName".into(), json!(g.name));
    m.insert("State".into(), json!("available"));
    m.insert("Strategy".into(), json!(g.strategy));
    if let Some(c) = g.partition_count {
        m.insert("PartitionCount".into(), json!(c));
    }
    m.insert("GroupId".into(), json!(g.id));
    put_tags(&mut m, &g.tags);
    m.insert(
        "GroupArn".into(),
        json!(format!("arn:aws:ec2:{region}:{ACCOUNT_ID}:placement-group/{}", g.name)),
    );
    if g.strategy == "spread" {
        m.insert("SpreadLevel".into(), json!("rack"));
    }
    Value::Object(m)
}

pub fn describe_placement_groups(call: &mut Call) -> Out {
    let names = call.args.strs("group-names");
    let r = call.world.region(call.ctx.region).ok_or_else(|| CliError::usage("region"))?;
    if let Some(bad) = names.iter().find(|n| !r.placement_groups.contains_key(*n)) {
        return Err(CliError::from(crate::ec2::Ec2Error::new(
            crate::ec2::ErrorKind::NotFound,
            "InvalidPlacementGroup.Unknown",
            bad.clone(),
            format!("The Placement Group '{bad}' is unknown."),
        )));
    }
    let list: Vec<Value> = r
        .placement_groups
        .values()
        .filter(|g| names.is_empty() || names.contains(&g.name))
        .map(|g| group_json(call.ctx.region, g))
        .collect();
    Ok(Some(json!({"PlacementGroups": list})))
}

pub fn delete_placement_group(call: &mut Call) -> Out {
    call.world.delete_placement_group(&call.ctx, call.args.str("group-name").unwrap_or_default())?;
    Ok(None)
}

pub fn request_spot_instances(call: &mut Call) -> Out {
    let spec = call.args.get("launch-specification").cloned().unwrap_or(Value::Null);
    let mut req = run_request(call)?;
    req.image_id = spec.get("ImageId").map(scalar_string);
    req.instance_type = spec.get("InstanceType").map(scalar_string);
    req.key_name = spec.get("KeyName").map(scalar_string);
    if let Some(Value::Array(g)) = spec.get("SecurityGroupIds") {
        req.security_group_ids = g.iter().map(scalar_string).collect();
    }
    req.availability_zone = spec.get("Placement").and_then(|p| p.get("AvailabilityZone")).map(scalar_string);
    let count = call.args.int("instance-count").unwrap_or(1).clamp(1, 20) as u32;
    let ty = call.args.str("type").unwrap_or("one-time").to_string();
    let ids = call.world.request_spot_instances(
        &call.ctx,
        count,
        call.args.str("spot-price").map(str::to_string),
        &ty,
        &req,
    )?;
    let r = call.world.region(call.ctx.region).ok_or_else(|| CliError::usage("region"))?;
    let list: Vec<Value> = ids.iter().filter_map(|id| r.spot_requests.get(id)).map(spot_json).collect();
    Ok(Some(json!({"SpotInstanceRequests": list})))
}

fn spot_json(s: &crate::ec2::extras::SpotRequest) -> Value {
    let mut m = Map::new();
    m.insert("CreateTime".into(), json!(iso8601(s.create_time)));
    if let Some(i) = &s.instance_id {
        m.insert("InstanceId".into(), json!(i));
    }
    let mut spec = Map::new();
    spec.insert("ImageId".into(), json!(s.image_id));
    if let Some(k) = &s.key_name {
        spec.insert("KeyName".into(), json!(k));
    }
    spec.insert("InstanceType".into(), json!(s.instance_type));
    m.insert("LaunchSpecification".into(), Value::Object(spec));
    m.insert("ProductDescription".into(), json!("Linux/UNIX"));
    m.insert("SpotInstanceRequestId".into(), json!(s.id));
    m.insert("SpotPrice".into(), json!(s.spot_price));
    m.insert("State".into(), json!(s.state));
    m.insert(
        "Status".into(),
        json!({"Code": s.status_code, "Message": s.status_message, "UpdateTime": iso8601(s.status_time)}),
    );
    put_tags(&mut m, &s.tags);
    m.insert("Type".into(), json!(s.request_type));
    m.insert("InstanceInterruptionBehavior".into(), json!("terminate"));
    Value::Object(m)
}

pub fn describe_spot_instance_requests(call: &mut Call) -> Out {
    let ids = call.args.strs("spot-instance-request-ids");
    let fs = filters::parse(call.args.get("filters"))?;
    let r = call.world.region(call.ctx.region).ok_or_else(|| CliError::usage("region"))?;
    if let Some(bad) = ids.iter().find(|id| !r.spot_requests.contains_key(*id)) {
        return Err(CliError::from(crate::ec2::Ec2Error::new(
            crate::ec2::ErrorKind::NotFound,
            "InvalidSpotInstanceRequestID.NotFound",
            bad.clone(),
            format!("The spot instance request ID '{bad}' does not exist"),
        )));
    }
    let reqs: Vec<_> = r.spot_requests.values().filter(|s| ids.is_empty() || ids.contains(&s.id)).collect();
    let reqs = filters::apply(reqs, &fs, |s, n| match n {
        "state" => Some(vec![s.state.clone()]),
        "instance-id" => Some(s.instance_id.iter().cloned().collect()),
        "spot-instance-request-id" => Some(vec![s.id.clone()]),
        _ => tag_field(&s.tags, n),
    })?;
    Ok(Some(json!({"SpotInstanceRequests": reqs.into_iter().map(spot_json).collect::<Vec<_>>()})))
}

pub fn cancel_spot_instance_requests(call: &mut Call) -> Out {
    let out = call.world.cancel_spot_requests(&call.ctx, &call.args.strs("spot-instance-request-ids"))?;
    Ok(Some(
        json!({"CancelledSpotInstanceRequests": out.iter().map(|(id, st)| json!({"SpotInstanceRequestId": id, "State": st})).collect::<Vec<_>>()}),
    ))
}

pub fn describe_instance_types(call: &mut Call) -> Out {
    let wanted = call.args.strs("instance-types");
    if let Some(bad) = wanted.iter().find(|w| !INSTANCE_TYPES.iter().any(|t| &t.name == w)) {
        return Err(CliError::from(crate::ec2::Ec2Error::invalid_value(
            bad.clone(),
            format!("The following supplied instance types do not exist: [{bad}]"),
        )));
    }
    let fs = filters::parse(call.args.get("filters"))?;
    let types: Vec<_> =
        INSTANCE_TYPES.iter().filter(|t| wanted.is_empty() || wanted.iter().any(|w| w == t.name)).collect();
    let types = filters::apply(types, &fs, |t, n| match n {
        "instance-type" => Some(vec![t.name.to_string()]),
        "vcpu-info.default-vcpus" => Some(vec![t.vcpus.to_string()]),
        "processor-info.supported-architecture" => Some(vec![t.architecture.to_string()]),
        "free-tier-eligible" => Some(vec![t.free_tier.to_string()]),
        "burstable-performance-supported" => Some(vec![t.burstable.to_string()]),
        "memory-info.size-in-mib" => Some(vec![t.memory_mib.to_string()]),
        _ => None,
    })?;
    let list: Vec<Value> = types
        .into_iter()
        .map(|t| {
            json!({"InstanceType": t.name, "CurrentGeneration": true, "FreeTierEligible": t.free_tier, "SupportedUsageClasses": ["on-demand", "spot"], "SupportedRootDeviceTypes": ["ebs"], "SupportedVirtualizationTypes": ["hvm"], "BareMetal": false, "Hypervisor": "nitro", "ProcessorInfo": {"SupportedArchitectures": [t.architecture]}, "VCpuInfo": {"DefaultVCpus": t.vcpus}, "MemoryInfo": {"SizeInMiB": t.memory_mib}, "InstanceStorageSupported": t.name.starts_with("i3"), "BurstablePerformanceSupported": t.burstable})
        })
        .collect();
    Ok(Some(json!({"InstanceTypes": list})))
}

pub fn delete_launch_template_versions(call: &mut Call) -> Out {
    let a = &call.args;
    let (id, name, deleted, refused) = call.world.delete_launch_template_versions(
        &call.ctx,
        a.str("launch-template-id"),
        a.str("launch-template-name"),
        &a.strs("versions"),
    )?;
    let ok: Vec<Value> = deleted
        .iter()
        .map(|n| json!({"LaunchTemplateId": id, "LaunchTemplateName": name, "VersionNumber": n}))
        .collect();
    let failed: Vec<Value> = refused
        .iter()
        .map(|(v, code, msg)| {
            json!({"LaunchTemplateId": id, "LaunchTemplateName": name, "VersionNumber": v.parse::<u64>().unwrap_or(0), "ResponseError": {"Code": code, "Message": msg}})
        })
        .collect();
    let mut m = Map::new();
    if !ok.is_empty() {
        m.insert("SuccessfullyDeletedLaunchTemplateVersions".into(), Value::Array(ok));
    }
    if !failed.is_empty() {
        m.insert("UnsuccessfullyDeletedLaunchTemplateVersions".into(), Value::Array(failed));
    }
    Ok(Some(Value::Object(m)))
}

pub fn modify_instance_placement(call: &mut Call) -> Out {
    let a = &call.args;
    let partition = a.int("partition-number").map(|p| p.clamp(0, 1000) as u32);
    call.world.modify_instance_placement(
        &call.ctx,
        a.str("instance-id").unwrap_or_default(),
        a.str("group-name"),
        partition,
    )?;
    Ok(Some(json!({"Return": true})))
}
