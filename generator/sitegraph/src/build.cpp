#include "briefs/sitegraph/build.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "briefs/content/load.hpp"
#include "briefs/core/fs.hpp"
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
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file()) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
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

}  // namespace

std::optional<build_stats> render_site(const build_options& opts, output::sink& out, core::diagnostics& diags) {
    // Phase 1, load: everything is read and checked before anything is rendered.
    auto site = content::load(opts.content_dir, diags);
    auto templates = templates::engine::load(opts.templates_dir, diags);
    const auto assets = read_assets(opts.assets_dir, diags);
    if (!site || !templates || diags.has_errors()) return std::nullopt;
    for (const char* required : {"style.css", "site.js"}) {
        if (std::none_of(assets.begin(), assets.end(), [&](const asset& a) { return a.rel == required; })) {
            diags.error(core::display_path(opts.assets_dir / required), 0, 0, "the templates need this asset, and it is missing");
        }
    }

    // Phase 2, assemble: the page list and where everything goes.
    std::map<std::string, std::string> names;
    for (const auto& a : assets) names[a.rel] = a.hashed;
    std::string base_url = opts.base_url ? *opts.base_url : site->site.base_url;
    if (!base_url.empty() && base_url.back() != '/') base_url += '/';
    const detail::assembler assembler(*site, names, base_url);
    const auto jobs = assembler.pages();
    for (const auto& job : jobs) {
        if (!templates->has(job.template_name)) {
            diags.error(core::display_path(opts.templates_dir / job.template_name), 0, 0, "template missing: every site needs it");
        }
    }
    if (diags.has_errors()) return std::nullopt;

    // Phase 3, render: pages in parallel, each worker with its own findings (merged in a fixed order).
    unsigned threads = opts.threads ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = std::min<unsigned>(threads, static_cast<unsigned>(jobs.size()));
    std::vector<core::diagnostics> found(threads);
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    auto work = [&](unsigned self) {
        for (std::size_t i; (i = next.fetch_add(1)) < jobs.size();) {
            const auto& job = jobs[i];
            try {
                const auto data = assembler.context(job, found[self]);
                const std::string bytes = templates->render(job.template_name, data, found[self]);
                if (auto err = out.write(job.file, bytes); !err.empty()) found[self].error(core::display_path(opts.out_dir), 0, 0, err);
            } catch (const std::exception& e) {
                found[self].error(job.file, 0, 0, std::string("internal error while rendering: ") + e.what());
            }
            const auto n = ++done;
            if (opts.progress) opts.progress(n, jobs.size());
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (auto& t : pool) t.join();
    for (auto& f : found) diags.append(f);

    // Phase 4, publish the assets under their hashed names.
    for (const auto& a : assets) {
        if (auto err = out.write(a.hashed, a.bytes); !err.empty()) diags.error(core::display_path(opts.out_dir), 0, 0, err);
    }
    diags.sort();
    if (diags.has_errors()) return std::nullopt;
    build_stats stats;
    stats.files = jobs.size() + assets.size();
    stats.pages = static_cast<std::size_t>(std::count_if(jobs.begin(), jobs.end(), [](const detail::page_job& j) {
        return j.file.ends_with(".html");
    }));
    return stats;
}

std::optional<build_stats> build(const build_options& opts, core::diagnostics& diags) {
    auto staged = output::staging::begin(opts.out_dir, diags);
    if (!staged) return std::nullopt;
    auto stats = render_site(opts, *staged, diags);
    if (!stats) return std::nullopt;  // the staging folder is removed; the old site stays
    if (!staged->commit(diags)) return std::nullopt;
    return stats;
}

}  // namespace briefs::sitegraph
