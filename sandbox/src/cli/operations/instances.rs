//! Operation table entries for instances.

use super::super::spec::Kind::{Blob, Bool, Int, List, Str, Struct, StructList};
use super::super::spec::{DRY, FILTERS, OpSpec, p, r};
use super::super::{ops_instances, ops_run};

/// The instances operations.
pub const OPS: &[OpSpec] = &[
    op!(
        "associate-iam-instance-profile",
        "AssociateIamInstanceProfile",
        "Attaches an IAM instance profile to an instance.",
        ops_instances::associate_iam_instance_profile,
        [r("iam-instance-profile", Struct), r("instance-id", Str), DRY]
    ),
    op!(
        "describe-iam-instance-profile-associations",
        "DescribeIamInstanceProfileAssociations",
        "Describes instance profile associations.",
        ops_instances::describe_iam_associations,
        [p("association-ids", List), FILTERS]
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
        "describe-instances",
        "DescribeInstances",
        "Describes instances.",
        ops_instances::describe_instances,
        [p("instance-ids", List), FILTERS, p("max-results", Int), DRY]
    ),
    op!(
        "disassociate-iam-instance-profile",
        "DisassociateIamInstanceProfile",
        "Detaches an IAM instance profile.",
        ops_instances::disassociate_iam_instance_profile,
        [r("association-id", Str)]
    ),
    op!(
        "get-password-data",
        "GetPasswordData",
        "Retrieves the encrypted administrator password of a Windows instance.",
        ops_instances::get_password_data,
        [r("instance-id", Str), p("priv-launch-key", Str), DRY]
    ),
    op!(
        "get-console-output",
        "GetConsoleOutput",
        "Shows an instance's console output.",
        ops_instances::get_console_output,
        [r("instance-id", Str), p("latest", Bool), DRY]
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
            p("block-device-mappings", StructList),
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
        "run-instances",
        "RunInstances",
        "Launches instances.",
        ops_run::run_instances,
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
