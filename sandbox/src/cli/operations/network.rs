//! Operation table entries for security groups, Elastic IPs, VPCs, subnets, zones and regions.

use super::super::ops_network;
use super::super::spec::Kind::{Bool, Int, List, Str, StructList};
use super::super::spec::{DRY, FILTERS, OpSpec, p, r};

/// The security groups, Elastic IPs, VPCs, subnets, zones and regions operations.
pub const OPS: &[OpSpec] = &[
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
        "delete-security-group",
        "DeleteSecurityGroup",
        "Deletes a security group.",
        ops_network::delete_security_group,
        [p("group-id", Str), p("group-name", Str), DRY]
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
        "describe-subnets",
        "DescribeSubnets",
        "Describes subnets.",
        ops_network::describe_subnets,
        [p("subnet-ids", List), FILTERS, DRY]
    ),
    op!(
        "describe-vpcs",
        "DescribeVpcs",
        "Describes VPCs.",
        ops_network::describe_vpcs,
        [p("vpc-ids", List), FILTERS, DRY]
    ),
    op!(
        "disassociate-address",
        "DisassociateAddress",
        "Disassociates an Elastic IP address.",
        ops_network::disassociate_address,
        [p("association-id", Str), p("public-ip", Str), DRY]
    ),
    op!(
        "release-address",
        "ReleaseAddress",
        "Releases an Elastic IP address.",
        ops_network::release_address,
        [p("allocation-id", Str), p("public-ip", Str), DRY]
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
        "describe-security-group-rules",
        "DescribeSecurityGroupRules",
        "Describes security group rules.",
        ops_network::describe_security_group_rules,
        [p("security-group-rule-ids", List), FILTERS, p("max-results", Int), DRY]
    ),
];
