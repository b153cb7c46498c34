// libFuzzer target (issue 5): rendering a brief's Markdown with headings, translations and anchors must
// never crash, hang or produce unsafe HTML, whatever its bytes. The first line of the input is a
// heading translation; the rest is the Chinese body, rendered for both languages.
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <string>

#include "briefs/i18n/text.hpp"
#include "briefs/markdown/render.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 64 * 1024) return 0;
    std::string input(reinterpret_cast<const char*>(data), size);
    if (briefs::i18n::first_invalid_utf8(input)) return 0;  // the loader rejects these before rendering
    const auto nl = input.find('\n');
    const std::string translation = nl == std::string::npos ? input : input.substr(0, nl);
    const std::string body = nl == std::string::npos ? std::string() : input.substr(nl + 1);
    // The loader's limits (issue 13): every finding has a position in the body.
    for (const auto& f : briefs::markdown::check_limits(body)) {
        if (f.line < 1 || f.column < 1 || f.message.empty()) __builtin_trap();
    }
    for (const bool english : {false, true}) {
        briefs::markdown::options opts;
        opts.relative_prefix = "../";
        opts.on_heading = [&](const briefs::markdown::heading& h) {
            briefs::markdown::heading_output out;
            out.id = briefs::i18n::slugify(h.text);
            if (english) {
                out.replace_text = translation;
                out.lang = "en";
            } else {
                out.extra_html = " <span lang=\"en\">" + briefs::markdown::escape_html(translation) + "</span>";
            }
            return out;
        };
        const auto r = briefs::markdown::render(body, opts);
        // Safe by default. Text '<' is always escaped, so every '<' in the output starts a tag the
        // renderer made: none may be a script or frame, carry an event handler or a
        // javascript: URL (the same words as escaped text are harmless).
        for (std::size_t at = r.html.find('<'); at != std::string::npos; at = r.html.find('<', at + 1)) {
            std::string tag = r.html.substr(at, r.html.find('>', at) - at);
            if (tag.rfind("<!--", 0) == 0) continue;  // "<!-- raw HTML omitted -->"
            for (auto& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            for (const char* unsafe : {"<script", "<iframe", "<object", "<embed", " on", "=\"javascript:", "=\"vbscript:"}) {
                if (tag.find(unsafe) != std::string::npos) { std::fprintf(stderr, "UNSAFE TAG: %s\n", tag.c_str()); __builtin_trap(); }
            }
        }
        (void)briefs::i18n::truncate("zh", body, 40);
    }
    return 0;
}
