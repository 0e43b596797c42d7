//! Placement groups: create, delete (not while in use).

use super::super::error::{Ec2Error, Ec2Result, ErrorKind};
use super::super::extras::{MAX_PARTITIONS, PlacementGroup};
use super::super::instance::InstanceState;
use super::super::tags::Tag;
use super::super::world::World;
use super::Ctx;

impl World {
    /// `CreatePlacementGroup`.
    pub fn create_placement_group(
        &mut self,
        ctx: &Ctx,
        name: &str,
        strategy: &str,
        partition_count: Option<u32>,
        tags: Vec<Tag>,
    ) -> Ec2Result<String> {
        if !["cluster", "spread", "partition"].contains(&strategy) {
            return Err(Ec2Error::invalid_value(
                strategy,
                format!(
                    "Value ({strategy}) for parameter strategy is invalid. Valid values: cluster, spread, partition."
                ),
            ));
        }
        if let Some(c) = partition_count
            && (strategy != "partition" || c == 0 || c > MAX_PARTITIONS)
        {
            return Err(Ec2Error::invalid_value(
                c.to_string(),
                format!(
                    "Partition count must be between 1 and {MAX_PARTITIONS}, and only with the partition strategy."
                ),
            ));
        }
        if self.region_ref(ctx.region)?.placement_groups.contains_key(name) {
            return Err(Ec2Error::new(
                ErrorKind::Duplicate,
                "InvalidPlacementGroup.Duplicate",
                name,
                format!("The placement group '{name}' already exists."),
            ));
        }
        ctx.gate()?;
        let id = self.ids.resource_id("pg");
        let pc = if strategy == "partition" { Some(partition_count.unwrap_or(2)) } else { None };
        let pg = PlacementGroup {
            id: id.clone(),
            name: name.into(),
            strategy: strategy.into(),
            partition_count: pc,
            tags,
        };
        self.region_mut_ref(ctx.region)?.placement_groups.insert(name.into(), pg);
        Ok(id)
    }

    /// `DeletePlacementGroup`.
    pub fn delete_placement_group(&mut self, ctx: &Ctx, name: &str) -> Ec2Result<()> {
        let r = self.region_ref(ctx.region)?;
        if !r.placement_groups.contains_key(name) {
            return Err(Ec2Error::new(
                ErrorKind::NotFound,
                "InvalidPlacementGroup.Unknown",
                name,
                format!("The Placement Group '{name}' is unknown."),
            ));
        }
        if r.instances
            .values()
            .any(|i| i.placement_group.as_deref() == Some(name) && i.state != InstanceState::Terminated)
        {
            return Err(Ec2Error::new(
                ErrorKind::DependencyViolation,
                "InvalidPlacementGroup.InUse",
                name,
                format!("The placement group '{name}' is in use and may not be deleted."),
            ));
        }
        ctx.gate()?;
        self.region_mut_ref(ctx.region)?.placement_groups.shift_remove(name);
        Ok(())
    }
}
