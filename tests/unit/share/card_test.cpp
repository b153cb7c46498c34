#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "briefs/share/card.hpp"

using namespace briefs::share;

namespace {

card zh_card() {
    return {"zh", "平安简报", "台州市", "2025 · 平安建设简报",
            {{"▼16.7%", "命案", "good"}, {"98.6%", "群众安全感满意率", "neutral"}, {"▲3.2%", "电信网络诈骗立案", "bad"}}};
}

card en_card() {
    return {"en", "Ping'an Briefs", "Taizhou", "2025 · Safe-city brief",
            {{"▼16.7%", "Homicides", "good"}, {"98.6%", "Residents who feel safe", "neutral"}, {"88,500", "Disputes resolved", "neutral"}}};
}

/// A decoded PNG: 0xRRGGBB per pixel.
struct image {
    int w = 0, h = 0;
    std::vector<std::uint32_t> px;
    std::uint32_t at(int x, int y) const { return px[static_cast<std::size_t>(y) * w + x]; }
};

struct reader {
    const std::string* png;
    std::size_t pos = 0;
};

cairo_status_t read_bytes(void* closure, unsigned char* data, unsigned int length) {
    auto* r = static_cast<reader*>(closure);
    if (r->png->size() - r->pos < length) return CAIRO_STATUS_READ_ERROR;
    std::copy_n(r->png->data() + r->pos, length, data);
    r->pos += length;
    return CAIRO_STATUS_SUCCESS;
}

image decode(const std::string& png) {
    reader r{&png};
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> s(
        cairo_image_surface_create_from_png_stream(read_bytes, &r), cairo_surface_destroy);
    REQUIRE(cairo_surface_status(s.get()) == CAIRO_STATUS_SUCCESS);
    image img;
    img.w = cairo_image_surface_get_width(s.get());
    img.h = cairo_image_surface_get_height(s.get());
    const int stride = cairo_image_surface_get_stride(s.get());
    const unsigned char* data = cairo_image_surface_get_data(s.get());
    img.px.resize(static_cast<std::size_t>(img.w) * img.h);
    for (int y = 0; y < img.h; ++y) {
        const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        for (int x = 0; x < img.w; ++x) img.px[static_cast<std::size_t>(y) * img.w + x] = row[x] & 0xffffff;
    }
    return img;
}

int luminance(std::uint32_t p) { return (((p >> 16) & 0xff) * 299 + ((p >> 8) & 0xff) * 587 + (p & 0xff) * 114) / 1000; }

/// Pixels in [x0, x1) × [y0, y1) darker than mid-grey.
int dark_pixels(const image& img, int x0, int y0, int x1, int y1) {
    int n = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) n += luminance(img.at(x, y)) < 128;
    return n;
}

/// Pixels in the rectangle that are not the white background.
int non_white(const image& img, int x0, int y0, int x1, int y1) {
    int n = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) n += img.at(x, y) != 0xffffff;
    return n;
}

int count_colour(const image& img, std::uint32_t colour) {
    return static_cast<int>(std::count(img.px.begin(), img.px.end(), colour));
}

std::uint32_t be32(const std::string& s, std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
    return v;
}

// The layout's fixed parts, as the tests rely on them: 72 px side margins; the navy band from y 538;
// the title block from the top; figure boxes end at y 494.
constexpr int side = 72;
constexpr int band_y = 538;
constexpr int title_y0 = 20, title_y1 = 165;
constexpr int boxes_end = 494;

}  // namespace

TEST_CASE("share image: a 1200×630 RGB PNG") {
    const std::string png = render_png(en_card());
    REQUIRE(png.size() > 33);
    CHECK(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    CHECK(be32(png, 8) == 13);  // IHDR comes first, 13 bytes long
    CHECK(png.compare(12, 4, "IHDR") == 0);
    CHECK(be32(png, 16) == 1200);
    CHECK(be32(png, 20) == 630);
    CHECK(static_cast<int>(png[24]) == 8);  // bit depth
    CHECK(static_cast<int>(png[25]) == 2);  // colour type: RGB, no alpha
    CHECK(width == 1200);
    CHECK(height == 630);
    CHECK(png.size() < 200 * 1024);  // platforms cap og:image sizes; a flat design is small
}

TEST_CASE("share image: the same card gives the same bytes") {
    CHECK(render_png(zh_card()) == render_png(zh_card()));
    CHECK(render_png(en_card()) == render_png(en_card()));
}

TEST_CASE("share image: what the card says changes the picture") {
    card a = en_card(), b = en_card();
    b.title = "Wenzhou";
    CHECK(render_png(a) != render_png(b));
    b = a;
    b.subtitle = "2024 · Safe-city brief";
    CHECK(render_png(a) != render_png(b));
    b = a;
    b.site = "Other";
    CHECK(render_png(a) != render_png(b));
    b = a;
    b.figures[1].label = "Other";
    CHECK(render_png(a) != render_png(b));
    b = a;
    b.figures[2].value = "1";
    CHECK(render_png(a) != render_png(b));
    b = a;
    b.figures[0].tone = "bad";
    CHECK(render_png(a) != render_png(b));
}

TEST_CASE("share image: Chinese text is drawn with real glyphs") {
    // The environment first: fontconfig must give "sans-serif" a face with Chinese glyphs
    // (fonts-wqy-microhei), or every character would be an empty box.
    {
        PangoFontMap* map = pango_cairo_font_map_new();
        PangoContext* ctx = pango_font_map_create_context(map);
        pango_context_set_language(ctx, pango_language_from_string("zh-hans"));
        PangoLayout* layout = pango_layout_new(ctx);
        PangoFontDescription* font = pango_font_description_from_string("sans-serif 40px");
        pango_layout_set_font_description(layout, font);
        pango_layout_set_text(layout, "台州市平安简报", -1);
        INFO("no font with Chinese glyphs: install fonts-wqy-microhei");
        REQUIRE(pango_layout_get_unknown_glyphs_count(layout) == 0);
        pango_font_description_free(font);
        g_object_unref(layout);
        g_object_unref(ctx);
        g_object_unref(map);
    }
    card with = zh_card(), without = zh_card();
    without.title = "";
    const image a = decode(render_png(with));
    const image b = decode(render_png(without));
    CHECK(dark_pixels(b, side, title_y0, 1200 - side, title_y1) == 0);
    // 台州市 at 92 px: thousands of ink pixels, all of them in the title's place.
    CHECK(dark_pixels(a, side, title_y0, 1200 - side, title_y1) > 3000);
    CHECK(dark_pixels(a, 0, title_y0, side - 4, title_y1) == 0);
    // The same three characters, each drawn differently from the others.
    card other = zh_card();
    other.title = "市州台";
    CHECK(render_png(other) != render_png(with));
}

TEST_CASE("share image: text is text, never markup") {
    card markup = en_card(), amp = en_card(), empty = en_card();
    markup.title = "<b>&amp;</b>";
    amp.title = "&";  // what "<b>&amp;</b>" would look like as markup, since the title is bold already
    empty.title = "";
    const std::string m = render_png(markup);
    CHECK(m != render_png(amp));
    CHECK(m != render_png(empty));
    CHECK(dark_pixels(decode(m), side, title_y0, 1200 - side, title_y1) >
          2 * dark_pixels(decode(render_png(amp)), side, title_y0, 1200 - side, title_y1));
    card all = zh_card();
    all.site = all.subtitle = "<span foreground='red'>x</span> &lt; &";
    for (auto& f : all.figures) f.value = f.label = "<i>&#x4e00;</i><";
    CHECK(decode(render_png(all)).w == 1200);
}

TEST_CASE("share image: any number of figures, the first three shown") {
    card none = en_card();
    none.figures.clear();
    const image n = decode(render_png(none));
    CHECK(n.w == 1200);
    // No boxes: the title and subtitle are centred in the space above the band instead.
    CHECK(non_white(n, 0, 12, 1200, 150) == 0);
    CHECK(non_white(n, 0, 400, 1200, band_y) == 0);
    CHECK(dark_pixels(n, side, 150, 1200 - side, 400) > 3000);

    card five = en_card();
    five.figures.push_back({"1", "Fourth", "bad"});
    five.figures.push_back({"2", "Fifth", "good"});
    CHECK(render_png(five) == render_png(en_card()));

    card one = en_card();
    one.figures.resize(1);
    const image o = decode(render_png(one));
    CHECK(non_white(o, side, 300, side + 300, boxes_end) > 0);
    CHECK(non_white(o, 1200 - side - 300, 300, 1200 - side, boxes_end) == 0);
}

TEST_CASE("share image: tones colour the boxes") {
    const std::uint32_t green = 0x146c36, red = 0xa32018;
    card c = en_card();
    for (auto& f : c.figures) f.tone = "neutral";
    const image neutral = decode(render_png(c));
    CHECK(count_colour(neutral, green) == 0);
    CHECK(count_colour(neutral, red) == 0);
    c.figures[0].tone = "good";
    c.figures[1].tone = "bad";
    c.figures[2].tone = "unknown";
    const image toned = decode(render_png(c));
    CHECK(count_colour(toned, green) > 300 * 8);  // at least the stripe on top of the box
    CHECK(count_colour(toned, red) > 300 * 8);
    c.figures[2].tone = "neutral";
    CHECK(render_png(c) == render_png([&] { card u = c; u.figures[2].tone = "unknown"; return u; }()));
}

TEST_CASE("share image: long text stays inside its place") {
    card c = zh_card();
    c.title = std::string(60, 'W') + "台州市椒江区葭沚街道";
    c.subtitle = "";
    for (int i = 0; i < 40; ++i) c.subtitle += "平安建设 · ";
    c.site = std::string(300, 'M');
    for (auto& f : c.figures) {
        f.value = "1234567890123456789012345678901234567890万件";
        f.label.clear();
        for (int i = 0; i < 30; ++i) f.label += "矛盾纠纷 disputes ";
    }
    const image img = decode(render_png(c));
    // Nothing in the right margin above the band, nothing between the boxes and the band.
    CHECK(non_white(img, 1200 - side + 2, 12, 1200, band_y) == 0);
    CHECK(non_white(img, 0, boxes_end + 2, 1200, band_y) == 0);
    // Nothing in the band's right margin either (the band is one colour there).
    const std::uint32_t band = img.at(1199, band_y + 1);
    int off = 0;
    for (int y = band_y; y < 630; ++y)
        for (int x = 1200 - side + 2; x < 1200; ++x) off += img.at(x, y) != band;
    CHECK(off == 0);
    // A long title is cut, not shrunk to nothing: the title area is full of ink.
    CHECK(dark_pixels(img, side, title_y0, 1200 - side, title_y1) > 5000);
}

TEST_CASE("share image: odd input is drawn, not fatal") {
    card c = en_card();
    c.title = std::string("Tai\xff\xfezhou\0x", 11);
    c.subtitle = "line\nbreak\ttab\u2028sep";
    c.figures[0].value = "\xe4\xb8";  // a cut UTF-8 sequence
    c.figures[1].label = "";
    c.figures[2].value = "";
    c.lang = "xx";
    CHECK(decode(render_png(c)).w == 1200);
    card nl = en_card(), sp = en_card();
    nl.title = "Tai\nzhou";
    sp.title = "Tai zhou";
    CHECK(render_png(nl) == render_png(sp));
    CHECK(render_png(card{}).size() > 100);
}

TEST_CASE("share image: threads draw the same bytes as one thread") {
    const std::vector<card> cards{zh_card(), en_card()};
    std::vector<std::string> serial;
    for (const auto& c : cards) serial.push_back(render_png(c));
    std::vector<std::vector<std::string>> out(2);
    std::vector<std::thread> ts;
    for (int t = 0; t < 2; ++t)
        ts.emplace_back([&, t] {
            for (int i = 0; i < 3; ++i)
                for (std::size_t k = 0; k < cards.size(); ++k) out[t].push_back(render_png(cards[(k + t) % cards.size()]));
        });
    for (auto& t : ts) t.join();
    for (int t = 0; t < 2; ++t) {
        REQUIRE(out[t].size() == 6);
        for (std::size_t i = 0; i < out[t].size(); ++i) CHECK(out[t][i] == serial[(i + t) % cards.size()]);
    }
}

// Not run by ctest: `briefs_share_tests "[.bench]"` times one render; BRIEFS_SHARE_WRITE=DIR also
// writes the sample cards as DIR/share-zh.png and DIR/share-en.png to look at.
TEST_CASE("share image: time to render one card", "[.bench]") {
    for (const char* lang : {"zh", "en"}) {
        const card c = std::string(lang) == "zh" ? zh_card() : en_card();
        if (const char* dir = std::getenv("BRIEFS_SHARE_WRITE")) {
            const std::string png = render_png(c);
            std::FILE* f = std::fopen((std::string(dir) + "/share-" + lang + ".png").c_str(), "wb");
            REQUIRE(f);
            std::fwrite(png.data(), 1, png.size(), f);
            std::fclose(f);
        }
        const auto first0 = std::chrono::steady_clock::now();
        std::thread([&] { (void)render_png(c); }).join();  // a fresh thread: font matching included
        const double first = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - first0).count();
        (void)render_png(c);
        std::vector<double> ms;
        for (int i = 0; i < 100; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            (void)render_png(c);
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        }
        std::sort(ms.begin(), ms.end());
        std::printf("%s: median %.2f ms, min %.2f, p90 %.2f over 100 renders; first on a new thread %.1f ms; %zu bytes\n", lang,
                    ms[50], ms[0], ms[90], first, render_png(c).size());
    }
}
