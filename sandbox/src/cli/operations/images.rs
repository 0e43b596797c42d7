//! Operation table entries for images and key pairs.

use super::super::ops_images;
use super::super::spec::Kind::{Blob, Bool, List, Str, StructList};
use super::super::spec::{DRY, FILTERS, OpSpec, p, r};

/// The images and key pairs operations.
pub const OPS: &[OpSpec] = &[
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
        "delete-key-pair",
        "DeleteKeyPair",
        "Deletes a key pair.",
        ops_images::delete_key_pair,
        [p("key-name", Str), p("key-pair-id", Str), DRY]
    ),
    op!(
        "deregister-image",
        "DeregisterImage",
        "Deregisters an AMI.",
        ops_images::deregister_image,
        [r("image-id", Str), p("delete-associated-snapshots", Bool), DRY]
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
        "describe-key-pairs",
        "DescribeKeyPairs",
        "Describes key pairs.",
        ops_images::describe_key_pairs,
        [p("key-names", List), p("key-pair-ids", List), p("include-public-key", Bool), FILTERS, DRY]
    ),
    op!(
        "import-key-pair",
        "ImportKeyPair",
        "Imports a public key.",
        ops_images::import_key_pair,
        [r("key-name", Str), r("public-key-material", Blob), p("tag-specifications", StructList), DRY]
    ),
];
