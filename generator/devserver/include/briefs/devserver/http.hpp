#pragma once
// Pure functions behind the preview server, testable without a socket.
#include <string>
#include <string_view>

#include "briefs/devserver/store.hpp"

namespace briefs::devserver {

struct resolved {
    int status = 404;      ///< 200, 301 or 404
    std::string file;      ///< the file to send (for 404: the site's 404.html, when it has one)
    std::string location;  ///< for 301
};

/// Maps a decoded request path to a file of the site: "/zh/" → "zh/index.html"; "/zh" → 301 to
/// "/zh/"; any path with a "..", "." or empty segment, a backslash or a NUL is not found.
resolved resolve(std::string_view path, const file_map& files);

/// "text/html; charset=utf-8" and the like, by file name.
std::string mime_type(std::string_view file);

/// `html` with the live-reload script before `</body>`, and, when `error` is not empty, an overlay
/// showing it (escaped).
std::string inject(std::string_view html, const std::string& error);

}  // namespace briefs::devserver
