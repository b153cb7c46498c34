#include "briefs/sitegraph/build.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "briefs/content/load.hpp"
#include "briefs/core/fs.hpp"
#include "briefs/core/layers.hpp"
#include "briefs/i18n/text.hpp"
#include "briefs/output/publish.hpp"
#include "briefs/templates/engine.hpp"
#include "pages.hpp"

namespace briefs::sitegraph {
namespace {

namespace fs = std::filesystem;

struct asset {
    std::string rel;     ///< path inside assets/, '/'-separated
    std::string hashed;  ///< "assets/<rel with hash>"
    std::string bytes;
};

/// The assets of the site's folder over its theme's (core::layers), file by file.
std::vector<asset> read_assets(const std::vector<fs::path>& layers, core::diagnostics& diags) {
    std::vector<asset> out;
    if (!core::any_layer_exists(layers)) {
        diags.error(core::display_path(layers.front()), 0, 0, "assets folder not found");
        return out;
    }
    for (const auto& [rel_path, file] : core::list_layered(layers, diags)) {
        const fs::path& f = file.path;
        std::string why;
        auto bytes = core::read_file(f, why, 16u * 1024 * 1024);
        if (!bytes) {
            diags.error(core::display_path(f), 0, 0, why);
            continue;
        }
        const std::string rel = rel_path.generic_string();
        out.push_back({rel, "assets/" + output::hashed_name(rel, *bytes), std::move(*bytes)});
    }
    return out;
}

template <typename T>
std::vector<T> sorted(std::vector<T> v) {
    std::sort(v.begin(), v.end());
    return v;
}

}  // namespace

std::optional<build_report> render_changes(const build_options& opts, const output_records& previous, output_records& next,
                                           output::sink& out, core::diagnostics& diags) {
    // Phase 1, load: everything is read and checked before anything is rendered. ICU's transliterator
    // for slugs is built meanwhile on another thread (it takes as long as loading a large site).
    std::thread warm_up(i18n::prepare_slugs);
    auto loaded = content::load(opts.content_dir, diags, opts.content_cache, opts.theme.i18n);
    warm_up.join();
    auto templates = templates::engine::load(core::layers(opts.templates_dir, opts.theme.templates), diags);
    const auto assets = read_assets(core::layers(opts.assets_dir, opts.theme.assets), diags);
    if (!loaded || !templates || diags.has_errors()) return std::nullopt;
    for (const char* required : {"style.css", "site.js"}) {
        if (std::none_of(assets.begin(), assets.end(), [&](const asset& a) { return a.rel == required; })) {
            diags.error(core::display_path(opts.assets_dir / required), 0, 0, "the templates need this asset, and it is missing");
        }
    }
    const content::site_content site = opts.include_drafts || !loaded->has_drafts() ? std::move(*loaded) : loaded->without_drafts();

    // Phase 2, assemble: the page list, where everything goes, and what each page depends on.
    std::map<std::string, std::string> names;
    std::string shared_inputs = opts.generator_id + '|' + templates->fingerprint() + (opts.include_drafts ? "|preview" : "|publish");
    for (const auto& a : assets) {
        names[a.rel] = a.hashed;
        shared_inputs += '|' + a.hashed;
    }
    std::string base_url = opts.base_url ? *opts.base_url : site.site.base_url;
    if (!base_url.empty() && base_url.back() != '/') base_url += '/';
    const auto style = std::find_if(assets.begin(), assets.end(), [](const asset& a) { return a.rel == "style.css"; });
    const detail::assembler assembler(site, names, base_url, opts.include_drafts, core::hash_hex(shared_inputs), opts.generator_id,
                                      opts.search_cache, style == assets.end() ? std::string() : style->bytes, opts.search_parts);
    assembler.notes(core::display_path(opts.content_dir / "site.json"), diags);
    const auto& jobs = assembler.pages();
    std::map<std::string, templates::shared_data> shared;  // converted once per language, not per page
    for (const auto& lang : site.site.languages) shared.emplace(lang, templates::shared_data(assembler.shared(lang)));
    for (const auto& job : jobs) {
        if (!job.template_name.empty() && !templates->has(job.template_name)) {
            diags.error(core::display_path(opts.templates_dir / job.template_name), 0, 0, "template missing: every site needs it");
        }
    }
    if (diags.has_errors()) return std::nullopt;

    build_report report;
    next.clear();
    std::vector<std::size_t> todo;
    std::vector<std::string> fingerprints(jobs.size());
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        fingerprints[i] = assembler.fingerprint(jobs[i]);
        auto it = previous.find(jobs[i].file);
        // A page is reused when its own inputs and the pages its links lead to are as they were; it
        // then reports again what it reported when it was rendered.
        if (it != previous.end() && it->second.fingerprint == fingerprints[i] &&
            it->second.targets_state == assembler.targets_state(it->second.link_targets)) {
            next[jobs[i].file] = it->second;
            for (const auto& f : it->second.findings) diags.add(f);
            ++report.unchanged;
        } else {
            todo.push_back(i);
        }
    }

    // Phase 3, render: changed pages in parallel, each worker with its own findings (merged in a fixed order).
    unsigned threads = opts.threads ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(todo.size())));
    std::vector<core::diagnostics> found(threads);
    std::vector<std::string> hashes(jobs.size());
    std::vector<std::vector<core::diagnostic>> page_findings(jobs.size());
    std::vector<std::vector<std::string>> link_targets(jobs.size());
    std::vector<char> wrote(jobs.size(), 0);
    std::atomic<std::size_t> cursor{0};
    std::atomic<std::size_t> done{0};
    auto work = [&](unsigned self) {
        for (std::size_t k; (k = cursor.fetch_add(1)) < todo.size();) {
            if (opts.cancel && opts.cancel->load()) return;
            const std::size_t i = todo[k];
            const auto& job = jobs[i];
            try {
                std::string bytes;
                if (job.template_name.empty()) {
                    bytes = assembler.generate(job, opts.cancel);
                    if (opts.cancel && opts.cancel->load()) return;
                } else {
                    core::diagnostics page;
                    const auto data = assembler.context(job, page, &link_targets[i]);
                    const auto layer = shared.find(job.lang);
                    bytes = templates->render(job.template_name, data, page, layer == shared.end() ? nullptr : &layer->second);
                    page_findings[i] = page.items();
                    found[self].append(page);
                }
                hashes[i] = core::hash_hex(bytes);
                auto before = previous.find(job.file);
                if (before == previous.end() || before->second.bytes_hash != hashes[i]) {
                    wrote[i] = 1;
                    if (auto err = out.write(job.file, bytes); !err.empty()) found[self].error(core::display_path(opts.out_dir), 0, 0, err);
                }
            } catch (const std::exception& e) {
                found[self].error(job.file, 0, 0, std::string("internal error while rendering: ") + e.what());
            }
            const auto n = ++done;
            if (opts.progress) opts.progress(n, todo.size());
        }
    };
    if (!todo.empty()) {
        std::vector<std::thread> pool;
        for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
        work(0);
        for (auto& t : pool) t.join();
    }
    for (auto& f : found) diags.append(f);
    if (opts.cancel && opts.cancel->load()) {
        diags.error(core::display_path(opts.out_dir), 0, 0, "interrupted");
        return std::nullopt;
    }
    for (std::size_t i : todo) {
        next[jobs[i].file] = {fingerprints[i], hashes[i], jobs[i].url, std::move(page_findings[i]), link_targets[i],
                              assembler.targets_state(link_targets[i])};
        if (wrote[i]) {
            report.written.push_back(jobs[i].file);
            if (!jobs[i].lang.empty()) report.changed_urls.push_back(jobs[i].url);
        }
    }
    report.rendered = todo.size();

    // Phase 4, publish the assets under their hashed names (a new name is a new file).
    for (const auto& a : assets) {
        const std::string h = core::hash_hex(a.bytes);
        next[a.hashed] = {h, h, ""};
        if (previous.count(a.hashed)) continue;
        report.written.push_back(a.hashed);
        if (auto err = out.write(a.hashed, a.bytes); !err.empty()) diags.error(core::display_path(opts.out_dir), 0, 0, err);
    }
    for (const auto& [file, record] : previous) {
        if (next.count(file)) continue;
        report.removed.push_back(file);
        if (!record.url.empty()) report.changed_urls.push_back(record.url);
        if (auto err = out.remove(file); !err.empty()) diags.error(core::display_path(opts.out_dir), 0, 0, err);
    }
    diags.sort();
    if (diags.has_errors()) return std::nullopt;
    report.written = sorted(std::move(report.written));
    report.removed = sorted(std::move(report.removed));
    report.changed_urls = sorted(std::move(report.changed_urls));
    report.stats.files = next.size();
    report.stats.pages = static_cast<std::size_t>(std::count_if(jobs.begin(), jobs.end(), [](const detail::page_job& j) {
        return j.file.ends_with(".html");
    }));
    return report;
}

std::optional<build_stats> render_site(const build_options& opts, output::sink& out, core::diagnostics& diags) {
    output_records next;
    auto report = render_changes(opts, {}, next, out, diags);
    if (!report) return std::nullopt;
    return report->stats;
}

namespace {

/// The cache of a build: which output files it made from which inputs. One file per output folder.
struct cache_file {
    fs::path path;
    std::string key;  ///< the output folder and every option that changes pages

    output_records load() const {
        output_records records;
        std::string why;
        auto text = core::read_file(path, why);
        if (!text) return records;
        try {
            const auto j = nlohmann::json::parse(*text);
            if (j.at("key") != key) return records;
            for (const auto& [file, r] : j.at("files").items()) {
                output_record& rec = records[file];
                rec = {r.at(0), r.at(1), r.at(2), {}, r.at(4).get<std::vector<std::string>>(), r.at(5)};
                for (const auto& f : r.at(3)) {
                    rec.findings.push_back({f.at(0), f.at(1), f.at(2), f.at(3) == "error" ? core::severity::error : core::severity::warning,
                                            f.at(4), f.at(5)});
                }
            }
        } catch (const std::exception&) {
            records.clear();  // a damaged cache is no cache
        }
        return records;
    }

    void save(const output_records& records) const {
        nlohmann::json files = nlohmann::json::object();
        for (const auto& [file, r] : records) {
            nlohmann::json findings = nlohmann::json::array();
            for (const auto& f : r.findings) {
                findings.push_back({f.path, f.line, f.column, f.level == core::severity::error ? "error" : "warning", f.message, f.check});
            }
            files[file] = {r.fingerprint, r.bytes_hash, r.url, findings, r.link_targets, r.targets_state};
        }
        const nlohmann::json j = {{"key", key}, {"files", files}};
        const fs::path tmp = path.string() + ".tmp";
        std::error_code ec;  // a cache that cannot be saved is no cache: the next build renders everything
        if (core::write_file(tmp, j.dump()).empty()) fs::rename(tmp, path, ec);
    }
};

/// Whether the output folder is the one the cache describes: briefs' manifest lists every file the
/// cache says the site has, and each is still there (nobody deleted part of the site).
bool site_matches(const fs::path& out, const output_records& records) {
    std::string why;
    const auto manifest = output::read_manifest(out, why);
    if (!manifest) return false;
    std::error_code ec;
    return std::all_of(records.begin(), records.end(),
                       [&](const auto& r) { return manifest->count(r.first) && fs::exists(out / r.first, ec); });
}

/// Forgets what the cache knows of one output folder (its records and its search index parts).
void forget(const fs::path& cache_dir, const cache_file& cache, const std::string& search_prefix) {
    std::error_code ec;
    fs::remove(cache.path, ec);
    for (auto it = fs::directory_iterator(cache_dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        if (it->path().filename().string().starts_with(search_prefix)) fs::remove(it->path(), ec);
    }
}

/// Forgets the entries of output folders that no longer exist (a temporary folder, a renamed one), so
/// that the cache does not grow with every folder ever built.
void prune(const fs::path& cache_dir, const fs::path& own) {
    std::error_code ec;
    std::vector<fs::path> stale;
    for (auto it = fs::directory_iterator(cache_dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.starts_with("build-") || !name.ends_with(".json") || it->path() == own) continue;
        std::string why;
        const auto text = core::read_file(it->path(), why);
        if (!text) continue;
        try {
            const auto key = nlohmann::json::parse(nlohmann::json::parse(*text).at("key").get<std::string>());
            std::error_code gone;
            if (!fs::exists(key.at(0).get<std::string>(), gone) && !gone) stale.push_back(it->path());
        } catch (const std::exception&) {
            stale.push_back(it->path());  // damaged: of no use to any build
        }
    }
    for (const auto& path : stale) {
        const std::string hash = path.stem().string().substr(6);  // "build-<hash>"
        forget(cache_dir, cache_file{path, ""}, "search-" + hash);
    }
}

}  // namespace

std::optional<build_report> build(const build_options& options, const std::optional<fs::path>& cache_dir, core::diagnostics& diags) {
    build_options opts = options;
    std::error_code ec;
    const fs::path out = fs::absolute(opts.out_dir, ec).lexically_normal();
    // One build at a time per output folder (and so per cache entry): a second one waits.
    const auto lock = output::folder_lock::acquire(opts.out_dir, opts.cancel, opts.on_wait, diags);
    if (!lock) return std::nullopt;
    std::optional<cache_file> cache;
    output_records previous;
    if (cache_dir) {
        const std::string key = nlohmann::json({out.string(), opts.generator_id, opts.include_drafts,
                                                opts.base_url.value_or(""), fs::absolute(opts.content_dir).string(),
                                                fs::absolute(opts.templates_dir).string(), fs::absolute(opts.assets_dir).string(),
                                                opts.theme.root.string()})
                                    .dump();
        const std::string search_prefix = "search-" + core::hash_hex(key);
        cache = cache_file{*cache_dir / ("build-" + core::hash_hex(key) + ".json"), key};
        opts.search_cache = *cache_dir / search_prefix;
        if (opts.clean) forget(*cache_dir, *cache, search_prefix);  // other output folders keep theirs
        else previous = cache->load();
        if (!previous.empty() && !site_matches(out, previous)) previous.clear();
    }
    output_records next;
    // Without usable records every file is rendered and only what briefs did not write is carried over;
    // with them, the current site is carried over and the build changes what changed.
    auto publication = output::publication::begin(
        opts.out_dir, previous.empty() ? output::publication::mode::replace : output::publication::mode::update, diags);
    if (!publication) return std::nullopt;
    auto report = render_changes(opts, previous, next, *publication, diags);
    // The last moment a cancel (Ctrl-C) can stop publishing; after it the new site is in place.
    if (!report) return std::nullopt;
    if (opts.cancel && opts.cancel->load()) {
        diags.error(core::display_path(opts.out_dir), 0, 0, "interrupted");
        return std::nullopt;
    }
    if (!publication->commit(diags)) return std::nullopt;
    if (cache) {
        fs::create_directories(*cache_dir, ec);
        cache->save(next);
        prune(*cache_dir, cache->path);
    }
    return report;
}

}  // namespace briefs::sitegraph
