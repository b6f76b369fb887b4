//! One vocabulary for languages: a code per language (ISO 639-1 where one exists, else
//! ISO 639-3) with its English and Spanish names. Every way a language comes in — the
//! CLI, CSV, the app, the demo data, bundles from older versions — goes through
//! [`normalize`], so `--language es`, a sheet's "Spanish" and "español" are one value,
//! and a rotation's required skill "spanish" is matched against a speaker's `es`
//! ([`crate::domain::normalize_skill`]). A language outside the list is kept as written (trimmed), so
//! nothing a team types is lost.

/// A language the vocabulary knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    pub code: &'static str,
    pub english: &'static str,
    pub spanish: &'static str,
    /// Other ways people write it (folded: lower case, no accents).
    aliases: &'static [&'static str],
}

macro_rules! lang {
    ($code:literal, $en:literal, $es:literal $(, $alias:literal)*) => {
        Language { code: $code, english: $en, spanish: $es, aliases: &[$($alias),*] }
    };
}

/// The languages teams meet most, with the names used in the US and Latin America.
pub const LANGUAGES: &[Language] = &[
    lang!("en", "English", "inglés", "eng", "ingles"),
    lang!("es", "Spanish", "español", "spa", "castellano", "espanol"),
    lang!("pt", "Portuguese", "portugués", "por", "portugues"),
    lang!("fr", "French", "francés", "fra", "fre", "frances"),
    lang!(
        "ht",
        "Haitian Creole",
        "criollo haitiano",
        "hat",
        "kreyol",
        "kreyol ayisyen",
        "creole",
        "haitian",
        "creole haitiano",
        "kreyòl"
    ),
    lang!("quc", "K'iche'", "k'iche'", "kiche", "k'iche", "quiche", "quiché", "k’iche’"),
    lang!("mam", "Mam", "mam"),
    lang!("qu", "Quechua", "quechua", "que", "kichwa", "quichua"),
    lang!("kek", "Q'eqchi'", "q'eqchi'", "qeqchi", "q'eqchi", "kekchi"),
    lang!("kaq", "Kaqchikel", "kaqchikel", "cakchiquel"),
    lang!("nah", "Nahuatl", "náhuatl", "nahuatl"),
    lang!("mix", "Mixtec", "mixteco", "mixteco"),
    lang!("zap", "Zapotec", "zapoteco", "zapoteco"),
    lang!("gn", "Guarani", "guaraní", "grn", "guarani"),
    lang!("ay", "Aymara", "aimara", "aym", "aymara"),
    lang!("ar", "Arabic", "árabe", "ara", "arabe"),
    lang!("zh", "Chinese", "chino", "zho", "chi", "mandarin", "mandarín"),
    lang!("ru", "Russian", "ruso", "rus"),
    lang!("uk", "Ukrainian", "ucraniano", "ukr"),
    lang!("fa", "Persian", "persa", "fas", "per", "farsi", "dari"),
    lang!("ps", "Pashto", "pastún", "pus", "pashtu", "pastun"),
    lang!("ti", "Tigrinya", "tigriña", "tir", "tigrigna", "tigrina"),
    lang!("am", "Amharic", "amárico", "amh", "amarico"),
    lang!("so", "Somali", "somalí", "som", "somali"),
    lang!("sw", "Swahili", "suajili", "swa", "kiswahili"),
    lang!("wo", "Wolof", "wólof", "wol", "wolof"),
    lang!("ln", "Lingala", "lingala", "lin"),
    lang!("tr", "Turkish", "turco", "tur"),
    lang!("vi", "Vietnamese", "vietnamita", "vie"),
    lang!("hi", "Hindi", "hindi", "hin"),
    lang!("pa", "Punjabi", "panyabí", "pan", "panjabi", "panyabi"),
    lang!("bn", "Bengali", "bengalí", "ben", "bangla", "bengali"),
    lang!("ne", "Nepali", "nepalí", "nep", "nepali"),
];

/// Lower case, accents and apostrophe variants folded, spaces squeezed: what names are
/// compared as.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            '’' | '‘' | 'ʼ' | '`' | '´' => '\'',
            '_' | '-' => ' ',
            c => c,
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end().to_string()
}

/// The language a code, an English or Spanish name or a common variant names.
pub fn lookup(text: &str) -> Option<&'static Language> {
    let f = fold(text);
    if f.is_empty() {
        return None;
    }
    LANGUAGES
        .iter()
        .find(|l| l.code == f || fold(l.english) == f || fold(l.spanish) == f || l.aliases.iter().any(|a| fold(a) == f))
}

/// The stored form of one language: its code when the vocabulary knows it, else the text
/// as written (trimmed). Empty text stays empty.
pub fn normalize(text: &str) -> String {
    match lookup(text) {
        Some(l) => l.code.to_string(),
        None => text.trim().to_string(),
    }
}

/// A list of languages in stored form, without blanks and without repeats (the first
/// mention keeps its place).
pub fn normalize_list<S: AsRef<str>>(list: &[S]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(list.len());
    for l in list {
        let n = normalize(l.as_ref());
        if !n.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&n)) {
            out.push(n);
        }
    }
    out
}

/// A stored language for a reader: its English or Spanish name, or the text itself.
pub fn display(code: &str, spanish: bool) -> String {
    match lookup(code) {
        Some(l) if spanish => l.spanish.to_string(),
        Some(l) => l.english.to_string(),
        None => code.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_english_and_spanish_names_are_one_value() {
        for written in ["es", "ES", "Spanish", "spanish", "español", "Espanol", " castellano ", "spa"] {
            assert_eq!(normalize(written), "es", "{written}");
        }
        for written in ["K'iche'", "kiche", "Quiché", "k’iche’", "quc"] {
            assert_eq!(normalize(written), "quc", "{written}");
        }
        assert_eq!(normalize("Kreyòl"), "ht");
        assert_eq!(normalize("inglés"), "en");
    }

    #[test]
    fn an_unknown_language_is_kept_as_written() {
        assert_eq!(normalize("  Garifuna "), "Garifuna");
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn lists_lose_blanks_and_repeats_written_two_ways() {
        assert_eq!(normalize_list(&["Spanish", "es", "", "English", "inglés", "Mam"]), vec!["es", "en", "mam"]);
    }

    #[test]
    fn a_code_reads_as_its_name_in_either_language() {
        assert_eq!(display("es", false), "Spanish");
        assert_eq!(display("es", true), "español");
        assert_eq!(display("Garifuna", true), "Garifuna");
    }
}
