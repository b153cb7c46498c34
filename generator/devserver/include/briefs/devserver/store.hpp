#pragma once
/// briefs::devserver — the preview: an in-memory site, a file watcher, an HTTP server with live reload.
///
/// Owns: keeping the built site in memory, serving it on loopback, watching the input folders,
/// rebuilding on change (only what changed), telling open pages to reload, showing build errors in
/// the page. Does not own: how the site is built (sitegraph) or HTML (beyond injecting one script).
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "briefs/output/sink.hpp"

namespace briefs::devserver {

using file_map = std::map<std::string, std::shared_ptr<const std::string>>;

/// The preview site in memory. A build writes into a draft copy; `publish()` makes it what readers
/// see in one step, so a reader never sees half a rebuild, and a failed build is simply dropped.
class store final : public output::sink {
public:
    std::string write(const std::string& rel, std::string_view bytes) override;
    std::string remove(const std::string& rel) override;

    /// Starts a draft from what is published (files are shared, not copied).
    void begin();
    void publish();
    void discard();
    /// What readers see now; safe to keep while the store moves on.
    [[nodiscard]] std::shared_ptr<const file_map> snapshot() const;

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const file_map> published_ = std::make_shared<file_map>();
    file_map draft_;
};

}  // namespace briefs::devserver
