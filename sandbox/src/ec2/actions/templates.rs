//! Launch templates: create, add versions, set the default, delete.

use serde_json::Value;

use super::super::error::{Ec2Error, Ec2Result, ErrorKind};
use super::super::extras::{LaunchTemplate, LaunchTemplateVersion};
use super::super::tags::Tag;
use super::super::world::World;
use super::Ctx;

impl World {
    /// Finds a template by id or name.
    pub fn find_launch_template(
        &self,
        ctx: &Ctx,
        id: Option<&str>,
        name: Option<&str>,
    ) -> Ec2Result<&LaunchTemplate> {
        let r = self.region_ref(ctx.region)?;
        match (id, name) {
            (Some(id), _) => r.launch_templates.get(id).ok_or_else(|| {
                Ec2Error::new(
                    ErrorKind::NotFound,
                    "InvalidLaunchTemplateId.NotFound",
                    id,
                    format!("The specified launch template, with template ID {id}, does not exist."),
                )
            }),
            (None, Some(n)) => r.launch_templates.values().find(|t| t.name == n).ok_or_else(|| {
                Ec2Error::new(
                    ErrorKind::NotFound,
                    "InvalidLaunchTemplateName.NotFoundException",
                    n,
                    format!("The specified launch template, with template name {n}, does not exist."),
                )
            }),
            (None, None) => Err(Ec2Error::missing(
                "LaunchTemplateId",
                "The request must contain the parameter LaunchTemplateName or LaunchTemplateId",
            )),
        }
    }

    /// `CreateLaunchTemplate`: returns the id.
    pub fn create_launch_template(
        &mut self,
        ctx: &Ctx,
        name: &str,
        data: Value,
        description: Option<String>,
        tags: Vec<Tag>,
    ) -> Ec2Result<String> {
        if !(3..=128).contains(&name.len())
            || !name.chars().all(|c| c.is_ascii_alphanumeric() || "()./_-".contains(c))
        {
            return Err(Ec2Error::invalid_value(
                name,
                "A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.'",
            ));
        }
        if self.region_ref(ctx.region)?.launch_templates.values().any(|t| t.name == name) {
            return Err(Ec2Error::new(
                ErrorKind::Duplicate,
                "InvalidLaunchTemplateName.AlreadyExistsException",
                name,
                "Launch template name already in use.",
            ));
        }
        ctx.gate()?;
        let id = self.ids.resource_id("lt");
        let lt = LaunchTemplate {
            id: id.clone(),
            name: name.into(),
            create_time: ctx.now,
            default_version: 1,
            versions: vec![LaunchTemplateVersion { number: 1, description, data, create_time: ctx.now }],
            tags,
        };
        self.region_mut_ref(ctx.region)?.launch_templates.insert(id.clone(), lt);
        Ok(id)
    }

    /// `CreateLaunchTemplateVersion`: data is merged over `source_version` when given.
    pub fn create_launch_template_version(
        &mut self,
        ctx: &Ctx,
        id: Option<&str>,
        name: Option<&str>,
        source_version: Option<&str>,
        data: Value,
        description: Option<String>,
    ) -> Ec2Result<(String, u32)> {
        let lt = self.find_launch_template(ctx, id, name)?;
        let mut merged = match source_version {
            Some(v) => match lt.version(Some(v)) {
                Some(src) => src.data.clone(),
                None => {
                    return Err(Ec2Error::new(
                        ErrorKind::NotFound,
                        "InvalidLaunchTemplateId.VersionNotFound",
                        v,
                        format!("Could not find launch template version {v}."),
                    ));
                }
            },
            None => Value::Object(Default::default()),
        };
        if let (Value::Object(m), Value::Object(d)) = (&mut merged, data) {
            for (k, v) in d {
                m.insert(k, v);
            }
        }
        let lt_id = lt.id.clone();
        let number = lt.latest_version() + 1;
        ctx.gate()?;
        if let Some(lt) = self.region_mut_ref(ctx.region)?.launch_templates.get_mut(&lt_id) {
            lt.versions.push(LaunchTemplateVersion {
                number,
                description,
                data: merged,
                create_time: ctx.now,
            });
        }
        Ok((lt_id, number))
    }

    /// `ModifyLaunchTemplate --default-version`.
    pub fn set_default_template_version(
        &mut self,
        ctx: &Ctx,
        id: Option<&str>,
        name: Option<&str>,
        version: &str,
    ) -> Ec2Result<String> {
        let lt = self.find_launch_template(ctx, id, name)?;
        let Some(v) = lt.version(Some(version)).map(|v| v.number) else {
            return Err(Ec2Error::new(
                ErrorKind::NotFound,
                "InvalidLaunchTemplateId.VersionNotFound",
                version,
                format!("Could not find launch template version {version}."),
            ));
        };
        let lt_id = lt.id.clone();
        ctx.gate()?;
        if let Some(lt) = self.region_mut_ref(ctx.region)?.launch_templates.get_mut(&lt_id) {
            lt.default_version = v;
        }
        Ok(lt_id)
    }

    /// `DeleteLaunchTemplateVersions`: returns (deleted, refused with (code, message)).
    #[allow(clippy::type_complexity)]
    pub fn delete_launch_template_versions(
        &mut self,
        ctx: &Ctx,
        id: Option<&str>,
        name: Option<&str>,
        versions: &[String],
    ) -> Ec2Result<(String, String, Vec<u32>, Vec<(String, &'static str, String)>)> {
        let lt = self.find_launch_template(ctx, id, name)?;
        let (lt_id, lt_name) = (lt.id.clone(), lt.name.clone());
        let mut deleted = Vec::new();
        let mut refused = Vec::new();
        for v in versions {
            match v.parse::<u32>().ok().filter(|n| lt.versions.iter().any(|x| x.number == *n)) {
                Some(n) if n == lt.default_version => refused.push((
                    v.clone(),
                    "unexpectedError",
                    "Cannot delete the default version of a launch template. Make another version the default first."
                        .to_string(),
                )),
                Some(n) => deleted.push(n),
                None => refused.push((
                    v.clone(),
                    "launchTemplateVersionDoesNotExist",
                    format!("The specified launch template version '{v}' does not exist."),
                )),
            }
        }
        ctx.gate()?;
        if let Some(lt) = self.region_mut_ref(ctx.region)?.launch_templates.get_mut(&lt_id) {
            lt.versions.retain(|x| !deleted.contains(&x.number));
        }
        Ok((lt_id, lt_name, deleted, refused))
    }

    /// `DeleteLaunchTemplate`: returns the deleted template.
    pub fn delete_launch_template(
        &mut self,
        ctx: &Ctx,
        id: Option<&str>,
        name: Option<&str>,
    ) -> Ec2Result<LaunchTemplate> {
        let lt_id = self.find_launch_template(ctx, id, name)?.id.clone();
        ctx.gate()?;
        self.region_mut_ref(ctx.region)?
            .launch_templates
            .shift_remove(&lt_id)
            .ok_or_else(|| Ec2Error::invalid_value(lt_id, "gone"))
    }
}
