//! Extraction tests: the examples every data file carries, then behaviour
//! that the examples do not pin down.

use super::*;
use crate::document::{parse, Format, ParseOptions};

/// Parses `body` as the text of an article titled "Example draft" (a title
/// without owners or places, so nothing is inherited from it).
fn doc_of(body: &str) -> crate::document::Document {
    let text = format!("Example draft\n\n{body}\n");
    parse("t.txt", text.as_bytes(), Format::Plain, None, ParseOptions::default())
}

fn briefs(body: &str) -> Vec<String> {
    let doc = doc_of(body);
    extract_document(&doc, &NUMBERS).iter().map(Mention::brief).collect()
}

#[test]
fn data_file_examples() {
    let mut failures = Vec::new();
    for (file, ex) in lexicon::examples() {
        let got = briefs(&ex.text);
        if got != ex.mentions {
            failures.push(format!(
                "rules/numbers/{file}: {:?}\n  want {:#?}\n  got  {:#?}",
                ex.text, ex.mentions, got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
