//! The rhyme inventory (`data/rhymes.txt`), parsed once.

use super::letters::{C, H, P, T, TABLE};
use std::sync::LazyLock;

/// One written rhyme: medial? + nucleus + coda?.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rhyme {
    /// The medial glide as written (`o` or `u`), if any.
    pub(crate) medial: Option<char>,
    /// The nucleus as written (`a`, `iê`, `ươ`, `ya` …).
    pub(crate) nucleus: &'static str,
    /// The coda as written (`""` for none).
    pub(crate) coda: &'static str,
    /// The coda is a stop (c, ch, p, t): only sắc and nặng are possible.
    pub(crate) stop: bool,
}

/// Rhymes keyed by their packed letter codes, sorted, with an open-addressing
/// index for look-ups.
pub(crate) struct Rhymes {
    plain: Vec<(u32, Rhyme)>,
    after_qu: Vec<(u32, Rhyme)>,
    /// `(key | QU_BIT when after qu, index + 1)`; 0 = empty slot.
    slots: Vec<(u32, u16)>,
}

const QU_BIT: u32 = 1 << 31;
const SLOTS: usize = 1024;

#[inline(always)]
fn slot_of(k: u32) -> usize {
    (k.wrapping_mul(0x9E37_79B1) >> 22) as usize & (SLOTS - 1)
}

const RHYMES_TXT: &str = include_str!("../../data/rhymes.txt");

/// The longest rhyme in letters.
pub(crate) const MAX_RHYME: usize = 6;

/// Packs up to [`MAX_RHYME`] letter codes (each 1..32) into one key.
#[inline]
pub(crate) fn key(codes: &[u8]) -> Option<u32> {
    if codes.is_empty() || codes.len() > MAX_RHYME {
        return None;
    }
    let mut k = 0u32;
    for &c in codes {
        k = (k << 5) | u32::from(c & 0x1F);
    }
    Some(k)
}

pub(crate) static RHYMES: LazyLock<Rhymes> = LazyLock::new(parse);

fn parse() -> Rhymes {
    let mut plain = Vec::new();
    let mut after_qu = Vec::new();
    for line in RHYMES_TXT.lines() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&'static str> = line.split('\t').collect();
        let [written, medial, nucleus, coda, context] = cols[..] else {
            continue;
        };
        let codes: Vec<u8> = written.chars().map(|c| TABLE.info_char(c).code()).collect();
        if codes.contains(&0) {
            continue;
        }
        let Some(k) = key(&codes) else { continue };
        let coda = if coda == "-" { "" } else { coda };
        let coda_codes: Vec<u8> = coda.chars().map(|c| TABLE.info_char(c).code()).collect();
        let rhyme = Rhyme {
            medial: medial.chars().next().filter(|&c| c != '-'),
            nucleus,
            coda,
            stop: matches!(coda_codes[..], [C] | [C, H] | [P] | [T]),
        };
        match context {
            "qu" => after_qu.push((k, rhyme)),
            _ => plain.push((k, rhyme)),
        }
    }
    plain.sort_by_key(|e| e.0);
    after_qu.sort_by_key(|e| e.0);
    let mut slots = vec![(0u32, 0u16); SLOTS];
    let keyed = plain
        .iter()
        .enumerate()
        .map(|(i, e)| (e.0, i))
        .chain(after_qu.iter().enumerate().map(|(i, e)| (e.0 | QU_BIT, i)));
    for (k, i) in keyed {
        let mut at = slot_of(k);
        while slots.get(at).is_some_and(|s| s.0 != 0) {
            at = (at + 1) & (SLOTS - 1);
        }
        if let Some(slot) = slots.get_mut(at) {
            *slot = (k, i as u16 + 1);
        }
    }
    Rhymes {
        plain,
        after_qu,
        slots,
    }
}

impl Rhymes {
    /// The rhyme spelled by `codes`, written after `qu` or not.
    #[inline]
    pub(crate) fn lookup(&'static self, codes: &[u8], after_qu: bool) -> Option<&'static Rhyme> {
        let k = key(codes)? | if after_qu { QU_BIT } else { 0 };
        let list = if after_qu { &self.after_qu } else { &self.plain };
        let mut at = slot_of(k);
        for _ in 0..SLOTS {
            let &(sk, i) = self.slots.get(at)?;
            if sk == k {
                return list.get(usize::from(i).checked_sub(1)?).map(|e| &e.1);
            }
            if sk == 0 {
                return None;
            }
            at = (at + 1) & (SLOTS - 1);
        }
        None
    }

    /// Number of rhymes after other onsets and after `qu`.
    #[cfg(test)]
    pub(crate) fn counts(&self) -> (usize, usize) {
        (self.plain.len(), self.after_qu.len())
    }

    /// Every rhyme, with its spelling and whether it follows `qu`.
    pub(crate) fn all(&'static self) -> impl Iterator<Item = (String, bool, &'static Rhyme)> {
        let spell = |k: u32| {
            let mut s = String::new();
            let mut k = k;
            let mut rev = Vec::new();
            while k != 0 {
                rev.push((k & 0x1F) as u8);
                k >>= 5;
            }
            for c in rev.into_iter().rev() {
                s.push(super::letters::SPELLING.get(c as usize).copied().unwrap_or('?'));
            }
            s
        };
        self.plain
            .iter()
            .map(move |(k, r)| (spell(*k), false, r))
            .chain(self.after_qu.iter().map(move |(k, r)| (spell(*k), true, r)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inventory_is_complete() {
        // 212 rows in the data file: 164 after ordinary onsets, 48 after `qu`.
        assert_eq!(RHYMES.counts(), (164, 48));
        let r = RHYMES.lookup(&[super::super::letters::U, super::super::letters::O_HORN], false);
        assert_eq!(r.map(|r| r.nucleus), Some("ơ"));
        assert!(RHYMES.all().any(|(s, q, _)| s == "yêt" && q));
    }
}
