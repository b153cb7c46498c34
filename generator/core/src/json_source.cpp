#include "briefs/core/json_source.hpp"

#include <cctype>
#include <iterator>
#include <vector>

namespace briefs::core {
namespace {

using json = nlohmann::json;

/// A byte iterator that publishes how far the parser has read, so the SAX handler knows where it is.
struct counting_iterator {
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    const char* p = nullptr;
    const char* base = nullptr;
    std::size_t* consumed = nullptr;

    reference operator*() const { return *p; }
    counting_iterator& operator++() {
        ++p;
        *consumed = static_cast<std::size_t>(p - base);
        return *this;
    }
    counting_iterator operator++(int) {
        auto copy = *this;
        ++*this;
        return copy;
    }
    bool operator==(const counting_iterator& o) const { return p == o.p; }
    bool operator!=(const counting_iterator& o) const { return p != o.p; }
};

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// The start of the JSON token whose last byte is at `end`: a string, a number or literal, or one
/// structural character.
std::size_t token_start(std::string_view text, std::size_t end, std::size_t floor) {
    if (end >= text.size() || end <= floor) return std::min(end, text.size());
    auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '+' || c == '-'; };
    std::size_t i = end;
    if (text[end] == '"') {
        while (i > floor && !(text[i - 1] == '"' && (i < 2 || text[i - 2] != '\\'))) --i;
        return i > floor ? i - 1 : floor;
    }
    if (word(text[end])) {
        while (i > floor && word(text[i - 1])) --i;
        return i;
    }
    return end;
}

/// Builds the DOM (through nlohmann's own DOM builder) and records where each value starts.
class locating_handler {
public:
    locating_handler(json& root, std::string_view text, const std::size_t& consumed,
                     std::map<std::string, std::size_t>& offsets)
        : dom_(root, true), text_(text), consumed_(consumed), offsets_(offsets) {}

    bool null() { return scalar(dom_.null()); }
    bool boolean(bool v) { return scalar(dom_.boolean(v)); }
    bool number_integer(json::number_integer_t v) { return scalar(dom_.number_integer(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return scalar(dom_.number_unsigned(v)); }
    bool number_float(json::number_float_t v, const std::string& s) { return scalar(dom_.number_float(v, s)); }
    bool string(std::string& v) { return scalar(dom_.string(v)); }
    bool binary(json::binary_t& v) { return scalar(dom_.binary(v)); }

    bool start_object(std::size_t n) {
        open(back_to('{'));
        return dom_.start_object(n);
    }
    bool end_object() {
        close();
        return dom_.end_object();
    }
    bool start_array(std::size_t n) {
        open(back_to('['));
        return dom_.start_array(n);
    }
    bool end_array() {
        close();
        return dom_.end_array();
    }
    bool key(std::string& k) {
        auto& top = stack_.back();
        top.key = k;
        // The closing quote of the key has just been read: walk back to its opening quote.
        std::size_t end = back_to('"');
        std::size_t i = end;
        while (i > 0) {
            --i;
            if (text_[i] == '"') {
                std::size_t slashes = 0;
                while (i >= slashes + 1 && text_[i - slashes - 1] == '\\') ++slashes;
                if (slashes % 2 == 0) break;
            }
        }
        top.key_offset = i;
        return dom_.key(k);
    }
    template <class Exception>  // a template, so nlohmann's DOM parser throws the exact type (parse_error)
    bool parse_error(std::size_t pos, const std::string& tok, const Exception& ex) {
        return dom_.parse_error(pos, tok, ex);
    }

private:
    struct frame {
        bool array = false;
        std::size_t index = 0;
        std::string key;
        std::size_t key_offset = 0;
        std::string pointer;
    };

    /// The last occurrence of `c` at or before what the parser has read (it may have read one byte
    /// past the token, and whitespace before it).
    std::size_t back_to(char c) const {
        std::size_t i = std::min(consumed_, text_.size());
        while (i > 0) {
            --i;
            if (text_[i] == c) return i;
        }
        return 0;
    }

    std::string child_pointer() const {
        if (stack_.empty()) return "";
        const auto& top = stack_.back();
        return top.pointer + "/" + (top.array ? std::to_string(top.index) : json_source::escape_key(top.key));
    }

    void record(const std::string& pointer, std::size_t value_offset) {
        if (!stack_.empty() && !stack_.back().array) value_offset = stack_.back().key_offset;
        offsets_.emplace(pointer, value_offset);
    }

    bool scalar(bool ok) {
        if (!stack_.empty() && stack_.back().array) {
            // Scalars in arrays: find the start of the token just read.
            std::size_t i = std::min(consumed_, text_.size());
            while (i > 0 && (is_ws(text_[i - 1]) || text_[i - 1] == ',' || text_[i - 1] == ']')) --i;
            std::size_t end = i;
            if (end > 0 && text_[end - 1] == '"') {
                i = end - 1;
                while (i > 0 && !(text_[i - 1] == '"' && (i < 2 || text_[i - 2] != '\\'))) --i;
                if (i > 0) --i;
            } else {
                while (i > 0 && !is_ws(text_[i - 1]) && text_[i - 1] != ',' && text_[i - 1] != '[') --i;
            }
            record(child_pointer(), i);
        } else {
            record(child_pointer(), 0);
        }
        advance();
        return ok;
    }
    void open(std::size_t offset) {
        std::string pointer = child_pointer();
        record(pointer, offset);
        stack_.push_back({});
        stack_.back().pointer = std::move(pointer);
        stack_.back().array = text_[offset] == '[';
    }
    void close() {
        stack_.pop_back();
        advance();
    }
    void advance() {
        if (!stack_.empty() && stack_.back().array) ++stack_.back().index;
    }

    nlohmann::detail::json_sax_dom_parser<json> dom_;
    std::string_view text_;
    const std::size_t& consumed_;
    std::map<std::string, std::size_t>& offsets_;
    std::vector<frame> stack_;
};

}  // namespace

std::string json_source::escape_key(std::string_view key) {
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

namespace {

/// Parses `text` from `bom` with `handler`; returns "" or the syntax error as a finished diagnostic.
template <typename Handler>
std::optional<diagnostic> sax_parse(const std::string& path, std::string_view body, std::size_t bom, std::size_t& consumed,
                                    Handler& handler) {
    counting_iterator first{body.data() + bom, body.data(), &consumed};
    counting_iterator last{body.data() + body.size(), body.data(), &consumed};
    try {
        json::sax_parse(first, last, &handler, nlohmann::detail::input_format_t::json, true, false);
    } catch (const json::parse_error& e) {
        // e.byte counts the bytes read (after any BOM) up to the end of the token the parser stopped
        // at: point at the start of that token.
        const std::size_t end = std::min(body.size(), bom + e.byte);
        const std::size_t at = token_start(body, end > bom ? end - 1 : bom, bom);
        const auto pos = position_of(body, at);
        std::string what = e.what();
        // nlohmann's message: "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error
        // while parsing object - unexpected '}'; expected string literal". Keep the part after the position.
        if (auto colon = what.find(": ", what.find("parse error")); colon != std::string::npos) what = what.substr(colon + 2);
        if (body.size() == bom) what = "empty file: expected a JSON object";
        return diagnostic{path, pos.line, pos.column, severity::error, "invalid JSON: " + what};
    } catch (const std::exception& e) {
        return diagnostic{path, 1, 1, severity::error, std::string("invalid JSON: ") + e.what()};
    }
    return std::nullopt;
}

}  // namespace

std::optional<json_source> json_source::parse(std::string path, std::string text, diagnostics& diags) {
    json_source src;
    src.path_ = std::move(path);
    src.text_ = std::move(text);
    const std::size_t bom = src.text_.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    std::size_t consumed = bom;
    nlohmann::detail::json_sax_dom_parser<json> dom(src.value_, true);
    if (auto error = sax_parse(src.path_, src.text_, bom, consumed, dom)) {
        diags.add(std::move(*error));
        return std::nullopt;
    }
    return src;
}

text_position json_source::position(const std::string& pointer) const {
    std::lock_guard lock(*locating_);
    if (!located_) {
        located_ = true;
        json again;
        const std::size_t bom = text_.starts_with("\xEF\xBB\xBF") ? 3 : 0;
        std::size_t consumed = bom;
        locating_handler handler(again, text_, consumed, offsets_);
        sax_parse(path_, text_, bom, consumed, handler);
    }
    std::string p = pointer;
    while (true) {
        if (auto it = offsets_.find(p); it != offsets_.end()) return position_of(text_, it->second);
        if (p.empty()) return {1, 1};
        p = p.substr(0, p.rfind('/'));
    }
}

void json_source::error(diagnostics& diags, const std::string& pointer, std::string message) const {
    const auto pos = position(pointer);
    diags.error(path_, pos.line, pos.column, std::move(message));
}

void json_source::warning(diagnostics& diags, const std::string& pointer, std::string message) const {
    const auto pos = position(pointer);
    diags.warning(path_, pos.line, pos.column, std::move(message));
}

}  // namespace briefs::core
