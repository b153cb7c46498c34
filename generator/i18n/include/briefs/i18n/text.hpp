#pragma once
/// briefs::i18n — everything language-aware, and the only library that includes ICU.
///
/// Owns: slugs from Chinese (Han-Latin transliteration of ICU word segments), collation order,
/// locale number and date formatting, cutting text at sentence or word boundaries, word
/// segmentation, UTF-8 validation. Does not own: which strings exist (content) or how they are laid
/// out (templates). Every function is thread-safe: ICU objects that are not are kept per thread.
/// Languages are the site's codes: "zh" (Simplified Chinese) and "en".
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace briefs::i18n {

/// What slugs and collation keys have cost once, kept for the next time: each word's ASCII form
/// (transliteration is the costly part of a slug, and words recur across headings and pages) and each
/// name's collation key. Owned by a caller, for as long as it likes: a build (the assembler), or
/// `briefs serve` across its rebuilds. Nothing is kept in function-static tables. Thread-safe.
class text_memo {
public:
    text_memo();
    ~text_memo();
    text_memo(const text_memo&) = delete;
    text_memo& operator=(const text_memo&) = delete;
    /// How many words' ASCII forms and how many collation keys it keeps.
    [[nodiscard]] std::size_t words() const;
    [[nodiscard]] std::size_t sort_keys() const;

private:
    friend std::string slugify(std::string_view text, text_memo& memo);
    friend std::string sort_key(std::string_view lang, std::string_view text, text_memo& memo);
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// An ASCII slug for a heading or title: ICU word segments, each transliterated Han-Latin →
/// ASCII → lower case, joined by '-'; anything else dropped. May return "" (e.g. for "！！").
/// Each word's ASCII form is looked up in, or added to, `memo`.
///
/// **Example**: `slugify("平安建设体系更加完善", memo)` → `"pingan-jianshe-tixi-gengjia-wanshan"`.
std::string slugify(std::string_view text, text_memo& memo);
/// The same, with nothing kept (for a caller outside a build: tests, fuzzers).
std::string slugify(std::string_view text);

/// Builds what `slugify` needs (ICU's Han-Latin transliterator takes ~140 ms to create), so that a
/// caller can do it on a spare thread while it does something else. Optional; thread-safe.
void prepare_slugs();

/// A byte string whose `<` order is the language's collation order (pinyin for zh); kept in `memo`.
std::string sort_key(std::string_view lang, std::string_view text, text_memo& memo);
/// The same, with nothing kept.
std::string sort_key(std::string_view lang, std::string_view text);

/// A number for display, by the language's conventions, with every significant digit it has: a figure
/// as printed, never rounded. zh uses 万/亿 from 10,000 (`18537000` → `1853.7万`, `88500` → `8.85万`),
/// en groups digits (`88,500`) and uses words from a million (`18.537 million`); `0.0001` stays
/// `0.0001`. `significant_digits` (1–15), when an editor asks for rounding, keeps that many
/// significant digits instead (`18537000`, 3 → `1850万`): a non-zero value never shows as 0.
std::string format_number(std::string_view lang, double value, int significant_digits = 0);

/// A number with every significant digit and grouping, never abbreviated (for tables and text alternatives).
std::string format_number_exact(std::string_view lang, double value);

/// A whole number as an ordinal, by ICU's rules for the language: en `1st`, `2nd`, `3rd`, `11th`,
/// `21st`; zh `第1` (a rank's unit adds 名). A number that is not whole is shown as `format_number_exact`.
std::string format_ordinal(std::string_view lang, double value);

/// How many significant digits `value` has as written in shortest form (`18537000` → 5, `0.0001` → 1,
/// `98.6` → 3, `0` → 1).
int significant_digits(double value);

/// Whether `iso` is a real date written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
bool valid_date(std::string_view iso);

/// A date for display, as precise as it is written: zh `2025年4月18日` / `2025年4月` / `2025年`;
/// en `18 April 2025` / `April 2025` / `2025`. Returns "" for an invalid date.
std::string format_date(std::string_view lang, std::string_view iso);

/// `text` cut to at most `max_chars` characters at a sentence end, or failing that at a word or
/// line-break opportunity (never inside `16.7%` or a character), with "…" appended when cut.
std::string truncate(std::string_view lang, std::string_view text, std::size_t max_chars);

/// The words of `text` (ICU word segmentation; punctuation and spaces left out).
///
/// **Example**: `words("zh", "台州持续开展平安建设")` → `{"台州", "持续", "开展", "平安", "建设"}`.
std::vector<std::string> words(std::string_view lang, std::string_view text);

/// An ICU message: `{name}` placeholders and plural forms, filled with numbers.
/// **Example**: `format_message("en", "{n, plural, one {# region} other {# regions}}", {{"n", 1}})` → `"1 region"`.
/// A pattern ICU cannot read is returned as it is.
std::string format_message(std::string_view lang, std::string_view pattern,
                           const std::vector<std::pair<std::string, double>>& args);

/// Lines joined into one text: by a space, except between two wide (Chinese) characters, which
/// Chinese writes without one.
/// **Example**: `join_lines("组团服务。\n调解方面\nand more")` → `"组团服务。调解方面 and more"`.
std::string join_lines(std::string_view text);

/// The words of `text` as a search index keeps them: ICU word segmentation (Chinese by dictionary),
/// case-folded, punctuation and spaces left out.
/// **Example**: `search_terms("zh", "矛盾纠纷化解率 Fengqiao")` → `{"矛盾", "纠纷", "化解", "率", "fengqiao"}`.
std::vector<std::string> search_terms(std::string_view lang, std::string_view text);

/// Number of Unicode characters (code points) in UTF-8 `text`.
std::size_t char_count(std::string_view text);

/// Byte offset of the first invalid UTF-8 sequence in `text`, or nullopt when it is all valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

/// Characters that should not be in content: control characters other than tab, line feed and
/// carriage return (Unicode category Cc), and the bidirectional embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069), which can make text read differently from what it contains.
struct unsafe_chars {
    std::size_t offset = 0;  ///< byte offset of the first one
    char32_t code = 0;       ///< its code point
    std::size_t count = 0;   ///< how many there are in all
};
/// The unsafe characters of valid UTF-8 `text`, or nullopt when there are none.
std::optional<unsafe_chars> find_unsafe_chars(std::string_view text);

}  // namespace briefs::i18n
