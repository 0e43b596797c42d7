//! Instances: the lifecycle state machine, addresses, attributes and what the shell reads.

use super::meter::Meter;
use super::regions::{fmt_ip, private_dns_name, public_dns_name};
use super::tags::Tag;
use crate::time::SimTime;

/// Seconds an instance spends in `pending` before it is `running`.
pub const PENDING_SECS: u64 = 15;
/// Seconds in `stopping` before `stopped`.
pub const STOPPING_SECS: u64 = 20;
/// Seconds in `shutting-down` before `terminated`.
pub const SHUTTING_DOWN_SECS: u64 = 20;
/// How long a terminated instance stays visible.
pub const TERMINATED_VISIBLE_SECS: u64 = 3600;

/// The six lifecycle states, with their API codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InstanceState {
    Pending,
    Running,
    ShuttingDown,
    Terminated,
    Stopping,
    Stopped,
}

impl InstanceState {
    /// The low byte of `InstanceState.Code`.
    pub fn code(self) -> u16 {
        match self {
            InstanceState::Pending => 0,
            InstanceState::Running => 16,
            InstanceState::ShuttingDown => 32,
            InstanceState::Terminated => 48,
            InstanceState::Stopping => 64,
            InstanceState::Stopped => 80,
        }
    }

    /// The API name (`shutting-down`, …).
    pub fn name(self) -> &'static str {
        match self {
            InstanceState::Pending => "pending",
            InstanceState::Running => "running",
            InstanceState::ShuttingDown => "shutting-down",
            InstanceState::Terminated => "terminated",
            InstanceState::Stopping => "stopping",
            InstanceState::Stopped => "stopped",
        }
    }
}

/// `StateReason`: why the instance last changed state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateReason {
    pub code: String,
    pub message: String,
}

/// Instance metadata service options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetadataOptions {
    /// `optional` (IMDSv1 allowed) or `required` (IMDSv2 only).
    pub http_tokens: String,
    pub http_put_response_hop_limit: u32,
    /// `enabled` or `disabled`.
    pub http_endpoint: String,
    pub http_protocol_ipv6: String,
    /// `enabled` exposes tags under `meta-data/tags/instance`.
    pub instance_metadata_tags: String,
    /// While a change is being applied: when it becomes `applied`.
    pub pending_until: Option<SimTime>,
}

impl MetadataOptions {
    /// AWS's defaults; AMIs flagged `ImdsSupport=v2.0` require tokens with hop limit 2.
    pub fn defaults(v2_only: bool) -> Self {
        MetadataOptions {
            http_tokens: if v2_only { "required" } else { "optional" }.to_string(),
            http_put_response_hop_limit: if v2_only { 2 } else { 1 },
            http_endpoint: "enabled".to_string(),
            http_protocol_ipv6: "disabled".to_string(),
            instance_metadata_tags: "disabled".to_string(),
            pending_until: None,
        }
    }

    /// `pending` while a change is propagating, else `applied`.
    pub fn state(&self) -> &'static str {
        if self.pending_until.is_some() { "pending" } else { "applied" }
    }

    pub fn tokens_required(&self) -> bool {
        self.http_tokens == "required"
    }

    pub fn endpoint_enabled(&self) -> bool {
        self.http_endpoint == "enabled"
    }

    pub fn tags_enabled(&self) -> bool {
        self.instance_metadata_tags == "enabled"
    }
}

/// An EBS volume attached through the instance's block-device mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockDevice {
    pub device_name: String,
    pub volume_id: String,
}

/// An instance profile attached to an instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileAttachment {
    pub arn: String,
    pub id: String,
    pub association_id: String,
    pub role_name: Option<String>,
}

/// One EC2 instance.
#[derive(Debug, Clone)]
pub struct Instance {
    pub id: String,
    pub reservation_id: String,
    pub region: String,
    pub image_id: String,
    /// The user the AMI logs in as (`ec2-user`, `ubuntu`, `Administrator`), fixed at launch.
    pub login_user: String,
    pub architecture: String,
    pub platform_windows: bool,
    pub instance_type: String,
    pub key_name: Option<String>,
    pub state: InstanceState,
    /// When the current transitional state ends.
    pub state_due: Option<SimTime>,
    pub state_reason: Option<StateReason>,
    pub state_transition_reason: String,
    pub launch_time: SimTime,
    pub availability_zone: String,
    pub subnet_id: String,
    pub vpc_id: String,
    /// Absent once terminated (details are stripped).
    pub private_ip: Option<u32>,
    /// Whether the instance gets an automatic public IP while running.
    pub assign_public_ip: bool,
    /// The auto-assigned public IP currently held (released on stop).
    pub auto_public_ip: Option<u32>,
    /// The Elastic IP associated with the instance, if any.
    pub elastic_ip: Option<u32>,
    pub network_interface_id: String,
    pub mac_address: String,
    pub security_group_ids: Vec<String>,
    pub iam_instance_profile: Option<ProfileAttachment>,
    pub tags: Vec<Tag>,
    pub metadata_options: MetadataOptions,
    /// Raw (decoded) user data.
    pub user_data: Option<Vec<u8>>,
    pub disable_api_termination: bool,
    pub disable_api_stop: bool,
    /// `stop` or `terminate`: what an OS-initiated shutdown does.
    pub shutdown_behavior: String,
    pub monitoring_enabled: bool,
    pub ebs_optimized: bool,
    pub source_dest_check: bool,
    pub hibernation_configured: bool,
    pub root_device_name: String,
    pub block_devices: Vec<BlockDevice>,
    pub client_token: String,
    pub ami_launch_index: u32,
    pub placement_group: Option<String>,
    pub partition_number: Option<u32>,
    pub spot_request_id: Option<String>,
    /// A pending Spot interruption notice: (`terminate`, when it happens).
    pub spot_interruption: Option<(String, SimTime)>,
    /// How many times the instance has booted (user data runs on the first boot only).
    pub boot_count: u32,
    /// What the guest wrote to its serial console while booting (cloud-init's output, user data
    /// included), once a shell has booted it; `get-console-output` shows it.
    pub guest_console: Option<String>,
    /// When it last entered `running`.
    pub last_boot: Option<SimTime>,
    pub compute_meter: Meter,
    pub ipv4_meter: Meter,
}

impl Instance {
    /// The public IPv4 shown by describe: the Elastic IP, else the auto-assigned one.
    pub fn public_ip(&self) -> Option<u32> {
        self.elastic_ip.or(self.auto_public_ip)
    }

    /// `PublicIpAddress` in dotted form.
    pub fn public_ip_string(&self) -> Option<String> {
        self.public_ip().map(fmt_ip)
    }

    /// `PrivateIpAddress` in dotted form.
    pub fn private_ip_string(&self) -> Option<String> {
        self.private_ip.map(fmt_ip)
    }

    /// `PublicDnsName`: empty when there is no public IP.
    pub fn public_dns_name(&self) -> String {
        match self.public_ip() {
            Some(ip) => public_dns_name(&self.region, ip),
            None => String::new(),
        }
    }

    /// `PrivateDnsName`: empty once terminated.
    pub fn private_dns_name(&self) -> String {
        match self.private_ip {
            Some(ip) => private_dns_name(&self.region, ip),
            None => String::new(),
        }
    }

    /// The instance's `Name` tag.
    pub fn name_tag(&self) -> Option<&str> {
        super::tags::tag_value(&self.tags, "Name")
    }

    /// True when `host` (an IP or DNS name, public or private) names this instance.
    pub fn answers_to(&self, host: &str) -> bool {
        if host.is_empty() {
            return false;
        }
        self.public_ip_string().as_deref() == Some(host)
            || self.private_ip_string().as_deref() == Some(host)
            || self.public_dns_name() == host
            || self.private_dns_name() == host
    }

    /// The root volume's id, if still attached.
    pub fn root_volume_id(&self) -> Option<&str> {
        self.block_devices
            .iter()
            .find(|b| b.device_name == self.root_device_name)
            .map(|b| b.volume_id.as_str())
    }
}
