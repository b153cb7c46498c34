#include "briefs/share/card.hpp"
#include "png_encode.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <new>
#include <stdexcept>
#include <string_view>
#include <vector>

#include <cairo.h>
#include <glib-object.h>
#include <glib.h>
#include <pango/pangocairo.h>

namespace briefs::share {
namespace {

// ---------------------------------------------------------------------------------------------
// Colours: the site's (assets/style.css), so that the card looks like the page it links to.

struct rgb {
    double r, g, b;
    bool operator==(const rgb&) const = default;
};
constexpr rgb hex(unsigned v) { return {((v >> 16) & 0xff) / 255.0, ((v >> 8) & 0xff) / 255.0, (v & 0xff) / 255.0}; }

constexpr rgb paper = hex(0xffffff);
constexpr rgb ink = hex(0x1d2327);      // --ink: title, neutral values
constexpr rgb muted = hex(0x4f5a61);    // --muted: subtitle, labels (≥ 6:1 on every box background)
constexpr rgb line = hex(0xd8dee2);     // --line: box borders
constexpr rgb tint = hex(0xf4f6f7);     // --tint: neutral box background
constexpr rgb accent = hex(0x0b5394);   // --accent: the band and the stripe (white on it: 7.6:1)
constexpr rgb navy = hex(0x0a3a66);     // the band, a shade darker than the accent
constexpr rgb band_text = hex(0xffffff);  // 11:1 on navy
constexpr rgb good = hex(0x146c36);     // --good
constexpr rgb good_bg = hex(0xe7f4ec);  // --good-bg
constexpr rgb bad = hex(0xa32018);      // --bad
constexpr rgb bad_bg = hex(0xfbeceb);   // --bad-bg
constexpr rgb neutral = hex(0x8a969e);  // the site's neutral card stripe

// ---------------------------------------------------------------------------------------------
// Geometry (pixels).

constexpr int margin = 72;         // left and right
constexpr int stripe_h = 10;       // the accent stripe at the top
constexpr int band_h = 92;         // the navy band at the bottom, with the site's name
constexpr int band_y = height - band_h;
constexpr int content_w = width - 2 * margin;
constexpr int max_figures = 3;
constexpr int box_gap = 28;
constexpr int box_w = (content_w - (max_figures - 1) * box_gap) / max_figures;
constexpr int box_h = 212;
constexpr int box_top_stripe = 8;
constexpr int box_pad = 24;
constexpr int box_y = band_y - 44 - box_h;
constexpr int max_chars = 400;  // longer strings are cut before layout (they are ellipsized anyway)

// ---------------------------------------------------------------------------------------------
// Owning handles.

struct gobject_unref {
    void operator()(gpointer p) const { g_object_unref(p); }
};
using layout_ptr = std::unique_ptr<PangoLayout, gobject_unref>;
struct surface_free {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct cairo_free {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct font_free {
    void operator()(PangoFontDescription* d) const { pango_font_description_free(d); }
};
struct gfree {
    void operator()(gchar* p) const { g_free(p); }
};

/// Pango's cairo font maps are not thread-safe, and finding fonts through fontconfig is what costs
/// time: each thread keeps its own font map (with its cache of fontsets) and one context on it.
struct thread_fonts {
    PangoFontMap* map = nullptr;
    PangoContext* context = nullptr;

    thread_fonts() {
        map = pango_cairo_font_map_new();
        if (!map) throw std::runtime_error("share: pango has no cairo font map");
        context = pango_font_map_create_context(map);
        // Everything that could come from the surface or the user's fontconfig settings is fixed
        // here, so that every machine with the same fonts draws the same pixels.
        cairo_font_options_t* options = cairo_font_options_create();
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
        cairo_font_options_set_subpixel_order(options, CAIRO_SUBPIXEL_ORDER_DEFAULT);
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_SLIGHT);
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
        pango_cairo_context_set_font_options(context, options);
        cairo_font_options_destroy(options);
        pango_context_set_base_dir(context, PANGO_DIRECTION_LTR);
    }
    ~thread_fonts() {
        if (context) g_object_unref(context);
        if (map) g_object_unref(map);
    }
    thread_fonts(const thread_fonts&) = delete;
    thread_fonts& operator=(const thread_fonts&) = delete;
};

thread_fonts& fonts_for_this_thread() {
    thread_local thread_fonts fonts;
    return fonts;
}

// ---------------------------------------------------------------------------------------------
// Text.

/// Plain text pango can lay out as one paragraph: valid UTF-8 (invalid bytes → U+FFFD), control
/// characters and line/paragraph separators → spaces, at most `max_chars` characters, no spaces around.
std::string clean(std::string_view in) {
    std::string bytes(in);
    for (char& ch : bytes) {
        const auto b = static_cast<unsigned char>(ch);
        if (b < 0x20 || b == 0x7f) ch = ' ';  // never part of a multi-byte sequence
    }
    std::unique_ptr<gchar, gfree> valid(g_utf8_make_valid(bytes.data(), static_cast<gssize>(bytes.size())));
    std::string out;
    out.reserve(bytes.size());
    long n = 0;
    for (const gchar* p = valid.get(); *p && n < max_chars; p = g_utf8_next_char(p), ++n) {
        const gunichar c = g_utf8_get_char(p);
        if (c == 0x85 || c == 0x2028 || c == 0x2029 || (c >= 0x80 && c < 0xa0)) {
            out += ' ';  // NEL, LINE/PARAGRAPH SEPARATOR, C1 controls
        } else {
            const gchar* next = g_utf8_next_char(p);
            out.append(p, static_cast<std::size_t>(next - p));
        }
    }
    const auto first = out.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    return out.substr(first, out.find_last_not_of(' ') + 1 - first);
}

layout_ptr make_layout(PangoContext* context, const std::string& text, int px, PangoWeight weight) {
    layout_ptr layout(pango_layout_new(context));
    std::unique_ptr<PangoFontDescription, font_free> font(pango_font_description_new());
    pango_font_description_set_family_static(font.get(), "sans-serif");
    pango_font_description_set_weight(font.get(), weight);
    pango_font_description_set_absolute_size(font.get(), px * PANGO_SCALE);
    pango_layout_set_font_description(layout.get(), font.get());
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));  // text, never markup
    return layout;
}

/// The layout's logical size (the advance of its text, one line height per line), in pixels.
PangoRectangle logical(PangoLayout* layout) {
    PangoRectangle r;
    pango_layout_get_pixel_extents(layout, nullptr, &r);
    return r;
}

/// A trend arrow that starts a value (▲16.7%) is drawn smaller than the number, as on the site's cards.
void shrink_leading_arrow(PangoLayout* layout, const std::string& text, int px) {
    static constexpr std::string_view arrows[] = {"▲", "▼", "△", "▽", "↑", "↓"};
    for (std::string_view a : arrows) {
        if (!text.starts_with(a)) continue;
        PangoAttrList* attrs = pango_attr_list_new();
        PangoAttribute* size = pango_attr_size_new_absolute(static_cast<int>(px * 0.55 * PANGO_SCALE));
        size->start_index = 0;
        size->end_index = static_cast<guint>(a.size());
        pango_attr_list_insert(attrs, size);  // takes ownership of the attribute
        pango_layout_set_attributes(layout, attrs);
        pango_attr_list_unref(attrs);
        return;
    }
}

/// One line of text at the largest of `sizes` at which it fits `max_w`; at the smallest, cut with "…".
template <std::size_t N>
layout_ptr fit_one_line(PangoContext* context, const std::string& text, const std::array<int, N>& sizes,
                        PangoWeight weight, int max_w, bool small_arrow = false) {
    for (std::size_t i = 0;; ++i) {
        layout_ptr layout = make_layout(context, text, sizes[i], weight);
        if (small_arrow) shrink_leading_arrow(layout.get(), text, sizes[i]);
        if (logical(layout.get()).width <= max_w) return layout;
        if (i + 1 == N) {
            pango_layout_set_width(layout.get(), max_w * PANGO_SCALE);
            pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
            return layout;
        }
    }
}

/// Text wrapped to `max_w`, at most `max_lines` lines, the last cut with "…" if it does not fit.
layout_ptr wrapped(PangoContext* context, const std::string& text, int px, PangoWeight weight, int max_w, int max_lines) {
    layout_ptr layout = make_layout(context, text, px, weight);
    pango_layout_set_width(layout.get(), max_w * PANGO_SCALE);
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_height(layout.get(), -max_lines);  // negative: a number of lines
    pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
    return layout;
}

// ---------------------------------------------------------------------------------------------
// Drawing.

void set_colour(cairo_t* cr, rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

void fill_rect(cairo_t* cr, double x, double y, double w, double h, rgb c) {
    set_colour(cr, c);
    cairo_rectangle(cr, x, y, w, h);
    cairo_fill(cr);
}

void rounded_rect(cairo_t* cr, double x, double y, double w, double h, double r) {
    constexpr double quarter = G_PI / 2;
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - r, y + r, r, -quarter, 0);
    cairo_arc(cr, x + w - r, y + h - r, r, 0, quarter);
    cairo_arc(cr, x + r, y + h - r, r, quarter, 2 * quarter);
    cairo_arc(cr, x + r, y + r, r, 2 * quarter, 3 * quarter);
    cairo_close_path(cr);
}

void show(cairo_t* cr, PangoLayout* layout, double x, double y, rgb c) {
    set_colour(cr, c);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout);
}

struct tone_colours {
    rgb fg, bg, stripe;
};

tone_colours colours_for(std::string_view tone) {
    if (tone == "good") return {good, good_bg, good};
    if (tone == "bad") return {bad, bad_bg, bad};
    return {ink, tint, neutral};
}

void draw_figure(cairo_t* cr, PangoContext* context, const figure& f, double x, double y) {
    const tone_colours tc = colours_for(f.tone);
    constexpr double radius = 12;
    cairo_save(cr);
    rounded_rect(cr, x, y, box_w, box_h, radius);
    cairo_clip_preserve(cr);
    set_colour(cr, tc.bg);
    cairo_fill(cr);
    fill_rect(cr, x, y, box_w, box_top_stripe, tc.stripe);
    cairo_restore(cr);
    if (tc.fg == ink) {  // a neutral box, light grey on white, gets an outline
        rounded_rect(cr, x + 0.5, y + 0.5, box_w - 1, box_h - 1, radius - 0.5);
        set_colour(cr, line);
        cairo_set_line_width(cr, 1);
        cairo_stroke(cr);
    }

    const int inner_w = box_w - 2 * box_pad;
    const double tx = x + box_pad;
    double ty = y + box_top_stripe + 18;
    layout_ptr v = fit_one_line(context, clean(f.value), std::array{64, 56, 48, 40}, PANGO_WEIGHT_BOLD, inner_w, true);
    // The value sits on a fixed line whatever its size, so that a row of boxes lines up.
    const int v_line = 78;
    show(cr, v.get(), tx, ty + (v_line - logical(v.get()).height) / 2.0, tc.fg);
    ty += v_line + 8;
    layout_ptr l = wrapped(context, clean(f.label), 25, PANGO_WEIGHT_NORMAL, inner_w, 3);
    show(cr, l.get(), tx, ty, muted);
}


}  // namespace

std::string render_png(const card& c) {
    thread_fonts& fonts = fonts_for_this_thread();
    PangoContext* context = fonts.context;
    pango_context_set_language(context, pango_language_from_string(c.lang.starts_with("zh") ? "zh-hans" : "en"));

    std::unique_ptr<cairo_surface_t, surface_free> surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) throw std::runtime_error("share: cannot create the image");
    std::unique_ptr<cairo_t, cairo_free> owner(cairo_create(surface.get()));
    cairo_t* cr = owner.get();
    pango_cairo_update_context(cr, context);

    // Background, the accent stripe at the top, the navy band at the bottom.
    fill_rect(cr, 0, 0, width, height, paper);
    fill_rect(cr, 0, 0, width, stripe_h, accent);
    fill_rect(cr, 0, band_y, width, band_h, navy);

    // The title and subtitle: at the top when there are figures, centred in the space otherwise.
    layout_ptr t = fit_one_line(context, clean(c.title), std::array{92, 80, 68, 58}, PANGO_WEIGHT_BOLD, content_w);
    layout_ptr s = fit_one_line(context, clean(c.subtitle), std::array{36}, PANGO_WEIGHT_NORMAL, content_w);
    const int t_h = logical(t.get()).height;
    const int s_h = logical(s.get()).height;
    constexpr int title_gap = 6;
    const std::size_t shown = std::min<std::size_t>(c.figures.size(), max_figures);
    const double block_h = t_h + title_gap + s_h;
    const int space_end = shown > 0 ? box_y : band_y;
    const double top = std::round(stripe_h + (space_end - stripe_h - block_h) / 2);
    show(cr, t.get(), margin, top, ink);
    show(cr, s.get(), margin, top + t_h + title_gap, muted);

    for (std::size_t i = 0; i < shown; ++i) {
        draw_figure(cr, context, c.figures[i], margin + static_cast<double>(i) * (box_w + box_gap), box_y);
    }

    // The site's name in the band.
    layout_ptr n = fit_one_line(context, clean(c.site), std::array{34}, PANGO_WEIGHT_BOLD, content_w);
    show(cr, n.get(), margin, band_y + (band_h - logical(n.get()).height) / 2.0, band_text);

    cairo_surface_flush(surface.get());
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) throw std::runtime_error(std::string("share: drawing failed: ") + cairo_status_to_string(cairo_status(cr)));
    std::string png;
    png.reserve(64 * 1024);
    if (!detail::encode_png(cairo_image_surface_get_data(surface.get()), cairo_image_surface_get_stride(surface.get()), width, height,
                            {.alpha = false, .fast = true}, png)) {
        throw std::runtime_error("share: cannot write the PNG");
    }
    return png;
}

}  // namespace briefs::share
