// The search index's files (see search_index.hpp): a brief's texts, the term buckets merged from every
// brief's part, and the meta file.
#include "search_index.hpp"
#include "pages.hpp"

#include <algorithm>
#include <charconv>
#include "briefs/sitegraph/build.hpp"

namespace briefs::sitegraph::detail {

namespace {

/// A term in more documents than this is written without its weights (see encode): a very common
/// word, character or pair costs about two characters per brief that has it.
std::size_t common_limit(std::size_t docs) { return std::max<std::size_t>(1000, docs / 8); }

/// A number as search.js reads it: five bits per character, low bits first, in a 64-character
/// alphabet whose upper half means "more follows". Safe in a JSON string and a script.
void varint(std::string& out, std::uint64_t v) {
    static constexpr char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    while (v >= 32) {
        out += digits[32 + (v & 31)];
        v >>= 5;
    }
    out += digits[v];
}

/// A term's postings (document, weight, … ascending) as a string: per brief that has the term, the
/// difference from the previous such brief, the set of its sections (a bit mask), then each of those
/// sections' weight. A common term ("~" first) has, instead of weights, the mask of the sections where
/// it weighs 3 or more (a heading, a name).
std::string encode(const std::vector<std::uint32_t>& list, bool common) {
    std::string out = common ? "~" : "";
    std::uint32_t previous = 0;
    for (std::size_t i = 0; i + 1 < list.size();) {
        const std::uint32_t brief = list[i] / search_sections_per_brief;
        std::uint64_t mask = 0, heavy = 0;
        std::string weights;
        for (; i + 1 < list.size() && list[i] / search_sections_per_brief == brief; i += 2) {
            const std::uint32_t bit = list[i] % search_sections_per_brief;
            mask |= std::uint64_t{1} << bit;
            if (list[i + 1] >= 3) heavy |= std::uint64_t{1} << bit;
            varint(weights, std::min<std::uint32_t>(list[i + 1], 1023));
        }
        varint(out, brief - previous);
        previous = brief;
        varint(out, mask);
        if (common) varint(out, heavy);
        else out += weights;
    }
    return out;
}

std::string loaded(const std::string& name, std::string_view data) {
    std::string out = "briefsSearchLoad(\"" + name + "\",";
    out.append(data);
    return out + ");\n";
}

}  // namespace

search_language& search_state::of(const std::string& lang) const {
    for (const auto& l : langs) {
        if (l->lang == lang) return *l;
    }
    throw std::out_of_range("no search index for language " + lang);
}

void assembler::prepare_search(const std::filesystem::path& cache, sitegraph::search_memo* memo) {
    search_ = std::make_shared<search_state>();
    search_->cache = cache;
    search_->memo = memo;
    for (const auto& lang : site_.site.languages) {
        auto L = std::make_unique<search_language>();
        L->lang = lang;
        std::size_t bytes = 0;
        // Regions in the home page's order, newest brief first.
        for (const content::region* r : ordered_regions(lang)) {
            for (auto b = r->briefs.rbegin(); b != r->briefs.rend(); ++b) {
                L->briefs.emplace_back(r, &*b);
                bytes += lang == "en" && b->body_en ? b->body_en->size() : b->body_zh.size();
            }
        }
        // About 16 KB of text per bucket: a bucket file is then of some tens of KB.
        while (L->buckets < 65536 && L->buckets * std::size_t{16384} < bytes) L->buckets *= 2;
        L->part_once = std::make_unique<std::once_flag[]>(L->briefs.size());
        L->parts.resize(L->briefs.size());
        L->part_keys.resize(L->briefs.size());
        search_->langs.push_back(std::move(L));
    }
}

void assembler::merge_search(search_language& L, const std::atomic<bool>* cancel) const {
    std::call_once(L.merged_once, [&] {
        using postings = std::vector<std::uint32_t>;  // document, weight, document, weight…
        // Terms by their text (views into the parts, which live as long as the build), each numbered
        // once: its bucket is computed once, not once per brief that has it.
        std::unordered_map<std::string_view, std::uint32_t> ids;
        std::vector<std::string_view> names;
        std::vector<postings> lists;
        std::size_t docs = 0;
        std::vector<std::pair<std::string, const search_part*>> used;
        for (std::size_t n = 0; n < L.briefs.size(); ++n) {
            if (cancel && cancel->load()) return;
            const auto part = search_part_of(L, n);
            if (!search_->cache.empty()) used.emplace_back(L.part_keys[n], part.get());
            std::uint32_t sections = 0;
            for (const auto& [term, list] : part->terms) {
                if (term == "w__proto__" || term.size() < 2) continue;  // as an object literal's key it would set the prototype
                auto [it, added] = ids.try_emplace(term, static_cast<std::uint32_t>(names.size()));
                if (added) {
                    names.push_back(term);
                    lists.emplace_back();
                }
                auto& into = lists[it->second];
                for (std::size_t i = 0; i + 1 < list.size(); i += 2) {
                    into.push_back(static_cast<std::uint32_t>(n) * search_sections_per_brief + list[i]);
                    into.push_back(list[i + 1]);
                    sections = std::max(sections, list[i] + 1);
                }
            }
            docs += sections;
        }
        std::vector<std::vector<std::uint32_t>> buckets(L.buckets);  // bucket → term numbers
        for (std::uint32_t t = 0; t < names.size(); ++t) buckets[search_bucket(search_key(names[t]), L.buckets)].push_back(t);
        const std::size_t limit = common_limit(docs);
        for (std::uint32_t k = 0; k < L.buckets; ++k) {
            std::vector<std::pair<const std::string_view*, const postings*>> sorted;
            for (std::uint32_t t : buckets[k]) sorted.emplace_back(&names[t], &lists[t]);
            std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return *a.first < *b.first; });
            std::string data = "{";
            for (char kind : {'c', 'p', 'w'}) {
                if (data.size() > 1) data += ',';
                data += std::string("\"") + kind + "\":{";
                bool first = true;
                for (const auto& [term, list] : sorted) {
                    if ((*term)[0] != kind) continue;
                    if (!first) data += ',';
                    first = false;
                    append_js_string(data, std::string(term->substr(1)));
                    data += ':';
                    data += '"' + encode(*list, list->size() / 2 > limit) + '"';
                }
                data += '}';
            }
            L.chunks.push_back(loaded("w" + std::to_string(k), data + "}"));
        }
        std::string meta = "{\"lang\":";
        append_js_string(meta, L.lang);
        meta += ",\"v\":\"" + content_version_.substr(0, 12) + "\",\"buckets\":" + std::to_string(L.buckets) +
                ",\"docs\":" + std::to_string(docs) + ",\"briefs\":" + std::to_string(L.briefs.size()) + '}';
        L.meta = loaded("meta", meta);
        // The parts are written again only when one changed (a brief edited, added or removed).
        if (!search_->cache.empty() && (L.pack.size() != used.size() ||
                                        std::any_of(used.begin(), used.end(), [&](const auto& u) { return !L.pack.count(u.first); }))) {
            std::sort(used.begin(), used.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
            std::vector<std::pair<std::string, std::string>> records;
            for (const auto& [key, part] : used) records.emplace_back(key, serialize(*part));
            write_search_pack(search_->cache.string() + "-" + L.lang + ".pack", records);
        }
    });
}

std::string assembler::search_file(const page_job& job, const std::atomic<bool>* cancel) const {
    search_language& L = search_->of(job.lang);
    if (job.kind == page_kind::search_texts) return loaded("t" + std::to_string(job.number), search_part_of(L, job.number)->texts);
    merge_search(L, cancel);
    if (cancel && cancel->load()) return {};
    if (job.kind == page_kind::search_meta) return L.meta;
    return job.number < L.chunks.size() ? L.chunks[job.number] : std::string();
}

void assembler::list_search_files(std::vector<page_job>& out) const {
    // The texts first (segmenting every brief, in parallel), then the buckets, alternating languages so
    // that each language's merge runs on its own thread, then the meta files.
    for (const auto& L : search_->langs) {
        for (std::uint32_t n = 0; n < L->briefs.size(); ++n) {
            page_job j{page_kind::search_texts, L->lang, L->lang + "/search/", L->lang + "/search/t/" + std::to_string(n) + ".js", "",
                       L->briefs[n].first, L->briefs[n].second};
            j.number = n;
            out.push_back(j);
        }
    }
    std::uint32_t most = 0;
    for (const auto& L : search_->langs) most = std::max(most, L->buckets);
    for (std::uint32_t k = 0; k < most; ++k) {
        for (const auto& L : search_->langs) {
            if (k >= L->buckets) continue;
            page_job j{page_kind::search_chunk, L->lang, L->lang + "/search/", L->lang + "/search/w/" + std::to_string(k) + ".js", ""};
            j.number = k;
            out.push_back(j);
        }
    }
    for (const auto& L : search_->langs) out.push_back({page_kind::search_meta, L->lang, L->lang + "/search/", L->lang + "/search/meta.js", ""});
}

}  // namespace briefs::sitegraph::detail
