#include "briefs/devserver/server.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "briefs/checks/check.hpp"
#include "briefs/devserver/http.hpp"
#include "briefs/devserver/store.hpp"
#include "briefs/devserver/watcher.hpp"
#include "briefs/i18n/text.hpp"
#include "connection.hpp"
#include "events.hpp"

namespace briefs::devserver {

namespace {

using clock_type = std::chrono::steady_clock;

/// Open live-reload streams at most (each is a socket, not a thread; a tab has one).
constexpr std::size_t k_max_streams = 256;
/// Worker threads for requests: a request holds one while it is read and answered, a kept-alive
/// connection for at most a second between two requests; event streams hold none.
constexpr std::size_t k_workers = 16;

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
  // The stream starts after the last event sent before this page was read, or after the last one seen.
  var since = document.currentScript && /[?&]since=(\d+)/.exec(document.currentScript.src);
  var last = since ? since[1] : "";
  var source = null;
  function connect() {
    source = new EventSource("/_briefs/events" + (last ? "?since=" + last : ""));
    source.addEventListener("build-error", function (e) {
      if (e.lastEventId) last = e.lastEventId;
      show(JSON.parse(e.data).message);
    });
    source.addEventListener("reload", function (e) {
      if (e.lastEventId) last = e.lastEventId;
      var files = JSON.parse(e.data).files;
      if (overlay() || files.indexOf(me) >= 0) location.reload();
    });
  }
  // A hidden tab gives its connection back (browsers open at most 6 per host name, streams included)
  // and catches up on what it missed when it is shown again.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && source) {
      source.close();
      source = null;
    } else if (document.visibilityState !== "hidden" && !source) {
      connect();
    }
  });
  if (document.visibilityState !== "hidden") connect();
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
    event_hub hub{k_max_streams};  // before `server`, whose connections hand their sockets to it
    http_server server;
    store site;
    sitegraph::output_records records;
    content::load_cache content_cache;  // region folders the watcher saw no change in are not read again
    sitegraph::search_memo search_parts;  // each brief's search part: a rebuild segments only the briefs that changed
    i18n::text_memo text_memo;            // slugs' words and collation keys, for every rebuild
    std::unique_ptr<watcher> watch;
    std::thread http_thread;

    std::mutex mutex;  // guards everything below
    std::condition_variable changed;
    std::string error;  // the last build's errors; "" when it succeeded
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

    void publish_event(const std::string& name, const nlohmann::json& data) { hub.publish(name, data.dump()); }

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

    /// Refuses what the preview never answers, before any handler (and before any body is read):
    /// a bad Content-Length (400), a method other than GET and HEAD (405), a Host that is not this
    /// server (403: DNS rebinding). Each refusal closes the connection.
    httplib::Server::HandlerResponse screen(const httplib::Request& req, httplib::Response& res) const {
        auto refuse = [&](int status, const std::string& text) {
            res.status = status;
            res.set_header("Connection", "close");
            res.set_header("Cache-Control", "no-store");
            res.set_content(text, "text/plain; charset=utf-8");
            if (auto* c = current_connection()) c->close = true;
            return httplib::Server::HandlerResponse::Handled;
        };
        const auto lengths = req.get_header_value_count("Content-Length");
        if (lengths > 1 || (lengths == 1 && !valid_content_length(req.get_header_value("Content-Length")))) {
            return refuse(400, "Bad Request: invalid Content-Length\n");
        }
        if (req.method != "GET" && req.method != "HEAD") {
            res.set_header("Allow", "GET, HEAD");
            return refuse(405, "Method Not Allowed: the preview answers GET and HEAD\n");
        }
        if (req.get_header_value_count("Host") != 1 || !host_allowed(req.get_header_value("Host"), opts.bind)) {
            return refuse(403, "Forbidden: this preview answers requests for localhost, 127.0.0.1 or [::1]" +
                                   std::string(is_loopback(opts.bind) ? "" : " and " + opts.bind) + " only\n");
        }
        // A GET with a body: httplib does not read it, so it must not be taken for the next request.
        if ((lengths == 1 && req.get_header_value("Content-Length") != "0") || req.has_header("Transfer-Encoding")) {
            if (auto* c = current_connection()) c->close = true;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    }

    void routes() {
        server.new_task_queue = [] { return new httplib::ThreadPool(k_workers); };
        server.set_keep_alive_timeout(1);  // an idle connection must not hold up Ctrl-C for long
        server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) { return screen(req, res); });
        server.Get("/_briefs/live.js", [](const httplib::Request&, httplib::Response& res) {
            res.set_header("Cache-Control", "no-store");
            res.set_content(k_live_js, "text/javascript; charset=utf-8");
        });
        // The stream's socket goes to the event hub: no worker thread waits on it.
        server.Get("/_briefs/events", [this](const httplib::Request& req, httplib::Response& res) {
            res.set_header("Cache-Control", "no-store");
            if (req.has_header("Origin") && !origin_allowed(req.get_header_value("Origin"), opts.bind)) {
                res.status = 403;  // another site's page must not take the preview's streams
                res.set_content("Forbidden: live-reload events are for the preview's own pages\n", "text/plain; charset=utf-8");
                return;
            }
            auto* connection = current_connection();
            if (req.method != "GET" || connection == nullptr) {
                res.set_content("", "text/event-stream");
                return;
            }
            // Where the stream starts: after the last event a reconnecting EventSource saw, else after the
            // last event sent before its page was read (live.js passes it on), else now.
            std::uint64_t last_seen = hub.sequence();
            const std::string last_id = req.get_header_value("Last-Event-ID");
            const std::string since = req.get_param_value("since");
            if (valid_content_length(last_id)) last_seen = std::stoull(last_id);  // a plain number of at most 18 digits
            else if (valid_content_length(since)) last_seen = std::stoull(since);
            connection->adopt = [this, last_seen](int socket) { hub.adopt(socket, last_seen); };
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
            const std::uint64_t since = hub.sequence();  // before the snapshot: a later event is never missed
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
                res.set_content(inject(page, current_error, since), "text/html; charset=utf-8");
                return;
            }
            const std::string& bytes = *files->at(r.file);
            const std::string type = mime_type(r.file);
            if (type.starts_with("text/html")) res.set_content(inject(bytes, current_error, since), type);
            else res.set_content(bytes, type);
        });
    }
};

preview::preview(serve_options opts, std::function<void(const std::string&)> log) : impl_(std::make_unique<impl>()) {
    impl_->opts = std::move(opts);
    impl_->opts.build.include_drafts = true;
    impl_->opts.build.content_cache = &impl_->content_cache;
    impl_->opts.build.search_parts = &impl_->search_parts;
    impl_->opts.build.text_memo = &impl_->text_memo;
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
    if (!is_loopback(s.opts.bind)) {
        s.log("warning: listening on " + s.opts.bind + ", not on loopback: every machine that can reach it sees the drafts and /_status/");
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
        s.changed.notify_all();
    }
    s.hub.stop();  // closes the event streams
    if (s.watch) s.watch->stop();
    s.server.stop();
}

}  // namespace briefs::devserver
