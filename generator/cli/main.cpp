// briefs — the command line: parses arguments and calls the libraries. Nothing else lives here.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "briefs/sitegraph/build.hpp"

namespace {

void print(const briefs::core::diagnostics& diags) {
    for (const auto& d : diags.items()) std::cerr << briefs::core::to_string(d) << '\n';
}

int run_build(briefs::sitegraph::build_options opts) {
    using clock = std::chrono::steady_clock;
    const auto start = clock::now();
    const bool tty = isatty(STDERR_FILENO) != 0;
    std::mutex progress_mutex;
    bool progress_shown = false;
    if (tty) {
        opts.progress = [&](std::size_t done, std::size_t total) {
            // Only a build that takes more than a second shows its progress.
            if (clock::now() - start < std::chrono::seconds(1) || (done % 64 != 0 && done != total)) return;
            std::lock_guard lock(progress_mutex);
            std::fprintf(stderr, "\rrendering %zu/%zu pages", done, total);
            progress_shown = true;
        };
    }
    briefs::core::diagnostics diags;
    const auto stats = briefs::sitegraph::build(opts, diags);
    if (progress_shown) std::fputs("\r\033[K", stderr);
    print(diags);
    const double seconds = std::chrono::duration<double>(clock::now() - start).count();
    if (!stats) {
        std::fprintf(stderr, "build failed: %zu error%s, %zu warning%s; %s was left as it was\n", diags.error_count(),
                     diags.error_count() == 1 ? "" : "s", diags.warning_count(), diags.warning_count() == 1 ? "" : "s",
                     opts.out_dir.string().c_str());
        return 1;
    }
    std::printf("built %zu pages (%zu files) in %.2f s into %s%s\n", stats->pages, stats->files, seconds,
                opts.out_dir.string().c_str(),
                diags.warning_count() ? (", " + std::to_string(diags.warning_count()) + " warning" + (diags.warning_count() == 1 ? "" : "s")).c_str() : "");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"briefs: builds the bilingual safe-city briefs site from content/, templates/ and assets/"};
    app.require_subcommand(1);
    briefs::sitegraph::build_options opts;
    std::string base_url;

    auto* build = app.add_subcommand("build", "Build the site into the output folder (replaced only when the build succeeds)");
    build->add_option("--content", opts.content_dir, "Content folder")->capture_default_str();
    build->add_option("--templates", opts.templates_dir, "Templates folder")->capture_default_str();
    build->add_option("--assets", opts.assets_dir, "Assets folder (CSS, JS)")->capture_default_str();
    build->add_option("--out", opts.out_dir, "Output folder")->capture_default_str();
    build->add_option("--base-url", base_url, "Absolute URL the site will be published at (overrides site.json)");
    build->add_option("-j,--jobs", opts.threads, "Rendering threads (default: one per core)");

    CLI11_PARSE(app, argc, argv);

    if (!base_url.empty()) {
        if (!(base_url.starts_with("https://") || base_url.starts_with("http://"))) {
            std::cerr << "briefs: --base-url must be an absolute http(s) URL, such as https://example.org/briefs/\n";
            return 2;
        }
        opts.base_url = base_url;
    }
    if (*build) return run_build(opts);
    return 2;
}
