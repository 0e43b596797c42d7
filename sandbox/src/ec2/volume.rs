//! EBS volumes and snapshots: sizes, AZs, attachment states and their timed transitions.

use super::meter::Meter;
use super::tags::Tag;
use crate::time::SimTime;

/// Seconds a new volume is `creating`.
pub const VOLUME_CREATING_SECS: u64 = 5;
/// Seconds an attachment is `attaching` / `detaching`.
pub const ATTACH_SECS: u64 = 5;
/// Seconds a snapshot is `pending`.
pub const SNAPSHOT_PENDING_SECS: u64 = 30;
/// Seconds a volume modification spends `optimizing`.
pub const MODIFY_SECS: u64 = 60;

/// A volume's attachment to an instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumeAttachment {
    pub instance_id: String,
    pub device: String,
    /// `attaching`, `attached` or `detaching`.
    pub state: String,
    pub attach_time: SimTime,
    pub delete_on_termination: bool,
    pub due: Option<SimTime>,
}

/// An in-flight or finished `modify-volume`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumeModification {
    /// `modifying`, `optimizing` or `completed`.
    pub state: String,
    pub original_size: u32,
    pub target_size: u32,
    pub original_type: String,
    pub target_type: String,
    pub start_time: SimTime,
    pub due: Option<SimTime>,
}

/// An EBS volume.
#[derive(Debug, Clone)]
pub struct Volume {
    pub id: String,
    pub size: u32,
    pub volume_type: String,
    pub iops: Option<u32>,
    pub throughput: Option<u32>,
    pub availability_zone: String,
    /// `creating`, `available`, `in-use` or `deleting`.
    pub state: String,
    pub state_due: Option<SimTime>,
    pub create_time: SimTime,
    pub snapshot_id: String,
    pub encrypted: bool,
    pub attachment: Option<VolumeAttachment>,
    pub modification: Option<VolumeModification>,
    pub tags: Vec<Tag>,
    pub meter: Meter,
}

/// Default IOPS AWS reports for a volume type and size.
pub fn default_iops(volume_type: &str, size: u32) -> Option<u32> {
    match volume_type {
        "gp2" => Some((size * 3).clamp(100, 16_000)),
        "gp3" => Some(3000),
        _ => None,
    }
}

/// An EBS snapshot.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub id: String,
    pub volume_id: String,
    pub volume_size: u32,
    pub description: String,
    /// `pending` or `completed`.
    pub state: String,
    pub state_due: Option<SimTime>,
    pub start_time: SimTime,
    pub owner_id: String,
    pub encrypted: bool,
    pub tags: Vec<Tag>,
    pub meter: Meter,
}

impl Snapshot {
    /// `Progress` as the API prints it.
    pub fn progress(&self) -> &'static str {
        if self.state == "completed" { "100%" } else { "" }
    }
}
