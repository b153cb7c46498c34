#include "briefs/devserver/http.hpp"

#include "briefs/core/html.hpp"

#include <array>
#include <utility>

namespace briefs::devserver {

namespace {

bool safe(std::string_view path) {
    if (path.empty() || path[0] != '/') return false;
    if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) return false;
    std::size_t start = 1;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        const auto seg = path.substr(start, end - start);
        const bool last = end == path.size();
        if (seg == ".." || seg == "." || (seg.empty() && !last)) return false;
        start = end + 1;
    }
    return true;
}

}  // namespace

resolved resolve(std::string_view path, const file_map& files) {
    resolved r;
    if (auto q = path.find_first_of("?#"); q != std::string_view::npos) path = path.substr(0, q);
    if (safe(path)) {
        std::string rel(path.substr(1));
        if (rel.empty() || rel.back() == '/') rel += "index.html";
        if (files.count(rel)) {
            r.status = 200;
            r.file = rel;
            return r;
        }
        if (files.count(rel + "/index.html")) {
            r.status = 301;
            r.location = std::string(path) + "/";
            return r;
        }
    }
    r.status = 404;
    if (files.count("404.html")) r.file = "404.html";
    return r;
}

std::string mime_type(std::string_view file) {
    static const std::array<std::pair<std::string_view, std::string_view>, 14> types{{
        {".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"}, {".json", "application/json; charset=utf-8"},
        {".xml", "application/xml; charset=utf-8"}, {".txt", "text/plain; charset=utf-8"},
        {".svg", "image/svg+xml; charset=utf-8"}, {".atom", "application/atom+xml; charset=utf-8"},
        {".png", "image/png"}, {".jpg", "image/jpeg"}, {".webp", "image/webp"}, {".ico", "image/x-icon"},
        {".woff2", "font/woff2"}, {".pdf", "application/pdf"},
    }};
    for (const auto& [ext, type] : types) {
        if (file.ends_with(ext)) return std::string(type);
    }
    return "application/octet-stream";
}

std::string inject(std::string_view html, const std::string& error, std::uint64_t since) {
    std::string add = "<script src=\"/_briefs/live.js?since=" + std::to_string(since) + "\"></script>\n";
    if (!error.empty()) {
        add += "<div id=\"briefs-error\" role=\"alert\" style=\"position:fixed;inset:0;z-index:99999;overflow:auto;"
               "background:rgba(20,20,20,.92);color:#fff;padding:2rem;font:15px/1.5 monospace\"><p style=\"font-weight:bold;"
               "color:#ff8a80\">Build failed: the page shows the last good version.</p><pre style=\"white-space:pre-wrap\">" +
               core::escape_html(error) + "</pre></div>\n";
    }
    std::string out(html);
    const auto at = out.rfind("</body>");
    out.insert(at == std::string::npos ? out.size() : at, add);
    return out;
}

}  // namespace briefs::devserver
