#pragma once
#include <functional>
#include <memory>
#include <string>

#include "briefs/core/diagnostic.hpp"
#include "briefs/sitegraph/build.hpp"

namespace briefs::devserver {

struct serve_options {
    sitegraph::build_options build;  ///< drafts are always included in previews
    std::string bind = "127.0.0.1";
    int port = 1313;                 ///< 0: any free port
    bool port_is_fixed = false;      ///< when false and the port is taken, the next free one is used
};

/// `briefs serve`: build into memory, serve, watch, rebuild what changed, reload open pages.
class preview {
public:
    /// `log` receives one line per event (build results, errors), without a trailing newline.
    preview(serve_options opts, std::function<void(const std::string&)> log);
    ~preview();
    preview(const preview&) = delete;
    preview& operator=(const preview&) = delete;

    /// Builds the site (a failed build is reported and shown in the browser, not fatal) and binds the
    /// port. Returns the URL to open, or "" (with the reason logged) when no port could be bound.
    std::string start();
    /// Serves, watches and rebuilds until `stop()`.
    void run();
    /// Ends `run()` quickly; callable from any thread.
    void stop();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace briefs::devserver
