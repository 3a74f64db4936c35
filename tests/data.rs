//! `src/data/README.md` is the record of the data compiled into the library: every file under
//! `src/data/` has a row there, and the committed entity model is the one whose sha256 (and dev
//! score) it records, so a retrained or replaced model cannot land unrecorded.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/data")
}

fn readme() -> String {
    std::fs::read_to_string(data_dir().join("README.md")).expect("src/data/README.md")
}

/// The sha256 recorded for `file` on a line "`FILE` sha256: `HEX`".
fn recorded_sha256<'r>(readme: &'r str, file: &str) -> Option<&'r str> {
    let prefix = format!("`{file}` sha256: `");
    let rest = readme.lines().find_map(|line| line.strip_prefix(prefix.as_str()))?;
    let hex = rest.split('`').next()?;
    (hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit())).then_some(hex)
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Every trained file: its weights come from a seeded command, so the README records what the
/// command wrote and a silent change of the weights fails here.
const MODELS: &[&str] = &["ner/model.bin", "attribution/model.bin", "attribution/linker.tsv", "quote_kinds.tsv"];

#[test]
fn the_committed_models_are_the_ones_the_readme_records() {
    let readme = readme();
    for file in MODELS {
        let recorded =
            recorded_sha256(&readme, file).unwrap_or_else(|| panic!("src/data/README.md records \"`{file}` sha256: `<64 hex digits>`\""));
        let model = std::fs::read(data_dir().join(file)).unwrap_or_else(|e| panic!("src/data/{file}: {e}"));
        assert_eq!(
            sha256_hex(&model),
            recorded,
            "src/data/{file} is not the model src/data/README.md records: after retraining, record its \
             sha256 and its scores there (the README says how to measure them)"
        );
    }
}

#[test]
fn every_data_file_has_a_row_in_the_readme() {
    let readme = readme();
    let mut missing = Vec::new();
    let mut dirs = vec![data_dir()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src/data").map(|e| e.expect("a directory entry")) {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let name = path.strip_prefix(data_dir()).expect("under src/data").to_string_lossy().replace('\\', "/");
            if name != "README.md" && !readme.contains(&format!("| `{name}` |")) {
                missing.push(name);
            }
        }
    }
    assert!(missing.is_empty(), "src/data/README.md has no row for {missing:?}: say whether each is hand-edited or generated, and how");
}

#[test]
fn the_recorded_sha256_is_read_from_its_own_line_only() {
    let hex = "ab".repeat(32);
    let readme = format!("| `ner/model.bin` | generated |\n`ner/model.bin` sha256: `{hex}`\n");
    assert_eq!(recorded_sha256(&readme, "ner/model.bin"), Some(hex.as_str()));
    assert_eq!(recorded_sha256(&readme, "other.bin"), None);
    assert_eq!(recorded_sha256("`ner/model.bin` sha256: `abc`", "ner/model.bin"), None, "too short");
}
