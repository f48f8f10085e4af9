//! Where content comes from: the copy embedded at build time, or a directory on disk.
//!
//! Both become the same thing: a map from a path relative to the content root
//! (`pricing.toml`, `topics/lambda.toml`, `assets/thumbnail-pipeline.txt`) to the file's text,
//! or to the reason it could not be read. Validation then works the same for either.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Content files larger than this are refused unread.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// The most files read from a content directory (the shipped course has 20).
pub const MAX_FILES: usize = 500;
/// The most bytes read from a content directory in all (the shipped course has 0.4 MiB).
pub const MAX_TOTAL_BYTES: u64 = 32 * 1024 * 1024;
/// The most directory entries the walk looks at, content or not.
pub const MAX_ENTRIES: usize = 10_000;
/// The most folders deep the walk goes inside `assets/`.
pub const MAX_DEPTH: usize = 8;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// One content file as found.
#[derive(Debug, Clone)]
pub enum FileText {
    Text(String),
    TooLarge(u64),
    NotUtf8,
    Unreadable(String),
    /// A link or path that resolves outside the directory it was found in.
    Outside,
    /// Not read, for the reason given: not a regular file, a loop, a limit of the walk.
    Refused(String),
    /// Not read because the walk had reached a limit (reported once, as a `Refused`).
    Skipped,
}

/// A file that would take the directory past [`MAX_TOTAL_BYTES`].
struct OverTotal;

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path shown to the user in messages.
    pub display: String,
    pub text: FileText,
}

/// A whole content tree, keyed by path relative to the content root.
#[derive(Debug, Clone)]
pub struct ContentSource {
    /// How to name this source to the user ("built-in content" or the directory).
    pub label: String,
    pub files: BTreeMap<String, SourceFile>,
}

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("content directory {}: not found or not a directory", shown(.0))]
    NotADirectory(PathBuf),
    #[error("content directory {}: {err}", shown(path))]
    Io { path: PathBuf, err: std::io::Error },
}

/// A path as it may be printed: a directory's name is text from outside too.
fn shown(path: &Path) -> String {
    crate::fmt::escape(&path.display().to_string()).into_owned()
}

impl ContentSource {
    /// The curriculum built into this binary.
    pub fn embedded() -> Self {
        let files = EMBEDDED
            .iter()
            .map(|(key, text)| {
                let file = SourceFile { display: (*key).to_string(), text: FileText::Text((*text).to_string()) };
                ((*key).to_string(), file)
            })
            .collect();
        Self { label: "built-in content".into(), files }
    }

    /// Content held in memory, keyed like the embedded files (for tests and tools).
    pub fn from_memory(label: &str, files: impl IntoIterator<Item = (String, String)>) -> Self {
        let files = files
            .into_iter()
            .map(|(key, text)| {
                let text = if text.len() as u64 > MAX_FILE_BYTES {
                    FileText::TooLarge(text.len() as u64)
                } else {
                    FileText::Text(text)
                };
                (key.clone(), SourceFile { display: key, text })
            })
            .collect();
        Self { label: label.to_string(), files }
    }

    /// A content directory laid out like the repository's `content/`. Art comes from
    /// `DIR/assets/`, or from the `assets/` beside `DIR` when it has none.
    ///
    /// The directory is untrusted: only regular files are read, and at most
    /// [`MAX_FILE_BYTES`] + 1 bytes of each whatever its size says; a link that leads out of
    /// the content directory (or out of `assets/`) is refused, and so are FIFOs, devices and
    /// sockets, unopened; the walk stops at [`MAX_ENTRIES`] directory entries, [`MAX_FILES`]
    /// files, [`MAX_TOTAL_BYTES`] in all and [`MAX_DEPTH`] folders deep. Each refusal is an
    /// entry of `files` that validation reports.
    pub fn from_dir(dir: &Path) -> Result<Self, SourceError> {
        if !dir.is_dir() {
            return Err(SourceError::NotADirectory(dir.to_path_buf()));
        }
        let root = dir.canonicalize().map_err(|err| SourceError::Io { path: dir.to_path_buf(), err })?;
        let mut walk = Walk { files: BTreeMap::new(), entries: 0, read: 0, bytes: 0, stopped: false };
        for name in ["pricing.toml", "generated.toml"] {
            let path = dir.join(name);
            if path.symlink_metadata().is_ok() {
                walk.file(name.to_string(), &path, &root);
            }
        }
        for sub in ["topics", "diagrams"] {
            let Some(sub_dir) = walk.folder(&dir.join(sub), sub, &root) else { continue };
            for (path, name) in walk.list(&sub_dir, sub)? {
                let is_dir = path.symlink_metadata().is_ok_and(|m| m.is_dir());
                if Path::new(&name).extension().is_some_and(|e| e == "toml") && !is_dir {
                    walk.file(format!("{sub}/{name}"), &path, &root);
                }
            }
        }
        let inside = dir.join("assets");
        if inside.symlink_metadata().is_ok() {
            if let Some(assets) = walk.folder(&inside, "assets", &root) {
                walk.assets(&assets, "assets", 0, &mut Vec::new())?;
            }
        } else {
            // The repository's layout: content/ and assets/ side by side. Taken only as a real
            // directory; a link there could lead anywhere.
            let beside = dir.join("..").join("assets");
            if beside.symlink_metadata().is_ok_and(|m| m.is_dir())
                && let Ok(assets) = beside.canonicalize()
            {
                walk.assets(&assets, "assets", 0, &mut Vec::new())?;
            }
        }
        Ok(Self { label: dir.display().to_string(), files: walk.files })
    }

    pub fn text(&self, key: &str) -> Option<&FileText> {
        self.files.get(key).map(|f| &f.text)
    }

    /// Keys under a folder (`topics/`, `diagrams/`), sorted.
    pub fn keys_under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.files.keys().map(String::as_str).filter(move |k| {
            k.strip_prefix(prefix).is_some_and(|name| {
                !name.contains('/') && Path::new(name).extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"))
            })
        })
    }
}

/// A directory walk in progress, with what it has used of its limits.
struct Walk {
    files: BTreeMap<String, SourceFile>,
    /// Directory entries looked at, of [`MAX_ENTRIES`].
    entries: usize,
    /// Files read, of [`MAX_FILES`].
    read: usize,
    /// Bytes read, of [`MAX_TOTAL_BYTES`].
    bytes: u64,
    /// A limit was reached (and reported once): nothing more is read, only named.
    stopped: bool,
}

impl Walk {
    /// Stops the walk with one message, filed under `key`.
    fn stop(&mut self, key: String, path: &Path, message: String) {
        if !self.stopped {
            self.stopped = true;
            self.files
                .insert(key, SourceFile { display: path.display().to_string(), text: FileText::Refused(message) });
        }
    }

    /// The entries of a directory (sorted), counted against [`MAX_ENTRIES`].
    fn list(&mut self, dir: &Path, key: &str) -> Result<Vec<(PathBuf, String)>, SourceError> {
        let io = |err| SourceError::Io { path: dir.to_path_buf(), err };
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(io)? {
            if self.entries > MAX_ENTRIES {
                break;
            }
            self.entries += 1;
            if self.entries > MAX_ENTRIES {
                let message = format!(
                    "the walk met more than {} directory entries; a content directory may hold at most that many: remove what is not content",
                    crate::fmt::num(MAX_ENTRIES as f64)
                );
                self.stop(format!("{key}/"), dir, message);
                break;
            }
            let Ok(entry) = entry else { continue };
            out.push((entry.path(), entry.file_name().to_string_lossy().into_owned()));
        }
        out.sort();
        Ok(out)
    }

    /// `path` as a directory to walk (canonical): itself, or where its link leads if that is
    /// inside `root`. A link out is refused (filed under `key`); anything else but a directory is
    /// passed over.
    fn folder(&mut self, path: &Path, key: &str, root: &Path) -> Option<PathBuf> {
        let meta = path.symlink_metadata().ok()?;
        if meta.is_dir() {
            return path.canonicalize().ok();
        }
        if !meta.file_type().is_symlink() {
            return None;
        }
        let refuse = |walk: &mut Self, text: FileText| {
            walk.files.insert(format!("{key}/"), SourceFile { display: path.display().to_string(), text });
            None
        };
        match path.canonicalize() {
            Err(e) => refuse(self, FileText::Unreadable(e.to_string())),
            Ok(target) if !target.starts_with(root) => refuse(
                self,
                FileText::Refused(
                    "this link leads outside the content directory; replace it with the folder itself".into(),
                ),
            ),
            Ok(target) if target.is_dir() => Some(target),
            Ok(_) => None,
        }
    }

    /// Every file under `dir` (canonical), keyed under `prefix`; folders at most
    /// [`MAX_DEPTH`] deep, each walked once however many links lead to it.
    fn assets(&mut self, dir: &Path, prefix: &str, depth: usize, seen: &mut Vec<PathBuf>) -> Result<(), SourceError> {
        let root = seen.first().cloned().unwrap_or_else(|| dir.to_path_buf());
        seen.push(dir.to_path_buf());
        for (path, name) in self.list(dir, prefix)? {
            let key = format!("{prefix}/{name}");
            let Ok(meta) = path.symlink_metadata() else { continue };
            // A link is followed only to a folder inside assets/ not walked yet.
            let target = if meta.file_type().is_symlink() {
                match path.canonicalize() {
                    Ok(t) if t.is_dir() && t.starts_with(&root) => Some(t),
                    Ok(t) if t.is_dir() => {
                        self.insert(&key, &path, FileText::Outside);
                        continue;
                    }
                    _ => None,
                }
            } else if meta.is_dir() {
                Some(path.clone())
            } else {
                None
            };
            match target {
                Some(t) if seen.contains(&t) => {
                    let message = "this folder is reached again through a link (a loop); remove the link".to_string();
                    self.insert(&key, &path, FileText::Refused(message));
                }
                Some(_) if depth + 1 > MAX_DEPTH => {
                    let message = format!("folders in assets/ may be at most {MAX_DEPTH} deep; move this one up");
                    self.insert(&key, &path, FileText::Refused(message));
                }
                Some(t) => self.assets(&t, &key, depth + 1, seen)?,
                None => self.file(key, &path, &root),
            }
        }
        seen.pop();
        Ok(())
    }

    fn insert(&mut self, key: &str, path: &Path, text: FileText) {
        self.files.insert(key.to_string(), SourceFile { display: path.display().to_string(), text });
    }

    /// Reads one file as `key`, within the limits, if it is a regular file inside `root`.
    fn file(&mut self, key: String, path: &Path, root: &Path) {
        if self.stopped {
            // Named, so that what refers to it is not told it does not exist.
            self.insert(&key, path, FileText::Skipped);
            return;
        }
        if self.read >= MAX_FILES {
            let message = format!(
                "the content directory has more than {MAX_FILES} files; at most {MAX_FILES} are read: remove some"
            );
            self.stop(key, path, message);
            return;
        }
        let Ok(text) = read_file(path, root, MAX_TOTAL_BYTES - self.bytes) else {
            let message = format!(
                "the content directory holds more than {} MiB of files; at most that much is read: remove some",
                MAX_TOTAL_BYTES / (1024 * 1024)
            );
            self.stop(key, path, message);
            return;
        };
        if let FileText::Text(t) = &text {
            self.read += 1;
            self.bytes += t.len() as u64;
        }
        self.insert(&key, path, text);
    }
}

/// What kind of thing other than a regular file `t` is, in words.
fn kind_of(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if t.is_dir() { "a directory" } else { "not a regular file" }
}

/// Reads one file: only a regular file inside `root` (a link is followed only when it
/// stays inside), at most [`MAX_FILE_BYTES`] + 1 bytes of it whatever its size says, and at
/// most `budget` bytes.
fn read_file(path: &Path, root: &Path, budget: u64) -> Result<FileText, OverTotal> {
    use std::io::Read;
    let target = match path.canonicalize() {
        Ok(t) => t,
        // A loop of links, or a link to nothing.
        Err(e) => return Ok(FileText::Unreadable(e.to_string())),
    };
    if !target.starts_with(root) {
        return Ok(FileText::Outside);
    }
    // The kind is checked before the file is opened: opening a FIFO waits for a writer.
    let meta = match std::fs::metadata(&target) {
        Ok(m) => m,
        Err(e) => return Ok(FileText::Unreadable(e.to_string())),
    };
    if !meta.is_file() {
        return Ok(FileText::Refused(format!(
            "this is {}; content files must be regular files, so it was not opened",
            kind_of(meta.file_type())
        )));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Ok(FileText::TooLarge(meta.len()));
    }
    if meta.len() > budget {
        return Err(OverTotal);
    }
    let mut file = match std::fs::File::open(&target) {
        Ok(f) => f,
        Err(e) => return Ok(FileText::Unreadable(e.to_string())),
    };
    // Swapped for something else since it was looked at?
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Ok(FileText::Refused("this changed into something other than a regular file while read".into()));
    }
    let mut bytes = Vec::new();
    if let Err(e) = (&mut file).take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes) {
        return Ok(FileText::Unreadable(e.to_string()));
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        // It grew since its size was read (or its size was never true, as in /proc).
        return Ok(FileText::TooLarge(meta.len().max(bytes.len() as u64)));
    }
    if bytes.len() as u64 > budget {
        return Err(OverTotal);
    }
    Ok(String::from_utf8(bytes).map_or(FileText::NotUtf8, FileText::Text))
}
