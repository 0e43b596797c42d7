//! The `RunInstances` request as the CLI hands it over: launch parameters, block devices and
//! metadata options (with their validation).

use super::super::error::{Ec2Error, Ec2Result};
use super::super::instance::MetadataOptions;
use super::super::tags::Tag;

/// Raw user data may not exceed this many bytes.
pub const USER_DATA_LIMIT: usize = 16_384;

/// One `--block-device-mappings` entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlockDeviceRequest {
    pub device_name: String,
    pub volume_size: Option<u32>,
    pub volume_type: Option<String>,
    pub delete_on_termination: Option<bool>,
    pub iops: Option<u32>,
    pub encrypted: Option<bool>,
}

/// `--metadata-options` (and `modify-instance-metadata-options`): unset fields keep their value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetadataRequest {
    pub http_tokens: Option<String>,
    pub http_put_response_hop_limit: Option<i64>,
    pub http_endpoint: Option<String>,
    pub http_protocol_ipv6: Option<String>,
    pub instance_metadata_tags: Option<String>,
}

/// A `RunInstances` request after the CLI has parsed it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunRequest {
    pub image_id: Option<String>,
    pub instance_type: Option<String>,
    pub min_count: i64,
    pub max_count: i64,
    pub key_name: Option<String>,
    pub security_group_ids: Vec<String>,
    pub security_groups: Vec<String>,
    pub subnet_id: Option<String>,
    pub availability_zone: Option<String>,
    pub placement_group: Option<String>,
    pub partition_number: Option<u32>,
    pub user_data: Option<Vec<u8>>,
    /// Instance profile name or ARN.
    pub iam_instance_profile: Option<String>,
    /// (resource type, tag) from `--tag-specifications`.
    pub tags: Vec<(String, Tag)>,
    pub metadata: MetadataRequest,
    pub disable_api_termination: Option<bool>,
    pub disable_api_stop: Option<bool>,
    pub shutdown_behavior: Option<String>,
    pub associate_public_ip: Option<bool>,
    pub block_devices: Vec<BlockDeviceRequest>,
    pub monitoring: Option<bool>,
    pub ebs_optimized: Option<bool>,
    pub hibernation: Option<bool>,
    pub spot: bool,
    pub client_token: Option<String>,
    pub private_ip: Option<String>,
}

impl MetadataRequest {
    /// Checks values, then applies the set fields to `opts`.
    pub fn apply(&self, opts: &mut MetadataOptions) -> Ec2Result<()> {
        fn one_of(v: &Option<String>, param: &str, allowed: &[&str]) -> Ec2Result<()> {
            match v {
                Some(x) if !allowed.contains(&x.as_str()) => Err(Ec2Error::invalid_value(
                    x.clone(),
                    format!("The {param} value '{x}' is invalid. Valid values: {}.", allowed.join(", ")),
                )),
                _ => Ok(()),
            }
        }
        one_of(&self.http_tokens, "HttpTokens", &["optional", "required"])?;
        one_of(&self.http_endpoint, "HttpEndpoint", &["enabled", "disabled"])?;
        one_of(&self.http_protocol_ipv6, "HttpProtocolIpv6", &["enabled", "disabled"])?;
        one_of(&self.instance_metadata_tags, "InstanceMetadataTags", &["enabled", "disabled"])?;
        if let Some(h) = self.http_put_response_hop_limit
            && !(1..=64).contains(&h)
        {
            return Err(Ec2Error::invalid_value(
                h.to_string(),
                "The HttpPutResponseHopLimit must be between 1 and 64.",
            ));
        }
        if let Some(v) = &self.http_tokens {
            opts.http_tokens = v.clone();
        }
        if let Some(v) = self.http_put_response_hop_limit {
            opts.http_put_response_hop_limit = v as u32;
        }
        if let Some(v) = &self.http_endpoint {
            opts.http_endpoint = v.clone();
        }
        if let Some(v) = &self.http_protocol_ipv6 {
            opts.http_protocol_ipv6 = v.clone();
        }
        if let Some(v) = &self.instance_metadata_tags {
            opts.instance_metadata_tags = v.clone();
        }
        Ok(())
    }
}
