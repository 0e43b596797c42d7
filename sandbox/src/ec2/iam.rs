//! The slice of IAM an EC2 course needs: roles and instance profiles (global, not regional),
//! so a learner can create a profile, put a role in it and attach it to an instance.

use serde_json::Value;

use super::error::{Ec2Error, Ec2Result, ErrorKind};
use super::extras::InstanceProfile;
use super::world::{ACCOUNT_ID, World};
use crate::time::SimTime;

/// An IAM role.
#[derive(Debug, Clone)]
pub struct Role {
    pub name: String,
    pub id: String,
    pub arn: String,
    pub create_time: SimTime,
    /// The trust policy, as given.
    pub assume_role_policy: Value,
    pub description: Option<String>,
}

/// 17 upper-case characters derived from the seed and a name (no draw from the id stream, so
/// creating roles never shifts the ids of later resources).
fn stable_id(seed: u64, name: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("{seed}/{name}").as_bytes());
    digest
        .iter()
        .flat_map(|b| [b >> 4, b & 15])
        .take(17)
        .map(|n| char::from_digit(u32::from(n), 16).unwrap_or('0').to_ascii_uppercase())
        .collect()
}

fn no_such(message: String, input: &str) -> Ec2Error {
    Ec2Error::new(ErrorKind::NotFound, "NoSuchEntity", input, message)
}

impl World {
    /// Every role.
    pub fn roles(&self) -> impl Iterator<Item = &Role> {
        self.roles.values()
    }

    /// The role called `name`.
    pub fn role(&self, name: &str) -> Option<&Role> {
        self.roles.get(name)
    }

    /// `CreateRole`.
    pub fn create_role(
        &mut self,
        name: &str,
        policy: &str,
        description: Option<&str>,
        now: SimTime,
    ) -> Ec2Result<Role> {
        if name.is_empty()
            || name.len() > 64
            || !name.chars().all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c))
        {
            return Err(Ec2Error::new(
                ErrorKind::InvalidParameter,
                "ValidationError",
                name,
                format!(
                    "1 validation error detected: Value '{name}' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+"
                ),
            ));
        }
        if self.roles.contains_key(name) {
            return Err(Ec2Error::new(
                ErrorKind::Duplicate,
                "EntityAlreadyExists",
                name,
                format!("Role with name {name} already exists."),
            ));
        }
        let Ok(doc) = serde_json::from_str::<Value>(policy) else {
            return Err(Ec2Error::new(
                ErrorKind::InvalidParameter,
                "MalformedPolicyDocument",
                policy,
                "This policy contains invalid Json",
            ));
        };
        let role = Role {
            name: name.to_string(),
            id: format!("AROA{}", stable_id(self.seed(), name)),
            arn: format!("arn:aws:iam::{ACCOUNT_ID}:role/{name}"),
            create_time: now,
            assume_role_policy: doc,
            description: description.map(str::to_string),
        };
        self.roles.insert(name.to_string(), role.clone());
        Ok(role)
    }

    /// `CreateInstanceProfile`.
    pub fn create_instance_profile(&mut self, name: &str, now: SimTime) -> Ec2Result<InstanceProfile> {
        if self.instance_profiles.contains_key(name) {
            return Err(Ec2Error::new(
                ErrorKind::Duplicate,
                "EntityAlreadyExists",
                name,
                format!("Instance Profile {name} already exists."),
            ));
        }
        let mut profile = self.create_instance_profile_with_role(name, None).clone();
        profile.create_time = now;
        self.instance_profiles.insert(name.to_string(), profile.clone());
        Ok(profile)
    }

    /// `AddRoleToInstanceProfile`: a profile holds at most one role.
    pub fn add_role_to_instance_profile(&mut self, profile: &str, role: &str) -> Ec2Result<()> {
        let Some(p) = self.instance_profiles.get(profile) else {
            return Err(no_such(format!("Instance Profile {profile} cannot be found."), profile));
        };
        if !self.roles.contains_key(role) {
            return Err(no_such(format!("The role with name {role} cannot be found."), role));
        }
        if p.role_name.is_some() {
            return Err(Ec2Error::new(
                ErrorKind::LimitExceeded,
                "LimitExceeded",
                profile,
                "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1",
            ));
        }
        if let Some(p) = self.instance_profiles.get_mut(profile) {
            p.role_name = Some(role.to_string());
        }
        self.sync_profile_role(profile);
        Ok(())
    }

    /// Instances carry their profile's role; keep them in step when the profile changes.
    fn sync_profile_role(&mut self, profile: &str) {
        let Some(p) = self.instance_profiles.get(profile) else { return };
        let (arn, role) = (p.arn.clone(), p.role_name.clone());
        for r in &mut self.regions {
            for i in r.instances.values_mut() {
                if let Some(att) = i.iam_instance_profile.as_mut().filter(|a| a.arn == arn) {
                    att.role_name = role.clone();
                }
            }
        }
    }

    /// `RemoveRoleFromInstanceProfile`.
    pub fn remove_role_from_instance_profile(&mut self, profile: &str, role: &str) -> Ec2Result<()> {
        let Some(p) = self.instance_profiles.get_mut(profile) else {
            return Err(no_such(format!("Instance Profile {profile} cannot be found."), profile));
        };
        if p.role_name.as_deref() != Some(role) {
            return Err(no_such(format!("The role with name {role} cannot be found."), role));
        }
        p.role_name = None;
        self.sync_profile_role(profile);
        Ok(())
    }
}
