//! Seed 003's resize story: `df -hT`, `lsblk`, `growpart`, `resize2fs` and `xfs_growfs`, over
//! the machine's [`RootDisk`] and the root volume's current size from the control plane.

use crate::output::CommandOutput;
use crate::shell::machine::{FsType, Machine, RootDisk};

/// `lsblk`'s size column: `30G`, `7G`, `29.5G`, `106M`.
fn lsblk_size(mib: u64) -> String {
    if mib >= 1024 {
        let g = mib as f64 / 1024.0;
        if (g - g.round()).abs() < 0.05 { format!("{}G", g.round() as u64) } else { format!("{g:.1}G") }
    } else {
        format!("{mib}M")
    }
}

/// `df -h`'s rounding: up, two significant digits.
fn df_size(gib: f64) -> String {
    if gib <= 0.0 {
        return "0".into();
    }
    if gib < 10.0 { format!("{:.1}G", (gib * 10.0).ceil() / 10.0) } else { format!("{}G", gib.ceil() as u64) }
}

fn part_mib(disk: &RootDisk, gib: u32) -> u64 {
    disk.part_sectors(gib) / 2048
}

/// The root filesystem's size in GiB as `df` reports it (ext4 reserves a little more).
fn fs_gib(disk: &RootDisk) -> f64 {
    let gib = part_mib(disk, disk.fs_grown_to_gib) as f64 / 1024.0;
    // ext4 keeps a journal and inode tables; xfs much less.
    if disk.fs == FsType::Ext4 { gib * 0.98 - 0.1 } else { gib * 0.995 }
}

/// `df [-h] [-T]`.
pub fn df(m: &Machine, args: &[String], data_volumes: &[(String, u32)]) -> CommandOutput {
    let flags: String = args.iter().filter(|a| a.starts_with('-')).map(|a| a[1..].to_string()).collect();
    let human = flags.contains('h');
    let typed = flags.contains('T');
    let d = &m.disk;
    let total = fs_gib(d);
    let used = d.used_gib.min(total);
    let avail = (total - used).max(0.0);
    let root_dev = if m.os == crate::imds::OsFamily::Ubuntu {
        "/dev/root".to_string()
    } else {
        format!("/dev/{}", d.part)
    };
    let fs_name = if d.fs == FsType::Ext4 { "ext4" } else { "xfs" };
    let mut rows: Vec<(String, &str, String, String, String, String, &str)> = Vec::new();
    let pct = |u: f64, t: f64| {
        if t <= 0.0 { "0%".to_string() } else { format!("{}%", ((u / t) * 100.0).ceil() as u64) }
    };
    let size = |g: f64| {
        if human { df_size(g) } else { format!("{}", (g * 1024.0 * 1024.0) as u64) }
    };
    rows.push((root_dev, fs_name, size(total), size(used), size(avail), pct(used, total), "/"));
    let tmp = |s: &str| (s.to_string(), s.to_string());
    let extra: &[(&str, &str, &str, &str, &str, &str, &str)] = if m.os == crate::imds::OsFamily::Ubuntu {
        &[
            ("tmpfs", "tmpfs", "2.0G", "0", "2.0G", "0%", "/dev/shm"),
            ("tmpfs", "tmpfs", "783M", "1.3M", "782M", "1%", "/run"),
            ("tmpfs", "tmpfs", "5.0M", "0", "5.0M", "0%", "/run/lock"),
            ("/dev/xvda16", "ext4", "881M", "148M", "672M", "18%", "/boot"),
            ("/dev/xvda15", "vfat", "105M", "6.2M", "99M", "6%", "/boot/efi"),
            ("tmpfs", "tmpfs", "392M", "12K", "392M", "1%", "/run/user/1000"),
        ]
    } else {
        &[
            ("devtmpfs", "devtmpfs", "4.0M", "0", "4.0M", "0%", "/dev"),
            ("tmpfs", "tmpfs", "475M", "0", "475M", "0%", "/dev/shm"),
            ("tmpfs", "tmpfs", "190M", "2.9M", "188M", "2%", "/run"),
            ("tmpfs", "tmpfs", "475M", "0", "475M", "0%", "/tmp"),
            ("/dev/nvme0n1p128", "vfat", "10M", "1.3M", "8.7M", "13%", "/boot/efi"),
            ("tmpfs", "tmpfs", "95M", "0", "95M", "0%", "/run/user/1000"),
        ]
    };
    let _ = tmp;
    for (a, b, c, dd, e, f, g) in extra {
        let dev = if a.starts_with("/dev/xvda") && d.disk != "xvda" {
            a.replace("xvda", &format!("{}p", d.disk))
        } else if a.starts_with("/dev/nvme0n1") && d.disk != "nvme0n1" {
            a.replace("nvme0n1p", "xvda")
        } else {
            a.to_string()
        };
        rows.push((dev, b, c.to_string(), dd.to_string(), e.to_string(), f.to_string(), g));
    }
    for (name, gib, _) in super::volumes::data_disks(m, data_volumes) {
        if let Some(super::super::machine::DataFs { fs, mountpoint: Some(mount) }) = m.data_fs.get(&name) {
            let size = f64::from(gib) * if *fs == FsType::Ext4 { 0.95 } else { 0.99 };
            let used = if *fs == FsType::Ext4 { 0.0234 } else { 0.1 };
            let (fs_name, used_text) = if *fs == FsType::Ext4 { ("ext4", "24K") } else { ("xfs", "104M") };
            rows.push((
                format!("/dev/{name}"),
                fs_name,
                df_size(size),
                used_text.to_string(),
                df_size(size - used),
                pct(used, size),
                mount.as_str(),
            ));
        }
    }
    if !human {
        // Without -h only the root row has real numbers; keep the others in the same units.
        rows.truncate(1);
    }
    // `df PATH` shows only the filesystem holding PATH.
    if let Some(path) = args.iter().find(|a| !a.starts_with('-')) {
        let mount = rows
            .iter()
            .map(|r| r.6)
            .filter(|m| path == m || path.starts_with(&format!("{m}/")) || *m == "/")
            .max_by_key(|m| m.len())
            .unwrap_or("/");
        rows.retain(|r| r.6 == mount);
    }
    // GNU df: the source column is at least 14 wide, sizes at least 5, one space between.
    let w0 = rows.iter().map(|r| r.0.len()).max().unwrap_or(0).max(14);
    let w1 = rows.iter().map(|r| r.1.len()).max().unwrap_or(4).max(4);
    let size_head = if human { "Size" } else { "1K-blocks" };
    let sw = rows
        .iter()
        .map(|r| r.2.len().max(r.3.len()).max(r.4.len()))
        .max()
        .unwrap_or(5)
        .max(5)
        .max(size_head.len());
    let mut out = String::new();
    let type_col = |s: &str| {
        if typed { format!(" {s:<w1$}") } else { String::new() }
    };
    out.push_str(&format!(
        "{:<w0$}{} {:>sw$} {:>sw$} {:>sw$} Use% Mounted on\n",
        "Filesystem",
        type_col("Type"),
        size_head,
        "Used",
        "Avail"
    ));
    for r in &rows {
        out.push_str(&format!(
            "{:<w0$}{} {:>sw$} {:>sw$} {:>sw$} {:>4} {}\n",
            r.0,
            type_col(r.1),
            r.2,
            r.3,
            r.4,
            r.5,
            r.6
        ));
    }
    CommandOutput::ok(out)
}

/// `lsblk`: the root disk at its current volume size and the partitions as last grown.
pub fn lsblk(m: &Machine, volume_gib: u32, data_volumes: &[(String, u32)]) -> CommandOutput {
    let d = &m.disk;
    let root = lsblk_size(part_mib(d, d.part_grown_to_gib));
    let disk = lsblk_size(u64::from(volume_gib) * 1024);
    let mut rows: Vec<(String, &str, String, &str, &str)> = Vec::new();
    if m.os == crate::imds::OsFamily::Ubuntu {
        rows.push(("loop0".into(), "7:0", "27.2M".into(), "loop", "/snap/amazon-ssm-agent/11320"));
        rows.push(("loop1".into(), "7:1", "73.9M".into(), "loop", "/snap/core22/2045"));
        rows.push(("loop2".into(), "7:2", "50.9M".into(), "loop", "/snap/snapd/24718"));
    }
    let xen = d.disk == "xvda";
    let (disk_mm, p) = if xen { ("202:0", "xvda") } else { ("259:0", "nvme0n1p") };
    rows.push((d.disk.clone(), disk_mm, disk, "disk", ""));
    if m.os == crate::imds::OsFamily::Ubuntu {
        let n = |k: u32| format!("{p}{k}");
        rows.push((format!("├─{}", d.part), if xen { "202:1" } else { "259:1" }, root, "part", "/"));
        rows.push((format!("├─{}", n(14)), if xen { "202:14" } else { "259:2" }, "4M".into(), "part", ""));
        rows.push((
            format!("├─{}", n(15)),
            if xen { "202:15" } else { "259:3" },
            "106M".into(),
            "part",
            "/boot/efi",
        ));
        rows.push((format!("└─{}", n(16)), "259:0", "913M".into(), "part", "/boot"));
    } else {
        let n = |k: u32| {
            if xen { format!("xvda{k}") } else { format!("nvme0n1p{k}") }
        };
        rows.push((format!("├─{}", d.part), if xen { "202:1" } else { "259:1" }, root, "part", "/"));
        rows.push((format!("├─{}", n(127)), "259:2", "1M".into(), "part", ""));
        rows.push((format!("└─{}", n(128)), "259:3", "10M".into(), "part", "/boot/efi"));
    }
    // Attached data volumes: `xvdf` on Xen types, the next NVMe namespace on Nitro.
    let disks = super::volumes::data_disks(m, data_volumes);
    for (name, gib, _) in &disks {
        let mm = if xen { "202:80" } else { "259:4" };
        let mount = m.data_fs.get(name).and_then(|d| d.mountpoint.as_deref()).unwrap_or("");
        rows.push((name.clone(), mm, lsblk_size(u64::from(*gib) * 1024), "disk", mount));
    }
    let w = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(4).max(4);
    let mut out = format!("{:<w$} MAJ:MIN RM  SIZE RO TYPE MOUNTPOINTS\n", "NAME");
    for (name, mm, size, kind, mount) in rows {
        let pad = w.saturating_sub(name.chars().count());
        let (maj, min) = mm.split_once(':').unwrap_or((mm, "0"));
        let ro = if kind == "loop" { 1 } else { 0 };
        let line =
            format!("{name}{:pad$} {maj:>3}:{min:<3} {:>2} {size:>5} {ro:>2} {kind:<4} {mount}", "", 0);
        out.push_str(line.trim_end());
        out.push('\n');
    }
    CommandOutput::ok(out)
}

/// `growpart DISK PARTNUM`.
pub fn growpart(m: &mut Machine, args: &[String], volume_gib: u32) -> CommandOutput {
    let usage = "growpart disk partition\n   rewrite partition table so that partition takes up all the space it can\n   options:\n    -h | --help       print Usage and exit\n         --fudge F    if part could be resized, but change would be\n                      less than 'F' bytes, do not resize (default: 1048576)\n    -N | --dry-run    only report what would be done, show new 'sfdisk -d'\n    -v | --verbose    increase verbosity / debug\n    -u | --update  R update the the kernel partition table info after growing\n                      this requires kernel support and 'partx --update'\n                      R is one of:\n                       - 'auto'  : [default] update partition if possible\n                       - 'force' : try despite sanity checks (fail on failure)\n                       - 'off'   : do not attempt\n                       - 'on'    : fail if sanity checks indicate no support\n\n   Example:\n    - growpart /dev/sda 1\n      Resize partition 1 on /dev/sda\n";
    let operands: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let [dev, num] = operands.as_slice() else {
        return CommandOutput::fail(format!("{usage}must supply disk and partition-number\n"), 2);
    };
    let d = &m.disk;
    if dev.as_str() != format!("/dev/{}", d.disk) {
        let msg = if dev.as_str() == format!("/dev/{}", d.part) {
            format!("FAILED: {dev}: not a disk. did you mean '/dev/{}'?\n", d.disk)
        } else {
            format!("FAILED: {dev}: does not exist\n")
        };
        return CommandOutput::fail(msg, 2);
    }
    if num.as_str() != "1" {
        return CommandOutput::fail(
            format!("FAILED: partition {num} is not the root partition of {dev}\n"),
            2,
        );
    }
    if m.host.user != "root" {
        return CommandOutput::fail(
            format!("FAILED: failed to get exclusive lock on {dev}: Permission denied\n"),
            2,
        );
    }
    let old_size = d.part_sectors(d.part_grown_to_gib);
    if volume_gib <= d.part_grown_to_gib {
        return CommandOutput::fail(
            format!("NOCHANGE: partition 1 is size {old_size}. it cannot be grown\n"),
            1,
        );
    }
    let new_size = d.part_sectors(volume_gib);
    let out = format!(
        "CHANGED: partition=1 start={} old: size={old_size} end={} new: size={new_size} end={}\n",
        d.start_sector,
        RootDisk::end_sector(d.part_grown_to_gib),
        RootDisk::end_sector(volume_gib)
    );
    m.disk.part_grown_to_gib = volume_gib;
    CommandOutput::ok(out)
}

fn blocks(d: &RootDisk, gib: u32) -> u64 {
    d.part_sectors(gib) / 8
}

/// `resize2fs DEVICE` (ext4 only).
pub fn resize2fs(m: &mut Machine, args: &[String]) -> CommandOutput {
    let banner = "resize2fs 1.47.0 (5-Feb-2023)\n";
    let Some(dev) = args.iter().find(|a| !a.starts_with('-')) else {
        return CommandOutput::fail(
            format!(
                "{banner}Usage: resize2fs [-d debug_flags] [-f] [-F] [-M] [-P] [-p] device [-b|-s|new_size] [-S RAID-stride] [-z undo_file]\n\n"
            ),
            1,
        );
    };
    let d = &m.disk;
    let part_dev = format!("/dev/{}", d.part);
    if dev != &part_dev && dev != "/dev/root" {
        return CommandOutput::fail(
            format!("{banner}open: No such file or directory while opening {dev}\n"),
            1,
        );
    }
    if d.fs == FsType::Xfs {
        return CommandOutput::fail(
            format!(
                "{banner}resize2fs: Bad magic number in super-block while trying to open {dev}\nCouldn't find valid filesystem superblock.\n"
            ),
            1,
        );
    }
    if m.host.user != "root" {
        return CommandOutput::fail(format!("{banner}open: Permission denied while opening {dev}\n"), 1);
    }
    let new_blocks = blocks(d, d.part_grown_to_gib);
    if d.fs_grown_to_gib >= d.part_grown_to_gib {
        return CommandOutput {
            stderr: banner.to_string(),
            stdout: format!("The filesystem is already {new_blocks} (4k) blocks long.  Nothing to do!\n\n"),
            ..Default::default()
        };
    }
    let desc = |b: u64| b.div_ceil(32_768).div_ceil(64);
    let old_blocks = blocks(d, d.fs_grown_to_gib);
    let out = CommandOutput {
        stderr: banner.to_string(),
        stdout: format!(
            "Filesystem at {dev} is mounted on /; on-line resizing required\nold_desc_blocks = {}, new_desc_blocks = {}\nThe filesystem on {dev} is now {new_blocks} (4k) blocks long.\n\n",
            desc(old_blocks),
            desc(new_blocks)
        ),
        ..Default::default()
    };
    m.disk.fs_grown_to_gib = m.disk.part_grown_to_gib;
    out
}

/// `xfs_growfs [-d] MOUNTPOINT` (xfs only).
pub fn xfs_growfs(m: &mut Machine, args: &[String]) -> CommandOutput {
    let Some(target) = args.iter().find(|a| !a.starts_with('-')) else {
        return CommandOutput::fail("Usage: xfs_growfs [options] mountpoint\n", 1);
    };
    let d = &m.disk;
    let part_dev = format!("/dev/{}", d.part);
    if target != "/" && target != &part_dev {
        return CommandOutput::fail(format!("xfs_growfs: {target} is not a mounted XFS filesystem\n"), 1);
    }
    if d.fs == FsType::Ext4 {
        return CommandOutput::fail(format!("xfs_growfs: {target} is not a mounted XFS filesystem\n"), 1);
    }
    if m.host.user != "root" {
        return CommandOutput::fail(
            "xfs_growfs: XFS_IOC_FSGROWFSDATA xfsctl failed: Operation not permitted\n",
            1,
        );
    }
    let old = blocks(d, d.fs_grown_to_gib);
    let new = blocks(d, d.part_grown_to_gib);
    let mut out = format!(
        "meta-data={part_dev:<22} isize=512    agcount=2, agsize={} blks\n         =                       sectsz=4096  attr=2, projid32bit=1\n         =                       crc=1        finobt=1, sparse=1, rmapbt=0\n         =                       reflink=1    bigtime=1 inobtcount=1 nrext64=0\ndata     =                       bsize=4096   blocks={old}, imaxpct=25\n         =                       sunit=128    swidth=128 blks\nnaming   =version 2              bsize=4096   ascii-ci=0, ftype=1\nlog      =internal log           bsize=4096   blocks=16384, version=2\n         =                       sectsz=4096  sunit=4 blks, lazy-count=1\nrealtime =none                   extsz=4096   blocks=0, rtextents=0\n",
        old.div_ceil(2)
    );
    if new > old {
        out.push_str(&format!("data blocks changed from {old} to {new}\n"));
        m.disk.fs_grown_to_gib = m.disk.part_grown_to_gib;
    }
    CommandOutput::ok(out)
}
