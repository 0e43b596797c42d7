//! Smaller resources: launch templates, placement groups, spot requests and instance profiles.

use serde_json::Value;

use super::tags::Tag;
use crate::time::SimTime;

/// One version of a launch template; `data` is the `LaunchTemplateData` as given.
#[derive(Debug, Clone)]
pub struct LaunchTemplateVersion {
    pub number: u32,
    pub description: Option<String>,
    pub data: Value,
    pub create_time: SimTime,
}

/// A launch template with its versions.
#[derive(Debug, Clone)]
pub struct LaunchTemplate {
    pub id: String,
    pub name: String,
    pub create_time: SimTime,
    pub default_version: u32,
    pub versions: Vec<LaunchTemplateVersion>,
    pub tags: Vec<Tag>,
}

impl LaunchTemplate {
    pub fn latest_version(&self) -> u32 {
        self.versions.iter().map(|v| v.number).max().unwrap_or(1)
    }

    /// Resolves `$Latest`, `$Default` or a number.
    pub fn version(&self, spec: Option<&str>) -> Option<&LaunchTemplateVersion> {
        let n = match spec {
            None | Some("$Default") => self.default_version,
            Some("$Latest") => self.latest_version(),
            Some(s) => s.parse().ok()?,
        };
        self.versions.iter().find(|v| v.number == n)
    }
}

/// A placement group.
#[derive(Debug, Clone)]
pub struct PlacementGroup {
    pub id: String,
    pub name: String,
    /// `cluster`, `partition` or `spread`.
    pub strategy: String,
    pub partition_count: Option<u32>,
    pub tags: Vec<Tag>,
}

/// Running instances a spread group allows per AZ.
pub const SPREAD_PER_AZ: usize = 7;
/// Partitions a partition group allows per AZ.
pub const MAX_PARTITIONS: u32 = 7;

/// A Spot Instance request.
#[derive(Debug, Clone)]
pub struct SpotRequest {
    pub id: String,
    /// `open`, `active`, `closed` or `cancelled`.
    pub state: String,
    pub status_code: String,
    pub status_message: String,
    pub status_time: SimTime,
    pub spot_price: String,
    pub request_type: String,
    pub image_id: String,
    pub instance_type: String,
    pub key_name: Option<String>,
    pub security_group_ids: Vec<String>,
    pub availability_zone: String,
    pub instance_id: Option<String>,
    pub create_time: SimTime,
    pub due: Option<SimTime>,
    pub tags: Vec<Tag>,
}

/// Seconds before an open Spot request is fulfilled.
pub const SPOT_FULFIL_SECS: u64 = 10;

/// An IAM role an instance profile carries (IAM is global, not per region).
#[derive(Debug, Clone)]
pub struct InstanceProfile {
    pub name: String,
    pub id: String,
    pub arn: String,
    pub role_name: Option<String>,
    pub create_time: SimTime,
}

/// Temporary credentials IMDS serves for a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleCredentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub token: String,
    /// When these were issued.
    pub last_updated: SimTime,
    pub expiration: SimTime,
}
