//! Inputs the fuzz targets (`fuzz/`) found, replayed through the same checks
//! on every `cargo test`. A file `tests/fuzz_regressions/<target>-<what>.bin`
//! is run through the target named by its prefix, with the input layout that
//! target documents in `fuzz/src/checks.rs`.

#[path = "../fuzz/src/checks.rs"]
mod checks;

use std::path::Path;

use citelint::document::{parse, Format, ParseOptions};

#[test]
fn every_saved_input_passes_its_target() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no saved inputs in {}", dir.display());
    for path in names {
        let data = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        let run: fn(&[u8]) = match name.split('-').next().unwrap() {
            "document" => checks::document,
            "markers" => checks::markers,
            "sources" => checks::sources,
            "quantity" => checks::quantity,
            other => panic!("{name}: unknown target {other}"),
        };
        // Report which file failed; the target's own message says why.
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "{name} fails its target's checks");
    }
}

/// The checks themselves must be able to fail: a document whose marker lies
/// outside the text is caught.
#[test]
fn the_checks_catch_a_broken_span() {
    let mut doc = parse(
        "x.txt",
        b"Rain fell [1].\n",
        Format::Plain,
        None,
        ParseOptions::default(),
    );
    doc.markers[0].span = 10..40;
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        checks::check_document(&doc, b"Rain fell [1].\n")
    }));
    assert!(caught.is_err());
}

/// document-leading-marker-outside-sentence.bin: `[2] Climate records
/// archive.` (a numbered line under no sources heading) is one sentence that
/// counts the marker as its own, so its span starts at the marker. Masking
/// had blanked the marker, and trimming the blank put the span after it.
#[test]
fn a_leading_marker_is_inside_its_sentence() {
    // (In a Markdown paragraph the `[2]` would end the sentence before it,
    // so the line stands alone there.)
    let text = "Fact check: heat.\nThe heatwave lasted nine days [1].\n\n[2] Climate records archive.\n";
    for format in [Format::Plain, Format::Markdown] {
        let doc = parse("x", text.as_bytes(), format, None, ParseOptions::default());
        let m = doc.markers.iter().position(|m| &text[m.span.clone()] == "[2]").unwrap();
        let s = doc.sentences.iter().find(|s| s.markers.contains(&m)).unwrap();
        assert_eq!(&text[s.span.clone()], "[2] Climate records archive.", "{format:?}");
    }
}

/// markers-unclosed-budget-inside-char.bin: an unclosed `[2` looks at most
/// 96 bytes ahead, and that budget could end inside a character.
#[test]
fn an_unclosed_bracket_before_long_non_ascii_text() {
    for (pad, ch) in [("", "é"), ("x", "é"), ("", "’"), ("x", "’"), ("xx", "’")] {
        let text = format!("Rain [2 {pad}{}\n", ch.repeat(60));
        for format in [Format::Plain, Format::Markdown] {
            let doc = parse("x", text.as_bytes(), format, None, ParseOptions::default());
            assert!(doc.markers.is_empty() && doc.malformed.is_empty(), "{text:?}");
        }
    }
}

/// sources-yaml-error-inside-char.bin: the YAML parser's error offset may
/// fall inside a character (here after invalid bytes became U+FFFD and a
/// `\r\n`); the front-matter finding must still be reported.
#[test]
fn a_yaml_error_offset_inside_a_character() {
    let cases: [&[u8]; 3] = [
        b"---\n\r\ntitle: \"r\x80\x80\x80[\x80\n---\nsources: [a, %\x80\x80\x80[\x80\n---\nBody.\n",
        "---\r\ntitle: é: ü: [\r\n---\nBody.\n".as_bytes(),
        "---\ntitle: \"ééé\nsources: [\u{2028}ü\n---\nBody.\n".as_bytes(),
    ];
    for bytes in cases {
        let doc = parse("x.md", bytes, Format::Markdown, None, ParseOptions::default());
        let p = doc
            .problems
            .iter()
            .find(|p| p.kind == citelint::document::ProblemKind::FrontMatter)
            .unwrap_or_else(|| panic!("no front-matter problem for {bytes:?}"));
        assert!(p.message.contains("not valid YAML"), "{}", p.message);
    }
}
