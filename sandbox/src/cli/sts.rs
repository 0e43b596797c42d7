//! `aws sts get-caller-identity`: who the CLI is signed in as, the laptop's IAM user or an
//! instance's role session (whose session name is the instance id).

use serde_json::{Value, json};

use super::Caller;
use super::error::CliError;
use crate::ec2::{ACCOUNT_ID, World};

/// Runs `aws sts <words>`.
pub fn run(world: &World, words: &[String], caller: Caller) -> Result<Value, CliError> {
    match words.first().map(String::as_str) {
        Some("get-caller-identity") => {}
        None => return Err(CliError::usage("the following arguments are required: operation")),
        Some(other) => {
            return Err(CliError::usage(format!(
                "argument operation: Invalid choice, valid choices are:\n\nget-caller-identity\n\nInvalid choice: '{other}'"
            )));
        }
    }
    if let Some(extra) = words.get(1) {
        return Err(CliError::usage(format!("Unknown options: {extra}")));
    }
    let role = match caller {
        Caller::Instance(id) => world
            .instance(id)
            .and_then(|i| i.iam_instance_profile.as_ref())
            .and_then(|p| p.role_name.clone())
            .map(|r| (r, id)),
        Caller::Learner => None,
    };
    Ok(match role {
        Some((role, id)) => json!({
            "UserId": format!("AROA{}:{id}", role_id(&role)),
            "Account": ACCOUNT_ID,
            "Arn": format!("arn:aws:sts::{ACCOUNT_ID}:assumed-role/{role}/{id}"),
        }),
        None => json!({
            "UserId": "AIDAEC2LABLEARNER0001",
            "Account": ACCOUNT_ID,
            "Arn": format!("arn:aws:iam::{ACCOUNT_ID}:user/learner"),
        }),
    })
}

/// A stable 17-character role id suffix derived from the role name.
fn role_id(role: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in role.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:017X}").chars().take(17).collect()
}
