//! cloud-init's side of user data: classifying it (shell script, `#cloud-config`, or something
//! it cannot handle), turning it into shell lines, and the stage lines it writes to
//! `/var/log/cloud-init-output.log`. The session runs the lines as root at first boot.

use crate::imds::OsFamily;
use crate::net::date::rfc2822;
use crate::time::SimTime;

/// Path of the log learners read.
pub const LOG_PATH: &str = "/var/log/cloud-init-output.log";

/// What cloud-init makes of the user data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserData {
    /// `#!…` script: run whole, as root.
    Script(String),
    /// `#cloud-config`: the `packages` and `runcmd` keys, as a shell script.
    CloudConfig(String),
    /// Anything else: logged as unhandled, nothing runs.
    Unhandled(String),
}

/// Reads the two keys of `#cloud-config` this sandbox understands.
fn cloud_config(text: &str, os: OsFamily) -> Vec<String> {
    let mut packages = Vec::new();
    let mut runcmd = Vec::new();
    let mut section = "";
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with('#') || t.is_empty() {
            continue;
        }
        if !line.starts_with(' ') && !line.starts_with('-') {
            section = t.trim_end_matches(':');
            continue;
        }
        let Some(item) = t.strip_prefix('-').map(str::trim) else {
            continue;
        };
        let item = if item.starts_with('[') && item.ends_with(']') {
            item[1..item.len() - 1]
                .split(',')
                .map(|w| w.trim().trim_matches(['"', '\'']))
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            item.trim_matches(['"', '\'']).to_string()
        };
        match section {
            "packages" => packages.push(item),
            "runcmd" => runcmd.push(item),
            _ => {}
        }
    }
    let mut lines = Vec::new();
    if !packages.is_empty() {
        let pm = if os == OsFamily::Ubuntu { "apt-get install -y" } else { "dnf install -y" };
        lines.push(format!("{pm} {}", packages.join(" ")));
    }
    lines.extend(runcmd);
    lines
}

/// Classifies raw user data.
pub fn classify(user_data: &str, os: OsFamily) -> UserData {
    let first = user_data.lines().next().unwrap_or_default().trim();
    if first.starts_with("#!") {
        UserData::Script(user_data.to_string())
    } else if first == "#cloud-config" {
        UserData::CloudConfig(cloud_config(user_data, os).join("\n"))
    } else {
        UserData::Unhandled(user_data.to_string())
    }
}

fn version(os: OsFamily) -> &'static str {
    match os {
        OsFamily::Ubuntu => "24.3.1-0ubuntu0~24.04.2",
        OsFamily::AmazonLinux2 => "19.3-46.amzn2.0.2",
        _ => "22.2.2",
    }
}

/// The lines cloud-init logs before the user scripts run, for a boot at `boot`.
pub fn boot_header(os: OsFamily, boot: SimTime) -> String {
    let v = version(os);
    let at = |secs: u64| rfc2822(boot.plus_secs(secs));
    format!(
        "Cloud-init v. {v} running 'init-local' at {}. Up 5.21 seconds.\nCloud-init v. {v} running 'init' at {}. Up 6.48 seconds.\nCloud-init v. {v} running 'modules:config' at {}. Up 9.02 seconds.\nCloud-init v. {v} running 'modules:final' at {}. Up 9.87 seconds.\n",
        at(5),
        at(6),
        at(9),
        at(10)
    )
}

/// The closing line.
pub fn boot_footer(os: OsFamily, boot: SimTime, seconds: u64) -> String {
    format!(
        "Cloud-init v. {} finished at {}. Datasource DataSourceEc2.  Up {seconds}.52 seconds\n",
        version(os),
        rfc2822(boot.plus_secs(seconds))
    )
}

/// The warnings cloud-init logs when the user script exits non-zero.
pub fn script_failed(boot: SimTime, status: i32) -> String {
    let c = crate::net::date::civil(boot.plus_secs(30));
    let stamp = format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02},412",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    );
    format!(
        "{stamp} - subp.py[WARNING]: Failed running /var/lib/cloud/instance/scripts/part-001 [{status}]\n{stamp} - cc_scripts_user.py[WARNING]: Failed to run module scripts_user (scripts in /var/lib/cloud/instance/scripts)\n{stamp} - log_util.py[WARNING]: Running module scripts_user (<module 'cloudinit.config.cc_scripts_user' from '/usr/lib/python3.9/site-packages/cloudinit/config/cc_scripts_user.py'>) failed\n"
    )
}

/// The warning for user data that is neither a script nor cloud-config.
pub fn unhandled(boot: SimTime, text: &str) -> String {
    let c = crate::net::date::civil(boot.plus_secs(7));
    let stamp = format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02},118",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    );
    let shown: String = text.chars().take(60).collect();
    format!(
        "{stamp} - __init__.py[WARNING]: Unhandled non-multipart (text/x-not-multipart) userdata: 'b'{}''\n",
        shown.replace('\n', "\\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_user_data() {
        let s = classify(
            "#!/bin/bash\nyum install -y \\\n  httpd\n# comment\nsystemctl start httpd\n",
            OsFamily::AmazonLinux2023,
        );
        assert!(matches!(s, UserData::Script(text) if text.contains("httpd")));
        let c = classify(
            "#cloud-config\npackages:\n  - httpd\nruncmd:\n  - [ systemctl, start, httpd ]\n",
            OsFamily::AmazonLinux2023,
        );
        assert_eq!(c, UserData::CloudConfig("dnf install -y httpd\nsystemctl start httpd".into()));
        assert!(matches!(classify("1234,john", OsFamily::Ubuntu), UserData::Unhandled(_)));
    }
}
