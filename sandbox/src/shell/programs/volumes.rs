//! Data volumes inside the guest: the kernel names of attached EBS volumes, `file -s`,
//! `mkfs` (`-t xfs|ext4`, `mkfs.xfs`, `mkfs.ext4`), `mount` and `umount`.

use crate::output::CommandOutput;
use crate::shell::machine::{DataFs, FsType, Machine};
use crate::shell::vfs::Vfs;

/// `(kernel name, size GiB, device name given at attach)` for each attached data volume:
/// `/dev/sdf` is `xvdf` on Xen types and the next NVMe namespace (`nvme1n1`, …) on Nitro.
pub fn data_disks(m: &Machine, data_volumes: &[(String, u32)]) -> Vec<(String, u32, String)> {
    let xen = m.disk.disk == "xvda";
    data_volumes
        .iter()
        .enumerate()
        .map(|(i, (device, gib))| {
            let letter =
                device.trim_start_matches("/dev/").trim_start_matches("sd").trim_start_matches("xvd");
            let name = if xen { format!("xvd{letter}") } else { format!("nvme{}n1", i + 1) };
            (name, *gib, device.clone())
        })
        .collect()
}

/// The kernel name and size for a `/dev/…` path (the attach name works too, as the udev link).
fn find(m: &Machine, vols: &[(String, u32)], path: &str) -> Option<(String, u32)> {
    data_disks(m, vols)
        .into_iter()
        .find(|(name, _, attach)| path == format!("/dev/{name}") || path == attach)
        .map(|(name, gib, _)| (name, gib))
}

fn root_partition(m: &Machine, path: &str) -> bool {
    path == format!("/dev/{}", m.disk.part) || path == format!("/dev/{}", m.disk.disk) || path == "/dev/root"
}

/// `file -s DEVICE`.
pub fn file(m: &Machine, vols: &[(String, u32)], args: &[String]) -> CommandOutput {
    let Some(path) = args.iter().find(|a| !a.starts_with('-')) else {
        return CommandOutput::fail(
            "Usage: file [-bcCdEhikLlNnprsSvzZ0] [--apple] [--extension] [--mime-encoding]\n",
            1,
        );
    };
    if m.host.user != "root" && path.starts_with("/dev/") {
        return CommandOutput::ok(format!("{path}: writable, no read permission\n"));
    }
    if root_partition(m, path) {
        let what = if m.disk.fs == FsType::Ext4 {
            "Linux rev 1.0 ext4 filesystem data, UUID=5d0d0c1f-6a8e-4ba1-9f14-3c2a5b8e7d10, volume name \"cloudimg-rootfs\" (needs journal recovery) (extents) (64bit) (large files) (huge files)"
        } else {
            "SGI XFS filesystem data (blksz 4096, inosz 512, v2 dirs)"
        };
        return CommandOutput::ok(format!("{path}: {what}\n"));
    }
    match find(m, vols, path) {
        None => CommandOutput::ok(format!("{path}: cannot open `{path}' (No such file or directory)\n")),
        Some((name, _)) => CommandOutput::ok(match m.data_fs.get(&name).map(|d| d.fs) {
            None => format!("{path}: data\n"),
            Some(FsType::Xfs) => {
                format!("{path}: SGI XFS filesystem data (blksz 4096, inosz 512, v2 dirs)\n")
            }
            Some(FsType::Ext4) => format!(
                "{path}: Linux rev 1.0 ext4 filesystem data, UUID=0b7c5e2a-3f41-4d8e-a6c2-9e1f7d3b5a24 (extents) (64bit) (large files) (huge files)\n"
            ),
        }),
    }
}

/// `mkfs -t TYPE DEVICE`, `mkfs.xfs DEVICE`, `mkfs.ext4 DEVICE` (`-f` forces over an old one).
pub fn mkfs(m: &mut Machine, vols: &[(String, u32)], prog: &str, args: &[String]) -> CommandOutput {
    let mut fs = prog.strip_prefix("mkfs.").map(str::to_string);
    let mut force = false;
    let mut device = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "-t" => {
                fs = args.get(i + 1).cloned();
                i += 1;
            }
            "-f" | "-F" => force = true,
            a if !a.starts_with('-') => device = Some(a.to_string()),
            _ => {}
        }
        i += 1;
    }
    let kind = match fs.as_deref() {
        Some("xfs") => FsType::Xfs,
        Some("ext4") => FsType::Ext4,
        Some(other) => {
            return CommandOutput::fail(
                format!("mkfs: failed to execute mkfs.{other}: No such file or directory\n"),
                1,
            );
        }
        None => FsType::Ext4,
    };
    let short = if kind == FsType::Xfs { "mkfs.xfs" } else { "mkfs.ext4" };
    let Some(path) = device else {
        return CommandOutput::fail(format!("{short}: no device name given in argument list\n"), 1);
    };
    if root_partition(m, &path) {
        return CommandOutput::fail(format!("{short}: {path} contains a mounted filesystem\n"), 1);
    }
    if m.host.user != "root" {
        return CommandOutput::fail(format!("{short}: cannot open {path}: Permission denied\n"), 1);
    }
    let Some((name, gib)) = find(m, vols, &path) else {
        return CommandOutput::fail(format!("{short}: cannot open {path}: No such file or directory\n"), 1);
    };
    match m.data_fs.get(&name) {
        Some(DataFs { mountpoint: Some(_), .. }) => {
            return CommandOutput::fail(format!("{short}: {path} contains a mounted filesystem\n"), 1);
        }
        Some(existing) if !force && kind == FsType::Xfs => {
            let old = if existing.fs == FsType::Xfs { "xfs" } else { "ext4" };
            return CommandOutput::fail(
                format!(
                    "mkfs.xfs: {path} appears to contain an existing filesystem ({old}).\nmkfs.xfs: Use the -f option to force overwrite.\n"
                ),
                1,
            );
        }
        _ => {}
    }
    let blocks = u64::from(gib) * 262_144;
    let text = if kind == FsType::Xfs {
        format!(
            "meta-data={path:<22} isize=512    agcount=4, agsize={} blks\n         =                       sectsz=512   attr=2, projid32bit=1\n         =                       crc=1        finobt=1, sparse=1, rmapbt=0\n         =                       reflink=1    bigtime=1 inobtcount=1 nrext64=0\ndata     =                       bsize=4096   blocks={blocks}, imaxpct=25\n         =                       sunit=0      swidth=0 blks\nnaming   =version 2              bsize=4096   ascii-ci=0, ftype=1\nlog      =internal log           bsize=4096   blocks=16384, version=2\n         =                       sectsz=512   sunit=0 blks, lazy-count=1\nrealtime =none                   extsz=4096   blocks=0, rtextents=0\nDiscarding blocks...Done.\n",
            blocks / 4
        )
    } else {
        format!(
            "Creating filesystem with {blocks} 4k blocks and {} inodes\nFilesystem UUID: 0b7c5e2a-3f41-4d8e-a6c2-9e1f7d3b5a24\nSuperblock backups stored on blocks: \n\t32768, 98304, 163840, 229376, 294912, 819200, 884736, 1605632\n\nAllocating group tables: done                            \nWriting inode tables: done                            \nCreating journal (16384 blocks): done\nWriting superblocks and filesystem accounting information: done\n\n",
            blocks / 4
        )
    };
    m.data_fs.insert(name, DataFs { fs: kind, mountpoint: None });
    if kind == FsType::Ext4 {
        CommandOutput { stdout: text, stderr: "mke2fs 1.47.0 (5-Feb-2023)\n".into(), ..Default::default() }
    } else {
        CommandOutput::ok(text)
    }
}

/// `mount DEVICE DIR`.
pub fn mount(m: &mut Machine, fs: &Vfs, cwd: &str, vols: &[(String, u32)], args: &[String]) -> CommandOutput {
    let operands: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let [device, dir] = operands.as_slice() else {
        let mut list = format!(
            "/dev/{} on / type {}\n",
            m.disk.part,
            if m.disk.fs == FsType::Xfs { "xfs" } else { "ext4" }
        );
        for (name, d) in &m.data_fs {
            if let Some(p) = &d.mountpoint {
                list.push_str(&format!(
                    "/dev/{name} on {p} type {}\n",
                    if d.fs == FsType::Xfs { "xfs" } else { "ext4" }
                ));
            }
        }
        return CommandOutput::ok(list);
    };
    let target = crate::shell::vfs::normalize(cwd, dir);
    if m.host.user != "root" {
        return CommandOutput::fail(format!("mount: {target}: must be superuser to use mount.\n"), 32);
    }
    if !fs.is_dir(&target) {
        return CommandOutput::fail(format!("mount: {target}: mount point does not exist.\n"), 32);
    }
    let Some((name, _)) = find(m, vols, device) else {
        return CommandOutput::fail(
            format!("mount: {target}: special device {device} does not exist.\n"),
            32,
        );
    };
    match m.data_fs.get_mut(&name) {
        None => CommandOutput::fail(
            format!(
                "mount: {target}: wrong fs type, bad option, bad superblock on {device}, missing codepage or helper program, or other error.\n"
            ),
            32,
        ),
        Some(d) if d.mountpoint.is_some() => CommandOutput::fail(
            format!(
                "mount: {target}: {device} already mounted on {}.\n",
                d.mountpoint.clone().unwrap_or_default()
            ),
            32,
        ),
        Some(d) => {
            d.mountpoint = Some(target);
            CommandOutput::default()
        }
    }
}

/// `umount DEVICE|DIR`.
pub fn umount(m: &mut Machine, vols: &[(String, u32)], args: &[String]) -> CommandOutput {
    let Some(what) = args.iter().find(|a| !a.starts_with('-')) else {
        return CommandOutput::fail(
            "Usage:\n umount [-hV]\n umount -a [options]\n umount [options] <source> | <directory>\n",
            1,
        );
    };
    if m.host.user != "root" {
        return CommandOutput::fail(format!("umount: {what}: must be superuser to unmount.\n"), 32);
    }
    let by_device = find(m, vols, what).map(|(n, _)| n);
    let hit = m.data_fs.iter_mut().find(|(name, d)| {
        Some(name.as_str()) == by_device.as_deref()
            || d.mountpoint.as_deref() == Some(what.trim_end_matches('/'))
    });
    match hit {
        Some((_, d)) if d.mountpoint.is_some() => {
            d.mountpoint = None;
            CommandOutput::default()
        }
        _ => CommandOutput::fail(format!("umount: {what}: not mounted.\n"), 32),
    }
}
