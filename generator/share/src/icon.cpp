// The site's icon as a favicon.ico (a PNG inside an ICO container), drawn like assets/icon.svg: a
// shield with a tick, white on the accent colour, in a rounded square. Keep the two in step.
#include <cairo.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <vector>

#include "briefs/share/card.hpp"
#include "png_encode.hpp"

namespace briefs::share {
namespace {

void put16(std::string& out, unsigned v) {
    out += static_cast<char>(v & 0xff);
    out += static_cast<char>((v >> 8) & 0xff);
}
void put32(std::string& out, std::uint32_t v) {
    put16(out, v & 0xffff);
    put16(out, v >> 16);
}

}  // namespace

std::string icon_png(int size) {
    struct surface_free { void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); } };
    struct cairo_free { void operator()(cairo_t* c) const { cairo_destroy(c); } };
    std::unique_ptr<cairo_surface_t, surface_free> surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) throw std::runtime_error("share: cannot create the icon");
    std::unique_ptr<cairo_t, cairo_free> owner(cairo_create(surface.get()));
    cairo_t* cr = owner.get();
    cairo_scale(cr, size / 32.0, size / 32.0);  // drawn in the SVG's 32×32 viewBox
    // The rounded square.
    const double r = 6;
    cairo_new_sub_path(cr);
    cairo_arc(cr, 32 - r, r, r, -M_PI / 2, 0);
    cairo_arc(cr, 32 - r, 32 - r, r, 0, M_PI / 2);
    cairo_arc(cr, r, 32 - r, r, M_PI / 2, M_PI);
    cairo_arc(cr, r, r, r, M_PI, 3 * M_PI / 2);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 0x0b / 255.0, 0x53 / 255.0, 0x94 / 255.0);
    cairo_fill(cr);
    // The shield.
    cairo_move_to(cr, 16, 5);
    cairo_line_to(cr, 25, 8.5);
    cairo_line_to(cr, 25, 15);
    cairo_curve_to(cr, 25, 20.5, 21.2, 24.8, 16, 27);
    cairo_curve_to(cr, 10.8, 24.8, 7, 20.5, 7, 15);
    cairo_line_to(cr, 7, 8.5);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill(cr);
    // The tick.
    cairo_move_to(cr, 11.5, 16);
    cairo_line_to(cr, 14.8, 19.3);
    cairo_line_to(cr, 20.5, 12.8);
    cairo_set_line_width(cr, 2.6);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_source_rgb(cr, 0x0b / 255.0, 0x53 / 255.0, 0x94 / 255.0);
    cairo_stroke(cr);
    cairo_surface_flush(surface.get());
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) throw std::runtime_error("share: drawing the icon failed");
    std::string png;
    if (!detail::encode_png(cairo_image_surface_get_data(surface.get()), cairo_image_surface_get_stride(surface.get()), size, size,
                            {.alpha = true, .fast = false}, png)) {
        throw std::runtime_error("share: cannot write the icon's PNG");
    }
    return png;
}

std::string icon_ico(int size) {
    const std::string png = icon_png(size);
    std::string out;
    put16(out, 0);  // reserved
    put16(out, 1);  // an icon
    put16(out, 1);  // one image
    out += static_cast<char>(size >= 256 ? 0 : size);  // width (0: 256)
    out += static_cast<char>(size >= 256 ? 0 : size);  // height
    out += '\0';    // no palette
    out += '\0';    // reserved
    put16(out, 1);  // colour planes
    put16(out, 32); // bits per pixel
    put32(out, static_cast<std::uint32_t>(png.size()));
    put32(out, 6 + 16);  // where the image starts
    return out + png;
}

}  // namespace briefs::share
