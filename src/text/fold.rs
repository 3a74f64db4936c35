//! Accent folding: the one place that knows which Latin letters drop their diacritics, so that
//! "Erdoğan" matches "Erdogan", "Ștefan" the first name "stefan" and "Orbán" "Orban" in every stage.

/// The unaccented base letter of a common Latin letter with diacritics, in the same case;
/// any other character unchanged.
pub(crate) fn fold_char(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' | 'Ā' | 'Ă' | 'Ą' => 'A',
        'ç' | 'ć' | 'č' => 'c',
        'Ç' | 'Ć' | 'Č' => 'C',
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'É' | 'È' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => 'E',
        'í' | 'ì' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'Í' | 'Ì' | 'Î' | 'Ï' | 'Ī' | 'Į' | 'İ' => 'I',
        'ñ' | 'ń' | 'ň' => 'n',
        'Ñ' | 'Ń' | 'Ň' => 'N',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' | 'ő' => 'o',
        'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' | 'Ō' | 'Ő' => 'O',
        'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'Ú' | 'Ù' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' | 'Ų' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' | 'Ÿ' => 'Y',
        'ś' | 'š' | 'ș' | 'ş' => 's',
        'Ś' | 'Š' | 'Ș' | 'Ş' => 'S',
        'ź' | 'ż' | 'ž' => 'z',
        'Ź' | 'Ż' | 'Ž' => 'Z',
        'ł' => 'l',
        'Ł' => 'L',
        'ř' => 'r',
        'Ř' => 'R',
        'ț' | 'ţ' | 'ť' => 't',
        'Ț' | 'Ţ' | 'Ť' => 'T',
        'ğ' => 'g',
        'Ğ' => 'G',
        'đ' | 'ď' => 'd',
        'Đ' | 'Ď' => 'D',
        c => c,
    }
}

/// `word` lower-cased with accents dropped ("Víktor" → "viktor"), the key of the first-name
/// lexicon and of surname matching.
pub(crate) fn fold_lower(word: &str) -> String {
    word.chars().flat_map(char::to_lowercase).map(fold_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_cases_fold_and_other_scripts_stay() {
        assert_eq!(fold_lower("Víktor"), "viktor");
        assert_eq!(fold_lower("Ștefan"), "stefan", "comma-below S folds (one copy once did not)");
        assert_eq!(fold_lower("ȘTEFAN ERDOĞAN"), "stefan erdogan");
        assert_eq!(fold_char('Ș'), 'S');
        assert_eq!(fold_lower("Путин 習近平"), "путин 習近平");
    }
}
