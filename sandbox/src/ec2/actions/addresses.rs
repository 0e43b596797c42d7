//! Elastic IPs: allocate (5 per region), associate (moving the address if needed), disassociate
//! (the instance gets a fresh public IP) and release.

use super::super::address::{ADDRESS_LIMIT, Address, AddressAssociation};
use super::super::error::{Ec2Error, Ec2Result, ErrorKind};
use super::super::instance::InstanceState;
use super::super::meter::{Meter, PUBLIC_IPV4_USD_PER_HOUR};
use super::super::regions::parse_ip;
use super::super::world::World;
use super::Ctx;

impl World {
    /// `AllocateAddress`: returns the allocation id.
    pub fn allocate_address(&mut self, ctx: &Ctx) -> Ec2Result<String> {
        if self.region_ref(ctx.region)?.addresses.len() >= ADDRESS_LIMIT {
            return Err(Ec2Error::new(
                ErrorKind::LimitExceeded,
                "AddressLimitExceeded",
                "",
                "The maximum number of addresses has been reached.",
            ));
        }
        ctx.gate()?;
        let ip = self.allocate_public_ip();
        let id = self.ids.resource_id("eipalloc");
        let addr = Address {
            allocation_id: id.clone(),
            public_ip: ip,
            association: None,
            tags: Vec::new(),
            meter: Meter::starting(ctx.now, PUBLIC_IPV4_USD_PER_HOUR),
        };
        self.region_mut_ref(ctx.region)?.addresses.insert(id.clone(), addr);
        Ok(id)
    }

    /// Finds an allocation by id or public IP.
    pub fn find_address(
        &self,
        ctx: &Ctx,
        allocation_id: Option<&str>,
        public_ip: Option<&str>,
    ) -> Ec2Result<String> {
        let r = self.region_ref(ctx.region)?;
        if let Some(id) = allocation_id {
            return if r.addresses.contains_key(id) {
                Ok(id.to_string())
            } else {
                Err(Ec2Error::new(
                    ErrorKind::NotFound,
                    "InvalidAllocationID.NotFound",
                    id,
                    format!("The allocation ID '{id}' does not exist"),
                ))
            };
        }
        let Some(ip) = public_ip else {
            return Err(Ec2Error::missing(
                "AllocationId",
                "Invalid request, expect AllocationId/PublicIp parameter.",
            ));
        };
        let parsed = parse_ip(ip);
        r.addresses
            .values()
            .find(|a| Some(a.public_ip) == parsed)
            .map(|a| a.allocation_id.clone())
            .ok_or_else(|| {
                Ec2Error::new(
                    ErrorKind::NotFound,
                    "InvalidAddress.NotFound",
                    ip,
                    format!("Address '{ip}' not found."),
                )
            })
    }

    /// `AssociateAddress`: returns the association id.
    pub fn associate_address(
        &mut self,
        ctx: &Ctx,
        allocation_id: &str,
        instance_id: &str,
        allow_reassociation: bool,
    ) -> Ec2Result<String> {
        self.check_instance_ids(ctx.region, &[instance_id.to_string()])?;
        let r = self.region_ref(ctx.region)?;
        let Some(addr) = r.addresses.get(allocation_id) else {
            return Err(Ec2Error::new(
                ErrorKind::NotFound,
                "InvalidAllocationID.NotFound",
                allocation_id,
                format!("The allocation ID '{allocation_id}' does not exist"),
            ));
        };
        let Some(inst) = r.instances.get(instance_id) else {
            return Ok(String::new());
        };
        if matches!(inst.state, InstanceState::ShuttingDown | InstanceState::Terminated) {
            return Err(Ec2Error::new(
                ErrorKind::IncorrectState,
                "IncorrectInstanceState",
                instance_id,
                format!("The instance '{instance_id}' is not in a valid state for this operation."),
            ));
        }
        if let Some(a) = &addr.association
            && !allow_reassociation
            && a.instance_id != instance_id
        {
            return Err(Ec2Error::new(
                ErrorKind::IncorrectState,
                "Resource.AlreadyAssociated",
                allocation_id,
                format!(
                    "resource {allocation_id} is already associated with associate-id {}",
                    a.association_id
                ),
            ));
        }
        ctx.gate()?;
        let now = ctx.now;
        let ip = addr.public_ip;
        // Move the address off its old instance, and any other EIP off this one.
        if let Some(old) = addr.association.clone() {
            self.drop_association(ctx, allocation_id, &old.instance_id, now);
        }
        let other = self
            .region_ref(ctx.region)?
            .addresses
            .values()
            .find(|a| a.association.as_ref().is_some_and(|x| x.instance_id == instance_id))
            .map(|a| a.allocation_id.clone());
        if let Some(other) = other {
            self.drop_association(ctx, &other, instance_id, now);
        }
        let assoc = self.ids.resource_id("eipassoc");
        let r = self.region_mut_ref(ctx.region)?;
        let mut released = None;
        let mut private_ip = 0;
        let mut eni = String::new();
        if let Some(i) = r.instances.get_mut(instance_id) {
            released = i.auto_public_ip.take();
            i.ipv4_meter.set_rate(now, 0.0);
            i.elastic_ip = Some(ip);
            private_ip = i.private_ip.unwrap_or(0);
            eni = i.network_interface_id.clone();
        }
        if let Some(a) = r.addresses.get_mut(allocation_id) {
            a.association = Some(AddressAssociation {
                association_id: assoc.clone(),
                instance_id: instance_id.into(),
                network_interface_id: eni,
                private_ip,
            });
        }
        if let Some(ip) = released {
            self.release_public_ip(ip);
        }
        Ok(assoc)
    }

    /// Removes an association; a running instance that gets public IPs receives a new one.
    fn drop_association(&mut self, ctx: &Ctx, allocation_id: &str, instance_id: &str, now: crate::SimTime) {
        let fresh = self
            .instance(instance_id)
            .is_some_and(|i| i.state == InstanceState::Running && i.assign_public_ip);
        let new_ip = fresh.then(|| self.allocate_public_ip());
        let Some(r) = self.region_mut(ctx.region) else {
            return;
        };
        if let Some(a) = r.addresses.get_mut(allocation_id) {
            a.association = None;
        }
        if let Some(i) = r.instances.get_mut(instance_id) {
            i.elastic_ip = None;
            if let Some(ip) = new_ip {
                i.auto_public_ip = Some(ip);
                i.ipv4_meter.set_rate(now, PUBLIC_IPV4_USD_PER_HOUR);
            }
        }
    }

    /// `DisassociateAddress` by association id (or public IP).
    pub fn disassociate_address(
        &mut self,
        ctx: &Ctx,
        association_id: Option<&str>,
        public_ip: Option<&str>,
    ) -> Ec2Result<()> {
        let r = self.region_ref(ctx.region)?;
        let found = match (association_id, public_ip) {
            (Some(id), _) => r
                .addresses
                .values()
                .find(|a| a.association.as_ref().is_some_and(|x| x.association_id == id))
                .ok_or_else(|| {
                    Ec2Error::new(
                        ErrorKind::NotFound,
                        "InvalidAssociationID.NotFound",
                        id,
                        format!("The association ID '{id}' does not exist"),
                    )
                })?,
            (None, Some(ip)) => {
                let id = self.find_address(ctx, None, Some(ip))?;
                let Some(a) = r.addresses.get(&id) else {
                    return Ok(());
                };
                a
            }
            (None, None) => {
                return Err(Ec2Error::missing(
                    "AssociationId",
                    "Invalid request, expect AssociationId/PublicIp parameter.",
                ));
            }
        };
        let Some(assoc) = found.association.clone() else {
            return Ok(());
        };
        let alloc = found.allocation_id.clone();
        ctx.gate()?;
        self.drop_association(ctx, &alloc, &assoc.instance_id, ctx.now);
        Ok(())
    }

    /// `ReleaseAddress` (by allocation id; the default VPC disassociates first).
    pub fn release_address(
        &mut self,
        ctx: &Ctx,
        allocation_id: Option<&str>,
        public_ip: Option<&str>,
    ) -> Ec2Result<()> {
        let Some(id) = allocation_id else {
            if let Some(ip) = public_ip {
                self.find_address(ctx, None, Some(ip))?;
                return Err(Ec2Error::invalid_value(
                    ip,
                    "You must specify an allocation id when releasing a VPC elastic IP address",
                ));
            }
            return Err(Ec2Error::missing(
                "AllocationId",
                "Invalid request, expect AllocationId/PublicIp parameter.",
            ));
        };
        let id = self.find_address(ctx, Some(id), None)?;
        ctx.gate()?;
        if let Some(assoc) =
            self.region_ref(ctx.region)?.addresses.get(&id).and_then(|a| a.association.clone())
        {
            self.drop_association(ctx, &id, &assoc.instance_id, ctx.now);
        }
        let r = self.region_mut_ref(ctx.region)?;
        if let Some(a) = r.addresses.shift_remove(&id) {
            r.settled_usd += a.meter.total(ctx.now);
            let ip = a.public_ip;
            self.release_public_ip(ip);
        }
        Ok(())
    }
}
