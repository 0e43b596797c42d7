//! `aws iam …` for roles and instance profiles: enough to build what `--iam-instance-profile`
//! and `associate-iam-instance-profile` attach. IAM is global: `--region` does not matter.

use serde_json::{Map, Value, json};

use super::error::CliError;
use super::spec::Kind::{Blob, Str};
use super::spec::{Call, OpSpec, p, r};
use crate::ec2::clock::iso8601;
use crate::ec2::extras::InstanceProfile;
use crate::ec2::iam::Role;

type Out = Result<Option<Value>, CliError>;

fn role_json(role: &Role) -> Value {
    let mut m = Map::new();
    m.insert("Path".into(), json!("/"));
    m.insert("RoleName".into(), json!(role.name));
    m.insert("RoleId".into(), json!(role.id));
    m.insert("Arn".into(), json!(role.arn));
    m.insert("CreateDate".into(), json!(iso8601(role.create_time)));
    m.insert("AssumeRolePolicyDocument".into(), role.assume_role_policy.clone());
    if let Some(d) = &role.description {
        m.insert("Description".into(), json!(d));
    }
    Value::Object(m)
}

fn profile_json(call: &Call, p: &InstanceProfile) -> Value {
    let roles: Vec<Value> = p.role_name.iter().filter_map(|r| call.world.role(r)).map(role_json).collect();
    json!({
        "Path": "/",
        "InstanceProfileName": p.name,
        "InstanceProfileId": p.id,
        "Arn": p.arn,
        "CreateDate": iso8601(p.create_time),
        "Roles": roles,
    })
}

fn create_role(call: &mut Call) -> Out {
    let a = &call.args;
    let policy = a.str("assume-role-policy-document").unwrap_or_default().to_string();
    let name = a.str("role-name").unwrap_or_default().to_string();
    let description = a.str("description").map(str::to_string);
    let role = call.world.create_role(&name, &policy, description.as_deref(), call.ctx.now)?;
    Ok(Some(json!({"Role": role_json(&role)})))
}

fn get_role(call: &mut Call) -> Out {
    let name = call.args.str("role-name").unwrap_or_default();
    match call.world.role(name) {
        Some(role) => Ok(Some(json!({"Role": role_json(role)}))),
        None => Err(CliError::from(crate::ec2::Ec2Error::new(
            crate::ec2::ErrorKind::NotFound,
            "NoSuchEntity",
            name,
            format!("The role with name {name} cannot be found."),
        ))),
    }
}

fn list_roles(call: &mut Call) -> Out {
    Ok(Some(json!({"Roles": call.world.roles().map(role_json).collect::<Vec<_>>()})))
}

fn create_instance_profile(call: &mut Call) -> Out {
    let name = call.args.str("instance-profile-name").unwrap_or_default().to_string();
    let profile = call.world.create_instance_profile(&name, call.ctx.now)?;
    Ok(Some(json!({"InstanceProfile": profile_json(call, &profile)})))
}

fn get_instance_profile(call: &mut Call) -> Out {
    let name = call.args.str("instance-profile-name").unwrap_or_default();
    match call.world.instance_profile(name) {
        Some(p) => Ok(Some(json!({"InstanceProfile": profile_json(call, p)}))),
        None => Err(CliError::from(crate::ec2::Ec2Error::new(
            crate::ec2::ErrorKind::NotFound,
            "NoSuchEntity",
            name,
            format!("Instance Profile {name} cannot be found."),
        ))),
    }
}

fn list_instance_profiles(call: &mut Call) -> Out {
    let list: Vec<Value> = call.world.instance_profiles().map(|p| profile_json(call, p)).collect();
    Ok(Some(json!({"InstanceProfiles": list})))
}

fn add_role_to_instance_profile(call: &mut Call) -> Out {
    let (profile, role) = (call.args.str("instance-profile-name"), call.args.str("role-name"));
    call.world.add_role_to_instance_profile(profile.unwrap_or_default(), role.unwrap_or_default())?;
    Ok(None)
}

fn remove_role_from_instance_profile(call: &mut Call) -> Out {
    let (profile, role) = (call.args.str("instance-profile-name"), call.args.str("role-name"));
    call.world.remove_role_from_instance_profile(profile.unwrap_or_default(), role.unwrap_or_default())?;
    Ok(None)
}

/// The `aws iam` operations the sandbox knows.
pub const OPS: &[OpSpec] = &[
    op!(
        "add-role-to-instance-profile",
        "AddRoleToInstanceProfile",
        "Puts a role into an instance profile (one role per profile).",
        add_role_to_instance_profile,
        [r("instance-profile-name", Str), r("role-name", Str)]
    ),
    op!(
        "create-instance-profile",
        "CreateInstanceProfile",
        "Creates an instance profile.",
        create_instance_profile,
        [r("instance-profile-name", Str), p("path", Str)]
    ),
    op!(
        "create-role",
        "CreateRole",
        "Creates a role with a trust policy.",
        create_role,
        [r("role-name", Str), r("assume-role-policy-document", Blob), p("description", Str), p("path", Str)]
    ),
    op!(
        "get-instance-profile",
        "GetInstanceProfile",
        "Describes an instance profile.",
        get_instance_profile,
        [r("instance-profile-name", Str)]
    ),
    op!("get-role", "GetRole", "Describes a role.", get_role, [r("role-name", Str)]),
    op!(
        "list-instance-profiles",
        "ListInstanceProfiles",
        "Lists instance profiles.",
        list_instance_profiles,
        []
    ),
    op!("list-roles", "ListRoles", "Lists roles.", list_roles, []),
    op!(
        "remove-role-from-instance-profile",
        "RemoveRoleFromInstanceProfile",
        "Takes a role out of an instance profile.",
        remove_role_from_instance_profile,
        [r("instance-profile-name", Str), r("role-name", Str)]
    ),
];

/// The IAM operation called `name`.
pub fn operation(name: &str) -> Option<&'static OpSpec> {
    OPS.iter().find(|o| o.name == name)
}
