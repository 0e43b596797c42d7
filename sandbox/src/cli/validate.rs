//! Client-side parameter validation, as botocore does before sending a request: structure
//! values (shorthand or JSON) may only use the members their shape defines, so a typo such as
//! `CidrIP` fails with `Parameter validation failed: Unknown parameter in …` (exit 252).

use serde_json::Value;

use super::error::CliError;

/// A value's shape: anything, a list of a shape, or a structure with named members.
#[derive(Debug)]
pub enum Shape {
    Any,
    List(&'static Shape),
    Struct(&'static [(&'static str, &'static Shape)]),
}

use Shape::{Any, List, Struct};

const TAG: Shape = Struct(&[("Key", &Any), ("Value", &Any)]);
const TAGS: Shape = List(&TAG);
const TAG_SPEC: Shape = Struct(&[("ResourceType", &Any), ("Tags", &TAGS)]);
const FILTER: Shape = Struct(&[("Name", &Any), ("Values", &Any)]);
const IP_RANGE: Shape = Struct(&[("CidrIp", &Any), ("Description", &Any)]);
const IPV6_RANGE: Shape = Struct(&[("CidrIpv6", &Any), ("Description", &Any)]);
const PREFIX_LIST: Shape = Struct(&[("Description", &Any), ("PrefixListId", &Any)]);
const GROUP_PAIR: Shape = Struct(&[
    ("Description", &Any),
    ("UserId", &Any),
    ("GroupName", &Any),
    ("GroupId", &Any),
    ("VpcId", &Any),
    ("VpcPeeringConnectionId", &Any),
    ("PeeringStatus", &Any),
]);
const IP_PERMISSION: Shape = Struct(&[
    ("IpProtocol", &Any),
    ("FromPort", &Any),
    ("ToPort", &Any),
    ("UserIdGroupPairs", &List(&GROUP_PAIR)),
    ("IpRanges", &List(&IP_RANGE)),
    ("Ipv6Ranges", &List(&IPV6_RANGE)),
    ("PrefixListIds", &List(&PREFIX_LIST)),
]);
const EBS: Shape = Struct(&[
    ("DeleteOnTermination", &Any),
    ("Iops", &Any),
    ("SnapshotId", &Any),
    ("VolumeSize", &Any),
    ("VolumeType", &Any),
    ("KmsKeyId", &Any),
    ("Throughput", &Any),
    ("OutpostArn", &Any),
    ("Encrypted", &Any),
]);
const BLOCK_DEVICE: Shape =
    Struct(&[("Ebs", &EBS), ("NoDevice", &Any), ("DeviceName", &Any), ("VirtualName", &Any)]);
const PLACEMENT: Shape = Struct(&[
    ("AvailabilityZoneId", &Any),
    ("Affinity", &Any),
    ("GroupName", &Any),
    ("PartitionNumber", &Any),
    ("HostId", &Any),
    ("Tenancy", &Any),
    ("SpreadDomain", &Any),
    ("HostResourceGroupArn", &Any),
    ("GroupId", &Any),
    ("AvailabilityZone", &Any),
]);
const METADATA: Shape = Struct(&[
    ("HttpTokens", &Any),
    ("HttpPutResponseHopLimit", &Any),
    ("HttpEndpoint", &Any),
    ("HttpProtocolIpv6", &Any),
    ("InstanceMetadataTags", &Any),
]);
const PROFILE: Shape = Struct(&[("Arn", &Any), ("Name", &Any)]);
const MONITORING: Shape = Struct(&[("Enabled", &Any)]);
const HIBERNATION: Shape = Struct(&[("Configured", &Any)]);
const MARKET: Shape = Struct(&[("MarketType", &Any), ("SpotOptions", &Any)]);
const TEMPLATE_REF: Shape =
    Struct(&[("LaunchTemplateId", &Any), ("LaunchTemplateName", &Any), ("Version", &Any)]);
const ATTRIBUTE_VALUE: Shape = Struct(&[("Value", &Any)]);
const TEMPLATE_DATA: Shape = Struct(&[
    ("KernelId", &Any),
    ("EbsOptimized", &Any),
    ("IamInstanceProfile", &PROFILE),
    ("BlockDeviceMappings", &List(&BLOCK_DEVICE)),
    ("NetworkInterfaces", &Any),
    ("ImageId", &Any),
    ("InstanceType", &Any),
    ("KeyName", &Any),
    ("Monitoring", &MONITORING),
    ("Placement", &PLACEMENT),
    ("RamDiskId", &Any),
    ("DisableApiTermination", &Any),
    ("InstanceInitiatedShutdownBehavior", &Any),
    ("UserData", &Any),
    ("TagSpecifications", &List(&TAG_SPEC)),
    ("ElasticGpuSpecifications", &Any),
    ("ElasticInferenceAccelerators", &Any),
    ("SecurityGroupIds", &Any),
    ("SecurityGroups", &Any),
    ("InstanceMarketOptions", &MARKET),
    ("CreditSpecification", &Any),
    ("CpuOptions", &Any),
    ("CapacityReservationSpecification", &Any),
    ("LicenseSpecifications", &Any),
    ("HibernationOptions", &HIBERNATION),
    ("MetadataOptions", &METADATA),
    ("EnclaveOptions", &Any),
    ("InstanceRequirements", &Any),
    ("PrivateDnsNameOptions", &Any),
    ("MaintenanceOptions", &Any),
    ("DisableApiStop", &Any),
    ("Operator", &Any),
    ("NetworkPerformanceOptions", &Any),
]);
const SPOT_SPEC: Shape = Struct(&[
    ("SecurityGroupIds", &Any),
    ("SecurityGroups", &Any),
    ("AddressingType", &Any),
    ("BlockDeviceMappings", &List(&BLOCK_DEVICE)),
    ("EbsOptimized", &Any),
    ("IamInstanceProfile", &PROFILE),
    ("ImageId", &Any),
    ("InstanceType", &Any),
    ("KernelId", &Any),
    ("KeyName", &Any),
    ("Monitoring", &MONITORING),
    ("NetworkInterfaces", &Any),
    ("Placement", &PLACEMENT),
    ("RamdiskId", &Any),
    ("SubnetId", &Any),
    ("UserData", &Any),
]);

/// The API member name and shape of a structure-valued CLI option, if it has one.
fn shape_of(option: &str) -> Option<(&'static str, &'static Shape)> {
    Some(match option {
        "tag-specifications" => ("TagSpecifications", &List(&TAG_SPEC)),
        "tags" => ("Tags", &TAGS),
        "filters" => ("Filters", &List(&FILTER)),
        "ip-permissions" => ("IpPermissions", &List(&IP_PERMISSION)),
        "block-device-mappings" => ("BlockDeviceMappings", &List(&BLOCK_DEVICE)),
        "placement" => ("Placement", &PLACEMENT),
        "metadata-options" => ("MetadataOptions", &METADATA),
        "iam-instance-profile" => ("IamInstanceProfile", &PROFILE),
        "monitoring" => ("Monitoring", &MONITORING),
        "hibernation-options" => ("HibernationOptions", &HIBERNATION),
        "instance-market-options" => ("InstanceMarketOptions", &MARKET),
        "launch-template" => ("LaunchTemplate", &TEMPLATE_REF),
        "launch-template-data" => ("LaunchTemplateData", &TEMPLATE_DATA),
        "launch-specification" => ("LaunchSpecification", &SPOT_SPEC),
        "instance-type" => ("InstanceType", &ATTRIBUTE_VALUE),
        "user-data" => ("UserData", &ATTRIBUTE_VALUE),
        "instance-initiated-shutdown-behavior" => ("InstanceInitiatedShutdownBehavior", &ATTRIBUTE_VALUE),
        _ => return None,
    })
}

fn check(value: &Value, shape: &Shape, path: &str, errors: &mut Vec<String>) {
    match (shape, value) {
        (Any, _) => {}
        (List(inner), Value::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                check(v, inner, &format!("{path}[{i}]"), errors);
            }
        }
        (List(_), other) => errors.push(format!(
            "Invalid type for parameter {path}, value: {}, type: <class '{}'>, valid types: <class 'list'>, <class 'tuple'>",
            python_repr(other),
            python_type(other)
        )),
        (Struct(members), Value::Object(m)) => {
            for (k, v) in m {
                match members.iter().find(|(name, _)| name == k) {
                    Some((_, sub)) => check(v, sub, &format!("{path}.{k}"), errors),
                    None => errors.push(format!(
                        "Unknown parameter in {path}: \"{k}\", must be one of: {}",
                        members.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                    )),
                }
            }
        }
        (Struct(_), other) => errors.push(format!(
            "Invalid type for parameter {path}, value: {}, type: <class '{}'>, valid types: <class 'dict'>",
            python_repr(other),
            python_type(other)
        )),
    }
}

fn python_type(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "str",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::Bool(_) => "bool",
        Value::Null => "NoneType",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

fn python_repr(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Null => "None".into(),
        other => other.to_string(),
    }
}

/// Checks the value given for `--option` against its shape.
pub fn validate(option: &str, value: &Value) -> Result<(), CliError> {
    let Some((member, shape)) = shape_of(option) else { return Ok(()) };
    let mut errors = Vec::new();
    check(value, shape, member, &mut errors);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CliError::Validation { message: format!("Parameter validation failed:\n{}", errors.join("\n")) })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn unknown_members_are_named_with_their_path() {
        let bad = json!([{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIP": "0.0.0.0/0"}]}]);
        let err = super::validate("ip-permissions", &bad).unwrap_err();
        assert_eq!(
            err.stderr(),
            "\nParameter validation failed:\nUnknown parameter in IpPermissions[0].IpRanges[0]: \"CidrIP\", must be one of: CidrIp, Description\n"
        );
        assert!(super::validate("tags", &json!([{"Key": "a", "Value": "b"}])).is_ok());
        assert!(super::validate("placement", &json!({"AvailabilityZone": "us-east-1a"})).is_ok());
    }
}
