#include "reader.hpp"

#include <cctype>
#include <cstdio>
#include <ctime>
#include <string_view>

#include "briefs/i18n/text.hpp"

namespace briefs::content::detail {

using nlohmann::json;

namespace {
const char* type_name(const json& v) {
    switch (v.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::string: return "a string";
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        default: return "a number";
    }
}
}  // namespace

bool is_slug(const std::string& s, bool period) {
    if (s.empty() || s.size() > 64 || s.front() == '-' || s.back() == '-') return false;
    for (char c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || (period && c >= 'A' && c <= 'Z');
        if (!ok) return false;
    }
    return true;
}

object_reader::object_reader(const core::json_source& src, core::diagnostics& diags, std::string pointer,
                             const json& value, std::string what)
    : src_(src), diags_(diags), pointer_(std::move(pointer)), what_(std::move(what)) {
    if (value.is_object()) obj_ = &value;
    else src_.error(diags_, pointer_, what_ + " must be a JSON object, not " + type_name(value));
}

std::string object_reader::member(const std::string& key) const {
    return pointer_ + "/" + core::json_source::escape_key(key);
}

bool object_reader::has(const std::string& key) const { return obj_ && obj_->contains(key); }

void object_reader::error(const std::string& key, const std::string& message) {
    src_.error(diags_, key.empty() ? pointer_ : member(key), message);
}

void object_reader::warning(const std::string& key, const std::string& message) {
    src_.warning(diags_, key.empty() ? pointer_ : member(key), message);
}

const json* object_reader::get(const std::string& key, bool required, const char* expected) {
    known_.insert(key);
    if (!obj_) return nullptr;
    auto it = obj_->find(key);
    if (it == obj_->end()) {
        if (required) src_.error(diags_, pointer_, what_ + " is missing the required field \"" + key + "\" (" + expected + ")");
        return nullptr;
    }
    return &*it;
}

std::optional<std::string> object_reader::string(const std::string& key, bool required, bool allow_empty) {
    const json* v = get(key, required, "a string");
    if (!v) return std::nullopt;
    if (v->is_null() && !required) return std::nullopt;
    if (!v->is_string()) {
        error(key, "\"" + key + "\" must be a string, not " + type_name(*v));
        return std::nullopt;
    }
    auto s = v->get<std::string>();
    if (!allow_empty && s.find_first_not_of(" \t\r\n") == std::string::npos) {
        error(key, "\"" + key + "\" must not be empty");
        return std::nullopt;
    }
    return s;
}

std::optional<std::string> object_reader::slug(const std::string& key, bool required, bool period) {
    auto s = string(key, required);
    if (!s) return s;
    if (!is_slug(*s, period)) {
        error(key, "\"" + key + "\" must be an ASCII slug of " + (period ? "letters, digits" : "lower-case letters, digits") +
                       " and '-' (at most 64 characters), not \"" + *s + "\"");
        return std::nullopt;
    }
    return s;
}

std::optional<std::string> object_reader::one_of(const std::string& key, const std::vector<std::string>& allowed, bool required) {
    auto s = string(key, required);
    if (!s) return s;
    for (const auto& a : allowed) {
        if (*s == a) return s;
    }
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "\"" : ", \"") + a + "\"";
    std::string msg = "\"" + key + "\" must be one of " + list + ", not \"" + *s + "\"";
    if (auto near = core::nearest(*s, allowed); !near.empty()) msg += " (did you mean \"" + near + "\"?)";
    error(key, msg);
    return std::nullopt;
}

std::optional<double> object_reader::number(const std::string& key, bool required) {
    const json* v = get(key, required, "a number");
    if (!v) return std::nullopt;
    if (!v->is_number()) {
        error(key, "\"" + key + "\" must be a number, not " + type_name(*v));
        return std::nullopt;
    }
    return v->get<double>();
}

std::optional<bool> object_reader::boolean(const std::string& key) {
    const json* v = get(key, false, "true or false");
    if (!v) return std::nullopt;
    if (!v->is_boolean()) {
        error(key, "\"" + key + "\" must be true or false, not " + type_name(*v));
        return std::nullopt;
    }
    return v->get<bool>();
}

std::optional<text> object_reader::bilingual(const std::string& key, bool required) {
    const json* v = get(key, required, "an object {\"zh\": …, \"en\": …}");
    if (!v) return std::nullopt;
    object_reader r(src_, diags_, member(key), *v, "\"" + key + "\"");
    if (!r.ok()) return std::nullopt;
    auto zh = r.string("zh");
    auto en = r.string("en");
    r.finish();
    if (!zh || !en) return std::nullopt;
    return text{*zh, *en};
}

std::optional<std::string> object_reader::date(const std::string& key, bool required) {
    auto s = string(key, required);
    if (!s) return s;
    if (!i18n::valid_date(*s)) {
        error(key, "\"" + key + "\" must be a real date written YYYY, YYYY-MM or YYYY-MM-DD, not \"" + *s + "\"");
        return std::nullopt;
    }
    return s;
}

const json* object_reader::array(const std::string& key, bool required) {
    const json* v = get(key, required, "an array");
    if (!v) return nullptr;
    if (!v->is_array()) {
        error(key, "\"" + key + "\" must be an array, not " + type_name(*v));
        return nullptr;
    }
    return v;
}

const json* object_reader::object(const std::string& key, bool required) {
    const json* v = get(key, required, "an object");
    if (!v) return nullptr;
    if (!v->is_object()) {
        error(key, "\"" + key + "\" must be an object, not " + type_name(*v));
        return nullptr;
    }
    return v;
}

void object_reader::finish() {
    if (!obj_) return;
    std::vector<std::string> known(known_.begin(), known_.end());
    for (const auto& [key, value] : obj_->items()) {
        if (known_.count(key)) continue;
        std::string msg = "unknown field \"" + key + "\" in " + what_;
        if (auto near = core::nearest(key, known); !near.empty()) msg += " (did you mean \"" + near + "\"?)";
        error(key, msg);
    }
}

namespace {

/// A domain name (letters, digits, hyphens, dots; at least two labels) or an email address whose
/// domain is one (RFC 4151's taggingEntity).
bool valid_tag_authority(const std::string& s) {
    std::string domain = s;
    if (const auto at = s.find('@'); at != std::string::npos) {
        const std::string local = s.substr(0, at);
        if (local.empty()) return false;
        for (unsigned char c : local) {
            if (!std::isalnum(c) && std::string_view("!#$%&'*+-/=?^_`{|}~.").find(static_cast<char>(c)) == std::string_view::npos) return false;
        }
        domain = s.substr(at + 1);
    }
    if (domain.empty() || domain.size() > 253 || domain.find('.') == std::string::npos) return false;
    std::size_t label = 0;
    for (std::size_t i = 0; i <= domain.size(); ++i) {
        if (i == domain.size() || domain[i] == '.') {
            if (label == 0 || label > 63 || domain[i - 1] == '-' || domain[i - label] == '-') return false;
            label = 0;
            continue;
        }
        const auto c = static_cast<unsigned char>(domain[i]);
        if (!std::isalnum(c) && c != '-') return false;
        ++label;
    }
    return true;
}

}  // namespace

void read_tag_fields(object_reader& r, const core::json_source& src, core::diagnostics& diags, site_config& site) {
    const auto authority = r.string("tag_authority", false);
    const auto date = r.date("tag_date", false);
    if (authority) {
        if (!valid_tag_authority(*authority)) {
            r.error("tag_authority", "\"tag_authority\" must be a domain name (\"briefs.example.org\") or an email address (\"desk@example.org\"), not \"" + *authority + "\"");
        } else if (!r.has("tag_date")) {
            r.error("tag_authority", "\"tag_authority\" needs a \"tag_date\" beside it: a date (YYYY, YYYY-MM or YYYY-MM-DD) on which the authority was yours");
        } else if (date) {
            site.tag_authority = *authority;
            site.tag_date = *date;
        }
    } else if (r.has("tag_date")) {
        r.error("tag_date", "\"tag_date\" needs a \"tag_authority\" beside it (a domain name or an email address)");
    } else if (r.ok()) {
        src.warning(diags, r.pointer(), "site.json has no \"tag_authority\" and \"tag_date\": the feeds' entry ids are then made from the base URL (and change if the site moves) or, without one, are not unique to this site; set both (see docs/content-format.md)");
    }
}

void warn_if_future(object_reader& r, const std::string& key, const std::string& date) {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char today[40];
    std::snprintf(today, sizeof today, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    std::string start = date;  // the first day the date names
    if (start.size() == 4) start += "-01";
    if (start.size() == 7) start += "-01";
    if (start > today) r.warning(key, "the brief is dated " + date + ", in the future: the feed would say it was updated then");
}

}  // namespace briefs::content::detail
