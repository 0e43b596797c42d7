//! Static catalogues: the AWS-provided AMIs every region offers and the instance types on sale.
//!
//! AMI ids are derived from the region and image name (not the seed), as real public AMI ids are
//! fixed per region: the Ubuntu image in `eu-west-1` has another id than in `us-east-1`.

use sha2::{Digest, Sha256};

/// One AWS-provided image, the same in every region except for its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogImage {
    pub name: &'static str,
    pub description: &'static str,
    pub owner_id: &'static str,
    pub architecture: &'static str,
    /// The user `ssh` must log in as.
    pub login_user: &'static str,
    pub root_device_name: &'static str,
    pub root_size_gib: u32,
    pub platform_windows: bool,
    /// `v2.0` makes instances launch with IMDSv2 required and hop limit 2.
    pub imds_v2_only: bool,
    pub creation_date: &'static str,
}

/// The catalogue, in the order `describe-images --owners amazon` lists it.
pub const CATALOG: &[CatalogImage] = &[
    CatalogImage {
        name: "al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64",
        description: "Amazon Linux 2023 AMI 2023.6.20241212.0 x86_64 HVM kernel-6.1",
        owner_id: "137112412989",
        architecture: "x86_64",
        login_user: "ec2-user",
        root_device_name: "/dev/xvda",
        root_size_gib: 8,
        platform_windows: false,
        imds_v2_only: true,
        creation_date: "2024-12-12T20:34:56.000Z",
    },
    CatalogImage {
        name: "al2023-ami-2023.6.20241212.0-kernel-6.1-arm64",
        description: "Amazon Linux 2023 AMI 2023.6.20241212.0 arm64 HVM kernel-6.1",
        owner_id: "137112412989",
        architecture: "arm64",
        login_user: "ec2-user",
        root_device_name: "/dev/xvda",
        root_size_gib: 8,
        platform_windows: false,
        imds_v2_only: true,
        creation_date: "2024-12-12T20:35:02.000Z",
    },
    CatalogImage {
        name: "amzn2-ami-kernel-5.10-hvm-2.0.20241217.0-x86_64-gp2",
        description: "Amazon Linux 2 Kernel 5.10 AMI 2.0.20241217.0 x86_64 HVM gp2",
        owner_id: "137112412989",
        architecture: "x86_64",
        login_user: "ec2-user",
        root_device_name: "/dev/xvda",
        root_size_gib: 8,
        platform_windows: false,
        imds_v2_only: false,
        creation_date: "2024-12-17T23:10:41.000Z",
    },
    CatalogImage {
        name: "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20241210",
        description: "Canonical, Ubuntu, 24.04, amd64 noble image",
        owner_id: "099720109477",
        architecture: "x86_64",
        login_user: "ubuntu",
        root_device_name: "/dev/sda1",
        root_size_gib: 8,
        platform_windows: false,
        imds_v2_only: false,
        creation_date: "2024-12-10T07:12:33.000Z",
    },
    CatalogImage {
        name: "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20241206",
        description: "Canonical, Ubuntu, 22.04 LTS, amd64 jammy image",
        owner_id: "099720109477",
        architecture: "x86_64",
        login_user: "ubuntu",
        root_device_name: "/dev/sda1",
        root_size_gib: 8,
        platform_windows: false,
        imds_v2_only: false,
        creation_date: "2024-12-06T10:01:12.000Z",
    },
    CatalogImage {
        name: "Windows_Server-2022-English-Full-Base-2024.12.13",
        description: "Microsoft Windows Server 2022 Full Locale English AMI provided by Amazon",
        owner_id: "801119661308",
        architecture: "x86_64",
        login_user: "Administrator",
        root_device_name: "/dev/sda1",
        root_size_gib: 30,
        platform_windows: true,
        imds_v2_only: false,
        creation_date: "2024-12-13T05:20:09.000Z",
    },
];

/// The id `image` has in `region`: stable across seeds, different per region.
pub fn catalog_image_id(region: &str, image: &CatalogImage) -> String {
    let digest = Sha256::digest(format!("{region}/{}", image.name).as_bytes());
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("ami-0{hex}")
}

/// The vCPU quota bucket an instance family belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum VcpuBucket {
    /// Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances.
    Standard,
    /// Running On-Demand G and VT instances.
    G,
    /// Running On-Demand P instances.
    P,
}

/// One instance type on sale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InstanceTypeInfo {
    pub name: &'static str,
    pub vcpus: u32,
    pub memory_mib: u32,
    pub architecture: &'static str,
    /// On-Demand Linux price per hour in USD (us-east-1).
    pub hourly_usd: f64,
    pub bucket: VcpuBucket,
    pub burstable: bool,
    pub free_tier: bool,
}

const fn t(
    name: &'static str,
    vcpus: u32,
    memory_mib: u32,
    architecture: &'static str,
    hourly_usd: f64,
    bucket: VcpuBucket,
) -> InstanceTypeInfo {
    let b = name.as_bytes();
    let burstable = b[0] == b't';
    InstanceTypeInfo {
        name,
        vcpus,
        memory_mib,
        architecture,
        hourly_usd,
        bucket,
        burstable,
        free_tier: false,
    }
}

use VcpuBucket::{G, P, Standard as S};

/// Every instance type the sandbox knows, smallest family first.
pub const INSTANCE_TYPES: &[InstanceTypeInfo] = &[
    t("t2.nano", 1, 512, "x86_64", 0.0058, S),
    InstanceTypeInfo { free_tier: true, ..t("t2.micro", 1, 1024, "x86_64", 0.0116, S) },
    t("t2.small", 1, 2048, "x86_64", 0.023, S),
    t("t2.medium", 2, 4096, "x86_64", 0.0464, S),
    t("t2.large", 2, 8192, "x86_64", 0.0928, S),
    t("t3.nano", 2, 512, "x86_64", 0.0052, S),
    InstanceTypeInfo { free_tier: true, ..t("t3.micro", 2, 1024, "x86_64", 0.0104, S) },
    t("t3.small", 2, 2048, "x86_64", 0.0208, S),
    t("t3.medium", 2, 4096, "x86_64", 0.0416, S),
    t("t3.large", 2, 8192, "x86_64", 0.0832, S),
    t("t3.xlarge", 4, 16384, "x86_64", 0.1664, S),
    t("t4g.micro", 2, 1024, "arm64", 0.0084, S),
    t("t4g.small", 2, 2048, "arm64", 0.0168, S),
    t("m5.large", 2, 8192, "x86_64", 0.096, S),
    t("m5.xlarge", 4, 16384, "x86_64", 0.192, S),
    t("m5.2xlarge", 8, 32768, "x86_64", 0.384, S),
    t("m5.4xlarge", 16, 65536, "x86_64", 0.768, S),
    t("m5.8xlarge", 32, 131072, "x86_64", 1.536, S),
    t("m7i.large", 2, 8192, "x86_64", 0.1008, S),
    t("c5.large", 2, 4096, "x86_64", 0.085, S),
    t("c5.xlarge", 4, 8192, "x86_64", 0.17, S),
    t("c5.4xlarge", 16, 32768, "x86_64", 0.68, S),
    t("c7g.medium", 1, 2048, "arm64", 0.0363, S),
    t("r5.large", 2, 16384, "x86_64", 0.126, S),
    t("i3.large", 2, 15616, "x86_64", 0.156, S),
    t("g4dn.xlarge", 4, 16384, "x86_64", 0.526, G),
    t("p3.2xlarge", 8, 62464, "x86_64", 3.06, P),
];

/// The instance type called `name`.
pub fn instance_type(name: &str) -> Option<&'static InstanceTypeInfo> {
    INSTANCE_TYPES.iter().find(|t| t.name == name)
}

/// The default vCPU quota of a bucket (a new account's On-Demand limits).
pub fn vcpu_quota(bucket: VcpuBucket) -> u32 {
    match bucket {
        VcpuBucket::Standard => 32,
        VcpuBucket::G => 8,
        VcpuBucket::P => 0,
    }
}
