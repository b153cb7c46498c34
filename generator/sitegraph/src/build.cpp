#include "briefs/sitegraph/build.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "briefs/content/load.hpp"
#include "briefs/core/fs.hpp"
#include "briefs/i18n/text.hpp"
#include "briefs/output/staging.hpp"
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

std::vector<asset> read_assets(const fs::path& dir, core::diagnostics& diags) {
    std::vector<asset> out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        diags.error(core::display_path(dir), 0, 0, "assets folder not found");
        return out;
    }
    std::vector<core::fs_problem> problems;
    const std::vector<fs::path> files = core::list_files(dir, true, problems);
    for (const auto& p : problems) {
        if (p.error) diags.error(core::display_path(p.path), 0, 0, p.message);
        else diags.warning(core::display_path(p.path), 0, 0, p.message);
    }
    for (const auto& f : files) {
        std::string why;
        auto bytes = core::read_file(f, why, 16u * 1024 * 1024);
        if (!bytes) {
            diags.error(core::display_path(f), 0, 0, why);
            continue;
        }
        const std::string rel = f.lexically_relative(dir).generic_string();
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
    auto loaded = content::load(opts.content_dir, diags, opts.content_cache);
    warm_up.join();
    auto templates = templates::engine::load(opts.templates_dir, diags);
    const auto assets = read_assets(opts.assets_dir, diags);
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
    const detail::assembler assembler(site, names, base_url, opts.include_drafts, core::hash_hex(shared_inputs), opts.generator_id,
                                      opts.search_cache);
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
        if (it != previous.end() && it->second.fingerprint == fingerprints[i]) {
            next[jobs[i].file] = it->second;
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
                    const auto data = assembler.context(job, found[self]);
                    const auto layer = shared.find(job.lang);
                    bytes = templates->render(job.template_name, data, found[self], layer == shared.end() ? nullptr : &layer->second);
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
        next[jobs[i].file] = {fingerprints[i], hashes[i], jobs[i].url};
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
            for (const auto& [file, r] : j.at("files").items()) records[file] = {r.at(0), r.at(1), r.at(2)};
        } catch (const std::exception&) {
            records.clear();  // a damaged cache is no cache
        }
        return records;
    }

    void save(const output_records& records) const {
        nlohmann::json files = nlohmann::json::object();
        for (const auto& [file, r] : records) files[file] = {r.fingerprint, r.bytes_hash, r.url};
        const nlohmann::json j = {{"key", key}, {"files", files}};
        const fs::path tmp = path.string() + ".tmp";
        if (core::write_file(tmp, j.dump()).empty()) fs::rename(tmp, path);
    }
};

/// Whether every file the cache says the site has is still there (nobody deleted part of the site).
bool site_matches(const fs::path& out, const output_records& records) {
    std::error_code ec;
    return std::all_of(records.begin(), records.end(), [&](const auto& r) { return fs::exists(out / r.first, ec); });
}

}  // namespace

std::optional<build_report> build(const build_options& options, const std::optional<fs::path>& cache_dir, core::diagnostics& diags) {
    build_options opts = options;
    std::error_code ec;
    const fs::path out = fs::absolute(opts.out_dir, ec).lexically_normal();
    std::optional<cache_file> cache;
    output_records previous;
    if (cache_dir) {
        fs::create_directories(*cache_dir, ec);
        const std::string key = nlohmann::json({out.string(), opts.generator_id, opts.include_drafts,
                                                opts.base_url.value_or(""), fs::absolute(opts.content_dir).string(),
                                                fs::absolute(opts.templates_dir).string(), fs::absolute(opts.assets_dir).string()})
                                    .dump();
        cache = cache_file{*cache_dir / ("build-" + core::hash_hex(key) + ".json"), key};
        opts.search_cache = *cache_dir / ("search-" + core::hash_hex(key));
        previous = cache->load();
        if (!previous.empty() && !(fs::exists(out / output::site_marker, ec) && site_matches(out, previous))) previous.clear();
    }
    output_records next;
    std::optional<build_report> report;
    // The last moment a cancel (Ctrl-C) can stop publishing; after it the new site is in place.
    auto cancelled = [&] {
        if (!opts.cancel || !opts.cancel->load()) return false;
        diags.error(core::display_path(opts.out_dir), 0, 0, "interrupted");
        return true;
    };
    if (previous.empty()) {
        auto staged = output::staging::begin(opts.out_dir, diags);
        if (!staged) return std::nullopt;
        report = render_changes(opts, {}, next, *staged, diags);
        if (!report || cancelled() || !staged->commit(diags)) return std::nullopt;
    } else {
        output::in_place target(out);
        report = render_changes(opts, previous, next, target, diags);
        if (!report || cancelled() || !target.commit(diags)) return std::nullopt;
    }
    if (cache) cache->save(next);
    return report;
}

}  // namespace briefs::sitegraph
