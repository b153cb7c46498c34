#pragma once
// Internal to share: a cairo image surface's pixels as PNG bytes, through libpng.
#include <string>

namespace briefs::share::detail {

struct png_options {
    bool alpha = false;        ///< false: cairo RGB24 → 8-bit RGB; true: cairo ARGB32 (premultiplied) → 8-bit RGBA
    bool fast = false;         ///< no filter and zlib level 3 (flat colours and text compress as well, 4× faster)
};

/// Encodes `width`×`height` pixels (`stride` bytes a row) into `out`. False on any libpng error.
bool encode_png(const unsigned char* pixels, int stride, int width, int height, const png_options& options, std::string& out);

}  // namespace briefs::share::detail
