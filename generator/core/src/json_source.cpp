#include "briefs/core/json_source.hpp"

#include <cctype>
#include <charconv>
#include <cstdint>
#include <iterator>
#include <mutex>
#include <unordered_map>
#include <unordered_set>
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

}  // namespace

/// Where one value starts; an object's members are found by key, an array's items by index.
struct location_node {
    std::size_t offset = 0;
    std::unordered_map<std::string, std::uint32_t> members;
    std::vector<std::uint32_t> items;
};

/// The offsets of a document's values, as a tree shaped like the document (node 0 is the root).
struct json_source::locations {
    std::mutex mutex;
    bool done = false;
    std::vector<location_node> nodes;
};

namespace {

/// Where and why a document was refused by the handler (nesting, duplicate keys, numbers).
struct refusal {
    std::size_t offset = 0;
    std::string message;
};

/// Builds the DOM (through nlohmann's own DOM builder), refuses what JSON's grammar allows but a
/// content file must not have, and (with `tree`) records where each value starts.
class checking_handler {
public:
    checking_handler(json& root, std::string_view text, const std::size_t& consumed, std::vector<location_node>* tree)
        : dom_(root, true), text_(text), consumed_(consumed), tree_(tree) {}

    bool null() { return scalar(dom_.null()); }
    bool boolean(bool v) { return scalar(dom_.boolean(v)); }
    bool number_integer(json::number_integer_t v) { return scalar(dom_.number_integer(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return scalar(dom_.number_unsigned(v)); }
    bool number_float(json::number_float_t v, const std::string& s) { return scalar(dom_.number_float(v, s)); }
    bool string(std::string& v) { return scalar(dom_.string(v)); }
    bool binary(json::binary_t& v) { return scalar(dom_.binary(v)); }

    bool start_object(std::size_t n) { return open(back_to('{'), false) && dom_.start_object(n); }
    bool end_object() {
        close();
        return dom_.end_object();
    }
    bool start_array(std::size_t n) { return open(back_to('['), true) && dom_.start_array(n); }
    bool end_array() {
        close();
        return dom_.end_array();
    }
    bool key(std::string& k) {
        auto& top = stack_.back();
        // The closing quote of the key has just been read: walk back to its opening quote.
        std::size_t i = back_to('"');
        while (i > 0) {
            --i;
            if (text_[i] == '"') {
                std::size_t slashes = 0;
                while (i >= slashes + 1 && text_[i - slashes - 1] == '\\') ++slashes;
                if (slashes % 2 == 0) break;
            }
        }
        if (!top.keys.insert(k).second) {
            return refuse(i, "duplicate key \"" + k + "\": this object already has a member of that name");
        }
        top.key = k;
        top.key_offset = i;
        return dom_.key(k);
    }
    /// Syntax errors and numbers out of range: recorded, not thrown, so that both have a position.
    template <class Exception>
    bool parse_error(std::size_t bytes_read, const std::string& /*token*/, const Exception& ex) {
        syntax_error_ = true;
        std::string what = ex.what();
        // nlohmann's messages: "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error
        // while parsing object - unexpected '}'; expected string literal", "[json.exception.out_of_range.406]
        // number overflow parsing '1e400'". Keep the part after the position (or after the exception's name).
        if (auto at = what.find("parse error"); at != std::string::npos) {
            if (auto colon = what.find(": ", at); colon != std::string::npos) what = what.substr(colon + 2);
        } else if (auto bracket = what.find("] "); bracket != std::string::npos) {
            what = what.substr(bracket + 2);
        }
        refused_ = {bytes_read, std::move(what)};
        return false;
    }

    [[nodiscard]] const std::optional<refusal>& refused() const { return refused_; }
    /// True when the refusal came from the parser (its offset counts bytes read, not a token start).
    [[nodiscard]] bool syntax_error() const { return syntax_error_; }

private:
    struct frame {
        bool array = false;
        std::size_t index = 0;
        std::string key;
        std::size_t key_offset = 0;
        std::uint32_t node = 0;
        std::unordered_set<std::string> keys;
    };

    bool refuse(std::size_t offset, std::string message) {
        if (!refused_) refused_ = refusal{offset, std::move(message)};
        return false;
    }

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

    /// Records a new value starting at `value_offset` (a member: at its key) under the open container.
    std::uint32_t record(std::size_t value_offset) {
        if (!tree_) return 0;
        if (!stack_.empty() && !stack_.back().array) value_offset = stack_.back().key_offset;
        const auto id = static_cast<std::uint32_t>(tree_->size());
        tree_->push_back({value_offset, {}, {}});
        if (!stack_.empty()) {
            auto& parent = (*tree_)[stack_.back().node];
            if (stack_.back().array) parent.items.push_back(id);
            else parent.members.emplace(stack_.back().key, id);
        }
        return id;
    }

    bool scalar(bool ok) {
        if (tree_) {
            std::size_t i = 0;
            if (!stack_.empty() && stack_.back().array) {
                // Scalars in arrays: find the start of the token just read.
                i = std::min(consumed_, text_.size());
                while (i > 0 && (is_ws(text_[i - 1]) || text_[i - 1] == ',' || text_[i - 1] == ']')) --i;
                const std::size_t end = i;
                if (end > 0 && text_[end - 1] == '"') {
                    i = end - 1;
                    while (i > 0 && !(text_[i - 1] == '"' && (i < 2 || text_[i - 2] != '\\'))) --i;
                    if (i > 0) --i;
                } else {
                    while (i > 0 && !is_ws(text_[i - 1]) && text_[i - 1] != ',' && text_[i - 1] != '[') --i;
                }
            }
            record(i);
        }
        advance();
        return ok;
    }
    bool open(std::size_t offset, bool array) {
        if (stack_.size() >= json_source::max_depth) {
            return refuse(offset, "arrays and objects are nested more than " + std::to_string(json_source::max_depth) +
                                      " levels deep");
        }
        const std::uint32_t id = record(offset);
        stack_.emplace_back();
        stack_.back().array = array;
        stack_.back().node = id;
        return true;
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
    std::vector<location_node>* tree_;
    std::vector<frame> stack_;
    std::optional<refusal> refused_;
    bool syntax_error_ = false;
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

/// Parses `body` from `bom`; returns nothing, or why it was refused as a finished diagnostic.
std::optional<diagnostic> sax_parse(const std::string& path, std::string_view body, std::size_t bom, json& into,
                                    std::vector<location_node>* tree) {
    std::size_t consumed = bom;
    checking_handler handler(into, body, consumed, tree);
    counting_iterator first{body.data() + bom, body.data(), &consumed};
    counting_iterator last{body.data() + body.size(), body.data(), &consumed};
    try {
        if (json::sax_parse(first, last, &handler, nlohmann::detail::input_format_t::json, true, false)) return std::nullopt;
    } catch (const std::exception& e) {  // not expected: the handler reports errors instead of throwing
        return diagnostic{path, 1, 1, severity::error, std::string("invalid JSON: ") + e.what()};
    }
    const auto& why = handler.refused();
    if (!why) return diagnostic{path, 1, 1, severity::error, "invalid JSON"};
    std::size_t at = why->offset;
    std::string what = why->message;
    if (handler.syntax_error()) {
        // The parser counts the bytes read (after any BOM) up to the end of the token it stopped at:
        // point at the start of that token.
        const std::size_t end = std::min(body.size(), bom + why->offset);
        at = token_start(body, end > bom ? end - 1 : bom, bom);
        if (body.size() == bom) what = "empty file: expected a JSON object";
    }
    const auto pos = position_of(body, at);
    return diagnostic{path, pos.line, pos.column, severity::error, "invalid JSON: " + what};
}

}  // namespace

std::optional<json_source> json_source::parse(std::string path, std::string text, diagnostics& diags) {
    json_source src;
    src.path_ = std::move(path);
    src.text_ = std::move(text);
    src.locations_ = std::make_shared<locations>();
    const std::size_t bom = src.text_.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    if (auto error = sax_parse(src.path_, src.text_, bom, src.value_, nullptr)) {
        diags.add(std::move(*error));
        return std::nullopt;
    }
    return src;
}

namespace {
/// The next reference token of a JSON pointer, unescaped (`~1` → `/`, `~0` → `~`); advances `at`.
std::string next_token(std::string_view pointer, std::size_t& at) {
    const std::size_t end = std::min(pointer.find('/', at + 1), pointer.size());
    std::string token;
    for (std::size_t i = at + 1; i < end; ++i) {
        if (pointer[i] == '~' && i + 1 < end && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
            token += pointer[++i] == '1' ? '/' : '~';
        } else {
            token += pointer[i];
        }
    }
    at = end;
    return token;
}
}  // namespace

text_position json_source::position(const std::string& pointer) const {
    if (!locations_) return {1, 1};
    std::lock_guard lock(locations_->mutex);
    auto& nodes = locations_->nodes;
    if (!locations_->done) {
        locations_->done = true;
        json again;
        const std::size_t bom = text_.starts_with("\xEF\xBB\xBF") ? 3 : 0;
        sax_parse(path_, text_, bom, again, &nodes);
    }
    if (nodes.empty()) return {1, 1};
    // Walk down the tree; a token that is not there stops at its nearest existing ancestor.
    std::uint32_t at = 0;
    for (std::size_t i = 0; i < pointer.size() && pointer[i] == '/';) {
        const std::string token = next_token(pointer, i);
        const auto& n = nodes[at];
        if (auto m = n.members.find(token); m != n.members.end()) {
            at = m->second;
            continue;
        }
        std::size_t index = 0;
        const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
        if (ec != std::errc() || end != token.data() + token.size() || index >= n.items.size()) break;
        at = n.items[index];
    }
    return position_of(text_, nodes[at].offset);
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
