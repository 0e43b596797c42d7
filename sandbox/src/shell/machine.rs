//! The guest OS of one instance as the shell sees it: its filesystem and shell state, installed
//! packages, services, the root partition and filesystem sizes, and its IMDS token store.
//!
//! A machine is created at the instance's first boot (when cloud-init runs the user data) and
//! lives as long as the session; stop/start keeps it (the EBS root volume persists).

use std::collections::{BTreeMap, BTreeSet};

use super::host::{Host, PromptStyle};
use crate::imds::TokenStore;
use crate::imds::facts::{InstanceFacts, OsFamily};
use crate::time::SimTime;

/// One systemd unit's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub active: bool,
    pub enabled: bool,
    pub since: SimTime,
}

/// Which filesystem the root partition holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FsType {
    Xfs,
    Ext4,
}

/// The root disk layout. Sizes are tracked as "the disk size (GiB) this layer was last grown
/// to": the partition after `growpart`, the filesystem after `resize2fs`/`xfs_growfs`.
#[derive(Debug, Clone, PartialEq)]
pub struct RootDisk {
    /// `xvda` (Xen instance types) or `nvme0n1` (Nitro).
    pub disk: String,
    /// The root partition device name (`xvda1`, `nvme0n1p1`).
    pub part: String,
    pub fs: FsType,
    /// First sector of the root partition.
    pub start_sector: u64,
    pub part_grown_to_gib: u32,
    pub fs_grown_to_gib: u32,
    /// GiB used on `/`.
    pub used_gib: f64,
}

impl RootDisk {
    /// The last usable sector for a disk of `gib` GiB (GPT keeps 33 sectors at the end).
    pub fn end_sector(gib: u32) -> u64 {
        u64::from(gib) * 1024 * 1024 * 2 - 34
    }

    /// Root partition size in 512-byte sectors when grown to a disk of `gib` GiB.
    pub fn part_sectors(&self, gib: u32) -> u64 {
        Self::end_sector(gib).saturating_sub(self.start_sector) + 1
    }
}

/// The guest of one instance.
#[derive(Debug, Clone, PartialEq)]
pub struct Machine {
    pub instance_id: String,
    pub os: OsFamily,
    pub host: Host,
    pub packages: BTreeSet<String>,
    pub services: BTreeMap<String, Service>,
    pub disk: RootDisk,
    pub tokens: TokenStore,
    /// `last_start` of the boot this machine last went through.
    pub booted_at: Option<SimTime>,
    /// Logins so far (the second one prints `Last login:`).
    pub logins: u32,
    pub last_login: Option<SimTime>,
    /// Filesystems made on data volumes, by kernel device name (`xvdf`, `nvme1n1`).
    pub data_fs: BTreeMap<String, DataFs>,
    /// Docker containers started with `docker run`, running or stopped.
    pub containers: Vec<Container>,
    /// Images already pulled (the first `docker run` of an image shows the pull).
    pub images: BTreeSet<String>,
    /// Members of the `docker` group, and whether their current login sees the membership
    /// (it takes a new login, or `newgrp docker`).
    pub docker_group: BTreeMap<String, bool>,
}

/// One container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Container {
    pub id: String,
    pub name: String,
    pub image: String,
    /// `-p HOST:CONTAINER`.
    pub host_port: Option<u16>,
    pub container_port: u16,
    pub running: bool,
    pub created: SimTime,
}

/// A filesystem on an attached data volume, and where it is mounted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataFs {
    pub fs: FsType,
    pub mountpoint: Option<String>,
}

/// Whether the instance type runs on the Xen hypervisor (disks are `xvd*`), not Nitro (`nvme*`).
pub fn is_xen(instance_type: &str) -> bool {
    let family = instance_type.split('.').next().unwrap_or_default();
    matches!(
        family,
        "t2" | "m4" | "m3" | "c4" | "c3" | "r4" | "r3" | "x1" | "x1e" | "i3" | "d2" | "p2" | "p3" | "g3"
    )
}

/// The short host name EC2 gives an instance: `ip-172-31-5-9`.
pub fn short_hostname(facts: &InstanceFacts) -> String {
    facts.private_dns.split('.').next().unwrap_or("localhost").to_string()
}

impl Machine {
    /// A freshly imaged guest for `facts` (before cloud-init has run).
    pub fn new(facts: &InstanceFacts, now: SimTime) -> Machine {
        let os = facts.os;
        let user = os.default_user();
        let style = if os == OsFamily::Ubuntu { PromptStyle::Ubuntu } else { PromptStyle::AmazonLinux };
        let mut host = Host::new(user, &short_hostname(facts), style);
        let (pretty, id, version, id_like) = match os {
            OsFamily::Ubuntu => ("Ubuntu 24.04.1 LTS", "ubuntu", "24.04", "debian"),
            OsFamily::AmazonLinux2 => ("Amazon Linux 2", "amzn", "2", "centos rhel fedora"),
            _ => ("Amazon Linux 2023.6.20241212", "amzn", "2023", "fedora"),
        };
        let os_release = match os {
            OsFamily::Ubuntu => format!(
                "PRETTY_NAME=\"{pretty}\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"{version}\"\nVERSION=\"24.04.1 LTS (Noble Numbat)\"\nVERSION_CODENAME=noble\nID={id}\nID_LIKE={id_like}\nHOME_URL=\"https://www.ubuntu.com/\"\nSUPPORT_URL=\"https://help.ubuntu.com/\"\nBUG_REPORT_URL=\"https://bugs.launchpad.net/ubuntu/\"\nPRIVACY_POLICY_URL=\"https://www.ubuntu.com/legal/terms-and-policies/privacy-policy\"\nUBUNTU_CODENAME=noble\nLOGO=ubuntu-logo\n"
            ),
            _ => format!(
                "NAME=\"Amazon Linux\"\nVERSION=\"{version}\"\nID=\"{id}\"\nID_LIKE=\"{id_like}\"\nVERSION_ID=\"{version}\"\nPLATFORM_ID=\"platform:al{version}\"\nPRETTY_NAME=\"{pretty}\"\nANSI_COLOR=\"0;33\"\nCPE_NAME=\"cpe:2.3:o:amazon:amazon_linux:{version}\"\nHOME_URL=\"https://aws.amazon.com/linux/amazon-linux-{version}/\"\nDOCUMENTATION_URL=\"https://docs.aws.amazon.com/linux/\"\nSUPPORT_URL=\"https://aws.amazon.com/premiumsupport/\"\nBUG_REPORT_URL=\"https://github.com/amazonlinux/amazon-linux-{version}\"\nVENDOR_NAME=\"AWS\"\nVENDOR_URL=\"https://aws.amazon.com/\"\nSUPPORT_END=\"2029-06-30\"\n"
            ),
        };
        host.fs.install("/etc/os-release", &os_release, "root", 0o644, now);
        host.fs.install("/etc/hostname", &format!("{}\n", facts.private_dns), "root", 0o644, now);
        host.fs.mkdir_p("/var/log", "root", 0o755);
        let repo_dir = if os == OsFamily::Ubuntu { "/etc/apt/sources.list.d" } else { "/etc/yum.repos.d" };
        host.fs.mkdir_p(repo_dir, "root", 0o755);
        host.fs.mkdir_p("/var/lib/cloud/instance", "root", 0o755);
        host.fs.install("/var/log/secure", "", "root", 0o600, now);
        if let Some(key) = &facts.key {
            let home = host.home();
            host.fs.mkdir_p(&format!("{home}/.ssh"), user, 0o700);
            host.fs.install(
                &format!("{home}/.ssh/authorized_keys"),
                &format!("{}\n", key.public_key),
                user,
                0o600,
                now,
            );
        }
        let xen = is_xen(&facts.instance_type);
        let (disk, part) = if xen { ("xvda", "xvda1") } else { ("nvme0n1", "nvme0n1p1") };
        let (fs, start_sector, used_gib) = match os {
            OsFamily::Ubuntu => (FsType::Ext4, 2_099_200, 1.8),
            _ => (FsType::Xfs, 24_576, 1.6),
        };
        let mut packages = BTreeSet::new();
        for p in ["bash", "coreutils", "curl", "openssh-server", "cloud-init", "python3"] {
            packages.insert(p.to_string());
        }
        if os != OsFamily::Ubuntu {
            packages.insert("awscli-2".into());
        }
        let mut services = BTreeMap::new();
        let ssh_unit = if os == OsFamily::Ubuntu { "ssh" } else { "sshd" };
        for unit in [ssh_unit, "amazon-ssm-agent", "chronyd", "cloud-init"] {
            services.insert(unit.to_string(), Service { active: true, enabled: true, since: now });
        }
        Machine {
            instance_id: facts.instance_id.clone(),
            os,
            host,
            packages,
            services,
            disk: RootDisk {
                disk: disk.into(),
                part: part.into(),
                fs,
                start_sector,
                part_grown_to_gib: facts.root_volume_gib,
                fs_grown_to_gib: facts.root_volume_gib,
                used_gib,
            },
            tokens: TokenStore::default(),
            booted_at: None,
            logins: 0,
            last_login: None,
            data_fs: BTreeMap::new(),
            containers: Vec::new(),
            images: BTreeSet::new(),
            docker_group: BTreeMap::new(),
        }
    }

    /// Takes over the disk of the instance an AMI was made from: its files (the old
    /// cloud-init log included), packages and enabled services. Per-instance files are
    /// rewritten for this instance; the old user data itself does not come along.
    pub fn inherit_disk(&mut self, source: &Machine, facts: &InstanceFacts, now: SimTime) {
        let mut fs = source.host.fs.clone();
        let _ = fs.remove("/var/lib/cloud/instance/user-data.txt", "root");
        fs.install("/etc/hostname", &format!("{}\n", facts.private_dns), "root", 0o644, now);
        if let Some(key) = &facts.key {
            let home = self.host.home();
            let user = self.host.user.clone();
            fs.mkdir_p(&format!("{home}/.ssh"), &user, 0o700);
            fs.install(
                &format!("{home}/.ssh/authorized_keys"),
                &format!("{}\n", key.public_key),
                &user,
                0o600,
                now,
            );
        }
        self.host.fs = fs;
        self.packages = source.packages.clone();
        self.services = source
            .services
            .iter()
            .map(|(name, s)| (name.clone(), Service { active: s.enabled, enabled: s.enabled, since: now }))
            .collect();
        self.disk.used_gib = source.disk.used_gib;
    }

    /// Whether unit `name` is running.
    pub fn service_active(&self, name: &str) -> bool {
        self.services.get(name).is_some_and(|s| s.active)
    }
}
