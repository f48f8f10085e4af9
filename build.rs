//! Embeds the shipped curriculum: every `.toml` under `content/` and every file under
//! `assets/` becomes an entry of `EMBEDDED`, keyed by its path relative to the content root
//! (`topics/lambda.toml`, `assets/thumbnail-pipeline.txt`).
//!
//! It also embeds `src/content/builtin.bin`, the validated course that the tests compiled
//! from those files, with the fingerprint of the files it was compiled from, so that the
//! program can tell at start-up whether it is still the course of the embedded text (see
//! `src/content/builtin.rs`). A build script cannot run the crate's validation, so the
//! compiling is done by a test; here it is only checked, and a stale copy is named.
//!
//! Also sets `CLOUDCRAM_CONTENT_AS_OF`, the newest `as_of` date of `content/pricing.toml`, for
//! `--version`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Where the compiled course is kept, relative to the crate root.
const COMPILED: &str = "src/content/builtin.bin";

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

/// FNV-1a over each file's key and text, lengths first so that no two lists hash alike by
/// moving bytes from one file to the next. Not for security: it tells a stale copy.
fn fingerprint(files: &[(String, Vec<u8>)]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for (key, text) in files {
        eat(&(key.len() as u64).to_le_bytes());
        eat(key.as_bytes());
        eat(&(text.len() as u64).to_le_bytes());
        eat(text);
    }
    h
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=assets");
    println!("cargo:rerun-if-changed={COMPILED}");
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
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out.join("embedded.rs"), code).unwrap();

    let texts: Vec<(String, Vec<u8>)> =
        files.iter().map(|(key, path)| (key.clone(), std::fs::read(path).unwrap())).collect();
    let fingerprint = fingerprint(&texts);
    let compiled = root.join(COMPILED);
    let recorded = std::fs::read(&compiled).ok().and_then(|b| Some(u64::from_le_bytes(b.get(..8)?.try_into().ok()?)));
    if recorded != Some(fingerprint) {
        println!(
            "cargo:warning=the built-in content changed since {COMPILED} was compiled from it, so this build \
             validates it at every start (slower); `UPDATE_BUILTIN=1 cargo test --lib builtin` compiles it again"
        );
    }
    let bytes = if compiled.exists() {
        format!("include_bytes!({:?})", compiled.display().to_string())
    } else {
        "&[]".to_string()
    };
    let code = format!(
        "/// The fingerprint of `EMBEDDED`'s files, as build.rs computes it.\n\
         #[allow(clippy::unreadable_literal)]\n\
         pub(crate) const FINGERPRINT: u64 = {fingerprint:#x};\n\
         /// {COMPILED}: the fingerprint it was compiled from (8 bytes, little-endian), then the course.\n\
         pub(crate) static COMPILED: &[u8] = {bytes};\n"
    );
    std::fs::write(out.join("builtin.rs"), code).unwrap();

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
