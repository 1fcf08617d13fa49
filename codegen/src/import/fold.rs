//! Folding of full-width punctuation and spaces, so that English and Chinese
//! text compare alike: `（单位：次/秒）` reads as `(单位:次/秒)`.

/// Replaces full-width ASCII forms (U+FF01 to U+FF5E) with their ASCII
/// letters and the ideographic and no-break spaces with a plain space.
pub(crate) fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2007}' | '\u{202F}' => ' ',
        _ => c,
    }
}

/// Folds `text`, lowercases it and drops every whitespace character, for
/// comparing words whatever their spacing: `Per-account QPS limit` becomes
/// `per-accountqpslimit`.
pub(crate) fn compact(text: &str) -> String {
    fold(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Folds `text` and collapses each run of whitespace into one space.
pub(crate) fn squeeze(text: &str) -> String {
    fold(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Returns true for a CJK ideograph, the script of Chinese names and units.
pub(crate) fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Removes a leading list bullet (`•`, `·`, `-`, `*`) and the space after it.
pub(crate) fn strip_bullet(text: &str) -> &str {
    let trimmed = text.trim_start();
    for bullet in ['•', '·', '●', '▪', '-', '*'] {
        if let Some(rest) = trimmed.strip_prefix(bullet)
            && (rest.starts_with(char::is_whitespace) || !matches!(bullet, '-' | '*'))
        {
            return rest.trim_start();
        }
    }
    trimmed
}
