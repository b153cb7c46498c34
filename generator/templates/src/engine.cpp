#include "briefs/templates/engine.hpp"

#include <algorithm>
#include <atomic>
#include <regex>
#include <set>
#include <vector>

#include <kainjow/mustache.hpp>

#include "briefs/core/fs.hpp"
#include "briefs/core/layers.hpp"

namespace briefs::templates {
namespace {

namespace fs = std::filesystem;
using mustache = kainjow::mustache::mustache;
using data = kainjow::mustache::data;

/// The one adapter from nlohmann::json to kainjow's data model (which has no numbers and no null).
/// Each converted child is moved into its parent: kainjow's set() and push_back() copy their argument,
/// which made every value be copied once per level above it (a page's data is several levels deep).
data to_data(const nlohmann::json& v) {
    switch (v.type()) {
        case nlohmann::json::value_t::object: {
            data d{data::type::object};
            for (const auto& [k, child] : v.items()) d[k] = to_data(child);  // operator[] gives the slot: moved in
            return d;
        }
        case nlohmann::json::value_t::array: {
            data d{data::type::list};
            // kainjow gives its list only as const; the list is its own heap object, not a const one.
            auto& list = const_cast<kainjow::mustache::list&>(d.list_value());
            list.reserve(v.size());
            for (const auto& child : v) list.push_back(to_data(child));
            return d;
        }
        case nlohmann::json::value_t::string: return data{v.get_ref<const std::string&>()};
        case nlohmann::json::value_t::boolean: return data{v.get<bool>()};
        case nlohmann::json::value_t::null: return data{false};
        default: return data{v.dump()};
    }
}

/// Resolves partials from the template folder and remembers what a template asked for in vain.
class checking_context : public kainjow::mustache::context<std::string> {
public:
    checking_context(const data* shared, const data* d, const std::map<std::string, data>& partials) : partials_(partials) {
        if (shared) push(shared);
        push(d);  // searched first
    }

    const data* get(const std::string& name) const override {
        const data* found = context::get(name);
        if (!found && name.starts_with("t.")) missing_strings.insert(name.substr(2));
        return found;
    }
    const data* get_partial(const std::string& name) const override {
        auto it = partials_.find(name);
        if (it != partials_.end()) return &it->second;
        missing_partials.insert(name);
        return nullptr;
    }

    mutable std::set<std::string> missing_strings;
    mutable std::set<std::string> missing_partials;

private:
    const std::map<std::string, data>& partials_;
};

/// kainjow reports "Unclosed tag at 123" (a byte offset): turn the offset into line:col.
core::diagnostic syntax_error(const std::string& path, const std::string& text, const std::string& message) {
    core::diagnostic d{path, 1, 1, core::severity::error, "template syntax error: " + message};
    const auto at = message.rfind(" at ");
    if (at != std::string::npos) {
        try {
            const auto offset = std::stoul(message.substr(at + 4));
            const auto pos = core::position_of(text, offset);
            d.line = pos.line;
            d.column = pos.column;
            d.message = "template syntax error: " + message.substr(0, at);
        } catch (...) {
        }
    }
    return d;
}

std::atomic<std::uint64_t> next_generation{1};

/// Replaces every `{{> name}}` with the partial's text (recursively), once, when templates are
/// loaded: kainjow would otherwise parse a partial again at each use (thousands of times for the
/// cards of a home page). A partial that does not exist is an error at its line and column.
struct partial_expander {
    const std::map<std::string, std::pair<std::string, std::string>>& partials;  // name → (path, text)
    core::diagnostics& diags;

    std::string expand(const std::string& path, const std::string& text, int depth) {
        static const std::regex tag(R"(\{\{>\s*([^}\s]+)\s*\}\})");
        std::string out;
        std::size_t last = 0;
        for (auto it = std::sregex_iterator(text.begin(), text.end(), tag); it != std::sregex_iterator(); ++it) {
            const auto& m = *it;
            out.append(text, last, static_cast<std::size_t>(m.position(0)) - last);
            last = static_cast<std::size_t>(m.position(0) + m.length(0));
            const std::string name = m[1];
            auto p = partials.find(name);
            const auto pos = core::position_of(text, static_cast<std::size_t>(m.position(0)));
            if (p == partials.end()) {
                diags.error(path, pos.line, pos.column, "uses the partial \"" + name + "\", but templates/partials/" + name + ".html does not exist");
            } else if (depth >= 16) {
                diags.error(path, pos.line, pos.column, "partials include each other in a loop (\"" + name + "\")");
            } else {
                out += expand(p->second.first, p->second.second, depth + 1);
            }
        }
        out.append(text, last, std::string::npos);
        return out;
    }
};

struct compiled {
    std::uint64_t generation = 0;
    std::map<std::string, std::unique_ptr<mustache>> pages;
    std::map<std::string, data> partials;
};

}  // namespace

struct shared_data::converted {
    data value;
};

shared_data::shared_data(const nlohmann::json& value) : data_(std::make_unique<converted>(converted{to_data(value)})) {}
shared_data::~shared_data() = default;
shared_data::shared_data(shared_data&&) noexcept = default;
shared_data& shared_data::operator=(shared_data&&) noexcept = default;

std::optional<engine> engine::load(const fs::path& dir, core::diagnostics& diags) {
    return load(std::vector<fs::path>{dir}, diags);
}

std::optional<engine> engine::load(const std::vector<fs::path>& layers, core::diagnostics& diags) {
    const std::size_t first = diags.items().size();
    auto loaded = load_all(layers, diags);
    diags.name_check(first, "templates");
    return loaded;
}

std::optional<engine> engine::load_all(const std::vector<fs::path>& layers, core::diagnostics& diags) {
    if (layers.empty() || !core::any_layer_exists(layers)) {
        diags.error(core::display_path(layers.empty() ? fs::path("templates") : layers.front()), 0, 0, "templates folder not found");
        return std::nullopt;
    }
    auto pages = std::make_shared<std::map<std::string, source>>();
    auto partials = std::make_shared<std::map<std::string, source>>();
    const auto files = core::list_layered(layers, diags);
    std::string all;
    const std::size_t errors_before = diags.error_count();
    for (const auto& [rel_path, file] : files) {
        const fs::path& f = file.path;
        const auto rel = rel_path.generic_string();
        const auto ext = f.extension().string();
        if (ext != ".html" && ext != ".xml" && ext != ".txt") continue;
        std::string why;
        auto text = core::read_file(f, why, 1024 * 1024);
        const std::string shown = core::display_path(f);
        if (!text) {
            diags.error(shown, 0, 0, why);
            continue;
        }
        mustache check(*text);
        if (!check.is_valid()) {
            diags.add(syntax_error(shown, *text, check.error_message()));
            continue;
        }
        all += rel + '\0' + *text + '\0';
        if (rel.starts_with("partials/")) (*partials)[f.stem().string()] = {shown, *text, *text};
        else if (rel.find('/') == std::string::npos) (*pages)[rel] = {shown, *text, *text};
    }
    if (diags.error_count() != errors_before) return std::nullopt;
    std::map<std::string, std::pair<std::string, std::string>> partial_texts;
    for (const auto& [name, p] : *partials) partial_texts[name] = {p.path, p.text};
    partial_expander expander{partial_texts, diags};
    for (auto& [name, page] : *pages) page.text = expander.expand(page.path, page.text, 0);
    if (diags.error_count() != errors_before) return std::nullopt;
    engine e;
    e.pages_ = std::move(pages);
    e.partials_ = std::move(partials);
    e.fingerprint_ = core::hash_hex(all);
    e.generation_ = next_generation++;
    return e;
}

std::string engine::render(const std::string& name, const nlohmann::json& json, core::diagnostics& diags,
                           const shared_data* shared) const {
    auto page = pages_->find(name);
    if (page == pages_->end()) {
        diags.error("templates/" + name, 0, 0, "template not found");
        return {};
    }
    // kainjow's render is not const: each thread keeps its own compiled copies.
    thread_local compiled cache;
    if (cache.generation != generation_) {
        cache = compiled{};
        cache.generation = generation_;
        for (const auto& [k, p] : *partials_) cache.partials.emplace(k, data{p.text});
    }
    auto& tmpl = cache.pages[name];
    if (!tmpl) tmpl = std::make_unique<mustache>(page->second.text);

    const std::size_t first = diags.items().size();
    const data d = to_data(json);
    checking_context ctx(shared ? &shared->data_->value : nullptr, &d, cache.partials);
    std::string out = tmpl->render(ctx);
    if (!tmpl->is_valid()) diags.error(page->second.path, 0, 0, "template error: " + tmpl->error_message());
    for (const auto& p : ctx.missing_partials) {
        diags.error(page->second.path, 0, 0, "uses the partial \"" + p + "\", but templates/partials/" + p + ".html does not exist");
    }
    for (const auto& s : ctx.missing_strings) {
        diags.error(page->second.path, 0, 0, "uses the interface string \"" + s + "\", which content/i18n/" +
                                                  (json.contains("lang") ? json["lang"].get<std::string>() : std::string("<lang>")) +
                                                  ".json does not define");
    }
    diags.name_check(first, "templates");
    return out;
}

std::optional<engine::location> engine::locate(const std::string& name, std::string_view text) const {
    if (text.empty()) return std::nullopt;
    auto in = [&](const source& src) -> std::optional<location> {
        const auto at = src.written.find(text);
        if (at == std::string::npos) return std::nullopt;
        const auto pos = core::position_of(src.written, at);
        return location{src.path, pos.line, pos.column};
    };
    if (auto page = pages_->find(name); page != pages_->end()) {
        if (auto found = in(page->second)) return found;
    }
    for (const auto& [partial, src] : *partials_) {
        if (auto found = in(src)) return found;
    }
    return std::nullopt;
}

}  // namespace briefs::templates
