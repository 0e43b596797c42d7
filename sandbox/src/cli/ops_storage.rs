//! Handlers for EBS volumes, volume modifications and snapshots.

use serde_json::{Map, Value, json};

use super::error::CliError;
use super::filters::{self, tag_field};
use super::ops_run::tags_for;
use super::render::put_tags;
use super::spec::Call;
use crate::ec2::clock::iso8601;
use crate::ec2::volume::{Snapshot, Volume};
use crate::ec2::{Ec2Error, ErrorKind};

type Out = Result<Option<Value>, CliError>;

fn volume_json(v: &Volume) -> Value {
    let mut m = Map::new();
    if let Some(i) = v.iops {
        m.insert("Iops".into(), json!(i));
    }
    put_tags(&mut m, &v.tags);
    m.insert("VolumeType".into(), json!(v.volume_type));
    m.insert("MultiAttachEnabled".into(), json!(false));
    if let Some(t) = v.throughput {
        m.insert("Throughput".into(), json!(t));
    }
    m.insert("Operator".into(), json!({"Managed": false}));
    m.insert("VolumeId".into(), json!(v.id));
    m.insert("Size".into(), json!(v.size));
    m.insert("SnapshotId".into(), json!(v.snapshot_id));
    m.insert("AvailabilityZone".into(), json!(v.availability_zone));
    m.insert("State".into(), json!(v.state));
    m.insert("CreateTime".into(), json!(iso8601(v.create_time)));
    let atts: Vec<Value> = v
        .attachment
        .iter()
        .map(|a| json!({"DeleteOnTermination": a.delete_on_termination, "VolumeId": v.id, "InstanceId": a.instance_id, "Device": a.device, "State": a.state, "AttachTime": iso8601(a.attach_time)}))
        .collect();
    m.insert("Attachments".into(), Value::Array(atts));
    m.insert("Encrypted".into(), json!(v.encrypted));
    Value::Object(m)
}

pub fn create_volume(call: &mut Call) -> Out {
    let a = &call.args;
    let tags = tags_for(a, "volume");
    let size = a.int("size").map(|s| s.clamp(0, u32::MAX as i64) as u32);
    let id = call.world.create_volume(
        &call.ctx,
        a.str("availability-zone").unwrap_or_default(),
        size,
        a.str("volume-type"),
        a.int("iops").map(|i| i.max(0) as u32),
        a.str("snapshot-id"),
        a.flag("encrypted").unwrap_or(false),
        tags,
    )?;
    let v = call.world.volume(call.ctx.region, &id).map(volume_json);
    Ok(v.map(|mut v| {
        if let Some(o) = v.as_object_mut() {
            o.shift_remove("Attachments");
        }
        v
    }))
}

pub fn describe_volumes(call: &mut Call) -> Out {
    let ids = call.args.strs("volume-ids");
    for id in &ids {
        call.world.check_volume_id(call.ctx.region, id)?;
    }
    call.ctx.gate()?;
    let fs = filters::parse(call.args.get("filters"))?;
    let r = call.world.region(call.ctx.region).ok_or_else(|| CliError::usage("region"))?;
    let vols: Vec<&Volume> = r.volumes.values().filter(|v| ids.is_empty() || ids.contains(&v.id)).collect();
    let vols = filters::apply(vols, &fs, |v, n| match n {
        "volume-id" => Some(vec![v.id.clone()]),
        "status" => Some(vec![v.state.clone()]),
        "availability-zone" => Some(vec![v.availability_zone.clone()]),
        "size" => Some(vec![v.size.to_string()]),
        "volume-type" => Some(vec![v.volume_type.clone()]),
        "attachment.instance-id" => Some(v.attachment.iter().map(|a| a.instance_id.clone()).collect()),
        "attachment.device" => Some(v.attachment.iter().map(|a| a.device.clone()).collect()),
        "attachment.status" => Some(v.attachment.iter().map(|a| a.state.clone()).collect()),
        "attachment.delete-on-termination" => {
            Some(v.attachment.iter().map(|a| a.delete_on_termination.to_string()).collect())
        }
        "snapshot-id" => Some(vec![v.snapshot_id.clone()]),
        _ => tag_field(&v.tags, n),
    })?;
    Ok(Some(json!({"Volumes": vols.into_iter().map(volume_json).collect::<Vec<_>>()})))
}

fn attachment_out(call: &Call, volume_id: &str) -> Option<Value> {
    let v = call.world.volume(call.ctx.region, volume_id)?;
    let a = v.attachment.as_ref()?;
    Some(
        json!({"AttachTime": iso8601(a.attach_time), "Device": a.device, "InstanceId": a.instance_id, "State": a.state, "VolumeId": volume_id}),
    )
}

pub fn attach_volume(call: &mut Call) -> Out {
    let a = &call.args;
    let vol = a.str("volume-id").unwrap_or_default().to_string();
    call.world.attach_volume(
        &call.ctx,
        &vol,
        a.str("instance-id").unwrap_or_default(),
        a.str("device").unwrap_or_default(),
    )?;
    Ok(attachment_out(call, &vol))
}

pub fn detach_volume(call: &mut Call) -> Out {
    let vol = call.args.str("volume-id").unwrap_or_default().to_string();
    call.world.detach_volume(&call.ctx, &vol, call.args.flag("force").unwrap_or(false))?;
    Ok(attachment_out(call, &vol))
}

fn modification_json(v: &Volume) -> Option<Value> {
    let m = v.modification.as_ref()?;
    let mut o = Map::new();
    o.insert("VolumeId".into(), json!(v.id));
    o.insert("ModificationState".into(), json!(m.state));
    o.insert("TargetSize".into(), json!(m.target_size));
    o.insert("TargetVolumeType".into(), json!(m.target_type));
    o.insert("OriginalSize".into(), json!(m.original_size));
    o.insert("OriginalVolumeType".into(), json!(m.original_type));
    o.insert("Progress".into(), json!(if m.state == "completed" { 100 } else { 0 }));
    o.insert("StartTime".into(), json!(iso8601(m.start_time)));
    Some(Value::Object(o))
}

pub fn modify_volume(call: &mut Call) -> Out {
    let a = &call.args;
    let vol = a.str("volume-id").unwrap_or_default().to_string();
    let size = a.int("size").map(|s| s.clamp(0, u32::MAX as i64) as u32);
    call.world.modify_volume(
        &call.ctx,
        &vol,
        size,
        a.str("volume-type"),
        a.int("iops").map(|i| i.max(0) as u32),
    )?;
    let m = call.world.volume(call.ctx.region, &vol).and_then(modification_json);
    Ok(m.map(|m| json!({"VolumeModification": m})))
}

pub fn describe_volumes_modifications(call: &mut Call) -> Out {
    let ids = call.args.strs("volume-ids");
    for id in &ids {
        call.world.check_volume_id(call.ctx.region, id)?;
    }
    let r = call.world.region(call.ctx.region).ok_or_else(|| CliError::usage("region"))?;
    let list: Vec<Value> = r
        .volumes
        .values()
        .filter(|v| ids.is_empty() || ids.contains(&v.id))
        .filter_map(modification_json)
        .collect();
    Ok(Some(json!({"VolumesModifications": list})))
}

pub fn delete_volume(call: &mut Call) -> Out {
    call.world.delete_volume(&call.ctx, call.args.str("volume-id").unwrap_or_default())?;
    Ok(None)
}

fn snapshot_json(s: &Snapshot) -> Value {
    let mut m = Map::new();
    put_tags(&mut m, &s.tags);
    m.insert("StorageTier".into(), json!("standard"));
    m.insert("SnapshotId".into(), json!(s.id));
    m.insert("VolumeId".into(), json!(s.volume_id));
    m.insert("State".into(), json!(s.state));
    m.insert("StartTime".into(), json!(iso8601(s.start_time)));
    m.insert("Progress".into(), json!(s.progress()));
    m.insert("OwnerId".into(), json!(s.owner_id));
    m.insert("Description".into(), json!(s.description));
    m.insert("VolumeSize".into(), json!(s.volume_size));
    m.insert("Encrypted".into(), json!(s.encrypted));
    Value::Object(m)
}

pub fn create_snapshot(call: &mut Call) -> Out {
    let a = &call.args;
    let tags = tags_for(a, "snapshot");
    let id = call.world.create_snapshot(
        &call.ctx,
        a.str("volume-id").unwrap_or_default(),
        a.str("description"),
        tags,
    )?;
    let r = call.world.region(call.ctx.region).ok_or_else(|| CliError::usage("region"))?;
    Ok(r.snapshots.get(&id).map(|s| {
        json!({"Tags": super::render::tags(&s.tags), "SnapshotId": s.id, "VolumeId": s.volume_id, "State": s.state, "StartTime": iso8601(s.start_time), "Progress": s.progress(), "OwnerId": s.owner_id, "Description": s.description, "VolumeSize": s.volume_size, "Encrypted": s.encrypted})
    }))
}

pub fn describe_snapshots(call: &mut Call) -> Out {
    let ids = call.args.strs("snapshot-ids");
    call.ctx.gate()?;
    let fs = filters::parse(call.args.get("filters"))?;
    let r = call.world.region(call.ctx.region).ok_or_else(|| CliError::usage("region"))?;
    if let Some(bad) = ids.iter().find(|id| !r.snapshots.contains_key(*id)) {
        return Err(CliError::from(Ec2Error::new(
            ErrorKind::NotFound,
            "InvalidSnapshot.NotFound",
            bad.clone(),
            format!("The snapshot '{bad}' does not exist."),
        )));
    }
    let snaps: Vec<&Snapshot> =
        r.snapshots.values().filter(|s| ids.is_empty() || ids.contains(&s.id)).collect();
    let snaps = filters::apply(snaps, &fs, |s, n| match n {
        "snapshot-id" => Some(vec![s.id.clone()]),
        "volume-id" => Some(vec![s.volume_id.clone()]),
        "status" => Some(vec![s.state.clone()]),
        "owner-id" => Some(vec![s.owner_id.clone()]),
        "description" => Some(vec![s.description.clone()]),
        _ => tag_field(&s.tags, n),
    })?;
    Ok(Some(json!({"Snapshots": snaps.into_iter().map(snapshot_json).collect::<Vec<_>>()})))
}

pub fn delete_snapshot(call: &mut Call) -> Out {
    call.world.delete_snapshot(&call.ctx, call.args.str("snapshot-id").unwrap_or_default())?;
    Ok(None)
}
