//! `facade/OPERATIONS.md` maps every operation of the spec to its facade method(s): a new operation
//! in the spec (after `cargo xtask gen`) fails here until it is wrapped and listed.

use spotify_sdk::operations::OPERATIONS;

#[test]
fn every_operation_is_listed_with_a_method() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/OPERATIONS.md")).unwrap();
    for op in OPERATIONS {
        let row = doc
            .lines()
            .find(|line| line.starts_with(&format!("| `{}` |", op.id)))
            .unwrap_or_else(|| panic!("{} is not listed in OPERATIONS.md", op.id));
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        assert_eq!(cells[2], format!("`{} {}`", op.method, op.path), "{row}");
        assert_eq!(
            cells[3] == "yes",
            op.deprecated,
            "deprecation of {}: {row}",
            op.id
        );
        assert!(
            cells[4].contains("`client."),
            "{} has no facade method: {row}",
            op.id
        );
    }
}
