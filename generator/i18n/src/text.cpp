#include "briefs/i18n/text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/calendar.h>
#include <unicode/coll.h>
#include <unicode/dtptngen.h>
#include <unicode/gregocal.h>
#include <unicode/msgfmt.h>
#include <unicode/uchar.h>
#include <unicode/numberformatter.h>
#include <unicode/rbnf.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace briefs::i18n {
namespace {

using icu::UnicodeString;

icu::Locale locale_for(std::string_view lang) {
    // en_GB for the day-month-year order foreign readers of a Chinese publication expect.
    return lang == "zh" ? icu::Locale("zh", "CN") : icu::Locale("en", "GB");
}

UnicodeString u(std::string_view s) { return UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size()))); }

std::string utf8(const UnicodeString& s) {
    std::string out;
    s.toUTF8String(out);
    return out;
}

/// Creating the Han-Latin transliterator costs ~140 ms: build it once, clone it per thread.
const icu::Transliterator& slug_prototype() {
    static std::once_flag once;
    static std::unique_ptr<icu::Transliterator> proto;
    std::call_once(once, [] {
        UErrorCode status = U_ZERO_ERROR;
        proto.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
        if (U_FAILURE(status) || !proto) std::abort();  // ICU data missing: an installation error
    });
    return *proto;
}

icu::Transliterator& slug_transliterator() {
    thread_local std::unique_ptr<icu::Transliterator> t(slug_prototype().clone());
    return *t;
}

icu::BreakIterator& word_breaker(std::string_view lang) {
    thread_local std::map<std::string, std::unique_ptr<icu::BreakIterator>, std::less<>> cache;
    auto it = cache.find(lang);
    if (it == cache.end()) {
        UErrorCode status = U_ZERO_ERROR;
        it = cache.emplace(std::string(lang), icu::BreakIterator::createWordInstance(locale_for(lang), status)).first;
    }
    return *it->second;
}

template <typename Make>
icu::BreakIterator& cached_breaker(std::string_view lang, Make make) {
    thread_local std::map<std::string, std::unique_ptr<icu::BreakIterator>, std::less<>> cache;
    auto it = cache.find(lang);
    if (it == cache.end()) it = cache.emplace(std::string(lang), make(locale_for(lang))).first;
    return *it->second;
}

constexpr int k_max_digits = 17;  // a double's shortest form has at most 17 significant digits

/// One formatter per language, notation (compact: 万/亿, "million") and number of significant digits.
/// LocalizedNumberFormatter is immutable and thread-safe: they are made once, for the process.
const icu::number::LocalizedNumberFormatter& number_formatter(std::string_view lang, bool compact, int digits) {
    using namespace icu::number;
    struct table {
        std::vector<LocalizedNumberFormatter> all;  // [lang][compact][digits - 1]
        table() {
            for (const char* l : {"zh", "en"}) {
                for (const bool c : {false, true}) {
                    for (int d = 1; d <= k_max_digits; ++d) {
                        LocalizedNumberFormatter f = NumberFormatter::withLocale(locale_for(l)).precision(Precision::maxSignificantDigits(d));
                        if (c) f = f.notation(std::string_view(l) == "zh" ? Notation::compactShort() : Notation::compactLong());
                        all.push_back(std::move(f));
                    }
                }
            }
        }
    };
    static const table formatters;
    const std::size_t l = lang == "zh" ? 0 : 1;
    const std::size_t d = static_cast<std::size_t>(std::clamp(digits, 1, k_max_digits)) - 1;
    return formatters.all[(l * 2 + (compact ? 1 : 0)) * k_max_digits + d];
}

std::string format_with(const icu::number::LocalizedNumberFormatter& f, double value) {
    UErrorCode status = U_ZERO_ERROR;
    auto formatted = f.formatDouble(value, status);
    auto s = formatted.toString(status);
    return U_SUCCESS(status) ? utf8(s) : std::string();
}

/// One Gregorian calendar in GMT per thread (ICU objects are not shared between threads; making one
/// per date cost more than formatting it). Callers clear() it first.
icu::GregorianCalendar& gmt_calendar() {
    thread_local std::unique_ptr<icu::GregorianCalendar> cal = [] {
        UErrorCode status = U_ZERO_ERROR;
        return std::make_unique<icu::GregorianCalendar>(*icu::TimeZone::getGMT(), status);
    }();
    return *cal;
}

struct parsed_date {
    int year = 0, month = 0, day = 0;  // month/day 0 when not given
};

std::optional<parsed_date> parse_date(std::string_view iso) {
    auto digits = [&](std::size_t from, std::size_t n) -> std::optional<int> {
        if (from + n > iso.size()) return std::nullopt;
        int v = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (iso[i] < '0' || iso[i] > '9') return std::nullopt;
            v = v * 10 + (iso[i] - '0');
        }
        return v;
    };
    parsed_date d;
    auto y = digits(0, 4);
    if (!y || *y < 1900 || *y > 2200) return std::nullopt;
    d.year = *y;
    if (iso.size() == 4) return d;
    if (iso.size() != 7 && iso.size() != 10) return std::nullopt;
    if (iso[4] != '-') return std::nullopt;
    auto m = digits(5, 2);
    if (!m || *m < 1 || *m > 12) return std::nullopt;
    d.month = *m;
    if (iso.size() == 7) return d;
    if (iso[7] != '-') return std::nullopt;
    auto day = digits(8, 2);
    if (!day || *day < 1) return std::nullopt;
    // Ask ICU's calendar (not our own table) whether the day exists in that month.
    UErrorCode status = U_ZERO_ERROR;
    icu::GregorianCalendar& cal = gmt_calendar();
    cal.clear();
    cal.set(d.year, d.month - 1, 1);
    const int32_t last = cal.getActualMaximum(UCAL_DAY_OF_MONTH, status);
    if (U_FAILURE(status) || *day > last) return std::nullopt;
    d.day = *day;
    return d;
}

/// The ASCII form of one word (Han-Latin, then Latin-ASCII, lower case, letters and digits only).
std::string ascii_word(const UnicodeString& word) {
    UnicodeString latin(word);
    slug_transliterator().transliterate(latin);
    std::string ascii;
    for (char c : utf8(latin)) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) ascii += c;
        else if (c >= 'A' && c <= 'Z') ascii += static_cast<char>(c - 'A' + 'a');
    }
    return ascii;
}

/// A memo table with a bound (a preview edited for days never grows without end), read in parallel.
class memo_table {
public:
    template <typename Make>
    std::string get(std::string key, Make make) {
        {
            std::shared_lock lock(mutex_);
            if (auto it = map_.find(key); it != map_.end()) return it->second;
        }
        std::string value = make();
        std::unique_lock lock(mutex_);
        if (map_.size() < 1'000'000) map_.emplace(std::move(key), value);
        return value;
    }
    std::size_t size() const {
        std::shared_lock lock(mutex_);
        return map_.size();
    }

private:
    mutable std::shared_mutex mutex_;
    std::unordered_map<std::string, std::string> map_;
};

/// The slug of `text`, each word's ASCII form made by `ascii_of`.
template <typename AsciiOf>
std::string slug_of(std::string_view text, AsciiOf ascii_of) {
    const UnicodeString s = u(text);
    auto& words_it = word_breaker("zh");
    words_it.setText(s);
    std::string slug;
    int32_t start = words_it.first();
    for (int32_t end = words_it.next(); end != icu::BreakIterator::DONE; start = end, end = words_it.next()) {
        if (words_it.getRuleStatus() == UBRK_WORD_NONE) continue;
        const std::string ascii = ascii_of(UnicodeString(s, start, end - start));
        if (ascii.empty()) continue;
        if (!slug.empty()) {
            if (slug.size() + 1 + ascii.size() > 64) break;  // keep URLs readable
            slug += '-';
        }
        slug += ascii;
    }
    return slug;
}

}  // namespace

static std::string collation_key(std::string_view lang, std::string_view text);

struct text_memo::impl {
    memo_table ascii;  ///< a word → its ASCII form
    memo_table keys;   ///< lang '\0' text → its collation key
};

text_memo::text_memo() : impl_(std::make_unique<impl>()) {}
text_memo::~text_memo() = default;
std::size_t text_memo::words() const { return impl_->ascii.size(); }
std::size_t text_memo::sort_keys() const { return impl_->keys.size(); }

void prepare_slugs() { slug_prototype(); }

std::string slugify(std::string_view text, text_memo& memo) {
    return slug_of(text, [&](const UnicodeString& word) { return memo.impl_->ascii.get(utf8(word), [&] { return ascii_word(word); }); });
}

std::string slugify(std::string_view text) { return slug_of(text, ascii_word); }

std::string sort_key(std::string_view lang, std::string_view text, text_memo& memo) {
    return memo.impl_->keys.get(std::string(lang) + '\0' + std::string(text), [&] { return collation_key(lang, text); });
}

std::string sort_key(std::string_view lang, std::string_view text) { return collation_key(lang, text); }

static std::string collation_key(std::string_view lang, std::string_view text) {
    thread_local std::map<std::string, std::unique_ptr<icu::Collator>, std::less<>> collators;
    auto it = collators.find(lang);
    if (it == collators.end()) {
        UErrorCode status = U_ZERO_ERROR;
        it = collators.emplace(std::string(lang), icu::Collator::createInstance(locale_for(lang), status)).first;
    }
    const UnicodeString s = u(text);
    std::string key(64, '\0');
    int32_t n = it->second->getSortKey(s, reinterpret_cast<uint8_t*>(key.data()), static_cast<int32_t>(key.size()));
    if (n > static_cast<int32_t>(key.size())) {
        key.resize(static_cast<std::size_t>(n));
        n = it->second->getSortKey(s, reinterpret_cast<uint8_t*>(key.data()), n);
    }
    key.resize(n > 0 ? static_cast<std::size_t>(n - 1) : 0);  // drop the terminating zero byte
    return key;
}

int significant_digits(double value) {
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, std::fabs(value), std::chars_format::scientific);
    if (ec != std::errc()) return k_max_digits;
    // Shortest scientific form: "1.8537e+07" → the digits before the 'e', less the point.
    const std::string_view text(buf, static_cast<std::size_t>(end - buf));
    const std::string_view mantissa = text.substr(0, text.find('e'));
    return static_cast<int>(mantissa.size() - (mantissa.find('.') == std::string_view::npos ? 0 : 1));
}

std::string format_number(std::string_view lang, double value, int digits) {
    const double magnitude = std::fabs(value);
    const bool compact = lang == "zh" ? magnitude >= 10000 : magnitude >= 1000000;
    return format_with(number_formatter(lang, compact, digits > 0 ? digits : significant_digits(value)), value);
}

std::string format_number_exact(std::string_view lang, double value) {
    return format_with(number_formatter(lang, false, significant_digits(value)), value);
}

std::string format_ordinal(std::string_view lang, double value) {
    // ICU's rule-based ordinals: en "1st", "2nd", "3rd", "11th", "21st"; zh "第1".
    thread_local std::map<std::string, std::unique_ptr<icu::RuleBasedNumberFormat>, std::less<>> formats;
    auto it = formats.find(lang);
    if (it == formats.end()) {
        UErrorCode status = U_ZERO_ERROR;
        auto f = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_ORDINAL, locale_for(lang), status);
        if (U_FAILURE(status)) f.reset();
        it = formats.emplace(std::string(lang), std::move(f)).first;
    }
    if (!it->second || value != std::floor(value) || std::fabs(value) > 2e9) return format_number_exact(lang, value);
    UnicodeString out;
    it->second->format(static_cast<int32_t>(value), out);
    return utf8(out);
}

bool valid_date(std::string_view iso) { return parse_date(iso).has_value(); }

std::string format_date(std::string_view lang, std::string_view iso) {
    const auto d = parse_date(iso);
    if (!d) return "";
    const char* skeleton = d->day ? "yMMMMd" : d->month ? "yMMMM" : "y";
    thread_local std::map<std::string, std::unique_ptr<icu::SimpleDateFormat>> formats;
    const std::string key = std::string(lang) + '|' + skeleton;
    auto it = formats.find(key);
    if (it == formats.end()) {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::DateTimePatternGenerator> gen(
            icu::DateTimePatternGenerator::createInstance(locale_for(lang), status));
        const UnicodeString pattern = gen->getBestPattern(UnicodeString(skeleton), status);
        auto fmt = std::make_unique<icu::SimpleDateFormat>(pattern, locale_for(lang), status);
        fmt->setTimeZone(*icu::TimeZone::getGMT());
        it = formats.emplace(key, std::move(fmt)).first;
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::GregorianCalendar& cal = gmt_calendar();
    cal.clear();
    cal.set(d->year, d->month ? d->month - 1 : 0, d->day ? d->day : 1, 12, 0, 0);
    const UDate when = cal.getTime(status);
    UnicodeString out;
    it->second->format(when, out);
    return U_SUCCESS(status) ? utf8(out) : std::string();
}

std::string truncate(std::string_view lang, std::string_view text, std::size_t max_chars) {
    const UnicodeString s = u(text);
    if (static_cast<std::size_t>(s.countChar32()) <= max_chars) return std::string(text);
    const int32_t limit = s.moveIndex32(0, static_cast<int32_t>(max_chars));  // UTF-16 index of the limit
    auto cut_before = [&](icu::BreakIterator& it) -> int32_t {
        it.setText(s);
        const int32_t b = it.preceding(limit + 1);  // the last boundary at or before the limit
        return b == icu::BreakIterator::DONE ? 0 : b;
    };
    UErrorCode status = U_ZERO_ERROR;
    auto& sentences = cached_breaker(lang, [&](const icu::Locale& l) {
        return std::unique_ptr<icu::BreakIterator>(icu::BreakIterator::createSentenceInstance(l, status));
    });
    int32_t cut = cut_before(sentences);
    const bool at_sentence_end = cut >= limit / 2 && cut > 0;
    if (!at_sentence_end) {  // no sentence end in reach: cut at a line-break opportunity instead
        auto& lines = cached_breaker(std::string(lang) + "-line", [&](const icu::Locale&) {
            return std::unique_ptr<icu::BreakIterator>(icu::BreakIterator::createLineInstance(locale_for(lang), status));
        });
        cut = cut_before(lines);
    }
    UnicodeString head(s, 0, cut);
    head.trim();
    if (head.isEmpty()) return "…";
    std::string out = utf8(head);
    return at_sentence_end ? out : out + "…";
}

namespace {
/// The words of `s` by ICU's word break rules (Chinese by dictionary), spaces and punctuation left out.
std::vector<std::string> word_list(std::string_view lang, const UnicodeString& s) {
    auto& it = word_breaker(lang);
    it.setText(s);
    std::vector<std::string> out;
    int32_t start = it.first();
    for (int32_t end = it.next(); end != icu::BreakIterator::DONE; start = end, end = it.next()) {
        if (it.getRuleStatus() == UBRK_WORD_NONE) continue;
        out.push_back(utf8(UnicodeString(s, start, end - start)));
    }
    return out;
}
}  // namespace

std::vector<std::string> words(std::string_view lang, std::string_view text) { return word_list(lang, u(text)); }

std::string format_message(std::string_view lang, std::string_view pattern,
                           const std::vector<std::pair<std::string, double>>& args) {
    UErrorCode status = U_ZERO_ERROR;
    icu::MessageFormat format(u(pattern), locale_for(lang), status);
    if (U_FAILURE(status)) return std::string(pattern);
    std::vector<UnicodeString> names;
    std::vector<icu::Formattable> values;
    for (const auto& [name, value] : args) {
        names.push_back(u(name));
        values.emplace_back(value);
    }
    UnicodeString out;
    format.format(names.data(), values.data(), static_cast<int32_t>(args.size()), out, status);
    return U_FAILURE(status) ? std::string(pattern) : utf8(out);
}

std::string join_lines(std::string_view text) {
    auto wide = [](UChar32 c) {
        const auto w = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
        return w == U_EA_WIDE || w == U_EA_FULLWIDTH;
    };
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    std::string out;
    out.reserve(text.size());
    UChar32 before = 0;
    for (int32_t i = 0; i < length;) {
        const int32_t at = i;
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c == '\n') {
            UChar32 after = 0;
            if (i < length) {
                int32_t j = i;
                U8_NEXT(s, j, length, after);
            }
            if (!(wide(before) && wide(after))) out += ' ';
            continue;
        }
        out.append(text.substr(static_cast<std::size_t>(at), static_cast<std::size_t>(i - at)));
        before = c;
    }
    return out;
}

std::vector<std::string> search_terms(std::string_view lang, std::string_view text) {
    UnicodeString s = u(text);
    s.foldCase(U_FOLD_CASE_DEFAULT);
    return word_list(lang, s);
}

std::size_t char_count(std::string_view text) {
    return static_cast<std::size_t>(u(text).countChar32());
}

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    int32_t i = 0;
    while (i < length) {
        const int32_t at = i;
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0) return static_cast<std::size_t>(at);
    }
    return std::nullopt;
}

std::optional<unsafe_chars> find_unsafe_chars(std::string_view text) {
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    std::optional<unsafe_chars> out;
    for (int32_t i = 0; i < length;) {
        const int32_t at = i;
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c == '\n' || c == '\t' || c == '\r') continue;
        const bool bidi = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
        if (!bidi && (c < 0 || u_charType(c) != U_CONTROL_CHAR)) continue;
        if (!out) out = unsafe_chars{static_cast<std::size_t>(at), static_cast<char32_t>(c), 0};
        ++out->count;
    }
    return out;
}

}  // namespace briefs::i18n
