//! The operation table: every `aws ec2` operation with its parameters and their shapes. One
//! table drives parsing, `help` and tab completion.

use serde_json::Value;

use super::error::CliError;
use super::{ops_images, ops_instances, ops_misc, ops_network, ops_storage};
use crate::ec2::{Ctx, World};

/// The shape of a parameter's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One word.
    Str,
    /// One integer.
    Int,
    /// A flag: `--x` sets true, `--no-x` false.
    Bool,
    /// One or more words (or a JSON list).
    List,
    /// Shorthand or JSON structure.
    Struct,
    /// One or more shorthand structures, or a JSON list of them.
    StructList,
    /// Text, or `file://path` read from the shell's files.
    Blob,
}

/// One `--option`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamSpec {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
}

/// A call in progress: the world, where and when, and the parsed arguments.
pub struct Call<'a> {
    pub world: &'a mut World,
    pub ctx: Ctx,
    pub args: super::args::Args,
}

/// What an operation does: returns the response, or `None` for operations without output.
pub type Handler = fn(&mut Call) -> Result<Option<Value>, CliError>;

/// One operation.
#[derive(Clone, Copy)]
pub struct OpSpec {
    /// The CLI name (`describe-instances`).
    pub name: &'static str,
    /// The API name (`DescribeInstances`).
    pub api: &'static str,
    pub summary: &'static str,
    pub params: &'static [ParamSpec],
    pub handler: Handler,
}

impl std::fmt::Debug for OpSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpSpec").field("name", &self.name).finish()
    }
}

const fn p(name: &'static str, kind: Kind) -> ParamSpec {
    ParamSpec { name, kind, required: false }
}
const fn r(name: &'static str, kind: Kind) -> ParamSpec {
    ParamSpec { name, kind, required: true }
}

use Kind::{Blob, Bool, Int, List, Str, Struct, StructList};

const DRY: ParamSpec = p("dry-run", Bool);
const FILTERS: ParamSpec = p("filters", StructList);

macro_rules! op {
    ($name:literal, $api:literal, $summary:literal, $handler:path, [$($param:expr),* $(,)?]) => {
        OpSpec { name: $name, api: $api, summary: $summary, params: &[$($param),*], handler: $handler }
    };
}

/// Every supported `aws ec2` operation, alphabetically.
pub const OPERATIONS: &[OpSpec] = &[
    op!(
        "allocate-address",
        "AllocateAddress",
        "Allocates an Elastic IP address.",
        ops_network::allocate_address,
        [p("domain", Str), DRY, p("tag-specifications", StructList)]
    ),
    op!(
        "associate-address",
        "AssociateAddress",
        "Associates an Elastic IP address with an instance.",
        ops_network::associate_address,
        [
            p("allocation-id", Str),
            p("instance-id", Str),
            p("public-ip", Str),
            p("allow-reassociation", Bool),
            DRY
        ]
    ),
    op!(
        "associate-iam-instance-profile",
        "AssociateIamInstanceProfile",
        "Attaches an IAM instance profile to an instance.",
        ops_instances::associate_iam_instance_profile,
        [r("iam-instance-profile", Struct), r("instance-id", Str), DRY]
    ),
    op!(
        "attach-volume",
        "AttachVolume",
        "Attaches an EBS volume to an instance.",
        ops_storage::attach_volume,
        [r("device", Str), r("instance-id", Str), r("volume-id", Str), DRY]
    ),
    op!(
        "authorize-security-group-egress",
        "AuthorizeSecurityGroupEgress",
        "Adds outbound rules to a security group.",
        ops_network::authorize_egress,
        [
            r("group-id", Str),
            p("ip-permissions", StructList),
            p("protocol", Str),
            p("port", Str),
            p("cidr", Str),
            p("source-group", Str),
            p("tag-specifications", StructList),
            DRY
        ]
    ),
    op!(
        "authorize-security-group-ingress",
        "AuthorizeSecurityGroupIngress",
        "Adds inbound rules to a security group.",
        ops_network::authorize_ingress,
        [
            p("group-id", Str),
            p("group-name", Str),
            p("ip-permissions", StructList),
            p("protocol", Str),
            p("port", Str),
            p("cidr", Str),
            p("source-group", Str),
            p("tag-specifications", StructList),
            DRY
        ]
    ),
    op!(
        "cancel-spot-instance-requests",
        "CancelSpotInstanceRequests",
        "Cancels Spot Instance requests.",
        ops_misc::cancel_spot_instance_requests,
        [r("spot-instance-request-ids", List), DRY]
    ),
    op!(
        "copy-image",
        "CopyImage",
        "Copies an AMI from another region into this one.",
        ops_images::copy_image,
        [
            r("name", Str),
            r("source-image-id", Str),
            r("source-region", Str),
            p("description", Str),
            p("copy-image-tags", Bool),
            p("client-token", Str),
            DRY
        ]
    ),
    op!(
        "create-image",
        "CreateImage",
        "Creates an AMI from an instance.",
        ops_images::create_image,
        [
            r("instance-id", Str),
            r("name", Str),
            p("description", Str),
            p("no-reboot", Bool),
            p("reboot", Bool),
            p("tag-specifications", StructList),
            DRY
        ]
    ),
    op!(
        "create-key-pair",
        "CreateKeyPair",
        "Creates a key pair; the private key is shown only once.",
        ops_images::create_key_pair,
        [
            r("key-name", Str),
            p("key-type", Str),
            p("key-format", Str),
            p("tag-specifications", StructList),
            DRY
        ]
    ),
    op!(
        "create-launch-template",
        "CreateLaunchTemplate",
        "Creates a launch template.",
        ops_misc::create_launch_template,
        [
            r("launch-template-name", Str),
            r("launch-template-data", Struct),
            p("version-description", Str),
            p("tag-specifications", StructList),
            p("client-token", Str),
            DRY
        ]
    ),
    op!(
        "create-launch-template-version",
        "CreateLaunchTemplateVersion",
        "Creates a new version of a launch template.",
        ops_misc::create_launch_template_version,
        [
            p("launch-template-id", Str),
            p("launch-template-name", Str),
            r("launch-template-data", Struct),
            p("source-version", Str),
            p("version-description", Str),
            p("client-token", Str),
            DRY
        ]
    ),
    op!(
        "create-placement-group",
        "CreatePlacementGroup",
        "Creates a placement group.",
        ops_misc::create_placement_group,
        [
            p("group-name", Str),
            p("strategy", Str),
            p("partition-count", Int),
            p("spread-level", Str),
            p("tag-specifications", StructList),
            DRY
        ]
    ),
    op!(
        "create-security-group",
        "CreateSecurityGroup",
        "Creates a security group.",
        ops_network::create_security_group,
        [
            r("group-name", Str),
            r("description", Str),
            p("vpc-id", Str),
            p("tag-specifications", StructList),
            DRY
        ]
    ),
    op!(
        "create-snapshot",
        "CreateSnapshot",
        "Creates a snapshot of an EBS volume.",
        ops_storage::create_snapshot,
        [r("volume-id", Str), p("description", Str), p("tag-specifications", StructList), DRY]
    ),
    op!(
        "create-tags",
        "CreateTags",
        "Adds or overwrites tags.",
        ops_misc::create_tags,
        [r("resources", List), r("tags", StructList), DRY]
    ),
    op!(
        "create-volume",
        "CreateVolume",
        "Creates an EBS volume.",
        ops_storage::create_volume,
        [
            r("availability-zone", Str),
            p("size", Int),
            p("volume-type", Str),
            p("iops", Int),
            p("throughput", Int),
            p("snapshot-id", Str),
            p("encrypted", Bool),
            p("tag-specifications", StructList),
            DRY
        ]
    ),
    op!(
        "delete-key-pair",
        "DeleteKeyPair",
        "Deletes a key pair.",
        ops_images::delete_key_pair,
        [p("key-name", Str), p("key-pair-id", Str), DRY]
    ),
    op!(
        "delete-launch-template",
        "DeleteLaunchTemplate",
        "Deletes a launch template.",
        ops_misc::delete_launch_template,
        [p("launch-template-id", Str), p("launch-template-name", Str), DRY]
    ),
    op!(
        "delete-placement-group",
        "DeletePlacementGroup",
        "Deletes a placement group.",
        ops_misc::delete_placement_group,
        [r("group-name", Str), DRY]
    ),
    op!(
        "delete-security-group",
        "DeleteSecurityGroup",
        "Deletes a security group.",
        ops_network::delete_security_group,
        [p("group-id", Str), p("group-name", Str), DRY]
    ),
    op!(
        "delete-snapshot",
        "DeleteSnapshot",
        "Deletes a snapshot.",
        ops_storage::delete_snapshot,
        [r("snapshot-id", Str), DRY]
    ),
    op!(
        "delete-tags",
        "DeleteTags",
        "Deletes tags.",
        ops_misc::delete_tags,
        [r("resources", List), p("tags", StructList), DRY]
    ),
    op!(
        "delete-volume",
        "DeleteVolume",
        "Deletes an EBS volume.",
        ops_storage::delete_volume,
        [r("volume-id", Str), DRY]
    ),
    op!(
        "deregister-image",
        "DeregisterImage",
        "Deregisters an AMI.",
        ops_images::deregister_image,
        [r("image-id", Str), p("delete-associated-snapshots", Bool), DRY]
    ),
    op!(
        "describe-addresses",
        "DescribeAddresses",
        "Describes Elastic IP addresses.",
        ops_network::describe_addresses,
        [p("allocation-ids", List), p("public-ips", List), FILTERS, DRY]
    ),
    op!(
        "describe-availability-zones",
        "DescribeAvailabilityZones",
        "Describes the region's Availability Zones.",
        ops_network::describe_availability_zones,
        [p("zone-names", List), p("all-availability-zones", Bool), FILTERS, DRY]
    ),
    op!(
        "describe-iam-instance-profile-associations",
        "DescribeIamInstanceProfileAssociations",
        "Describes instance profile associations.",
        ops_instances::describe_iam_associations,
        [p("association-ids", List), FILTERS]
    ),
    op!(
        "describe-images",
        "DescribeImages",
        "Describes AMIs.",
        ops_images::describe_images,
        [
            p("image-ids", List),
            p("owners", List),
            p("executable-users", List),
            FILTERS,
            p("include-deprecated", Bool),
            DRY
        ]
    ),
    op!(
        "describe-instance-attribute",
        "DescribeInstanceAttribute",
        "Describes one instance attribute.",
        ops_instances::describe_instance_attribute,
        [r("attribute", Str), r("instance-id", Str), DRY]
    ),
    op!(
        "describe-instance-status",
        "DescribeInstanceStatus",
        "Describes status checks of instances.",
        ops_instances::describe_instance_status,
        [p("instance-ids", List), p("include-all-instances", Bool), FILTERS, DRY]
    ),
    op!(
        "describe-instance-types",
        "DescribeInstanceTypes",
        "Describes instance types.",
        ops_misc::describe_instance_types,
        [p("instance-types", List), FILTERS, DRY]
    ),
    op!(
        "describe-instances",
        "DescribeInstances",
        "Describes instances.",
        ops_instances::describe_instances,
        [p("instance-ids", List), FILTERS, p("max-results", Int), DRY]
    ),
    op!(
        "describe-key-pairs",
        "DescribeKeyPairs",
        "Describes key pairs.",
        ops_images::describe_key_pairs,
        [p("key-names", List), p("key-pair-ids", List), p("include-public-key", Bool), FILTERS, DRY]
    ),
    op!(
        "describe-launch-template-versions",
        "DescribeLaunchTemplateVersions",
        "Describes versions of a launch template.",
        ops_misc::describe_launch_template_versions,
        [p("launch-template-id", Str), p("launch-template-name", Str), p("versions", List), DRY]
    ),
    op!(
        "describe-launch-templates",
        "DescribeLaunchTemplates",
        "Describes launch templates.",
        ops_misc::describe_launch_templates,
        [p("launch-template-ids", List), p("launch-template-names", List), FILTERS, DRY]
    ),
    op!(
        "describe-placement-groups",
        "DescribePlacementGroups",
        "Describes placement groups.",
        ops_misc::describe_placement_groups,
        [p("group-names", List), FILTERS, DRY]
    ),
    op!(
        "describe-regions",
        "DescribeRegions",
        "Describes the regions.",
        ops_network::describe_regions,
        [p("region-names", List), p("all-regions", Bool), FILTERS, DRY]
    ),
    op!(
        "describe-security-groups",
        "DescribeSecurityGroups",
        "Describes security groups.",
        ops_network::describe_security_groups,
        [p("group-ids", List), p("group-names", List), FILTERS, DRY]
    ),
    op!(
        "describe-snapshots",
        "DescribeSnapshots",
        "Describes snapshots.",
        ops_storage::describe_snapshots,
        [p("snapshot-ids", List), p("owner-ids", List), FILTERS, DRY]
    ),
    op!(
        "describe-spot-instance-requests",
        "DescribeSpotInstanceRequests",
        "Describes Spot Instance requests.",
        ops_misc::describe_spot_instance_requests,
        [p("spot-instance-request-ids", List), FILTERS, DRY]
    ),
    op!(
        "describe-subnets",
        "DescribeSubnets",
        "Describes subnets.",
        ops_network::describe_subnets,
        [p("subnet-ids", List), FILTERS, DRY]
    ),
    op!("describe-tags", "DescribeTags", "Describes tags.", ops_misc::describe_tags, [FILTERS, DRY]),
    op!(
        "describe-volumes",
        "DescribeVolumes",
        "Describes EBS volumes.",
        ops_storage::describe_volumes,
        [p("volume-ids", List), FILTERS, DRY]
    ),
    op!(
        "describe-volumes-modifications",
        "DescribeVolumesModifications",
        "Describes volume modifications.",
        ops_storage::describe_volumes_modifications,
        [p("volume-ids", List), FILTERS, DRY]
    ),
    op!(
        "describe-vpcs",
        "DescribeVpcs",
        "Describes VPCs.",
        ops_network::describe_vpcs,
        [p("vpc-ids", List), FILTERS, DRY]
    ),
    op!(
        "detach-volume",
        "DetachVolume",
        "Detaches an EBS volume.",
        ops_storage::detach_volume,
        [r("volume-id", Str), p("instance-id", Str), p("device", Str), p("force", Bool), DRY]
    ),
    op!(
        "disassociate-address",
        "DisassociateAddress",
        "Disassociates an Elastic IP address.",
        ops_network::disassociate_address,
        [p("association-id", Str), p("public-ip", Str), DRY]
    ),
    op!(
        "disassociate-iam-instance-profile",
        "DisassociateIamInstanceProfile",
        "Detaches an IAM instance profile.",
        ops_instances::disassociate_iam_instance_profile,
        [r("association-id", Str)]
    ),
    op!(
        "get-console-output",
        "GetConsoleOutput",
        "Shows an instance's console output.",
        ops_instances::get_console_output,
        [r("instance-id", Str), p("latest", Bool), DRY]
    ),
    op!(
        "import-key-pair",
        "ImportKeyPair",
        "Imports a public key.",
        ops_images::import_key_pair,
        [r("key-name", Str), r("public-key-material", Blob), p("tag-specifications", StructList), DRY]
    ),
    op!(
        "modify-instance-attribute",
        "ModifyInstanceAttribute",
        "Modifies an instance attribute.",
        ops_instances::modify_instance_attribute,
        [
            r("instance-id", Str),
            p("attribute", Str),
            p("value", Str),
            p("instance-type", Struct),
            p("user-data", Struct),
            p("disable-api-termination", Bool),
            p("disable-api-stop", Bool),
            p("instance-initiated-shutdown-behavior", Struct),
            p("source-dest-check", Bool),
            p("ebs-optimized", Bool),
            p("groups", List),
            DRY
        ]
    ),
    op!(
        "modify-instance-metadata-options",
        "ModifyInstanceMetadataOptions",
        "Modifies IMDS options.",
        ops_instances::modify_instance_metadata_options,
        [
            r("instance-id", Str),
            p("http-tokens", Str),
            p("http-put-response-hop-limit", Int),
            p("http-endpoint", Str),
            p("http-protocol-ipv6", Str),
            p("instance-metadata-tags", Str),
            DRY
        ]
    ),
    op!(
        "modify-launch-template",
        "ModifyLaunchTemplate",
        "Sets a launch template's default version.",
        ops_misc::modify_launch_template,
        [p("launch-template-id", Str), p("launch-template-name", Str), p("default-version", Str), DRY]
    ),
    op!(
        "modify-volume",
        "ModifyVolume",
        "Changes a volume's size or type.",
        ops_storage::modify_volume,
        [
            r("volume-id", Str),
            p("size", Int),
            p("volume-type", Str),
            p("iops", Int),
            p("throughput", Int),
            DRY
        ]
    ),
    op!(
        "monitor-instances",
        "MonitorInstances",
        "Enables detailed monitoring.",
        ops_instances::monitor_instances,
        [r("instance-ids", List), DRY]
    ),
    op!(
        "reboot-instances",
        "RebootInstances",
        "Reboots instances.",
        ops_instances::reboot_instances,
        [r("instance-ids", List), DRY]
    ),
    op!(
        "release-address",
        "ReleaseAddress",
        "Releases an Elastic IP address.",
        ops_network::release_address,
        [p("allocation-id", Str), p("public-ip", Str), DRY]
    ),
    op!(
        "request-spot-instances",
        "RequestSpotInstances",
        "Requests Spot Instances.",
        ops_misc::request_spot_instances,
        [
            p("instance-count", Int),
            p("spot-price", Str),
            p("type", Str),
            p("launch-specification", Struct),
            DRY
        ]
    ),
    op!(
        "revoke-security-group-egress",
        "RevokeSecurityGroupEgress",
        "Removes outbound rules.",
        ops_network::revoke_egress,
        [
            r("group-id", Str),
            p("ip-permissions", StructList),
            p("protocol", Str),
            p("port", Str),
            p("cidr", Str),
            p("source-group", Str),
            DRY
        ]
    ),
    op!(
        "revoke-security-group-ingress",
        "RevokeSecurityGroupIngress",
        "Removes inbound rules.",
        ops_network::revoke_ingress,
        [
            p("group-id", Str),
            p("group-name", Str),
            p("ip-permissions", StructList),
            p("protocol", Str),
            p("port", Str),
            p("cidr", Str),
            p("source-group", Str),
            DRY
        ]
    ),
    op!(
        "run-instances",
        "RunInstances",
        "Launches instances.",
        ops_instances::run_instances,
        [
            p("image-id", Str),
            p("instance-type", Str),
            p("count", Str),
            p("min-count", Int),
            p("max-count", Int),
            p("key-name", Str),
            p("security-group-ids", List),
            p("security-groups", List),
            p("subnet-id", Str),
            p("placement", Struct),
            p("user-data", Blob),
            p("iam-instance-profile", Struct),
            p("tag-specifications", StructList),
            p("metadata-options", Struct),
            p("disable-api-termination", Bool),
            p("disable-api-stop", Bool),
            p("instance-initiated-shutdown-behavior", Str),
            p("associate-public-ip-address", Bool),
            p("block-device-mappings", StructList),
            p("monitoring", Struct),
            p("ebs-optimized", Bool),
            p("hibernation-options", Struct),
            p("instance-market-options", Struct),
            p("launch-template", Struct),
            p("private-ip-address", Str),
            p("client-token", Str),
            DRY,
        ]
    ),
    op!(
        "start-instances",
        "StartInstances",
        "Starts stopped instances.",
        ops_instances::start_instances,
        [r("instance-ids", List), DRY]
    ),
    op!(
        "stop-instances",
        "StopInstances",
        "Stops instances.",
        ops_instances::stop_instances,
        [r("instance-ids", List), p("hibernate", Bool), p("force", Bool), DRY]
    ),
    op!(
        "terminate-instances",
        "TerminateInstances",
        "Terminates instances.",
        ops_instances::terminate_instances,
        [r("instance-ids", List), DRY]
    ),
    op!(
        "unmonitor-instances",
        "UnmonitorInstances",
        "Disables detailed monitoring.",
        ops_instances::unmonitor_instances,
        [r("instance-ids", List), DRY]
    ),
];

/// The operation called `name`.
pub fn operation(name: &str) -> Option<&'static OpSpec> {
    OPERATIONS.iter().find(|o| o.name == name)
}

/// The global options every command accepts.
pub const GLOBAL_OPTIONS: &[&str] = &[
    "--region",
    "--output",
    "--query",
    "--profile",
    "--no-cli-pager",
    "--debug",
    "--no-paginate",
    "--color",
    "--endpoint-url",
];
