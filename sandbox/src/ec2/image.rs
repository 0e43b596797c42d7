//! Machine images: the AWS catalogue and the account's own (created or copied) AMIs.

use super::tags::Tag;
use crate::time::SimTime;

/// Seconds a new or copied image stays `pending`.
pub const IMAGE_PENDING_SECS: u64 = 60;

/// A snapshot an image's block-device mapping refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageDevice {
    pub device_name: String,
    pub snapshot_id: String,
    pub volume_size: u32,
    pub volume_type: String,
    pub delete_on_termination: bool,
}

/// An AMI in one region.
#[derive(Debug, Clone)]
pub struct Image {
    pub id: String,
    pub name: String,
    pub description: String,
    pub owner_id: String,
    /// `amazon` for the catalogue, absent for the account's own images.
    pub owner_alias: Option<String>,
    pub public: bool,
    /// `pending`, `available` or `deregistered`.
    pub state: String,
    pub state_due: Option<SimTime>,
    pub architecture: String,
    pub login_user: String,
    pub root_device_name: String,
    pub platform_windows: bool,
    pub imds_v2_only: bool,
    pub creation_date: String,
    pub devices: Vec<ImageDevice>,
    pub tags: Vec<Tag>,
    /// The instance it was created from, for account images.
    pub source_instance_id: Option<String>,
    pub source_region: Option<String>,
    /// When it was deregistered (describe shows nothing for an hour, then NotFound).
    pub deregistered_at: Option<SimTime>,
}

impl Image {
    /// Root volume size in GiB.
    pub fn root_size(&self) -> u32 {
        self.devices.iter().find(|d| d.device_name == self.root_device_name).map_or(8, |d| d.volume_size)
    }

    /// `PlatformDetails`.
    pub fn platform_details(&self) -> &'static str {
        if self.platform_windows { "Windows" } else { "Linux/UNIX" }
    }

    /// `UsageOperation`.
    pub fn usage_operation(&self) -> &'static str {
        if self.platform_windows { "RunInstances:0002" } else { "RunInstances" }
    }
}
