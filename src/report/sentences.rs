//! `citelint sentences`: every sentence with its classification, score and
//! reasons, as text or JSON. This is how a writer sees why a sentence was (or
//! was not) taken for a claim, and what the detector's tests compare against.

use serde_json::json;

use crate::claims::{Class, Reason};
use crate::engine::Classified;

fn class_text(class: Class) -> String {
    match class {
        Class::Exempt(e) => format!("exempt:{}", e.as_str()),
        Class::Quotation => "CLM002 quotation".into(),
        Class::Statistic => "CLM003 statistic".into(),
        Class::Claim => "CLM001 claim".into(),
        Class::VagueAttribution => "CLM004 vague-attribution".into(),
        other => other.as_str().into(),
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn reasons_text(text: &str, reasons: &[Reason]) -> String {
    reasons
        .iter()
        .map(|r| {
            let sign = if r.weight >= 0 { "+" } else { "" };
            format!(
                "{} \"{}\" {sign}{}",
                r.feature.as_str(),
                one_line(&text[r.span.clone()]),
                r.weight
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn render_text(files: &[Classified]) -> String {
    let mut out = String::new();
    for c in files {
        let text = &c.doc.file.text;
        for (s, a) in c.doc.sentences.iter().zip(&c.assessments) {
            let (line, col) = c.doc.file.position(s.span.start);
            out.push_str(&format!(
                "{}:{line}:{col}: {} (score {}/{})\n    {}\n",
                c.doc.file.name,
                class_text(a.class),
                a.score,
                c.threshold,
                one_line(&text[s.span.clone()]),
            ));
            if !a.reasons.is_empty() {
                out.push_str(&format!("    reasons: {}\n", reasons_text(text, &a.reasons)));
            }
        }
    }
    out
}

pub fn render_json(files: &[Classified]) -> String {
    let mut list = Vec::new();
    for c in files {
        let text = &c.doc.file.text;
        for (s, a) in c.doc.sentences.iter().zip(&c.assessments) {
            let (line, column) = c.doc.file.position(s.span.start);
            let reasons: Vec<_> = a
                .reasons
                .iter()
                .map(|r| json!({"feature": r.feature.as_str(), "text": one_line(&text[r.span.clone()]), "weight": r.weight}))
                .collect();
            let code = match a.class {
                Class::Quotation => Some("CLM002"),
                Class::Statistic => Some("CLM003"),
                Class::Claim => Some("CLM001"),
                Class::VagueAttribution => Some("CLM004"),
                _ => None,
            };
            list.push(json!({
                "file": c.doc.file.name,
                "line": line,
                "column": column,
                "byte_start": c.doc.file.file_offset(s.span.start),
                "byte_end": c.doc.file.file_offset(s.span.end),
                "text": &text[s.span.clone()],
                "unit": format!("{:?}", s.unit).to_lowercase(),
                "class": a.class.as_str(),
                "exempt": match a.class { Class::Exempt(e) => Some(e.as_str()), _ => None },
                "code": code,
                "markers": s.markers.len(),
                "score": a.score,
                "threshold": c.threshold,
                "reasons": reasons,
            }));
        }
    }
    serde_json::to_string_pretty(&list).expect("json") + "\n"
}
