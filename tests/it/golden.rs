//! Golden snapshots of the full result, as users get it, on articles we wrote
//! ourselves (tests/articles). Review changes with `cargo insta review`.

use newslens::{analyze, Offsets, Output};

#[test]
fn articles() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/articles");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/articles exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 5, "at least five articles");
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("articles are UTF-8");
        let doc = analyze(&text);
        crate::invariants::spans(&doc);
        crate::invariants::summary(&doc);
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::assert_json_snapshot!(name, Output::new(&doc, Offsets::Chars));
    }
}
