//! Operation table entries for tags, launch templates, placement groups, Spot requests and instance types.

use super::super::ops_misc;
use super::super::spec::Kind::{Int, List, Str, Struct, StructList};
use super::super::spec::{DRY, FILTERS, OpSpec, p, r};

/// The tags, launch templates, placement groups, Spot requests and instance types operations.
pub const OPS: &[OpSpec] = &[
    op!(
        "cancel-spot-instance-requests",
        "CancelSpotInstanceRequests",
        "Cancels Spot Instance requests.",
        ops_misc::cancel_spot_instance_requests,
        [r("spot-instance-request-ids", List), DRY]
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
        "create-tags",
        "CreateTags",
        "Adds or overwrites tags.",
        ops_misc::create_tags,
        [r("resources", List), r("tags", StructList), DRY]
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
        "delete-tags",
        "DeleteTags",
        "Deletes tags.",
        ops_misc::delete_tags,
        [r("resources", List), p("tags", StructList), DRY]
    ),
    op!(
        "describe-instance-types",
        "DescribeInstanceTypes",
        "Describes instance types.",
        ops_misc::describe_instance_types,
        [p("instance-types", List), FILTERS, DRY]
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
        "describe-spot-instance-requests",
        "DescribeSpotInstanceRequests",
        "Describes Spot Instance requests.",
        ops_misc::describe_spot_instance_requests,
        [p("spot-instance-request-ids", List), FILTERS, DRY]
    ),
    op!("describe-tags", "DescribeTags", "Describes tags.", ops_misc::describe_tags, [FILTERS, DRY]),
    op!(
        "modify-launch-template",
        "ModifyLaunchTemplate",
        "Sets a launch template's default version.",
        ops_misc::modify_launch_template,
        [p("launch-template-id", Str), p("launch-template-name", Str), p("default-version", Str), DRY]
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
        "delete-launch-template-versions",
        "DeleteLaunchTemplateVersions",
        "Deletes versions of a launch template (never the default one).",
        ops_misc::delete_launch_template_versions,
        [p("launch-template-id", Str), p("launch-template-name", Str), r("versions", List), DRY]
    ),
    op!(
        "modify-instance-placement",
        "ModifyInstancePlacement",
        "Moves a stopped instance into or out of a placement group.",
        ops_misc::modify_instance_placement,
        [
            r("instance-id", Str),
            p("group-name", Str),
            p("partition-number", Int),
            p("tenancy", Str),
            p("affinity", Str)
        ]
    ),
];
