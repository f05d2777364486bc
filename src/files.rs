//! How sglint touches the file system: it reads only regular files, up to a size, never
//! from `/proc`, `/sys` or `/dev`, and follows a symbolic link only when it stays inside the tree
//! being linted; it writes only a regular file it was told to write, never through a link and
//! never over one of its inputs.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};

/// The largest `.tf`, `.tfvars` or `.tf.json` file read: far beyond any real configuration file,
/// small enough that reading and parsing it cannot exhaust memory.
pub const MAX_CONFIGURATION_FILE: u64 = 32 << 20;
/// The largest plan or state read (the largest real plans are a few hundred megabytes).
pub const MAX_PLAN_FILE: u64 = 512 << 20;
/// The largest `sglint.toml` read.
pub const MAX_SETTINGS_FILE: u64 = 1 << 20;
/// The largest baseline read.
pub const MAX_BASELINE_FILE: u64 = 256 << 20;

/// Reads a whole file, refusing what sglint must not read: a pipe, socket, device or directory
/// (reading a pipe waits for a writer, a device may never end), a file of the operating system
/// (`/proc`, `/sys`: they hold the process's environment and memory), and a file over `limit`
/// bytes. The error is a plain phrase to put after the file's name.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let file = open_for_reading(path).map_err(|e| format!("cannot read: {}", plain_io(&e)))?;
    let meta = file
        .metadata()
        .map_err(|e| format!("cannot read: {}", plain_io(&e)))?;
    if meta.is_dir() {
        return Err("is a directory".to_string());
    }
    if !meta.is_file() {
        return Err(NOT_REGULAR.to_string());
    }
    // Files of the kernel's file systems occupy no blocks (procfs says it holds 0 bytes, sysfs
    // 4,096): only such a file costs the look at its file system.
    if occupies_no_blocks(&meta) && is_system_file(&file) {
        return Err(SYSTEM_FILE.to_string());
    }
    if meta.len() > limit {
        return Err(too_large(meta.len(), limit));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // A file that grows while it is read is cut at the limit, and said to be too large.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {}", plain_io(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

/// Reads standard input, up to `limit` bytes.
pub fn read_stdin(limit: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {}", plain_io(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

const NOT_REGULAR: &str = "is not a regular file (a pipe, socket or device); sglint reads only \
                           regular files";
const SYSTEM_FILE: &str = "is a file of the operating system (under /proc or /sys), which sglint \
                           never reads";

fn too_large(len: u64, limit: u64) -> String {
    format!(
        "is {} MiB, more than the {} MiB sglint reads; it was not read",
        len.div_ceil(1 << 20),
        limit >> 20
    )
}

/// Opens without waiting: opening a pipe for reading blocks until a writer comes.
fn open_for_reading(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC);
    }
    options.open(path)
}

#[cfg(unix)]
fn occupies_no_blocks(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.blocks() == 0
}

#[cfg(not(unix))]
fn occupies_no_blocks(_meta: &std::fs::Metadata) -> bool {
    true
}

/// Whether an open file lives on a file system of the kernel's (procfs, sysfs), whatever path or
/// link led to it.
#[cfg(target_os = "linux")]
fn is_system_file(file: &File) -> bool {
    use std::os::fd::AsRawFd;
    const PROC_SUPER_MAGIC: i64 = 0x9fa0;
    const SYSFS_MAGIC: i64 = 0x6265_6572;
    let mut stat = std::mem::MaybeUninit::<libc::statfs>::uninit();
    // SAFETY: the descriptor is open for the whole call and `stat` is large enough.
    if unsafe { libc::fstatfs(file.as_raw_fd(), stat.as_mut_ptr()) } != 0 {
        return false;
    }
    // SAFETY: fstatfs succeeded, so it filled `stat`.
    // `f_type` is an i64 here, a u32 or an i32 on other architectures.
    #[allow(clippy::unnecessary_cast)]
    let kind = unsafe { stat.assume_init() }.f_type as i64;
    kind == PROC_SUPER_MAGIC || kind == SYSFS_MAGIC
}

#[cfg(not(target_os = "linux"))]
fn is_system_file(_file: &File) -> bool {
    false
}

/// Whether a path is a symbolic link.
pub fn is_link(path: &Path) -> bool {
    path.symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
}

/// Whether the real path of `path` (all links resolved) is inside the directory `inside`,
/// itself given as a real path.
pub fn stays_inside(path: &Path, inside: &Path) -> bool {
    std::fs::canonicalize(path).is_ok_and(|real| real.starts_with(inside))
}

/// The real path of a directory, or the path itself when it has none (it does not exist).
pub fn real_dir(dir: &Path) -> PathBuf {
    let listed = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    std::fs::canonicalize(listed).unwrap_or_else(|_| dir.to_path_buf())
}

/// Whether a directory entry is a file sglint may read when it finds it by itself: a regular
/// file, or a link to a regular file whose real path stays inside `inside` (a real path).
pub fn is_readable_entry(path: &Path, file_type: std::fs::FileType, inside: &Path) -> bool {
    file_type.is_file()
        || file_type.is_symlink()
            && std::fs::canonicalize(path)
                .is_ok_and(|real| real.starts_with(inside) && real.is_file())
}

/// Creates (or replaces the content of) the report or baseline file `path`, refusing a symbolic
/// link, a directory, a pipe, socket or device, and any of `inputs` (the files the run read), so
/// that a link committed where the report goes cannot redirect it.
pub fn create_output(path: &Path, inputs: &[PathBuf]) -> Result<File, String> {
    if let Ok(meta) = path.symlink_metadata() {
        if meta.file_type().is_symlink() {
            return Err(
                "is a symbolic link; sglint writes only to a regular file, never through a link"
                    .to_string(),
            );
        }
        if meta.is_dir() {
            return Err("is a directory".to_string());
        }
        if !meta.is_file() {
            return Err(
                "is not a regular file (a pipe, socket or device); sglint writes only \
                        to a regular file"
                    .to_string(),
            );
        }
        if let Ok(real) = std::fs::canonicalize(path)
            && inputs
                .iter()
                .any(|input| std::fs::canonicalize(input).is_ok_and(|i| i == real))
        {
            return Err("is one of the files this run reads; name another file".to_string());
        }
    }
    let mut options = OpenOptions::new();
    options.write(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A link or pipe put in its place after the checks above is still refused.
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC);
    }
    let file = options
        .open(path)
        .map_err(|e| format!("cannot write: {}", plain_io(&e)))?;
    match file.metadata() {
        Ok(meta) if meta.is_file() => {}
        _ => return Err("is not a regular file; sglint writes only to a regular file".to_string()),
    }
    file.set_len(0)
        .map_err(|e| format!("cannot write: {}", plain_io(&e)))?;
    Ok(file)
}

/// Writes `text` to `path` as [`create_output`] allows.
pub fn write_output(path: &Path, inputs: &[PathBuf], text: &[u8]) -> Result<(), String> {
    let mut file = create_output(path, inputs)?;
    file.write_all(text)
        .and_then(|()| file.flush())
        .map_err(|e| format!("cannot write: {}", plain_io(&e)))
}

/// An I/O error in plain words, without the OS error code.
pub fn plain_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ if e.raw_os_error() == Some(libc::ELOOP) => {
            "is a symbolic link, which sglint does not follow here".to_string()
        }
        _ if e.raw_os_error() == Some(libc::ENXIO) => {
            "is a pipe or socket with no reader".to_string()
        }
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

/// `path` without `.` and with each `..` applied, as written (symbolic links are not followed,
/// so a path inside the repository stays inside it).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The way from directory `base` to `path`, both absolute and normalized, with `..` where
/// `path` is not below `base`.
pub fn relative_to(base: &Path, path: &Path) -> PathBuf {
    let (mut base_parts, mut parts) = (base.components().peekable(), path.components().peekable());
    while let (Some(a), Some(b)) = (base_parts.peek(), parts.peek())
        && a == b
    {
        base_parts.next();
        parts.next();
    }
    base_parts
        .map(|_| Component::ParentDir)
        .chain(parts)
        .collect()
}

/// A relative path with `/` separators, whatever the platform.
pub fn slashes(path: &Path) -> String {
    let parts: Vec<_> = path.iter().map(|p| p.to_string_lossy()).collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.tf");
        let file = File::create(&path).unwrap();
        file.set_len(3 << 20).unwrap();
        let error = read(&path, 1 << 20).unwrap_err();
        assert_eq!(
            error,
            "is 3 MiB, more than the 1 MiB sglint reads; it was not read"
        );
        assert_eq!(read(&path, 4 << 20).unwrap().len(), 3 << 20);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn procfs_is_never_read_whatever_leads_there() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("sglint.toml");
        std::os::unix::fs::symlink("/proc/self/environ", &link).unwrap();
        assert_eq!(read(&link, 1 << 20).unwrap_err(), SYSTEM_FILE);
        assert_eq!(
            read(Path::new("/proc/self/status"), 1 << 20).unwrap_err(),
            SYSTEM_FILE
        );
        assert_eq!(
            read(Path::new("/dev/null"), 1 << 20).unwrap_err(),
            NOT_REGULAR
        );
    }

    #[test]
    fn output_is_never_written_through_a_link_or_over_an_input() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let link = dir.path().join("report.md");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        assert!(
            write_output(&link, &[], b"x")
                .unwrap_err()
                .contains("symbolic link")
        );
        assert!(
            write_output(&victim, std::slice::from_ref(&victim), b"x")
                .unwrap_err()
                .contains("reads")
        );
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        let fresh = dir.path().join("fresh.md");
        write_output(&fresh, std::slice::from_ref(&victim), b"longer text").unwrap();
        write_output(&fresh, &[victim], b"short").unwrap();
        assert_eq!(std::fs::read_to_string(&fresh).unwrap(), "short");
    }

    #[test]
    fn relative_paths_climb_out_of_the_base_with_dot_dot() {
        let relative =
            |base: &str, path: &str| slashes(&relative_to(Path::new(base), Path::new(path)));
        assert_eq!(relative("/repo", "/repo/infra/main.tf"), "infra/main.tf");
        assert_eq!(relative("/repo/infra", "/repo/main.tf"), "../main.tf");
        assert_eq!(relative("/repo/a/b", "/repo/c/main.tf"), "../../c/main.tf");
        assert_eq!(relative("/", "/main.tf"), "main.tf");
        assert_eq!(
            normalize(Path::new("/repo/./infra/../main.tf")),
            Path::new("/repo/main.tf")
        );
    }
}
