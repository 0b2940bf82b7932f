//! The phonology of one Vietnamese syllable.
//!
//! SKELETON: only a rough letter check; the real parser (onset, medial,
//! nucleus, coda, tone) is to be written (issue 2).
//!
//! ```
//! assert!(viet_text::syllable::is_syllable("phát"));
//! assert!(!viet_text::syllable::is_syllable("UBND"));
//! ```

/// Whether `word` is a well-formed Vietnamese syllable, in any letter case.
///
/// ```
/// assert!(viet_text::syllable::is_syllable("Nguyễn"));
/// assert!(!viet_text::syllable::is_syllable("Toyota"));
/// ```
pub fn is_syllable(word: &str) -> bool {
    let lower = word.to_lowercase();
    let n = lower.chars().count();
    if n == 0 || n > 7 {
        return false;
    }
    let vowels = "aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ";
    let mut seen_vowel = false;
    let mut after_vowel_consonant = false;
    for c in lower.chars() {
        if vowels.contains(c) {
            if after_vowel_consonant {
                return false;
            }
            seen_vowel = true;
        } else if "bcdđghklmnpqrstvx".contains(c) {
            if seen_vowel {
                after_vowel_consonant = true;
            }
        } else {
            return false;
        }
    }
    if !seen_vowel {
        return false;
    }
    let coda: String = lower.chars().rev().take_while(|c| !vowels.contains(*c)).collect();
    matches!(
        coda.as_str(),
        "" | "c" | "hc" | "m" | "n" | "gn" | "hn" | "p" | "t"
    )
}
