// briefs — the command line: parses arguments and calls the libraries. Nothing else lives here.
#include <atomic>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <initializer_list>
#include <iostream>
#include <csignal>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <pthread.h>
#include <thread>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "briefs/core/fs.hpp"
#include "briefs/core/url.hpp"
#include "usage.hpp"

#include "briefs/checks/check.hpp"
#include "briefs/content/scaffold.hpp"
#include "briefs/devserver/server.hpp"
#include "briefs/sitegraph/build.hpp"
#include "theme_location.hpp"
#include "version_text.hpp"

namespace {

void print(const briefs::core::diagnostics& diags) {
    for (const auto& d : diags.items()) std::cerr << briefs::core::to_string(d) << '\n';
}

/// A hash of this executable: pages recorded in a cache by another build of the generator are not reused.
std::string generator_id() {
    std::string why;
    auto self = briefs::core::read_file("/proc/self/exe", why, 512u * 1024 * 1024);
    return self ? briefs::core::hash_hex(*self) : std::string("unknown");
}

std::string plural(std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

/// The build cache lives in the project, beside the content folder (`.briefs-cache/`), wherever the
/// command runs from and wherever the output goes. Without a content folder there is no project, and no cache.
std::optional<std::filesystem::path> project_cache(const std::filesystem::path& content_dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(content_dir, ec)) return std::nullopt;
    std::filesystem::path content = std::filesystem::absolute(content_dir, ec).lexically_normal();
    if (ec) return std::nullopt;
    if (content.filename().empty()) content = content.parent_path();
    return content.parent_path() / ".briefs-cache";
}

int run_build(briefs::sitegraph::build_options opts, bool clean) {
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
    // Ctrl-C (or SIGTERM) stops the build between two pages; the staging folder is then removed and
    // the previous site stays. One thread waits for the signal; the others never see it.
    std::atomic<bool> cancel{false};
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGUSR1);  // sent by this process to end the wait when the build is done
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::thread signal_thread([&] {
        for (int sig = 0; sig != SIGUSR1;) {
            if (sigwait(&signals, &sig) == 0 && sig != SIGUSR1) cancel = true;
        }
    });
    opts.cancel = &cancel;
    // For tests only (tests/cli/interrupted_build.sh): BRIEFS_TEST_PAUSE_AFTER=N holds the build after N
    // rendered pages, says so on stderr, and waits there until Ctrl-C or SIGTERM (or a SIGKILL) arrives, so that
    // the test interrupts a build in the middle whatever the speed of the machine.
    if (const char* pause = std::getenv("BRIEFS_TEST_PAUSE_AFTER")) {
        const std::size_t after = std::strtoull(pause, nullptr, 10);
        opts.progress = [&cancel, after, show = opts.progress, said = std::make_shared<std::once_flag>()](std::size_t done,
                                                                                                          std::size_t total) {
            if (show) show(done, total);
            if (done < after) return;
            std::call_once(*said, [&] { std::fprintf(stderr, "paused after %zu of %zu pages (BRIEFS_TEST_PAUSE_AFTER)\n", done, total); });
            while (!cancel) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        };
    }

    briefs::core::diagnostics diags;
    opts.generator_id = generator_id();
    opts.clean = clean;
    opts.on_wait = [&] {
        std::fprintf(stderr, "another briefs build is writing %s: waiting for it to finish\n", opts.out_dir.string().c_str());
    };
    const auto report = briefs::sitegraph::build(opts, project_cache(opts.content_dir), diags);
    pthread_kill(signal_thread.native_handle(), SIGUSR1);
    signal_thread.join();
    if (cancel && !report) {  // a signal after the new site was published changes nothing
        if (progress_shown) std::fputs("\r\033[K", stderr);
        std::fprintf(stderr, "interrupted: %s was left as it was\n", opts.out_dir.string().c_str());
        return 130;
    }
    if (progress_shown) std::fputs("\r\033[K", stderr);
    print(diags);
    const double seconds = std::chrono::duration<double>(clock::now() - start).count();
    if (!report) {
        std::fprintf(stderr, "build failed: %zu error%s, %zu warning%s; %s was left as it was\n", diags.error_count(),
                     diags.error_count() == 1 ? "" : "s", diags.warning_count(), diags.warning_count() == 1 ? "" : "s",
                     opts.out_dir.string().c_str());
        return 1;
    }
    std::string line = "built " + plural(report->stats.pages, "page") + " (" + plural(report->stats.files, "file") + ") in ";
    char time[32];
    std::snprintf(time, sizeof time, "%.2f s", seconds);
    line += std::string(time) + " into " + opts.out_dir.string() + ": " + std::to_string(report->rendered) + " rendered, " +
            std::to_string(report->unchanged) + " unchanged, " + plural(report->written.size(), "file") + " written, " +
            std::to_string(report->removed.size()) + " removed";
    if (diags.warning_count()) line += "; " + plural(diags.warning_count(), "warning");
    std::puts(line.c_str());
    return 0;
}

int run_check(briefs::sitegraph::build_options opts, bool strict, const std::string& format) {
    opts.generator_id = generator_id();
    const auto report = briefs::checks::run(opts);
    if (format == "json") std::puts(briefs::checks::to_json(report).dump(2).c_str());
    else std::fputs(briefs::checks::to_text(report).c_str(), stdout);
    const bool failed = report.findings.has_errors() || (strict && report.findings.warning_count() > 0);
    return failed ? 1 : 0;
}

int report_new(const std::vector<std::filesystem::path>& written, const briefs::core::diagnostics& diags) {
    print(diags);
    if (written.empty()) return 1;
    for (const auto& f : written) std::printf("wrote %s\n", briefs::core::display_path(f).c_str());
    std::puts("It is a draft: `briefs serve` shows it, `briefs build` leaves it out until you remove \"draft\": true.\n"
              "Its texts start with TODO and its date is \"TODO: YYYY-MM-DD\": `briefs check` lists each placeholder at its line,\n"
              "and `briefs build` refuses to publish the brief while its date is one.");
    return 0;
}

int run_serve(briefs::devserver::serve_options opts) {
    // Ctrl-C and SIGTERM are taken by one thread that stops the server; every other thread ignores them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    std::mutex log_mutex;
    opts.build.generator_id = generator_id();
    briefs::devserver::preview server(opts, [&](const std::string& line) {
        std::lock_guard lock(log_mutex);
        std::fprintf(stderr, "%s\n", line.c_str());
    });
    const std::string url = server.start();
    if (url.empty()) return 1;
    std::printf("serving %s (drafts included; Ctrl-C to stop)\n", url.c_str());
    std::fflush(stdout);
    std::thread signal_thread([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        server.stop();
    });
    server.run();  // returns once the signal thread has stopped the server
    signal_thread.join();
    std::fprintf(stderr, "stopped\n");
    return 0;
}

/// `briefs init DIR`: a new site from the theme's skeleton.
int run_init(const std::filesystem::path& dir, const briefs::cli::theme_location& theme) {
    if (theme.skeleton.empty()) {
        std::fprintf(stderr, "briefs init: no theme, so no site skeleton to copy; theme: %s\n", theme.where.c_str());
        return 1;
    }
    briefs::core::diagnostics diags;
    const auto written = briefs::content::new_site(dir, theme.skeleton, diags);
    print(diags);
    if (written.empty()) return 1;
    const std::string shown = briefs::core::display_path(dir);
    std::printf("wrote a new site in %s (%zu files): content/site.json, an example region, README.md, .gitignore\n", shown.c_str(),
                written.size());
    std::printf("next: cd %s && briefs build (or briefs serve to preview); briefs check lists what is left to write\n", shown.c_str());
    return 0;
}

/// The theme under the site's own templates/, assets/ and content/i18n/ (file by file), for build, serve and check.
void use_theme(const briefs::cli::theme_location& theme, std::initializer_list<briefs::sitegraph::build_options*> all) {
    for (auto* opts : all) opts->theme = theme.dirs;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"briefs: builds the bilingual safe-city briefs site from content/, templates/ and assets/"};
    app.require_subcommand(1);
    const auto theme = briefs::cli::find_theme();
    app.set_version_flag("--version", [&] { return briefs::cli::version_text(theme.where); }, "Print the version, the ICU and cmark-gfm versions and where the theme is");
    app.set_help_all_flag("--help-all", "Print the help of every command");
    std::filesystem::path init_dir;
    auto* init = app.add_subcommand("init", "Write a new site into DIR (new or empty) that builds at once: site.json, an example region, README");
    init->add_option("dir", init_dir, "The new site's folder")->required();
    briefs::sitegraph::build_options opts;
    std::string base_url;

    auto* build = app.add_subcommand("build", "Build the site into the output folder (replaced only when the build succeeds)");
    build->add_option("--content", opts.content_dir, "Content folder")->capture_default_str();
    build->add_option("--templates", opts.templates_dir, "Templates folder")->capture_default_str();
    build->add_option("--assets", opts.assets_dir, "Assets folder (CSS, JS)")->capture_default_str();
    build->add_option("--out", opts.out_dir, "Output folder")->capture_default_str();
    build->add_option("--base-url", base_url, "Absolute URL the site will be published at (overrides site.json)");
    build->add_option("-j,--jobs", opts.threads, "Rendering threads (default: one per core)");
    bool clean = false;
    build->add_flag("--clean", clean, "Ignore the cache (.briefs-cache/ beside the content folder): render every page and replace every file briefs wrote");

    briefs::devserver::serve_options serve_opts;
    auto* serve = app.add_subcommand("serve", "Build into memory and serve on loopback; rebuild and reload open pages on every save");
    serve->add_option("--content", serve_opts.build.content_dir, "Content folder")->capture_default_str();
    serve->add_option("--templates", serve_opts.build.templates_dir, "Templates folder")->capture_default_str();
    serve->add_option("--assets", serve_opts.build.assets_dir, "Assets folder (CSS, JS)")->capture_default_str();
    serve->add_option("--base-url", base_url, "Absolute URL the site will be published at");
    auto* port = serve->add_option("--port", serve_opts.port, "Port (0: any free port; default 1313, or the next free one)")
                     ->capture_default_str()->check(CLI::Range(0, 65535));
    serve->add_option("--bind", serve_opts.bind, "Address to listen on (loopback unless you say otherwise)")->capture_default_str();
    serve->add_option("-j,--jobs", serve_opts.build.threads, "Rendering threads (default: one per core)");

    briefs::sitegraph::build_options check_opts;
    bool strict = false;
    std::string format = "text";
    auto* check = app.add_subcommand("check", "Run every check (content, translations, links, templates) without writing anything");
    check->add_option("--content", check_opts.content_dir, "Content folder")->capture_default_str();
    check->add_option("--templates", check_opts.templates_dir, "Templates folder")->capture_default_str();
    check->add_option("--assets", check_opts.assets_dir, "Assets folder (CSS, JS)")->capture_default_str();
    check->add_flag("--strict", strict, "Treat warnings as errors");
    check_opts.include_drafts = true;  // an editor wants to know what is left in drafts too
    check->add_option("--format", format, "Output: text (GCC-style lines) or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();

    std::filesystem::path new_content = "content";
    briefs::content::new_region_options region_opts;
    std::string brief_region, brief_period;
    auto* make = app.add_subcommand("new", "Write the skeleton of a new region or brief (a draft)");
    make->require_subcommand(1);
    make->add_option("--content", new_content, "Content folder")->capture_default_str();
    auto* make_region = make->add_subcommand("region", "A new region with its first brief");
    make_region->add_option("id", region_opts.id, "ASCII id, e.g. linhai")->required();
    make_region->add_option("--parent", region_opts.parent, "The id of the city it belongs to");
    make_region->add_option("--zh", region_opts.name_zh, "Chinese name, e.g. 临海市")->required();
    make_region->add_option("--en", region_opts.name_en, "English name, e.g. Linhai")->required();
    make_region->add_option("--level", region_opts.level, "city, county-level-city, district or county");
    make_region->add_option("--period", region_opts.period, "Period of its first brief, e.g. 2025 (names its file, 2025.zh.md, and its page)")->required();
    auto* make_brief = make->add_subcommand("brief", "A new brief of an existing region");
    make_brief->add_option("region", brief_region, "The region's id")->required();
    make_brief->add_option("period", brief_period, "The period, e.g. 2026")->required();

    // Exit status: 0 done, 1 the content (or the output folder) has errors, 2 the command line is wrong,
    // 130 interrupted (README.md, "Exit status").
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help
        std::cerr << "briefs: " << briefs::cli::usage_error(app, argc, argv, e) << "\nRun \"briefs --help\" (or \"briefs COMMAND --help\") for usage.\n";
        return 2;
    }
    use_theme(theme, {&opts, &serve_opts.build, &check_opts});
    if (*init) return run_init(init_dir, theme);

    if (!base_url.empty()) {
        if (const std::string problem = briefs::core::base_url_problem(base_url); !problem.empty()) {
            std::cerr << "briefs: --base-url \"" << base_url << "\" cannot be used: " << problem << "\n";
            return 2;
        }
        opts.base_url = base_url;
        serve_opts.build.base_url = base_url;
    }
    if (*build) return run_build(opts, clean);
    if (*make) {
        briefs::core::diagnostics diags;
        if (*make_region) return report_new(briefs::content::new_region(new_content, region_opts, diags), diags);
        return report_new(briefs::content::new_brief(new_content, brief_region, brief_period, diags), diags);
    }
    if (*check) {
        if (!base_url.empty()) check_opts.base_url = base_url;
        return run_check(check_opts, strict, format);
    }
    if (*serve) {
        serve_opts.port_is_fixed = port->count() > 0;
        return run_serve(serve_opts);
    }
    return 2;
}
