#pragma once
/// briefs::share — a region's share image (Open Graph / Twitter card), drawn at build time.
///
/// Owns: the picture social platforms show for a page's link (og:image, twitter:image). They do
/// not take SVG, so it is a PNG, 1200×630, drawn with cairo and laid out with pango (fontconfig
/// finds the fonts: "sans-serif", which is WenQuanYi Micro Hei for Chinese on Debian). Does not
/// own: which figures a region shows or how they are worded and formatted (the caller passes
/// finished strings), nor where the image is written. The only library that includes cairo/pango.
#include <string>
#include <vector>

namespace briefs::share {

/// One key figure, drawn as a box: the value big, the label small under it.
struct figure {
    std::string value;  ///< as displayed, e.g. "▼16.7%", "98.6%", "8.85万件"; shrunk, then ellipsized, to fit
    std::string label;  ///< e.g. "命案" / "Homicides"; wraps to 3 lines at most, then ellipsized
    std::string tone;   ///< "good" (green), "bad" (red); anything else is neutral (grey)
};

struct card {
    std::string lang;      ///< "zh" (laid out as zh-Hans, so Chinese glyphs are chosen) or "en" (anything else)
    std::string site;      ///< the site's name, at the bottom, e.g. "平安简报" / "Ping'an Briefs"
    std::string title;     ///< the region's name, e.g. "台州市" / "Taizhou"; shrunk, then ellipsized, to fit one line
    std::string subtitle;  ///< e.g. "2025 · 平安建设简报"; one line, ellipsized if too long
    std::vector<figure> figures;  ///< the first 3 are shown, in a row; none is fine
};

/// The card as a 1200×630 PNG (8-bit RGB, no alpha).
///
/// - All strings are plain text, never markup: `<b>&amp;</b>` is drawn as those characters. Invalid
///   UTF-8 is replaced (U+FFFD), control characters and line breaks become spaces.
/// - Deterministic: the same card gives the same bytes (with the same fonts and library versions).
/// - Thread-safe: each thread keeps its own pango font map and context (the first call on a thread
///   pays for fontconfig's font matching, later calls reuse it).
/// - Throws std::runtime_error if cairo fails (out of memory).
///
/// **Example**: `render_png({"en", "Ping'an Briefs", "Taizhou", "2025 · Safe-city brief",
/// {{"▼16.7%", "Homicides", "good"}}})` → the bytes of a `.png` file.
std::string render_png(const card& c);

/// The site's icon (assets/icon.svg drawn again), `size`×`size` pixels, as an RGBA PNG.
std::string icon_png(int size);

/// The same icon as a `favicon.ico` (an ICO file holding the PNG), for hosts and browsers that ask for
/// /favicon.ico whatever the page declares. Deterministic.
std::string icon_ico(int size);

/// The image's size in pixels (the Open Graph recommendation), for og:image:width / og:image:height.
inline constexpr int width = 1200;
inline constexpr int height = 630;

}  // namespace briefs::share
