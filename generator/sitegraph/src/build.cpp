#include "briefs/sitegraph/build.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "briefs/content/load.hpp"
#include "briefs/core/fs.hpp"
#include "briefs/core/parallel.hpp"
#include "briefs/core/layers.hpp"
#include "briefs/i18n/text.hpp"
#include "briefs/output/build_cache.hpp"
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

/// What phase 1 reads: the content (checked), the templates and the assets.
struct inputs {
    content::site_content site;
    templates::engine templates;
    std::vector<asset> assets;
};

/// Phase 1, load: everything is read and checked before anything is rendered. ICU's transliterator
/// for slugs is built meanwhile on another thread (it takes as long as loading a large site).
std::optional<inputs> load(const build_options& opts, core::diagnostics& diags) {
    std::thread warm_up(i18n::prepare_slugs);
    auto loaded = content::load(opts.content_dir, diags, opts.content_cache, opts.theme.i18n);
    warm_up.join();
    auto templates = templates::engine::load(core::layers(opts.templates_dir, opts.theme.templates), diags);
    auto assets = read_assets(core::layers(opts.assets_dir, opts.theme.assets), diags);
    if (!loaded || !templates || diags.has_errors()) return std::nullopt;
    for (const char* required : {"style.css", "site.js"}) {
        if (std::none_of(assets.begin(), assets.end(), [&](const asset& a) { return a.rel == required; })) {
            diags.error(core::display_path(opts.assets_dir / required), 0, 0, "the templates need this asset, and it is missing");
        }
    }
    if (diags.has_errors()) return std::nullopt;
    content::site_content site = opts.include_drafts || !loaded->has_drafts() ? std::move(*loaded) : loaded->without_drafts();
    return inputs{std::move(site), std::move(*templates), std::move(assets)};
}

/// What phase 2 decides: the site index (every page, where it goes, what it depends on) and which
/// pages must be rendered because their inputs changed.
struct plan {
    std::unique_ptr<detail::assembler> site;
    std::map<std::string, templates::shared_data> shared;  ///< converted once per language, not per page
    std::vector<std::string> fingerprints;                 ///< by page
    std::vector<std::size_t> todo;                         ///< pages to render
};

/// Phase 2, assemble. A page of the previous build is reused when its own inputs and the pages its
/// links lead to are as they were; it then reports again what it reported when it was rendered.
std::optional<plan> assemble(const build_options& opts, const inputs& in, const output_records& previous, output_records& next,
                             build_report& report, core::diagnostics& diags) {
    std::map<std::string, std::string> names;
    std::string shared_inputs = opts.generator_id + '|' + in.templates.fingerprint() + (opts.include_drafts ? "|preview" : "|publish");
    for (const auto& a : in.assets) {
        names[a.rel] = a.hashed;
        shared_inputs += '|' + a.hashed;
    }
    std::string base_url = opts.base_url ? *opts.base_url : in.site.site.base_url;
    if (!base_url.empty() && base_url.back() != '/') base_url += '/';
    const auto style = std::find_if(in.assets.begin(), in.assets.end(), [](const asset& a) { return a.rel == "style.css"; });
    plan p;
    p.site = std::make_unique<detail::assembler>(in.site, names, base_url, opts.include_drafts, core::hash_hex(shared_inputs),
                                                 opts.generator_id, opts.search_store,
                                                 style == in.assets.end() ? std::string() : style->bytes, opts.search_parts,
                                                 opts.text_memo, opts.threads);
    p.site->notes(core::display_path(opts.content_dir / "site.json"), diags);
    for (const auto& d : p.site->bundle_findings()) diags.add(d);
    const auto& jobs = p.site->pages();
    for (const auto& lang : in.site.site.languages) p.shared.emplace(lang, templates::shared_data(p.site->shared(lang)));
    for (const auto& job : jobs) {
        if (!job.template_name.empty() && !in.templates.has(job.template_name)) {
            diags.error(core::display_path(opts.templates_dir / job.template_name), 0, 0, "template missing: every site needs it");
        }
    }
    if (diags.has_errors()) return std::nullopt;
    p.fingerprints.resize(jobs.size());
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        p.fingerprints[i] = p.site->fingerprint(jobs[i]);
        auto it = previous.find(jobs[i].file);
        if (it != previous.end() && it->second.fingerprint == p.fingerprints[i] &&
            it->second.targets_state == p.site->targets_state(it->second.link_targets)) {
            next[jobs[i].file] = it->second;
            ++report.unchanged;
        } else {
            p.todo.push_back(i);
        }
    }
    return p;
}

/// What phase 3 found for one page.
struct rendered_page {
    std::string bytes_hash;
    std::vector<core::diagnostic> findings;
    std::vector<std::string> link_targets;  ///< the files its Markdown links lead to
    bool wrote = false;
};

/// Phase 3, render: the pages to render, in parallel; each page is written to `out` as it is done (a
/// large site is never held in memory whole), with the findings of its own checks: its Markdown links
/// against every page's sections, and the links its templates made against every file of the site.
std::vector<rendered_page> render(const build_options& opts, const inputs& in, const plan& p, const output_records& previous,
                                  output::sink& out, core::diagnostics& diags) {
    const auto& jobs = p.site->pages();
    std::vector<rendered_page> result(jobs.size());
    const unsigned workers = core::worker_count(opts.threads, p.todo.size());
    std::vector<core::diagnostics> found(workers);  // merged in a fixed order
    std::atomic<std::size_t> done{0};
    core::parallel_for(p.todo.size(), workers, [&](unsigned self, std::size_t k) {
        const std::size_t i = p.todo[k];
        const auto& job = jobs[i];
        rendered_page& page = result[i];
        try {
            auto before = previous.find(job.file);
            if (const auto* file = p.site->bundle_source(job)) {  // a file beside a brief: copied as it is
                page.bytes_hash = file->hash;
                if (before == previous.end() || before->second.bytes_hash != page.bytes_hash) {
                    page.wrote = true;
                    if (auto err = out.copy(job.file, file->path); !err.empty()) found[self].error(core::display_path(opts.out_dir), 0, 0, err);
                }
                const auto n = ++done;
                if (opts.progress) opts.progress(n, p.todo.size());
                return;
            }
            std::string bytes;
            if (job.template_name.empty()) {
                bytes = p.site->generate(job, opts.cancel);
                if (opts.cancel && opts.cancel->load()) return;
            } else {
                core::diagnostics findings;
                const auto data = p.site->context(job, findings, &page.link_targets);
                const auto layer = p.shared.find(job.lang);
                bytes = in.templates.render(job.template_name, data, findings, layer == p.shared.end() ? nullptr : &layer->second);
                p.site->check_template_links(job, bytes, in.templates, core::display_path(opts.templates_dir / job.template_name),
                                             page.link_targets, findings);
                page.findings = findings.items();
            }
            page.bytes_hash = core::hash_hex(bytes);
            if (before == previous.end() || before->second.bytes_hash != page.bytes_hash) {
                page.wrote = true;
                if (auto err = out.write(job.file, bytes); !err.empty()) found[self].error(core::display_path(opts.out_dir), 0, 0, err);
            }
        } catch (const std::exception& e) {
            found[self].error(job.file, 0, 0, std::string("internal error while rendering: ") + e.what());
        }
        const auto n = ++done;
        if (opts.progress) opts.progress(n, p.todo.size());
    }, opts.cancel);
    for (auto& f : found) diags.append(f);
    return result;
}

/// Phase 4, check: the findings of the whole site, whatever was rendered this time — each page's own
/// (those of a reused page are the ones it had when it was rendered, valid while its inputs and its
/// links' targets are unchanged) — and the records of this build.
void check(const plan& p, std::vector<rendered_page>& pages, output_records& next, build_report& report, core::diagnostics& diags) {
    const auto& jobs = p.site->pages();
    for (const std::size_t i : p.todo) {
        auto& page = pages[i];
        next[jobs[i].file] = {p.fingerprints[i], page.bytes_hash, jobs[i].url, std::move(page.findings), page.link_targets,
                              p.site->targets_state(page.link_targets)};
        if (page.wrote) {
            report.written.push_back(jobs[i].file);
            if (!jobs[i].lang.empty()) report.changed_urls.push_back(jobs[i].url);
        }
    }
    for (const auto& job : jobs) {
        for (const auto& f : next.at(job.file).findings) diags.add(f);
    }
    report.rendered = p.todo.size();
}

/// Phase 5, publish: the assets under their hashed names (a new name is a new file), and the removal
/// of files the site no longer has. (`build` then swaps the staged site in.)
void publish(const build_options& opts, const inputs& in, const output_records& previous, output_records& next,
             output::sink& out, build_report& report, core::diagnostics& diags) {
    for (const auto& a : in.assets) {
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
}

}  // namespace

std::optional<build_report> render_changes(const build_options& opts, const output_records& previous, output_records& next,
                                           output::sink& out, core::diagnostics& diags) {
    next.clear();
    build_report report;
    const auto in = load(opts, diags);
    if (!in) return std::nullopt;
    auto p = assemble(opts, *in, previous, next, report, diags);
    if (!p) return std::nullopt;
    auto pages = render(opts, *in, *p, previous, out, diags);
    if (opts.headings) {  // from the briefs' Chinese views, which the pages rendered have made
        opts.headings->clear();
        for (const auto& r : in->site.regions) {
            for (const auto& b : r.briefs) {
                const auto& zh = p->site->anchors_of(b).zh_text;
                const auto translated = std::count_if(zh.begin(), zh.end(), [&](const std::string& h) { return b.heading_en(h) != nullptr; });
                opts.headings->push_back({r.id, b.period, zh.size(), static_cast<std::size_t>(translated)});
            }
        }
    }
    if (opts.cancel && opts.cancel->load()) {
        diags.error(core::display_path(opts.out_dir), 0, 0, "interrupted");
        return std::nullopt;
    }
    check(*p, pages, next, report, diags);
    publish(opts, *in, previous, next, out, report, diags);
    diags.sort();
    if (diags.has_errors()) return std::nullopt;
    report.written = sorted(std::move(report.written));
    report.removed = sorted(std::move(report.removed));
    report.changed_urls = sorted(std::move(report.changed_urls));
    report.stats.files = next.size();
    const auto& jobs = p->site->pages();
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


std::optional<build_report> build(const build_options& options, const std::optional<fs::path>& cache_dir, core::diagnostics& diags) {
    build_options opts = options;
    std::error_code ec;
    const fs::path out = fs::absolute(opts.out_dir, ec).lexically_normal();
    // One build at a time per output folder (and so per cache entry): a second one waits.
    const auto lock = output::folder_lock::acquire(opts.out_dir, opts.cancel, opts.on_wait, diags);
    if (!lock) return std::nullopt;
    std::optional<output::build_cache> cache;
    std::optional<output::file_packs> packs;
    output_records previous;
    if (cache_dir) {
        const std::string key = nlohmann::json({out.string(), opts.generator_id, opts.include_drafts,
                                                opts.base_url.value_or(""), fs::absolute(opts.content_dir).string(),
                                                fs::absolute(opts.templates_dir).string(), fs::absolute(opts.assets_dir).string(),
                                                opts.theme.root.string()})
                                    .dump();
        cache.emplace(*cache_dir, out, key);
        packs.emplace(cache->packs());
        opts.search_store = &*packs;
        if (opts.clean) cache->forget();  // other output folders keep theirs
        else previous = cache->load();
        if (!previous.empty() && !output::site_matches(out, previous)) previous.clear();
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
        cache->save(next);
        cache->prune_others();
    }
    return report;
}

}  // namespace briefs::sitegraph
