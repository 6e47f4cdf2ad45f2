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
    for (file, ex) in lexicon::examples().into_iter().chain(grammar::examples()) {
        if std::env::var_os("CITELINT_PRINT_EXAMPLES").is_some() {
            eprintln!(
                "EXAMPLE\t{file}\t{}\t{}",
                ex.text,
                serde_json::to_string(&briefs(&ex.text)).unwrap()
            );
        }
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

fn only(body: &str) -> Mention {
    let doc = doc_of(body);
    let ms = extract_document(&doc, &NUMBERS);
    assert_eq!(ms.len(), 1, "{:?}", ms.iter().map(Mention::brief).collect::<Vec<_>>());
    ms.into_iter().next().unwrap()
}

#[test]
fn one_sentence_api_matches_the_document() {
    let doc = doc_of("Nothing here. About 600 U.S. troops serve in Kosovo. Later 1,200 U.S. troops left.");
    let all = extract_document(&doc, &NUMBERS);
    let i = doc
        .sentences
        .iter()
        .position(|s| doc.file.text[s.span.clone()].starts_with("About"))
        .unwrap();
    let one = extract_sentence(&doc, i, &NUMBERS);
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].brief(), all[0].brief());
    assert_eq!(one[0].sentence, i);
    assert!(extract_sentence(&doc, 0, &NUMBERS).is_empty(), "the title");
    assert!(extract_sentence(&doc, 999, &NUMBERS).is_empty(), "out of range");
    let m = &all[1];
    assert_eq!((m.line, m.column), (3, 60));
    // The span runs from the hedge to the predicate of the counted noun.
    assert_eq!(&doc.file.text[m.span.clone()], "1,200 U.S. troops left");
    assert!(m.polarity == Polarity::Asserted);
}

#[test]
fn time_scope_is_the_nearest_year_of_the_clause_else_the_article_date_never_another_clause() {
    let text = "Notes\n\nChecked on November 26, 2025\n\nAbout 600 U.S. troops serve in Kosovo. In 1999 some 7,000 U.S. troops deployed; today 600 U.S. troops remain. Since 1999, 600 U.S. troops rotated through Kosovo.\n";
    let doc = parse("t.txt", text.as_bytes(), Format::Plain, None, ParseOptions::default());
    let ms = extract_document(&doc, &NUMBERS);
    let times: Vec<(Option<u16>, bool)> = ms.iter().map(|m| (m.time.year, m.time.explicit)).collect();
    assert_eq!(
        times,
        [
            (Some(2025), false),
            (Some(1999), true),
            // The clause after ";" has no year of its own: the year of
            // another clause does not scope it.
            (Some(2025), false),
            // "since 1999" bounds a period: the article's date applies.
            (Some(2025), false),
        ]
    );
}

#[test]
fn chrome_questions_and_quotes_yield_nothing() {
    let text = "Keep Factually independent\nWe don't take money from political groups - even a $5 donation helps us keep it that way.\nFact check: did 5,000 U.S. troops leave\nAre 5,000 U.S. troops in Kosovo?\nIf you want, I can list the 600 U.S. troops by unit.\nWant to dive deeper?\nHow many of the 600 U.S. troops are in Kosovo\n";
    let doc = parse("t.txt", text.as_bytes(), Format::Plain, None, ParseOptions::default());
    let ms = extract_document(&doc, &NUMBERS);
    // Only the title's figure remains, as a claim under review.
    assert_eq!(
        ms.iter().map(Mention::brief).collect::<Vec<_>>(),
        ["5,000 U.S. troops leave | 4,500–5,500 | troop · claim"]
    );
}

#[test]
fn never_panics_and_skips_absurd_numbers() {
    for s in [
        "1e999 troops in Kosovo.",
        "999,999,999,999,999,999 U.S. troops serve in Kosovo.",
        "1234567890123456789012345678901234567890123456789012345 troops.",
        "٦٠٠ troops and ６００ soldiers and 𝟔𝟎𝟎 troops.",
        "$$$5 ~~~ ≈≈ 600+++ troops ---- 1.2.3.4 troops 0 troops 00000 troops.",
        "between and troops; from to; not not not thousands, hundreds of of of",
        "U.S.’s 1,200’s troops’ “600” ”troops“ ((600)) [600] troops",
        "\u{2011}600\u{2011}plus\u{2011} troops \u{202F}600\u{202F}000\u{202F} troops",
        "a a a a a hundred hundred thousand million billion trillion troops",
        "",
    ] {
        let _ = briefs(s);
    }
    let m = only("999,999,999,999,999,999 U.S. troops serve in Kosovo.");
    assert!(m.value.lo.is_finite() && m.value.hi.is_finite() && m.value.lo <= m.value.hi);
    assert!(briefs("1e999 troops in Kosovo.").is_empty());
    assert!(briefs("1234567890123456789012345678901234567890123456789012345 troops.").is_empty());

    // Pseudo-random bytes (a fixed LCG): no panic, spans index the text.
    let mut seed = 0x2545F4914F6CDD1Du64;
    let alphabet: Vec<char> = "0123456789,.;:-–—~+%$€ abcdefxyzUSKFORnot hundreds thousand about troops’“”()\n"
        .chars()
        .collect();
    for _ in 0..300 {
        let mut s = String::new();
        for _ in 0..120 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            s.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
        }
        let doc = doc_of(&s);
        for m in extract_document(&doc, &NUMBERS) {
            assert!(doc.file.text.get(m.span.clone()).is_some());
            assert!(!m.value.lo.is_nan() && m.value.lo <= m.value.hi);
        }
    }
}

#[test]
fn extraction_state_does_not_leak_between_sentences() {
    // The same sentence gives the same mention whatever came before it.
    let alone = briefs("About 600 U.S. troops serve in Kosovo.");
    let after = briefs("Posts falsely claimed 9,000 U.S. troops in Kosovo! About 600 U.S. troops serve in Kosovo.");
    assert_eq!(alone.last(), after.last());
}

#[test]
fn markers_urls_and_code_are_never_quantities() {
    let text = "# Troops\n\nSee https://example.org/600-troops/1200 and `600 troops` [3] [12].\n\n```\n1,200 U.S. troops\n```\n\nAbout 600 U.S. troops serve in Kosovo [4].\n";
    let doc = parse("t.md", text.as_bytes(), Format::Markdown, None, ParseOptions::default());
    let ms: Vec<String> = extract_document(&doc, &NUMBERS).iter().map(Mention::brief).collect();
    assert_eq!(ms, ["About 600 U.S. troops serve | 510–690 | troop"]);
}

#[test]
fn title_topic_ignores_link_addresses() {
    use super::doc_context::without_urls;
    let s = without_urls("_[See the impact](https://x.org/p?focus=a&region=uk)_ and http://y.org/q end");
    assert!(!s.contains("focus") && !s.contains("y.org"), "{s}");
    assert!(s.contains("See the impact") && s.contains("end"), "{s}");
    assert_eq!(without_urls("a httpd server"), "a httpd server");
}
