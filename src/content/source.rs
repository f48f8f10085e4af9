//! Where content comes from: the copy embedded at build time, or a directory on disk.
//!
//! Both become the same thing: a map from a path relative to the content root
//! (`pricing.toml`, `topics/lambda.toml`, `assets/thumbnail-pipeline.txt`) to the file's text,
//! or to the reason it could not be read. Validation then works the same for either.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Content files larger than this are refused unread.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

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
}

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
    pub fn from_dir(dir: &Path) -> Result<Self, SourceError> {
        if !dir.is_dir() {
            return Err(SourceError::NotADirectory(dir.to_path_buf()));
        }
        let mut files = BTreeMap::new();
        for name in ["pricing.toml", "generated.toml"] {
            let path = dir.join(name);
            if path.exists() {
                files.insert(name.to_string(), read_file(&path, dir));
            }
        }
        for sub in ["topics", "diagrams"] {
            let sub_dir = dir.join(sub);
            if sub_dir.is_dir() {
                for path in list_dir(&sub_dir)? {
                    if path.extension().is_some_and(|e| e == "toml") && !path.is_dir() {
                        let name = path.file_name().unwrap_or_default().to_string_lossy();
                        files.insert(format!("{sub}/{name}"), read_file(&path, dir));
                    }
                }
            }
        }
        let assets = [dir.join("assets"), dir.join("..").join("assets")].into_iter().find(|p| p.is_dir());
        if let Some(assets) = assets {
            collect_assets(&assets, &assets, "assets", &mut files)?;
        }
        Ok(Self { label: dir.display().to_string(), files })
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

fn list_dir(dir: &Path) -> Result<Vec<PathBuf>, SourceError> {
    let io = |err| SourceError::Io { path: dir.to_path_buf(), err };
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(dir).map_err(io)?.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    Ok(paths)
}

fn collect_assets(
    root: &Path,
    dir: &Path,
    prefix: &str,
    files: &mut BTreeMap<String, SourceFile>,
) -> Result<(), SourceError> {
    for path in list_dir(dir)? {
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let key = format!("{prefix}/{name}");
        if path.is_dir() {
            collect_assets(root, &path, &key, files)?;
        } else {
            files.insert(key, read_file(&path, root));
        }
    }
    Ok(())
}

/// Reads one file, refusing files over the size limit and links that lead out of `root`.
fn read_file(path: &Path, root: &Path) -> SourceFile {
    let display = path.display().to_string();
    let inside = match (path.canonicalize(), root.canonicalize()) {
        (Ok(p), Ok(r)) => p.starts_with(r),
        _ => true,
    };
    let text = if inside {
        match std::fs::metadata(path) {
            Err(e) => FileText::Unreadable(e.to_string()),
            Ok(meta) if meta.len() > MAX_FILE_BYTES => FileText::TooLarge(meta.len()),
            Ok(_) => match std::fs::read(path) {
                Err(e) => FileText::Unreadable(e.to_string()),
                Ok(bytes) => String::from_utf8(bytes).map_or(FileText::NotUtf8, FileText::Text),
            },
        }
    } else {
        FileText::Outside
    };
    SourceFile { display, text }
}
