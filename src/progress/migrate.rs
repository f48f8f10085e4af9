//! Schema versions of the progress file and the path from older ones to the current one.
//!
//! A file states its `schema`. One this cloudcram knows is read as it is. An older one is
//! brought up to date in memory, one version at a time, by the functions in [`MIGRATIONS`]
//! (the file on disk changes only at the next save, and the old file is kept as
//! `progress.toml.bak` then). A newer one is refused and never overwritten.
//!
//! To change the format: bump [`CURRENT_SCHEMA`], add a function to [`MIGRATIONS`] that turns
//! a document of the previous version into the new one, teach `parse` and `write` the new
//! shape, and add a test that loads a file of the old version.

use toml::Table;

/// The schema this cloudcram reads and writes.
pub const CURRENT_SCHEMA: u32 = 1;

/// Turns a document of schema `n` into schema `n + 1`. `Err` says what could not be carried
/// over.
pub type Migration = fn(&mut Table) -> Result<(), String>;

/// `MIGRATIONS[i]` upgrades schema `i + 1` to `i + 2`. Schema 1 is the first, so there are
/// none yet.
pub const MIGRATIONS: &[Migration] = &[];

/// Upgrades `text` of schema `from` through `migrations` (which end at schema
/// `from + migrations.len()`), returning the migrated document as TOML text.
pub fn migrate_with(text: &str, from: u32, migrations: &[Migration]) -> Result<String, String> {
    let mut table: Table = text.parse().map_err(|e: toml::de::Error| e.message().to_string())?;
    let first = usize::try_from(from).ok().and_then(|f| f.checked_sub(1)).ok_or("schema 0 does not exist")?;
    let steps = migrations.get(first..).ok_or_else(|| format!("no way to migrate from schema {from}"))?;
    for (step, n) in steps.iter().zip(from..) {
        step(&mut table).map_err(|e| format!("migrating from schema {n} to {}: {e}", n + 1))?;
        table.insert("schema".into(), toml::Value::Integer(i64::from(n) + 1));
    }
    toml::to_string(&table).map_err(|e| e.to_string())
}

/// Upgrades `text` of schema `from` to [`CURRENT_SCHEMA`].
pub fn migrate(text: &str, from: u32) -> Result<String, String> {
    migrate_with(text, from, MIGRATIONS)
}

#[cfg(test)]
mod tests {
    use super::*;

    // A made-up history to exercise the path: schema 1 called ratings `grade` 1-4, schema 2
    // names them, schema 3 adds a settings table.
    fn v1_to_v2(t: &mut Table) -> Result<(), String> {
        for review in t.get_mut("review").and_then(toml::Value::as_array_mut).into_iter().flatten() {
            let review = review.as_table_mut().ok_or("a review is not a table")?;
            let grade = review.remove("grade").and_then(|g| g.as_integer()).ok_or("a review has no grade")?;
            let name = ["again", "hard", "good", "easy"].get((grade - 1) as usize).ok_or("grade out of range")?;
            review.insert("rating".into(), toml::Value::String((*name).into()));
        }
        Ok(())
    }

    fn v2_to_v3(t: &mut Table) -> Result<(), String> {
        let settings = t.entry("settings").or_insert_with(|| toml::Value::Table(Table::new()));
        if settings.is_table() { Ok(()) } else { Err("settings is not a table".into()) }
    }

    const OLD: &str = "schema = 1\n[[review]]\ncard = \"a.x\"\nat = 2026-01-01T00:00:00Z\ngrade = 3\n";

    #[test]
    fn an_old_file_is_carried_through_every_step() {
        let out = migrate_with(OLD, 1, &[v1_to_v2, v2_to_v3]).unwrap();
        let t: Table = out.parse().unwrap();
        assert_eq!(t["schema"].as_integer(), Some(3));
        assert_eq!(t["review"][0]["rating"].as_str(), Some("good"));
        assert!(t["review"][0].get("grade").is_none());
        assert!(t["settings"].is_table());
        // From the middle of the history only the later steps run.
        let mid = "schema = 2\n[[review]]\ncard = \"a.x\"\nat = 2026-01-01T00:00:00Z\nrating = \"easy\"\n";
        let t: Table = migrate_with(mid, 2, &[v1_to_v2, v2_to_v3]).unwrap().parse().unwrap();
        assert_eq!(t["review"][0]["rating"].as_str(), Some("easy"));
    }

    #[test]
    fn a_step_that_fails_says_which() {
        let bad = OLD.replace("grade = 3", "grade = 9");
        let err = migrate_with(&bad, 1, &[v1_to_v2, v2_to_v3]).unwrap_err();
        assert_eq!(err, "migrating from schema 1 to 2: grade out of range");
    }

    #[test]
    fn the_current_schema_needs_no_step() {
        assert_eq!(MIGRATIONS.len() + 1, CURRENT_SCHEMA as usize);
        let out = migrate("schema = 1\n", 1).unwrap();
        assert_eq!(out.trim(), "schema = 1");
        assert!(migrate("schema = 0\n", 0).is_err());
    }
}
