//! The whole simulated account: every region's resources, the id generator and the queue of
//! timed transitions. Built from a seed; changed only through control-plane actions and
//! [`World::advance_to`].

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};

use indexmap::IndexMap;

use super::extras::InstanceProfile;
use super::ids::IdGen;
use super::instance::Instance;
use super::region::RegionState;
use super::regions::REGIONS;
use crate::time::SimTime;

/// The account id every simulated resource belongs to.
pub const ACCOUNT_ID: &str = "123456789012";

/// What a scheduled transition acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DueKind {
    /// An instance's transitional state ends.
    Instance,
    /// A terminated instance disappears from describe.
    Purge,
    /// Metadata options become `applied`.
    Metadata,
    /// A volume finishes `creating`.
    Volume,
    /// A volume attachment finishes attaching or detaching.
    Attachment,
    /// A volume modification finishes.
    VolumeModify,
    /// A snapshot completes.
    Snapshot,
    /// An image becomes available.
    Image,
    /// A Spot request is fulfilled.
    Spot,
    /// A Spot interruption notice runs out and the instance is reclaimed.
    SpotInterrupt,
}

/// A transition due at a simulated instant.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Due {
    pub at: SimTime,
    pub seq: u64,
    pub kind: DueKind,
    pub region: &'static str,
    pub id: String,
}

/// The simulated AWS account.
#[derive(Debug, Clone)]
pub struct World {
    seed: u64,
    pub(crate) ids: IdGen,
    now: SimTime,
    pub(crate) regions: Vec<RegionState>,
    queue: BinaryHeap<Reverse<Due>>,
    seq: u64,
    pub(crate) public_ips: HashSet<u32>,
    /// IAM instance profiles (global).
    pub(crate) instance_profiles: IndexMap<String, InstanceProfile>,
    /// IAM roles (global).
    pub(crate) roles: IndexMap<String, super::iam::Role>,
}

impl World {
    /// A fresh account: default VPCs everywhere, nothing launched.
    pub fn new(seed: u64) -> Self {
        let mut ids = IdGen::new(seed);
        let regions = REGIONS.iter().map(|info| RegionState::new(info, ACCOUNT_ID, &mut ids)).collect();
        let mut world = World {
            seed,
            ids,
            now: SimTime::ZERO,
            regions,
            queue: BinaryHeap::new(),
            seq: 0,
            public_ips: HashSet::new(),
            instance_profiles: IndexMap::new(),
            roles: IndexMap::new(),
        };
        const TRUST: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
        for name in ["lab-s3-readonly", "lab-ssm-role"] {
            let _ = world.create_role(name, TRUST, None, SimTime::ZERO);
            world.create_instance_profile_with_role(name, Some(name));
        }
        world
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The latest simulated time the world has seen.
    pub fn now(&self) -> SimTime {
        self.now
    }

    pub fn account_id(&self) -> &'static str {
        ACCOUNT_ID
    }

    /// Every region, in catalogue order.
    pub fn regions(&self) -> impl Iterator<Item = &RegionState> {
        self.regions.iter()
    }

    /// The region called `name`.
    pub fn region(&self, name: &str) -> Option<&RegionState> {
        self.regions.iter().find(|r| r.name() == name)
    }

    pub(crate) fn region_mut(&mut self, name: &str) -> Option<&mut RegionState> {
        self.regions.iter_mut().find(|r| r.name() == name)
    }

    /// The instance with id `id`, in whichever region it lives.
    pub fn instance(&self, id: &str) -> Option<&Instance> {
        self.regions.iter().find_map(|r| r.instances.get(id))
    }

    /// Every instance in every region (terminated ones included while still listed).
    pub fn instances(&self) -> impl Iterator<Item = &Instance> {
        self.regions.iter().flat_map(|r| r.instances.values())
    }

    /// The instance whose public or private IP or DNS name is `host`, preferring live ones.
    pub fn instance_by_host(&self, host: &str) -> Option<&Instance> {
        let mut found = self.instances().filter(|i| i.answers_to(host));
        let first = found.next()?;
        Some(first)
    }

    /// The key pair named `name` in `region`.
    pub fn key_pair(&self, region: &str, name: &str) -> Option<&super::keypair::KeyPair> {
        self.region(region)?.key_pairs.get(name)
    }

    /// The security group `id` in `region`.
    pub fn security_group(&self, region: &str, id: &str) -> Option<&super::security_group::SecurityGroup> {
        self.region(region)?.security_groups.get(id)
    }

    /// The image `id` in `region` (deregistered images included).
    pub fn image(&self, region: &str, id: &str) -> Option<&super::image::Image> {
        self.region(region)?.images.get(id)
    }

    /// The volume `id` in `region`.
    pub fn volume(&self, region: &str, id: &str) -> Option<&super::volume::Volume> {
        self.region(region)?.volumes.get(id)
    }

    /// The volumes attached to instance `id`, in attachment order.
    pub fn volumes_of(&self, instance_id: &str) -> Vec<&super::volume::Volume> {
        let Some(inst) = self.instance(instance_id) else {
            return Vec::new();
        };
        let Some(region) = self.region(&inst.region) else {
            return Vec::new();
        };
        region
            .volumes
            .values()
            .filter(|v| v.attachment.as_ref().is_some_and(|a| a.instance_id == instance_id))
            .collect()
    }

    /// True when instance `id`'s security groups admit TCP `port` from `source_ip`.
    pub fn port_open(&self, instance_id: &str, port: u16, source_ip: Option<&str>) -> bool {
        let Some(inst) = self.instance(instance_id) else {
            return false;
        };
        inst.security_group_ids.iter().any(|g| {
            self.security_group(&inst.region, g).is_some_and(|sg| sg.admits_tcp(port, source_ip, &[]))
        })
    }

    /// True when TCP `port` on `instance_id` is open to another instance of the same region:
    /// by the source's private IP (CIDR rules) or its security groups (group rules).
    pub fn port_open_from_instance(&self, instance_id: &str, port: u16, source_instance_id: &str) -> bool {
        let (Some(target), Some(source)) = (self.instance(instance_id), self.instance(source_instance_id))
        else {
            return false;
        };
        if target.region != source.region {
            return false;
        }
        let ip = source.private_ip_string();
        target.security_group_ids.iter().any(|g| {
            self.security_group(&target.region, g)
                .is_some_and(|sg| sg.admits_tcp(port, ip.as_deref(), &source.security_group_ids))
        })
    }

    /// The instance profile called `name`.
    pub fn instance_profile(&self, name: &str) -> Option<&InstanceProfile> {
        self.instance_profiles.get(name)
    }

    /// Every instance profile.
    pub fn instance_profiles(&self) -> impl Iterator<Item = &InstanceProfile> {
        self.instance_profiles.values()
    }

    /// Creates (or returns) an instance profile holding role `role`.
    pub fn create_instance_profile_with_role(&mut self, name: &str, role: Option<&str>) -> &InstanceProfile {
        let id = format!("AIPA{}", self.ids.resource_id("x")[3..].to_uppercase());
        self.instance_profiles.entry(name.to_string()).or_insert_with(|| InstanceProfile {
            name: name.to_string(),
            id,
            arn: format!("arn:aws:iam::{ACCOUNT_ID}:instance-profile/{name}"),
            role_name: role.map(str::to_string),
            create_time: SimTime::ZERO,
        })
    }

    /// Sets a region's On-Demand vCPU quota (what a Service Quotas increase would do); lab
    /// setups and benchmarks use it. Returns false for an unknown region.
    /// Records what the guest of `instance_id` printed on its console while booting (the shell
    /// runs user data; the control plane serves the log through `get-console-output`). Returns
    /// false for an unknown instance.
    pub fn set_guest_console(&mut self, instance_id: &str, log: &str) -> bool {
        let instance = self.regions.iter_mut().find_map(|r| r.instances.get_mut(instance_id));
        match instance {
            Some(i) => {
                i.guest_console = Some(log.to_string());
                true
            }
            None => false,
        }
    }

    pub fn set_vcpu_quota(&mut self, region: &str, bucket: super::catalog::VcpuBucket, vcpus: u32) -> bool {
        match self.region_mut(region) {
            Some(r) => {
                r.vcpu_quotas.insert(bucket, vcpus);
                true
            }
            None => false,
        }
    }

    /// Queues a transition of `kind` for `id` in `region` at `at`.
    pub(crate) fn schedule(&mut self, at: SimTime, kind: DueKind, region: &'static str, id: &str) {
        self.seq += 1;
        self.queue.push(Reverse(Due { at, seq: self.seq, kind, region, id: id.to_string() }));
    }

    /// Moves simulated time to `now`, applying every transition due by then in time order.
    /// Time never goes backwards: an earlier `now` changes nothing.
    pub fn advance_to(&mut self, now: SimTime) {
        while let Some(Reverse(next)) = self.queue.peek() {
            if next.at > now {
                break;
            }
            let Some(Reverse(due)) = self.queue.pop() else {
                break;
            };
            if due.at > self.now {
                self.now = due.at;
            }
            self.apply_due(&due);
        }
        if now > self.now {
            self.now = now;
        }
    }

    /// The instant of the next pending transition, if any (lets harnesses jump straight to it).
    pub fn next_due(&self) -> Option<SimTime> {
        self.queue.peek().map(|Reverse(d)| d.at)
    }

    /// A fresh public IPv4 address from AWS's pool, unique in the world.
    pub(crate) fn allocate_public_ip(&mut self) -> u32 {
        const FIRST_OCTETS: [u32; 7] = [3, 18, 34, 35, 44, 52, 54];
        loop {
            let r = self.ids.next_u64();
            let first = FIRST_OCTETS[(r % 7) as usize];
            let rest = ((r >> 8) as u32) & 0x00FF_FFFF;
            let ip = (first << 24) | rest;
            let last = ip & 0xFF;
            if last == 0 || last == 255 {
                continue;
            }
            if self.public_ips.insert(ip) {
                return ip;
            }
        }
    }

    pub(crate) fn release_public_ip(&mut self, ip: u32) {
        self.public_ips.remove(&ip);
    }
}
