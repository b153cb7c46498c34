#pragma once
// Internal to content: the size of a PNG or JPEG image, read by libpng and libjpeg from its header.
#include <optional>
#include <string>
#include <string_view>

namespace briefs::content::detail {

struct pixel_size {
    int width = 0;
    int height = 0;
};

/// {0, 0} for bytes that are neither PNG nor JPEG (their size is not known); nullopt, with `why`, for
/// bytes that start as a PNG or JPEG but cannot be read as one.
std::optional<pixel_size> image_size(std::string_view bytes, std::string& why);

/// "png", "jpeg" or "" by the bytes' signature.
std::string image_format(std::string_view bytes);

}  // namespace briefs::content::detail
