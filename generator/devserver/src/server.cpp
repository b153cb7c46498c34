#include "briefs/devserver/server.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "briefs/checks/check.hpp"
#include "briefs/devserver/http.hpp"
#include "briefs/devserver/store.hpp"
#include "briefs/devserver/watcher.hpp"

namespace briefs::devserver {

namespace {

using clock_type = std::chrono::steady_clock;

/// The script injected into preview pages (never into `briefs build` output).
constexpr const char* k_live_js = R"JS((function () {
  "use strict";
  var me = location.pathname.replace(/^\//, "");
  if (me === "" || me.charAt(me.length - 1) === "/") me += "index.html";
  function overlay() { return document.getElementById("briefs-error"); }
  function show(message) {
    var box = overlay();
    if (!box) {
      box = document.createElement("div");
      box.id = "briefs-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:99999;overflow:auto;background:rgba(20,20,20,.92);" +
        "color:#fff;padding:2rem;font:15px/1.5 monospace";
      var title = document.createElement("p");
      title.style.cssText = "font-weight:bold;color:#ff8a80";
      title.textContent = "Build failed: the page shows the last good version.";
      box.appendChild(title);
      box.appendChild(document.createElement("pre")).style.whiteSpace = "pre-wrap";
      document.body.appendChild(box);
    }
    box.querySelector("pre").textContent = message;
  }
  var source = new EventSource("/_briefs/events");
  source.addEventListener("build-error", function (e) { show(JSON.parse(e.data).message); });
  source.addEventListener("reload", function (e) {
    var files = JSON.parse(e.data).files;
    if (overlay() || files.indexOf(me) >= 0) location.reload();
  });
})();
)JS";

std::string join_errors(const core::diagnostics& diags) {
    std::string out;
    for (const auto& d : diags.items()) out += core::to_string(d) + "\n";
    return out;
}

}  // namespace

struct preview::impl {
    serve_options opts;
    std::function<void(const std::string&)> log;
    httplib::Server server;
    store site;
    sitegraph::output_records records;
    content::load_cache content_cache;  // region folders the watcher saw no change in are not read again
    std::unique_ptr<watcher> watch;
    std::thread http_thread;

    std::mutex mutex;  // guards everything below
    std::condition_variable changed;
    std::uint64_t sequence = 0;
    struct event {
        std::uint64_t seq;
        std::string name;
        std::string data;
    };
    std::deque<event> events;  // the last few, for clients between two polls
    std::string error;         // the last build's errors; "" when it succeeded
    bool stopping = false;

    /// Region folders the watcher reported go back to the loader; anything unclear rereads them all.
    void mark_dirty(const std::vector<std::string>& paths) {
        std::error_code ec;
        const auto regions = std::filesystem::weakly_canonical(opts.build.content_dir / "regions", ec);
        for (const auto& p : paths) {
            if (p == watcher::overflow) {
                content_cache.everything_dirty = true;
                continue;
            }
            const auto rel = std::filesystem::weakly_canonical(p, ec).lexically_relative(regions);
            if (!rel.empty() && *rel.begin() != ".." && *rel.begin() != ".") content_cache.dirty.insert(rel.begin()->string());
        }
    }

    void publish_event(const std::string& name, const nlohmann::json& data) {
        std::lock_guard lock(mutex);
        events.push_back({++sequence, name, data.dump()});
        while (events.size() > 64) events.pop_front();
        changed.notify_all();
    }

    /// One build: only what changed since the last good one. Returns false when it failed.
    bool rebuild(bool first) {
        const auto start = clock_type::now();
        core::diagnostics diags;
        sitegraph::output_records next;
        site.begin();
        std::optional<sitegraph::build_report> report;
        try {  // the last resort: a failure nobody foresaw must not stop the server (issue 13)
            report = sitegraph::render_changes(opts.build, records, next, site, diags);
        } catch (const std::exception& e) {
            diags.error(opts.build.content_dir.generic_string(), 0, 0, std::string("internal error: ") + e.what());
        }
        const auto ms = std::chrono::duration<double, std::milli>(clock_type::now() - start).count();
        for (const auto& d : diags.items()) log(core::to_string(d));
        char took[32];
        std::snprintf(took, sizeof took, "%.1f ms", ms);
        if (!report) {
            site.discard();
            const std::string text = join_errors(diags);
            {
                std::lock_guard lock(mutex);
                error = text;
            }
            log(std::string(first ? "build" : "rebuild") + " failed in " + took + ": " + std::to_string(diags.error_count()) +
                " error(s); serving the last good version");
            publish_event("build-error", {{"message", text}});
            return false;
        }
        site.publish();
        records = std::move(next);
        bool recovered;
        {
            std::lock_guard lock(mutex);
            recovered = !error.empty();
            error.clear();
        }
        log(std::string(first ? "built" : "rebuilt") + " in " + took + ": " + std::to_string(report->rendered) + " rendered, " +
            std::to_string(report->unchanged) + " unchanged, " + std::to_string(report->written.size()) + " written, " +
            std::to_string(report->removed.size()) + " removed");
        nlohmann::json files = nlohmann::json::array();
        for (const auto& f : report->written) files.push_back(f);
        for (const auto& f : report->removed) files.push_back(f);
        if (!first && (recovered || !files.empty())) publish_event("reload", {{"files", files}});
        return true;
    }

    void routes() {
        server.new_task_queue = [] { return new httplib::ThreadPool(32); };  // each open page holds one for its events
        server.set_keep_alive_timeout(1);  // an idle connection must not hold up Ctrl-C for long
        server.Get("/_briefs/live.js", [](const httplib::Request&, httplib::Response& res) {
            res.set_header("Cache-Control", "no-store");
            res.set_content(k_live_js, "text/javascript; charset=utf-8");
        });
        server.Get("/_briefs/events", [this](const httplib::Request&, httplib::Response& res) {
            res.set_header("Cache-Control", "no-store");
            res.set_header("Connection", "close");  // when the stream ends (shutdown), so does the connection
            std::uint64_t seen;
            {
                std::lock_guard lock(mutex);
                seen = sequence;
            }
            auto greeted = std::make_shared<bool>(false);
            res.set_chunked_content_provider("text/event-stream", [this, seen, greeted](std::size_t, httplib::DataSink& sink) mutable {
                std::string out;
                if (!*greeted) {
                    *greeted = true;
                    out = ": connected\n\n";
                    return sink.write(out.data(), out.size());
                }
                std::unique_lock lock(mutex);
                changed.wait_for(lock, std::chrono::seconds(15), [&] { return stopping || sequence > seen; });
                if (stopping) {
                    sink.done();
                    return true;
                }
                for (const auto& e : events) {
                    if (e.seq > seen) out += "event: " + e.name + "\ndata: " + e.data + "\n\n";
                }
                if (out.empty()) out = ": keep-alive\n\n";
                seen = sequence;
                lock.unlock();
                return sink.write(out.data(), out.size());
            });
        });
        // What `briefs check` says of the site being previewed; only the preview has this page.
        server.Get("/_status/", [this](const httplib::Request&, httplib::Response& res) {
            res.set_header("Cache-Control", "no-store");
            res.set_content(checks::to_html(checks::run(opts.build)), "text/html; charset=utf-8");
        });
        server.Get("/_status", [](const httplib::Request&, httplib::Response& res) {
            res.status = 301;
            res.set_header("Location", "/_status/");
        });
        server.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
            const auto files = site.snapshot();
            const resolved r = resolve(req.path, *files);
            res.set_header("Cache-Control", "no-store");
            if (r.status == 301) {
                res.status = 301;
                res.set_header("Location", r.location);
                return;
            }
            res.status = r.status;
            std::string current_error;
            {
                std::lock_guard lock(mutex);
                current_error = error;
            }
            if (r.file.empty()) {  // nothing built yet (the first build failed), or no 404 page
                const std::string page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
                                         std::to_string(r.status) + "</title></head><body><p>Not found.</p></body></html>";
                res.set_content(inject(page, current_error), "text/html; charset=utf-8");
                return;
            }
            const std::string& bytes = *files->at(r.file);
            const std::string type = mime_type(r.file);
            if (type.starts_with("text/html")) res.set_content(inject(bytes, current_error), type);
            else res.set_content(bytes, type);
        });
    }
};

preview::preview(serve_options opts, std::function<void(const std::string&)> log) : impl_(std::make_unique<impl>()) {
    impl_->opts = std::move(opts);
    impl_->opts.build.include_drafts = true;
    impl_->opts.build.content_cache = &impl_->content_cache;
    impl_->log = std::move(log);
    impl_->routes();
}

preview::~preview() {
    stop();
    if (impl_->http_thread.joinable()) impl_->http_thread.join();
}

std::string preview::start() {
    auto& s = *impl_;
    s.watch = std::make_unique<watcher>(std::vector<std::filesystem::path>{
        s.opts.build.content_dir, s.opts.build.templates_dir, s.opts.build.assets_dir});
    if (!s.watch->ok()) s.log("warning: cannot watch the input folders (inotify); edits will not be picked up");
    s.rebuild(true);
    int port = s.opts.port;
    if (port == 0) {
        port = s.server.bind_to_any_port(s.opts.bind);
    } else {
        bool bound = false;
        for (int tries = 0; tries < (s.opts.port_is_fixed ? 1 : 20) && !bound; ++tries) {
            bound = s.server.bind_to_port(s.opts.bind, s.opts.port + tries);
            if (bound) port = s.opts.port + tries;
        }
        if (!bound) port = -1;
    }
    if (port <= 0) {
        s.log("error: cannot listen on " + s.opts.bind + ":" + std::to_string(s.opts.port) +
              (s.opts.port_is_fixed ? " (is another server using it?)" : " or the next 19 ports"));
        return "";
    }
    s.http_thread = std::thread([&s] { s.server.listen_after_bind(); });
    const bool v6 = s.opts.bind.find(':') != std::string::npos;
    return "http://" + (v6 ? "[" + s.opts.bind + "]" : s.opts.bind) + ":" + std::to_string(port) + "/";
}

void preview::run() {
    auto& s = *impl_;
    if (!s.watch->ok()) {  // nothing to watch with: just serve
        std::unique_lock lock(s.mutex);
        s.changed.wait(lock, [&] { return s.stopping; });
        return;
    }
    while (true) {
        const auto paths = s.watch->wait();
        {
            std::lock_guard lock(s.mutex);
            if (s.stopping) break;
        }
        if (paths.empty()) continue;
        s.mark_dirty(paths);
        s.rebuild(false);
    }
}

void preview::stop() {
    auto& s = *impl_;
    {
        std::lock_guard lock(s.mutex);
        if (s.stopping) return;
        s.stopping = true;
        s.changed.notify_all();  // wake event streams before stopping the server
    }
    if (s.watch) s.watch->stop();
    s.server.stop();
}

}  // namespace briefs::devserver
