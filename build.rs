//! Embeds the shipped curriculum: every `.toml` under `content/` and every file under
//! `assets/` becomes an entry of `EMBEDDED`, keyed by its path relative to the content root
//! (`topics/lambda.toml`, `assets/thumbnail-pipeline.txt`). Also sets
//! `CLOUDCRAM_CONTENT_AS_OF`, the newest `as_of` date of `content/pricing.toml`, for
//! `--version`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, key_prefix: &str, want: &dyn Fn(&Path) -> bool, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let key = if key_prefix.is_empty() { name.clone() } else { format!("{key_prefix}/{name}") };
        if path.is_dir() {
            collect(&path, &key, want, out);
        } else if want(&path) {
            out.push((key, path));
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=assets");
    let mut files = Vec::new();
    collect(&root.join("content"), "", &|p| p.extension().is_some_and(|e| e == "toml"), &mut files);
    collect(&root.join("assets"), "assets", &|_| true, &mut files);
    let mut code = String::from(
        "/// The built-in content: (path relative to the content root, text).\npub static EMBEDDED: &[(&str, &str)] = &[\n",
    );
    for (key, path) in &files {
        writeln!(code, "    ({key:?}, include_str!({:?})),", path.display().to_string()).unwrap();
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    std::fs::write(out, code).unwrap();

    let pricing = std::fs::read_to_string(root.join("content/pricing.toml")).unwrap_or_default();
    let as_of = newest_as_of(&pricing).unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=CLOUDCRAM_CONTENT_AS_OF={as_of}");
}

/// The newest `as_of = YYYY-MM-DD` of the price book: the edition of the built-in content.
/// A line scan, not a TOML parse: the build needs no parser, and `validate` (and the tests)
/// check the dates themselves; a line this does not recognise is simply not counted.
fn newest_as_of(pricing: &str) -> Option<String> {
    pricing
        .lines()
        .filter_map(|line| {
            let (key, value) = line.split_once('=')?;
            let date = value.trim().get(..10)?;
            let shaped =
                date.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
            (key.trim() == "as_of" && shaped).then(|| date.to_string())
        })
        .max()
}
