// The search page and its index.
#include "pages.hpp"
#include "headings.hpp"

#include <algorithm>
#include <charconv>
#include <mutex>
#include <unordered_map>
#include "briefs/core/fs.hpp"
#include "briefs/core/url.hpp"
#include "briefs/i18n/text.hpp"
#include "briefs/markdown/render.hpp"

namespace briefs::sitegraph::detail {

using nlohmann::json;

json assembler::search_page(const page_job& job) const {
    json c = common(job, strings_.at(job.lang).value("search", "Search"), strings_.at(job.lang).value("search_intro", ""));
    c["is_search"] = true;  // the page has its own search box: none in the header
    c["index_src"] = "index.js?v=" + content_version_.substr(0, 12);
    return c;
}

namespace {

/// A JSON string (nlohmann's escaping), with `<`, `>` and `&` escaped too, so that no text of the
/// content can close a script element or look like markup wherever the index ends up, and U+2028/2029
/// (line ends in old JavaScript) escaped.
void append_json(std::string& out, const std::string& s) {
    const std::string quoted = json(s).dump();
    for (std::size_t i = 0; i < quoted.size(); ++i) {
        const char ch = quoted[i];
        if (ch == '<') out += "\\u003c";
        else if (ch == '>') out += "\\u003e";
        else if (ch == '&') out += "\\u0026";
        else if (ch == '\xE2' && i + 2 < quoted.size() && quoted[i + 1] == '\x80' && (quoted[i + 2] == '\xA8' || quoted[i + 2] == '\xA9')) {
            out += quoted[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
            i += 2;
        } else {
            out += ch;
        }
    }
}

/// One brief's part of a search index, as JSON: `{"docs": [[url, region, period, heading, text], …],
/// "terms": {"term": [doc, weight, doc, weight, …], …}}`, document numbers local to the brief.
/// It depends only on the region's JSON (names, summary, headings), the bodies and whether the brief
/// is the latest (its URL, the summary), so it is kept for the process: a preview's rebuild segments
/// only the briefs that changed, and the index is the concatenation of the parts.
class search_parts_memo {
public:
    template <typename Make>
    std::shared_ptr<const std::string> get(const std::string& key, Make make) {
        {
            std::lock_guard lock(mutex_);
            if (auto it = memo_.find(key); it != memo_.end()) return it->second;
        }
        auto part = std::make_shared<const std::string>(make());
        std::lock_guard lock(mutex_);
        if (memo_.size() > 100'000) memo_.clear();  // bounded: briefs of sites long edited away
        memo_.emplace(key, part);
        return part;
    }

private:
    std::mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<const std::string>> memo_;
};

/// The parts of a previous build's index, kept in one file per language between runs of `briefs
/// build`: records of `key\n<length>\n<bytes>`. Keys hold no newline (ids, periods and hashes).
/// A damaged or missing file is an empty one.
std::unordered_map<std::string, std::string> read_search_pack(const std::filesystem::path& path) {
    std::unordered_map<std::string, std::string> parts;
    std::string why;
    const auto bytes = core::read_file(path, why, 4ull << 30);
    if (!bytes) return parts;
    const std::string& b = *bytes;
    for (std::size_t at = 0; at < b.size();) {
        const auto key_end = b.find('\n', at);
        const auto len_end = key_end == std::string::npos ? std::string::npos : b.find('\n', key_end + 1);
        if (len_end == std::string::npos) break;
        std::size_t length = 0;
        const auto [end, error] = std::from_chars(b.data() + key_end + 1, b.data() + len_end, length);
        if (error != std::errc() || end != b.data() + len_end || length > b.size() - len_end - 1) break;
        parts.emplace(b.substr(at, key_end - at), b.substr(len_end + 1, length));
        at = len_end + 1 + length;
    }
    return parts;
}

void write_search_pack(const std::filesystem::path& path, const std::vector<std::pair<std::string, std::shared_ptr<const std::string>>>& parts) {
    std::string out;
    std::size_t size = 0;
    for (const auto& [key, part] : parts) size += key.size() + part->size() + 24;
    out.reserve(size);
    for (const auto& [key, part] : parts) out.append(key).append("\n").append(std::to_string(part->size())).append("\n").append(*part);
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    const auto tmp = path.string() + ".tmp";
    if (core::write_file(tmp, out).empty()) std::filesystem::rename(tmp, path, ec);
}

}  // namespace

std::string assembler::search_index(const page_job& job, const std::atomic<bool>* cancel) const {
    static search_parts_memo memo;
    const std::filesystem::path pack_path = search_cache_.empty() ? std::filesystem::path() : std::filesystem::path(search_cache_.string() + "-" + job.lang + ".pack");
    const auto pack = pack_path.empty() ? std::unordered_map<std::string, std::string>() : read_search_pack(pack_path);
    std::vector<std::pair<std::string, std::shared_ptr<const std::string>>> used;
    const std::string& lang = job.lang;
    // One document per section of every brief (and one for the brief itself: its title, the region's
    // summary, the text before the first heading), regions in the home page's order, newest brief first.
    std::vector<std::shared_ptr<const std::string>> parts;
    std::size_t bytes = 0;
    for (const content::region* r : ordered_regions(lang)) {
        if (cancel && cancel->load()) return {};  // Ctrl-C: the build is abandoned, do not finish a long job
        for (auto b = r->briefs.rbegin(); b != r->briefs.rend(); ++b) {
            const bool latest = &*b == &r->latest();
            const std::string key = lang + '|' + r->id + '|' + r->json_hash + '|' + b->period + '|' + b->bodies_hash + (latest ? "|latest" : "");
            parts.push_back(memo.get(generator_id_ + '|' + key, [&] {
                if (auto it = pack.find(key); it != pack.end()) return it->second;
                const std::string url = brief_url(lang, *r, *b);
                core::diagnostics ignored;
                auto plan = plan_headings(lang, *b, anchors_of(*b), false, ignored, nullptr);
                auto sections = markdown::sections(*plan.markdown, plan.opts);
                for (auto& p : sections) p.text = i18n::join_lines(p.text);
                std::string intro = latest ? r->summary.in(lang) : std::string();
                if (!sections.empty() && sections.front().source.level == 0) {
                    intro = i18n::join_lines(intro + (intro.empty() ? "" : "\n") + sections.front().text);
                    sections.erase(sections.begin());
                }
                std::string docs = "{\"docs\":[";
                std::map<std::string, std::vector<std::uint32_t>> terms;  // sorted: the output is deterministic
                std::uint32_t n = 0;
                auto add = [&](const std::string& doc_url, const std::string& heading, const std::string& text, const std::string& names) {
                    std::unordered_map<std::string, std::uint32_t> counts;
                    for (auto& w : i18n::search_terms(lang, text)) ++counts[std::move(w)];
                    for (auto& w : i18n::search_terms(lang, heading + ' ' + names)) counts[std::move(w)] += 3;  // a heading or a name counts more
                    for (auto& [w, c] : counts) {
                        if (w == "__proto__") continue;  // in an object literal it would set the object's prototype
                        auto& list = terms[w];
                        list.push_back(n);
                        list.push_back(c);
                    }
                    docs += n++ ? ",[" : "[";
                    for (const std::string* field : {&doc_url, &r->name.in(lang), &b->period, &heading, &text}) {
                        if (field != &doc_url) docs += ',';
                        append_json(docs, *field);
                    }
                    docs += ']';
                };
                add(url, b->title.in(lang), intro, r->name.zh + ' ' + r->name.en);
                for (const auto& p : sections) add(url + "#" + p.id, p.title, p.text, r->name.in(lang));
                docs += "],\"terms\":{";
                bool first = true;
                for (const auto& [term, list] : terms) {
                    if (!first) docs += ',';
                    first = false;
                    append_json(docs, term);
                    docs += ":[";
                    for (std::size_t i = 0; i < list.size(); ++i) {
                        if (i) docs += ',';
                        docs += std::to_string(list[i]);
                    }
                    docs += ']';
                }
                return docs + "}}";
            }));
            bytes += parts.back()->size() + 1;
            if (!pack_path.empty()) used.emplace_back(key, parts.back());
        }
    }
    // Written again only when it changed (a brief edited, added or removed).
    if (!pack_path.empty() && (pack.size() != used.size() || std::any_of(used.begin(), used.end(), [&](const auto& u) { return !pack.count(u.first); }))) {
        write_search_pack(pack_path, used);
    }
    // A script, not JSON: a <script> element loads it from any host and from disk (file://), where
    // fetch() is not allowed. search.js numbers the documents across parts when it loads.
    std::string out = "window.briefsSearchIndex={\"lang\":";
    out.reserve(bytes + 64);
    append_json(out, lang);
    out += ",\"parts\":[";
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i) out += ',';
        out += *parts[i];
    }
    return out + "]};\n";
}

}  // namespace briefs::sitegraph::detail
