// The search index's files (see search_index.hpp): a brief's texts, the term buckets merged from every
// brief's part, and the meta file.
#include "search_index.hpp"
#include "pages.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include "briefs/sitegraph/build.hpp"

namespace briefs::sitegraph::detail {

namespace {

/// A term in more documents than this is written without its weights (see encode): a very common
/// word, character or pair costs about two characters per brief that has it.
/// It moves in powers of two, so that a few more sections do not change every bucket of a large site.
std::size_t common_limit(std::size_t docs) { return std::max<std::size_t>(1000, std::bit_floor(docs / 8)); }

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

/// A term's postings in one brief, read once from its part: the sections that have the term (a mask),
/// those where it weighs 3 or more (a heading, a name), and its weights in section order, as search.js
/// reads them ([from, to) of a shared string).
struct brief_postings {
    std::uint32_t brief, mask = 0, heavy = 0;
    std::size_t from, to;
};
brief_postings postings_of(std::string_view terms, const search_language::dealt_term& d, std::string& weights) {
    brief_postings p{d.brief, 0, 0, weights.size(), 0};
    read_postings(terms, d.at, [&](std::uint32_t section, std::uint32_t weight) {
        const std::uint32_t bit = std::uint32_t{1} << section;
        p.mask |= bit;
        if (weight >= 3) p.heavy |= bit;
        varint(weights, weight);
    });
    p.to = weights.size();
    return p;
}

/// A term's postings: per brief that has the term, the difference from the previous such brief, the
/// set of its sections (a bit mask), then each of those sections' weight. A common term ("~" first)
/// has, instead of weights, the mask of the sections where it weighs 3 or more (a heading, a name).
void encode(std::string& out, const std::vector<brief_postings>& briefs, const std::string& weights, bool common) {
    if (common) out += '~';
    std::uint32_t previous = 0;
    for (const brief_postings& p : briefs) {
        varint(out, p.brief - previous);
        previous = p.brief;
        varint(out, p.mask);
        if (common) {
            varint(out, p.heavy);
        } else {
            out.append(weights, p.from, p.to - p.from);
        }
    }
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

void assembler::prepare_search(output::pack_store* store, sitegraph::search_memo* memo) {
    search_ = std::make_shared<search_state>();
    search_->store = store;
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
        // Topic pages, then glossary terms (in the glossary page's order is not needed: by id).
        const auto& t = strings_.at(lang);
        for (const auto& topic : site_.topics) {
            L->pages.push_back({lang + "/topics/" + topic.id + "/", t.value("topics", "Topics"), "", topic.name.in(lang), topic.summary.in(lang)});
        }
        for (const auto& g : site_.glossary) {
            L->pages.push_back({lang + "/glossary/", t.value("glossary", "Glossary"), g.id, lang == "zh" ? g.zh : g.en,
                                g.zh + " " + g.pinyin + " " + g.en + " " + g.explanation.in(lang)});
        }
        const std::size_t docs = L->briefs.size() + L->pages.size();
        L->part_once = std::make_unique<std::once_flag[]>(docs);
        L->parts.resize(docs);
        L->part_keys.resize(docs);
        search_->langs.push_back(std::move(L));
    }
}

void assembler::merge_search(search_language& L, const std::atomic<bool>* cancel) const {
    // Once per language: every part's terms dealt into their buckets (in brief order), and the meta.
    std::call_once(L.dealt_once, [&] {
        // Every part first (the texts' jobs made most of them), and the parts written again if one
        // changed (a brief edited, added or removed): before dealing, so that the copies written and
        // the last build's parts read are not in memory with the dealt terms.
        std::vector<std::pair<std::string, const search_part*>> used;
        for (std::size_t n = 0; n < L.parts.size(); ++n) {
            if (cancel && cancel->load()) return;
            const auto part = search_part_of(L, n);
            if (search_->store && n < L.briefs.size()) used.emplace_back(L.part_keys[n], part.get());
        }
        if (search_->store && (L.pack.size() != used.size() ||
                                        std::any_of(used.begin(), used.end(), [&](const auto& u) { return !L.pack.count(u.first); }))) {
            std::sort(used.begin(), used.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
            std::lock_guard lock(search_->pack_writing);
            std::vector<std::pair<std::string, std::string>> records;
            for (const auto& [key, part] : used) records.emplace_back(key, serialize(*part));
            search_->store->write(L.lang + ".parts", records);
        }
        decltype(L.pack)().swap(L.pack);
        // The buckets of the last build, kept by `briefs serve` in memory and by `briefs build` on disk:
        // a bucket fed the same terms, with the same postings at the same brief numbers, is taken as it
        // was, and its terms are not dealt at all.
        if (search_->memo) {
            if (auto kept = search_->memo->find(generator_id_ + "|buckets|" + L.lang)) {
                L.previous = std::static_pointer_cast<const std::unordered_map<std::string, std::string>>(kept);
            }
        } else if (search_->store) {
            L.previous = std::make_shared<const std::unordered_map<std::string, std::string>>(search_->store->read(L.lang + ".buckets"));
        }
        const bool reuse = L.previous && !L.previous->empty();
        std::vector<std::uint64_t> fed(L.buckets, 1469598103934665603ull);  // bucket → FNV-1a of its terms' ids, postings, brief numbers
        std::vector<std::uint32_t> sizes(L.buckets, 0);
        L.dealt.assign(L.buckets, {});
        L.terms.reserve(L.parts.size());
        L.clashes.assign(L.buckets, 0);
        std::unordered_map<std::uint64_t, std::pair<std::string_view, std::uint32_t>> words;  // a word's id → its text (to see two words share one), hash
        // A term's bucket: a character's or pair's from its number, a word's once per word (its key takes
        // its code points); a second word with the same id (never seen) is a clash, its bucket grouped by text.
        auto bucket_of = [&](const search_term& t, bool first_pass) -> std::uint32_t {
            if (t.word.empty()) return han_hash(static_cast<std::uint32_t>(t.id)) % L.buckets;
            auto seen = words.find(t.id);
            if (seen == words.end() && first_pass) seen = words.try_emplace(t.id, t.word, search_hash(search_key("w" + std::string(t.word)))).first;
            if (seen != words.end() && seen->second.first == t.word) return seen->second.second % L.buckets;
            const std::uint32_t k = search_hash(search_key("w" + std::string(t.word))) % L.buckets;
            if (first_pass) L.clashes[k] = 1;
            return k;
        };
        for (std::size_t n = 0; n < L.parts.size(); ++n) {
            if (cancel && cancel->load()) return;
            const search_part* part = L.parts[n].get();
            L.terms.push_back(part->terms);
            const std::string_view bytes = part->terms;
            search_term t;
            for (search_term_reader terms(*part); terms.next(t);) {
                const std::uint32_t k = bucket_of(t, true);
                if (!reuse) L.dealt[k].push_back({t.id, static_cast<std::uint32_t>(n), t.at});
                ++sizes[k];
                const std::uint64_t what = std::hash<std::string_view>{}(bytes.substr(t.at, terms.offset() - t.at)) ^
                                           (t.id * 0x9E3779B97F4A7C15ull) ^ (std::uint64_t{n} << 40);
                fed[k] = (fed[k] ^ what) * 1099511628211ull;
            }
            L.docs += part->sections;
        }
        const std::string limit = std::to_string(common_limit(L.docs)) + '/' + std::to_string(L.buckets) + '/';
        L.fingerprints.resize(L.buckets);
        // With the bucket's number: two buckets that hold the same (two empty ones, say) differ by it.
        for (std::uint32_t k = 0; k < L.buckets; ++k) L.fingerprints[k] = limit + std::to_string(k) + '/' + std::to_string(fed[k]) + '/' + std::to_string(sizes[k]);
        if (reuse) {
            // Only the buckets the last build did not have are dealt (after an edit, those its terms feed).
            std::vector<char> wanted(L.buckets, 0);
            bool any = false;
            for (std::uint32_t k = 0; k < L.buckets; ++k) any |= (wanted[k] = !L.previous->count(L.fingerprints[k])) != 0;
            for (std::size_t n = 0; any && n < L.parts.size(); ++n) {
                if (cancel && cancel->load()) return;
                search_term t;
                for (search_term_reader terms(*L.parts[n]); terms.next(t);) {
                    const std::uint32_t k = bucket_of(t, false);
                    if (wanted[k]) L.dealt[k].push_back({t.id, static_cast<std::uint32_t>(n), t.at});
                }
            }
        }
        L.chunks.resize(L.buckets);
        L.chunk_once = std::make_unique<std::once_flag[]>(L.buckets);
        std::string meta = "{\"lang\":";
        append_js_string(meta, L.lang);
        meta += ",\"v\":\"" + content_version_.substr(0, 12) + "\",\"buckets\":" + std::to_string(L.buckets) +
                ",\"docs\":" + std::to_string(L.docs) + ",\"briefs\":" + std::to_string(L.parts.size()) +
                ",\"pages\":" + std::to_string(L.briefs.size()) + '}';  // documents from here on are topic and glossary pages
        L.meta = loaded("meta", meta);
    });
}

void assembler::merge_bucket(search_language& L, std::uint32_t k) const {
    std::call_once(L.chunk_once[k], [&] {
        if (auto it = L.previous ? L.previous->find(L.fingerprints[k]) : decltype(L.previous->end())(); L.previous && it != L.previous->end()) {
            L.chunks[k] = it->second;
            return;
        }
        auto& dealt = L.dealt[k];
        // By term (its kind, then a hash of its text: the order is the same in every build), then brief.
        std::sort(dealt.begin(), dealt.end());
        // A word's text (without the 'w') follows its postings in its part.
        auto word = [&](const search_language::dealt_term& d) {
            const std::string_view bytes = L.terms[d.brief];
            std::size_t at = read_postings(bytes, d.at, [](std::uint32_t, std::uint32_t) {});
            std::uint64_t size = 0;
            read_varint(bytes, at, size);
            return bytes.substr(at, size);
        };
        auto is_word = [](const search_language::dealt_term& d) { return (d.id >> 56) == 'w'; };
        // Two words with the same hash (not seen, but possible: found while dealing) would be one group:
        // then by text. (A character's or a pair's id is exact, and in the order of its text: search_id.)
        const bool clash = L.clashes[k];
        if (clash) {
            std::stable_sort(dealt.begin(), dealt.end(), [&](const auto& a, const auto& b) { return is_word(a) && is_word(b) ? word(a) < word(b) : a.id < b.id; });
        }
        const std::size_t limit = common_limit(L.docs);
        std::string data = "{", weights;
        std::vector<brief_postings> briefs;
        char kind = 0;
        for (std::size_t i = 0; i < dealt.size();) {
            const std::string han = is_word(dealt[i]) ? std::string() : han_text(static_cast<std::uint32_t>(dealt[i].id));
            const std::string_view term = is_word(dealt[i]) ? word(dealt[i]) : std::string_view(han).substr(1);
            const char term_kind = static_cast<char>(dealt[i].id >> 56);
            std::size_t j = i, sections = 0;
            briefs.clear();
            weights.clear();
            for (; j < dealt.size() && dealt[j].id == dealt[i].id && (!clash || !is_word(dealt[j]) || word(dealt[j]) == term); ++j) {
                // The parts' terms are read in no order (a cache miss each): the next ones asked for ahead.
                if (j + 8 < dealt.size()) __builtin_prefetch(L.terms[dealt[j + 8].brief].data() + dealt[j + 8].at);
                briefs.push_back(postings_of(L.terms[dealt[j].brief], dealt[j], weights));
                sections += static_cast<std::size_t>(std::popcount(briefs.back().mask));
            }
            // Kinds in order c, p, w (a term's text starts with its kind), each an object, all three always.
            for (const char next : {'c', 'p', 'w'}) {
                if (next <= kind || next > term_kind) continue;
                data += std::string(kind ? "}," : "") + '"' + next + "\":{";
                kind = next;
            }
            if (data.back() != '{') data += ',';
            append_js_string(data, std::string(term));
            data += ":\"";
            encode(data, briefs, weights, sections > limit);
            data += '"';
            i = j;
        }
        for (const char next : {'c', 'p', 'w'}) {
            if (next <= kind) continue;
            data += std::string(kind ? "}," : "") + '"' + next + "\":{";
            kind = next;
        }
        L.chunks[k] = loaded("w" + std::to_string(k), data + "}}");
        std::vector<search_language::dealt_term>().swap(dealt);
    });
}

std::string assembler::search_file(const page_job& job, const std::atomic<bool>* cancel) const {
    search_language& L = search_->of(job.lang);
    if (job.kind == page_kind::search_texts) return loaded("t" + std::to_string(job.number), search_part_of(L, job.number)->texts);
    merge_search(L, cancel);
    if (cancel && cancel->load()) return {};
    if (job.kind == page_kind::search_meta) {
        // Last: every bucket is made; kept for the next build.
        auto kept = std::make_shared<std::unordered_map<std::string, std::string>>();
        for (std::uint32_t k = 0; k < L.buckets; ++k) {
            merge_bucket(L, k);
            kept->emplace(L.fingerprints[k], L.chunks[k]);
        }
        if (search_->memo) {
            search_->memo->keep(generator_id_ + "|buckets|" + L.lang, kept);
        } else if (search_->store && (!L.previous || *kept != *L.previous)) {
            std::vector<std::pair<std::string, std::string>> records(kept->begin(), kept->end());
            std::sort(records.begin(), records.end());
            search_->store->write(L.lang + ".buckets", records);
        }
        return L.meta;
    }
    if (job.number >= L.buckets) return {};
    merge_bucket(L, job.number);
    return L.chunks[job.number];
}

void assembler::list_search_files(std::vector<page_job>& out) const {
    // The texts first (segmenting every brief, in parallel), then the buckets, alternating languages so
    // that each language's merge runs on its own thread, then the meta files.
    for (const auto& L : search_->langs) {
        for (std::uint32_t n = 0; n < L->parts.size(); ++n) {
            const bool brief = n < L->briefs.size();
            page_job j{page_kind::search_texts, L->lang, L->lang + "/search/", L->lang + "/search/t/" + std::to_string(n) + ".js", "",
                       brief ? L->briefs[n].first : nullptr, brief ? L->briefs[n].second : nullptr};
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
