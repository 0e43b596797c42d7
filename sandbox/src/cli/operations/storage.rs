//! Operation table entries for EBS volumes and snapshots.

use super::super::ops_storage;
use super::super::spec::Kind::{Bool, Int, List, Str, StructList};
use super::super::spec::{DRY, FILTERS, OpSpec, p, r};

/// The EBS volumes and snapshots operations.
pub const OPS: &[OpSpec] = &[
    op!(
        "attach-volume",
        "AttachVolume",
        "Attaches an EBS volume to an instance.",
        ops_storage::attach_volume,
        [r("device", Str), r("instance-id", Str), r("volume-id", Str), DRY]
    ),
    op!(
        "create-snapshot",
        "CreateSnapshot",
        "Creates a snapshot of an EBS volume.",
        ops_storage::create_snapshot,
        [r("volume-id", Str), p("description", Str), p("tag-specifications", StructList), DRY]
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
        "delete-snapshot",
        "DeleteSnapshot",
        "Deletes a snapshot.",
        ops_storage::delete_snapshot,
        [r("snapshot-id", Str), DRY]
    ),
    op!(
        "delete-volume",
        "DeleteVolume",
        "Deletes an EBS volume.",
        ops_storage::delete_volume,
        [r("volume-id", Str), DRY]
    ),
    op!(
        "describe-snapshots",
        "DescribeSnapshots",
        "Describes snapshots.",
        ops_storage::describe_snapshots,
        [p("snapshot-ids", List), p("owner-ids", List), FILTERS, DRY]
    ),
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
        "detach-volume",
        "DetachVolume",
        "Detaches an EBS volume.",
        ops_storage::detach_volume,
        [r("volume-id", Str), p("instance-id", Str), p("device", Str), p("force", Bool), DRY]
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
];
