// PNG through libpng rather than cairo's writer: cairo always uses adaptive filtering and zlib's level
// 6, which took 90% of a share card's time (16 ms); flat colours and text compress as well with no filter
// and level 3 in a quarter of the time.
#include "png_encode.hpp"

#include <png.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace briefs::share::detail {
namespace {

void png_append(png_structp png, png_bytep data, png_size_t n) {
    static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), n);
}
void png_no_flush(png_structp) {}

/// One row of cairo pixels (native-endian 32-bit words: 0x00RRGGBB, or premultiplied 0xAARRGGBB) as
/// PNG samples.
void convert_row(const std::uint32_t* src, int width, bool alpha, std::vector<unsigned char>& row) {
    for (int x = 0; x < width; ++x) {
        const std::uint32_t p = src[x];
        if (!alpha) {
            row[3 * x] = static_cast<unsigned char>(p >> 16);
            row[3 * x + 1] = static_cast<unsigned char>(p >> 8);
            row[3 * x + 2] = static_cast<unsigned char>(p);
            continue;
        }
        const unsigned a = p >> 24;
        auto un = [a](unsigned c) { return static_cast<unsigned char>(a == 0 ? 0 : (c * 255 + a / 2) / a); };
        row[4 * x] = un((p >> 16) & 0xff);
        row[4 * x + 1] = un((p >> 8) & 0xff);
        row[4 * x + 2] = un(p & 0xff);
        row[4 * x + 3] = static_cast<unsigned char>(a);
    }
}

/// Only plain data lives across setjmp (libpng's error path longjmps here).
bool encode(const unsigned char* pixels, int stride, int width, int height, const png_options& options, std::string& out,
            std::vector<unsigned char>& row) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    if (!png) return false;
    png_infop info = png_create_info_struct(png);
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, info ? &info : nullptr);
        return false;
    }
    png_set_write_fn(png, &out, png_append, png_no_flush);
    png_set_IHDR(png, info, width, height, 8, options.alpha ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (options.fast) {
        png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
        png_set_compression_level(png, 3);
    }
    png_write_info(png, info);
    for (int y = 0; y < height; ++y) {
        convert_row(reinterpret_cast<const std::uint32_t*>(pixels + static_cast<std::ptrdiff_t>(y) * stride), width, options.alpha, row);
        png_write_row(png, row.data());
    }
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    return true;
}

}  // namespace

bool encode_png(const unsigned char* pixels, int stride, int width, int height, const png_options& options, std::string& out) {
    std::vector<unsigned char> row(static_cast<std::size_t>(width) * (options.alpha ? 4 : 3));
    return encode(pixels, stride, width, height, options, out, row);
}

}  // namespace briefs::share::detail
