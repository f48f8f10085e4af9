//! Embeds the shipped curriculum: every `.toml` under `content/` and every file under
//! `assets/` becomes an entry of `EMBEDDED`, keyed by its path relative to the content root
//! (`topics/lambda.toml`, `assets/thumbnail-pipeline.txt`).

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
}
