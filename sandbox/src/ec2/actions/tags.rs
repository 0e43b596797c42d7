//! Tags on any resource: create-tags, delete-tags and the id → resource lookup they need.

use super::super::error::{Ec2Error, Ec2Result, ErrorKind};
use super::super::region::RegionState;
use super::super::tags::{Tag, remove_tag, set_tag};
use super::super::world::World;
use super::Ctx;

/// A taggable resource, found by its id prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResourceRef {
    Instance,
    Image,
    Volume,
    Snapshot,
    SecurityGroup,
    Address,
    KeyPair,
    Vpc,
    Subnet,
    LaunchTemplate,
    SpotRequest,
}

impl ResourceRef {
    /// The resource kind an id names, from its prefix.
    pub fn of(id: &str) -> Option<ResourceRef> {
        let (prefix, _) = id.rsplit_once('-')?;
        Some(match prefix {
            "i" => ResourceRef::Instance,
            "ami" => ResourceRef::Image,
            "vol" => ResourceRef::Volume,
            "snap" => ResourceRef::Snapshot,
            "sg" => ResourceRef::SecurityGroup,
            "eipalloc" => ResourceRef::Address,
            "key" => ResourceRef::KeyPair,
            "vpc" => ResourceRef::Vpc,
            "subnet" => ResourceRef::Subnet,
            "lt" => ResourceRef::LaunchTemplate,
            "sir" => ResourceRef::SpotRequest,
            _ => return None,
        })
    }

    /// `ResourceType` as describe-tags prints it.
    pub fn type_name(self) -> &'static str {
        match self {
            ResourceRef::Instance => "instance",
            ResourceRef::Image => "image",
            ResourceRef::Volume => "volume",
            ResourceRef::Snapshot => "snapshot",
            ResourceRef::SecurityGroup => "security-group",
            ResourceRef::Address => "elastic-ip",
            ResourceRef::KeyPair => "key-pair",
            ResourceRef::Vpc => "vpc",
            ResourceRef::Subnet => "subnet",
            ResourceRef::LaunchTemplate => "launch-template",
            ResourceRef::SpotRequest => "spot-instances-request",
        }
    }
}

/// The tag list of resource `id`, if it exists.
pub fn tags_of_mut<'a>(r: &'a mut RegionState, id: &str) -> Option<&'a mut Vec<Tag>> {
    Some(match ResourceRef::of(id)? {
        ResourceRef::Instance => &mut r.instances.get_mut(id)?.tags,
        ResourceRef::Image => &mut r.images.get_mut(id)?.tags,
        ResourceRef::Volume => &mut r.volumes.get_mut(id)?.tags,
        ResourceRef::Snapshot => &mut r.snapshots.get_mut(id)?.tags,
        ResourceRef::SecurityGroup => &mut r.security_groups.get_mut(id)?.tags,
        ResourceRef::Address => &mut r.addresses.get_mut(id)?.tags,
        ResourceRef::KeyPair => &mut r.key_pairs.values_mut().find(|k| k.id == id)?.tags,
        ResourceRef::Vpc => &mut r.vpcs.get_mut(id)?.tags,
        ResourceRef::Subnet => &mut r.subnets.get_mut(id)?.tags,
        ResourceRef::LaunchTemplate => &mut r.launch_templates.get_mut(id)?.tags,
        ResourceRef::SpotRequest => &mut r.spot_requests.get_mut(id)?.tags,
    })
}

fn not_found(id: &str) -> Ec2Error {
    match ResourceRef::of(id) {
        Some(ResourceRef::Instance) => Ec2Error::new(
            ErrorKind::NotFound,
            "InvalidInstanceID.NotFound",
            id,
            format!("The instance ID '{id}' does not exist"),
        ),
        Some(ResourceRef::Volume) => Ec2Error::new(
            ErrorKind::NotFound,
            "InvalidVolume.NotFound",
            id,
            format!("The volume '{id}' does not exist."),
        ),
        Some(ResourceRef::SecurityGroup) => Ec2Error::new(
            ErrorKind::NotFound,
            "InvalidGroup.NotFound",
            id,
            format!("The security group '{id}' does not exist"),
        ),
        Some(ResourceRef::Image) => Ec2Error::new(
            ErrorKind::NotFound,
            "InvalidAMIID.NotFound",
            id,
            format!("The image id '[{id}]' does not exist"),
        ),
        Some(ResourceRef::Snapshot) => Ec2Error::new(
            ErrorKind::NotFound,
            "InvalidSnapshot.NotFound",
            id,
            format!("The snapshot '{id}' does not exist."),
        ),
        Some(_) => {
            Ec2Error::new(ErrorKind::NotFound, "InvalidID", id, format!("The ID '{id}' does not exist"))
        }
        None => Ec2Error::new(ErrorKind::Malformed, "InvalidID", id, format!("The ID '{id}' is not valid")),
    }
}

impl World {
    /// `CreateTags` (`values = None`) or `DeleteTags`.
    pub fn change_tags(
        &mut self,
        ctx: &Ctx,
        ids: &[String],
        tags: &[(String, Option<String>)],
        delete: bool,
    ) -> Ec2Result<()> {
        let r = self.region_mut_ref(ctx.region)?;
        for id in ids {
            if tags_of_mut(r, id).is_none() {
                return Err(not_found(id));
            }
        }
        if tags.iter().any(|(k, _)| k.starts_with("aws:")) {
            return Err(Ec2Error::invalid_value(
                "aws:",
                "Tag keys starting with 'aws:' are reserved for internal use",
            ));
        }
        ctx.gate()?;
        for id in ids {
            if let Some(list) = tags_of_mut(r, id) {
                for (k, v) in tags {
                    if delete {
                        remove_tag(list, k, v.as_deref());
                    } else {
                        set_tag(list, k, v.as_deref().unwrap_or(""));
                    }
                }
            }
        }
        Ok(())
    }
}
