// Request paths to files of the in-memory site, MIME types and the injected script.
#include <catch2/catch.hpp>

#include "briefs/devserver/http.hpp"

using namespace briefs::devserver;

namespace {

file_map site() {
    file_map files;
    for (const char* f : {"index.html", "zh/index.html", "zh/regions/linhai/index.html", "assets/style.0123abcd.css", "404.html"}) {
        files[f] = std::make_shared<const std::string>(std::string("<html><body>") + f + "</body></html>");
    }
    return files;
}

}  // namespace

TEST_CASE("paths resolve to files, folders to their index.html", "[http]") {
    const auto files = site();
    CHECK(resolve("/", files).file == "index.html");
    CHECK(resolve("/zh/", files).file == "zh/index.html");
    CHECK(resolve("/zh/regions/linhai/", files).status == 200);
    CHECK(resolve("/zh/regions/linhai/index.html", files).file == "zh/regions/linhai/index.html");
    CHECK(resolve("/zh/?q=1#x", files).file == "zh/index.html");
    const auto folder = resolve("/zh/regions/linhai", files);
    CHECK(folder.status == 301);
    CHECK(folder.location == "/zh/regions/linhai/");
}

TEST_CASE("anything else is the site's 404 page", "[http]") {
    const auto files = site();
    for (const char* path : {"/nowhere/", "/../index.html", "/zh/../index.html", "/./index.html", "//index.html",
                             "/zh\\index.html", "index.html", "", "/zh//index.html"}) {
        INFO(path);
        const auto r = resolve(path, files);
        CHECK(r.status == 404);
        CHECK(r.file == "404.html");
    }
    CHECK(resolve(std::string_view("/index.html\0x", 13), files).status == 404);
    CHECK(resolve("/nowhere/", file_map{}).file.empty());
}

TEST_CASE("MIME types by extension", "[http]") {
    CHECK(mime_type("zh/index.html") == "text/html; charset=utf-8");
    CHECK(mime_type("assets/style.0123abcd.css") == "text/css; charset=utf-8");
    CHECK(mime_type("zh/search/index.js") == "text/javascript; charset=utf-8");
    CHECK(mime_type("zh/feed.xml") == "application/xml; charset=utf-8");
    CHECK(mime_type("zh/regions/taizhou/share.png") == "image/png");
    CHECK(mime_type("robots.txt") == "text/plain; charset=utf-8");
    CHECK(mime_type("data.bin") == "application/octet-stream");
    CHECK(mime_type("html") == "application/octet-stream");
}

TEST_CASE("the live-reload script goes before </body>, the error overlay escaped", "[http]") {
    CHECK(inject("<body>x</body>", "", 7) == "<body>x<script src=\"/_briefs/live.js?since=7\"></script>\n</body>");
    const auto with_error = inject("<body>x</body>", "a.md:1:1: error: <script>", 0);
    CHECK(with_error.find("&lt;script&gt;") != std::string::npos);
    CHECK(with_error.find("error: <script>") == std::string::npos);
    CHECK(inject("no body", "", 0).starts_with("no body<script"));
}
