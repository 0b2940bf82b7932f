//! Shared by the integration tests: loads a gold set from `../shared/data`
//! and scores the extractor on it with the rules of
//! `../shared/tools/score_entities.py` (exact type + span; values compared
//! field by field, decimals numerically).
#![allow(dead_code)]

use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use viet_text::Extractor;

/// The JSON names of all eight entity types.
pub const ALL_TYPES: &[&str] = &[
    "organization",
    "program",
    "money",
    "percent",
    "quantity",
    "date",
    "location",
    "person",
];

/// The name types (issue 4).
pub const NAME_TYPES: &[&str] = &["organization", "program", "location", "person"];

/// The numeric types (issue 3).
pub const NUMERIC_TYPES: &[&str] = &["money", "percent", "quantity", "date"];

/// `../shared/data/<name>` if present, else `None` (with a message).
pub fn gold_dir(name: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data")).join(name);
    if dir.join("gold.jsonl").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "skipping: gold set {} not found (../shared/data is absent in a user's clone)",
            dir.display()
        );
        None
    }
}

/// One gold entity: type, byte span, value fields.
#[derive(Debug, Clone)]
pub struct GoldEntity {
    pub doc: String,
    pub etype: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: Map<String, Value>,
}

/// The documents of a gold set: (id, text, gold entities).
pub fn load(dir: &Path) -> Vec<(String, String, Vec<GoldEntity>)> {
    let gold = std::fs::read_to_string(dir.join("gold.jsonl")).expect("gold.jsonl readable");
    let mut docs = Vec::new();
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).expect("gold line is JSON");
        let id = v["id"]
            .as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| v["id"].to_string());
        let text =
            std::fs::read_to_string(dir.join("texts").join(format!("{id}.txt"))).expect("text readable");
        let ents = v["entities"]
            .as_array()
            .expect("entities array")
            .iter()
            .map(|e| {
                let mut value = e["value"].as_object().cloned().unwrap_or_default();
                if e["type"] == "date" {
                    if let Some(s) = value.remove("start") {
                        value.insert("start_date".into(), s);
                    }
                    if let Some(s) = value.remove("end") {
                        value.insert("end_date".into(), s);
                    }
                }
                GoldEntity {
                    doc: id.clone(),
                    etype: e["type"].as_str().unwrap_or_default().to_owned(),
                    start: e["byte_start"].as_u64().expect("byte_start") as usize,
                    end: e["byte_end"].as_u64().expect("byte_end") as usize,
                    text: e["text"].as_str().unwrap_or_default().to_owned(),
                    value,
                }
            })
            .collect();
        docs.push((id, text, ents));
    }
    docs
}

const VALUE_KEYS: &[(&str, &[&str])] = &[
    ("money", &["amount", "currency", "min", "max", "qualifier"]),
    ("percent", &["value", "min", "max", "qualifier"]),
    (
        "quantity",
        &[
            "amount",
            "numerator",
            "denominator",
            "unit",
            "min",
            "max",
            "qualifier",
        ],
    ),
    ("date", &["start_date", "end_date", "calendar"]),
    ("organization", &["kind"]),
    ("program", &["name", "kind"]),
    ("location", &["kind"]),
    ("person", &["title"]),
];

fn same_value(key: &str, g: Option<&Value>, p: Option<&Value>) -> bool {
    let decimal = matches!(
        key,
        "amount" | "value" | "min" | "max" | "numerator" | "denominator"
    );
    match (g, p) {
        (None, None) => true,
        (Some(g), Some(p)) if decimal => {
            let parse = |v: &Value| {
                v.as_str()
                    .and_then(|s| s.parse::<viet_text::Decimal>().ok())
                    .map(|d| d.normalize())
            };
            parse(g).is_some() && parse(g) == parse(p)
        }
        (Some(g), Some(p)) => g == p,
        _ => false,
    }
}

/// Per-type counts and the errors, for the chosen types.
#[derive(Debug, Default)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub value_ok: usize,
    pub per_type: BTreeMap<String, (usize, usize, usize)>,
    pub missed: Vec<String>,
    pub spurious: Vec<String>,
    pub wrong_value: Vec<String>,
}

impl Score {
    pub fn f1(&self) -> f64 {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    pub fn value_accuracy(&self) -> f64 {
        self.value_ok as f64 / self.tp.max(1) as f64
    }

    pub fn report(&self, label: &str) -> String {
        let mut s = format!(
            "{label}: tp={} fp={} fn={} F1={:.4} value_acc={:.4}\n",
            self.tp,
            self.fp,
            self.fn_,
            self.f1(),
            self.value_accuracy()
        );
        for (t, (tp, fp, fn_)) in &self.per_type {
            s += &format!("  {t:<13} tp={tp} fp={fp} fn={fn_}\n");
        }
        for m in self.missed.iter().take(15) {
            s += &format!("  missed   {m}\n");
        }
        for m in self.spurious.iter().take(15) {
            s += &format!("  spurious {m}\n");
        }
        for m in self.wrong_value.iter().take(15) {
            s += &format!("  value    {m}\n");
        }
        s
    }
}

/// Scores `extractor` on every document of `dir`, for `types` only.
pub fn score(extractor: &Extractor, dir: &Path, types: &[&str]) -> Score {
    let mut sc = Score::default();
    for (id, text, gold) in load(dir) {
        let pred: Vec<Value> = extractor
            .extract(&text)
            .iter()
            .map(|e| serde_json::to_value(e).expect("entity serializes"))
            .collect();
        let key = |t: &str, s: usize, e: usize| (t.to_owned(), s, e);
        let mut pmap: HashMap<(String, usize, usize), &Value> = HashMap::new();
        for p in &pred {
            let t = p["type"].as_str().unwrap_or_default();
            if types.contains(&t) {
                let s = p["start"].as_u64().unwrap_or(0) as usize;
                let e = p["end"].as_u64().unwrap_or(0) as usize;
                pmap.insert(key(t, s, e), p);
            }
        }
        let mut matched = std::collections::HashSet::new();
        for g in gold.iter().filter(|g| types.contains(&g.etype.as_str())) {
            let k = key(&g.etype, g.start, g.end);
            let entry = sc.per_type.entry(g.etype.clone()).or_default();
            if let Some(p) = pmap.get(&k) {
                sc.tp += 1;
                entry.0 += 1;
                matched.insert(k.clone());
                let keys = VALUE_KEYS
                    .iter()
                    .find(|(t, _)| *t == g.etype)
                    .map(|(_, k)| *k)
                    .unwrap_or(&[]);
                if keys.iter().all(|f| same_value(f, g.value.get(*f), p.get(*f))) {
                    sc.value_ok += 1;
                } else {
                    sc.wrong_value.push(format!(
                        "{id} {} {:?} gold={:?} pred={}",
                        g.etype, g.text, g.value, p
                    ));
                }
            } else {
                sc.fn_ += 1;
                entry.2 += 1;
                sc.missed.push(format!("{id} {} {:?}", g.etype, g.text));
            }
        }
        for (k, p) in &pmap {
            if !matched.contains(k) {
                sc.fp += 1;
                sc.per_type.entry(k.0.clone()).or_default().1 += 1;
                sc.spurious.push(format!(
                    "{id} {} {:?}",
                    k.0,
                    p["text"].as_str().unwrap_or_default()
                ));
            }
        }
    }
    sc
}
