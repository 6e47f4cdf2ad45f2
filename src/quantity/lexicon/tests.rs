//! The compiled-in tables load and their phrase matching.

use super::compile::combined_regex;
use super::*;
use crate::quantity::token;

#[test]
fn compiled_in_tables_load() {
    let lex = &**NUMBERS;
    assert!(lex.measure_defs.iter().any(|m| &*m.name == "personnel"));
    assert!(lex.entity_defs.iter().any(|e| &*e.name == "US"));
    assert!(lex.may_contain_quantity("several hundred troops"));
    assert!(
        !lex.triggers_overlap,
        "the shipped number and vague words are ASCII letters"
    );
    assert!(!lex.may_contain_quantity("Attention, often and tender."));
    assert!(lex.may_contain_quantity("A quarter of them left."));
    assert!(lex.may_contain_quantity("Attention: “ten” of them."));
    assert!(lex.may_contain_quantity("Six soldiers"));
    assert!(!lex.may_contain_quantity("No quantity here at all."));
    assert!(!lex.may_contain_quantity("In 2025, Washington suspended talks (1998–2008)."));
    assert!(lex.may_contain_quantity("The base housed 2025 troops."));
    assert!(lex.may_contain_quantity("In 2025 600 troops left."));
    assert!(lex.may_contain_quantity("KFOR 34 flew."));
    assert!(lex.may_contain_quantity("It cost $2025."));
    assert!(!lex.may_contain_quantity("3. Tensions in Germany drew attention"));
    assert!(lex.may_contain_quantity("Tens of thousands marched"));
    assert!(lex.may_contain_quantity("3. Ten nations"));
    assert!(lex.confusable("percent", "percentage points"));
    assert!(examples().len() >= 14);
    let km = lex.unit_defs.iter().find(|u| &*u.name == "mi").unwrap();
    assert_eq!(&*km.canonical, "km");
}

#[test]
fn word_boundaries_become_ascii() {
    assert_eq!(
        crate::data::ascii_word_boundaries(r"\bKFOR\s\d+\b"),
        r"(?-u:\b)KFOR\s\d+(?-u:\b)"
    );
    assert_eq!(
        crate::data::ascii_word_boundaries(r"a\\b"),
        r"a\\b",
        "an escaped backslash stays"
    );
    let re = combined_regex(&[r"\bKFOR \d+\b".to_string()]).unwrap().unwrap();
    assert!(re.is_match("“KFOR 34” — aviation"));
    assert!(!re.is_match("XKFOR 34"));
}

#[test]
fn phrase_lookup_is_longest_first_and_case_aware() {
    let mut v = Vocab::default();
    let mut p = Phrases::default();
    p.insert(&mut v, "at least", false, 1);
    p.insert(&mut v, "at", false, 2);
    p.insert(&mut v, "US", true, 3);
    let text = "at least 5 US us";
    let lower = text.to_ascii_lowercase();
    let mut toks = Vec::new();
    token::tokenize(text, 0..text.len(), &mut toks);
    let ids: Vec<u32> = toks.iter().map(|t| v.get(&lower[t.start..t.end])).collect();
    assert_eq!(ids[2], UNKNOWN);
    let s = Text {
        text,
        lower: &lower,
        base: 0,
        toks: &toks,
        ids: &ids,
    };
    assert_eq!(p.at(&s, 0), Some((2, &1)));
    assert_eq!(p.ending_at(&s, 2, 0), Some((0, &1)));
    assert_eq!(p.at(&s, 3), Some((1, &3)));
    assert_eq!(p.at(&s, 4), None, "exact-case alias");
}
