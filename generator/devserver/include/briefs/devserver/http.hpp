#pragma once
// Pure functions behind the preview server, testable without a socket.
#include <cstdint>
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
/// showing it (escaped). `since` is the id of the last event sent before the page was read: the
/// page's event stream starts after it, so an edit made while the page loads is not missed.
std::string inject(std::string_view html, const std::string& error, std::uint64_t since);

/// Whether a request's `Host` header names this server, so that a page of another site that a
/// DNS-rebinding attack points at 127.0.0.1 cannot read the preview: "localhost", 127.0.0.0/8 and
/// [::1] (any letter case, an optional ":port"), and the address given to `--bind`. When `bind` is a
/// wildcard (0.0.0.0, ::), any IP address is accepted too (a rebinding attack needs a name). An
/// empty, malformed or other name is refused.
bool host_allowed(std::string_view host, std::string_view bind);

/// Whether a request's `Origin` header (sent by browsers on cross-origin requests) is an http:// origin
/// whose host `host_allowed` accepts; "null" and other schemes are refused.
bool origin_allowed(std::string_view origin, std::string_view bind);

/// Whether `bind` is a loopback address or name (127.0.0.0/8, ::1, localhost): reachable from this
/// machine only.
bool is_loopback(std::string_view bind);

/// Whether a `Content-Length` value is a plain decimal number of at most 18 digits (no sign, no
/// spaces, no list): anything else is answered with 400 and the connection closed.
bool valid_content_length(std::string_view value);

}  // namespace briefs::devserver
