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

    /// `ModifyInstancePlacement`: moves a stopped instance into (or, with an empty name, out of) a
    /// placement group.
    pub fn modify_instance_placement(
        &mut self,
        ctx: &Ctx,
        instance_id: &str,
        group: Option<&str>,
        partition: Option<u32>,
    ) -> Ec2Result<()> {
        self.check_instance_ids(ctx.region, &[instance_id.to_string()])?;
        let r = self.region_ref(ctx.region)?;
        if r.instances.get(instance_id).is_some_and(|i| i.state != InstanceState::Stopped) {
            return Err(Ec2Error::new(
                ErrorKind::IncorrectState,
                "IncorrectInstanceState",
                instance_id,
                format!("The instance '{instance_id}' is not in the 'stopped' state."),
            ));
        }
        if let Some(g) = group.filter(|g| !g.is_empty())
            && !r.placement_groups.contains_key(g)
        {
            return Err(Ec2Error::new(
                ErrorKind::NotFound,
                "InvalidPlacementGroup.Unknown",
                g,
                format!("The Placement Group '{g}' is unknown."),
            ));
        }
        ctx.gate()?;
        let r = self.region_mut_ref(ctx.region)?;
        if let Some(i) = r.instances.get_mut(instance_id) {
            if let Some(g) = group {
                i.placement_group = (!g.is_empty()).then(|| g.to_string());
            }
            i.partition_number = if i.placement_group.is_some() { partition } else { None };
        }
        Ok(())
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
