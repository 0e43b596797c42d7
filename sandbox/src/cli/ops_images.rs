//! Handlers for images (describe, create, copy, deregister) and key pairs.

use serde_json::{Map, Value, json};

use super::error::CliError;
use super::filters::{self, tag_field};
use super::ops_run::tags_for;
use super::render::put_tags;
use super::spec::Call;
use crate::ec2::ACCOUNT_ID;
use crate::ec2::clock::iso8601;
use crate::ec2::image::Image;

type Out = Result<Option<Value>, CliError>;

fn image_json(i: &Image) -> Value {
    let mut m = Map::new();
    m.insert("PlatformDetails".into(), json!(i.platform_details()));
    m.insert("UsageOperation".into(), json!(i.usage_operation()));
    m.insert(
        "BlockDeviceMappings".into(),
        Value::Array(
            i.devices
                .iter()
                .map(|d| json!({"DeviceName": d.device_name, "Ebs": {"DeleteOnTermination": d.delete_on_termination, "SnapshotId": d.snapshot_id, "VolumeSize": d.volume_size, "VolumeType": d.volume_type, "Encrypted": false}}))
                .collect(),
        ),
    );
    if !i.description.is_empty() {
        m.insert("Description".into(), json!(i.description));
    }
    m.insert("EnaSupport".into(), json!(true));
    m.insert("Hypervisor".into(), json!("xen"));
    if let Some(a) = &i.owner_alias {
        m.insert("ImageOwnerAlias".into(), json!(a));
    }
    m.insert("Name".into(), json!(i.name));
    m.insert("RootDeviceName".into(), json!(i.root_device_name));
    m.insert("RootDeviceType".into(), json!("ebs"));
    m.insert("SriovNetSupport".into(), json!("simple"));
    put_tags(&mut m, &i.tags);
    m.insert("VirtualizationType".into(), json!("hvm"));
    if i.imds_v2_only {
        m.insert("ImdsSupport".into(), json!("v2.0"));
    }
    m.insert("ImageId".into(), json!(i.id));
    m.insert(
        "ImageLocation".into(),
        json!(format!("{}/{}", i.owner_alias.as_deref().unwrap_or(&i.owner_id), i.name)),
    );
    m.insert("State".into(), json!(i.state));
    m.insert("OwnerId".into(), json!(i.owner_id));
    m.insert("CreationDate".into(), json!(i.creation_date));
    m.insert("Public".into(), json!(i.public));
    m.insert("Architecture".into(), json!(i.architecture));
    m.insert("ImageType".into(), json!("machine"));
    if i.platform_windows {
        m.insert("Platform".into(), json!("windows"));
    }
    Value::Object(m)
}

pub fn describe_images(call: &mut Call) -> Out {
    let ids = call.args.strs("image-ids");
    let visible = call.world.describe_image_ids(&call.ctx, &ids)?;
    call.ctx.gate()?;
    let owners = call.args.strs("owners");
    let fs = filters::parse(call.args.get("filters"))?;
    let r = call.world.region(call.ctx.region).ok_or_else(|| CliError::usage("region"))?;
    let imgs: Vec<&Image> = r
        .images
        .values()
        .filter(|i| i.deregistered_at.is_none())
        .filter(|i| ids.is_empty() || visible.contains(&i.id))
        .filter(|i| {
            owners.is_empty()
                || owners.iter().any(|o| {
                    o == &i.owner_id
                        || Some(o.as_str()) == i.owner_alias.as_deref()
                        || (o == "self" && i.owner_id == ACCOUNT_ID)
                })
        })
        .collect();
    let imgs = filters::apply(imgs, &fs, |i, n| match n {
        "name" => Some(vec![i.name.clone()]),
        "image-id" => Some(vec![i.id.clone()]),
        "architecture" => Some(vec![i.architecture.clone()]),
        "owner-alias" => Some(i.owner_alias.iter().cloned().collect()),
        "owner-id" => Some(vec![i.owner_id.clone()]),
        "state" => Some(vec![i.state.clone()]),
        "platform" => Some(if i.platform_windows { vec!["windows".into()] } else { vec![] }),
        "platform-details" => Some(vec![i.platform_details().into()]),
        "description" => Some(vec![i.description.clone()]),
        "root-device-type" => Some(vec!["ebs".into()]),
        "virtualization-type" => Some(vec!["hvm".into()]),
        "is-public" => Some(vec![i.public.to_string()]),
        _ => tag_field(&i.tags, n),
    })?;
    Ok(Some(json!({"Images": imgs.into_iter().map(image_json).collect::<Vec<_>>()})))
}

pub fn create_image(call: &mut Call) -> Out {
    let a = &call.args;
    let no_reboot = a.flag("no-reboot").unwrap_or(false) || a.flag("reboot") == Some(false);
    let id = call.world.create_image(
        &call.ctx,
        a.str("instance-id").unwrap_or_default(),
        a.str("name").unwrap_or_default(),
        a.str("description"),
        no_reboot,
    )?;
    Ok(Some(json!({"ImageId": id})))
}

pub fn copy_image(call: &mut Call) -> Out {
    let a = &call.args;
    let id = call.world.copy_image(
        &call.ctx,
        a.str("source-region").unwrap_or_default(),
        a.str("source-image-id").unwrap_or_default(),
        a.str("name"),
        a.str("description"),
        a.flag("copy-image-tags").unwrap_or(false),
    )?;
    Ok(Some(json!({"ImageId": id})))
}

pub fn deregister_image(call: &mut Call) -> Out {
    call.world.deregister_image(&call.ctx, call.args.str("image-id").unwrap_or_default())?;
    Ok(Some(json!({"Return": true})))
}

pub fn create_key_pair(call: &mut Call) -> Out {
    let a = &call.args;
    let tags = tags_for(a, "key-pair");
    let (kp, gen_) = call.world.create_key_pair(
        &call.ctx,
        a.str("key-name").unwrap_or_default(),
        a.str("key-type").unwrap_or("rsa"),
        tags,
    )?;
    let mut m = Map::new();
    m.insert("KeyPairId".into(), json!(kp.id));
    put_tags(&mut m, &kp.tags);
    m.insert("KeyName".into(), json!(kp.name));
    m.insert("KeyFingerprint".into(), json!(kp.fingerprint));
    m.insert("KeyMaterial".into(), json!(gen_.private_pem));
    Ok(Some(Value::Object(m)))
}

pub fn import_key_pair(call: &mut Call) -> Out {
    let a = &call.args;
    let tags = tags_for(a, "key-pair");
    let kp = call.world.import_key_pair(
        &call.ctx,
        a.str("key-name").unwrap_or_default(),
        a.str("public-key-material").unwrap_or_default(),
        tags,
    )?;
    let mut m = Map::new();
    m.insert("KeyFingerprint".into(), json!(kp.fingerprint));
    m.insert("KeyName".into(), json!(kp.name));
    m.insert("KeyPairId".into(), json!(kp.id));
    put_tags(&mut m, &kp.tags);
    Ok(Some(Value::Object(m)))
}

pub fn describe_key_pairs(call: &mut Call) -> Out {
    let a = &call.args;
    let include = a.flag("include-public-key").unwrap_or(false);
    let fs = filters::parse(a.get("filters"))?;
    let kps = call.world.describe_key_pairs(&call.ctx, &a.strs("key-names"), &a.strs("key-pair-ids"))?;
    call.ctx.gate()?;
    let kps = filters::apply(kps, &fs, |k, n| match n {
        "key-name" => Some(vec![k.name.clone()]),
        "key-pair-id" => Some(vec![k.id.clone()]),
        "fingerprint" => Some(vec![k.fingerprint.clone()]),
        "key-type" => Some(vec![k.key_type.clone()]),
        _ => tag_field(&k.tags, n),
    })?;
    let list: Vec<Value> = kps
        .into_iter()
        .map(|k| {
            let mut m = Map::new();
            m.insert("KeyPairId".into(), json!(k.id));
            m.insert("KeyType".into(), json!(k.key_type));
            m.insert("Tags".into(), super::render::tags(&k.tags));
            if include {
                m.insert("PublicKey".into(), json!(format!("{} {}", k.public_key, k.name)));
            }
            m.insert("CreateTime".into(), json!(iso8601(k.create_time)));
            m.insert("KeyName".into(), json!(k.name));
            m.insert("KeyFingerprint".into(), json!(k.fingerprint));
            Value::Object(m)
        })
        .collect();
    Ok(Some(json!({"KeyPairs": list})))
}

pub fn delete_key_pair(call: &mut Call) -> Out {
    let deleted =
        call.world.delete_key_pair(&call.ctx, call.args.str("key-name"), call.args.str("key-pair-id"))?;
    Ok(Some(match deleted {
        Some(id) => json!({"Return": true, "KeyPairId": id}),
        None => json!({"Return": true}),
    }))
}
