// Image sizes for page bundles: libpng's simplified API and libjpeg's header reader. Only the header
// is read; nothing is decoded.
#include "image_size.hpp"

#include <csetjmp>
#include <cstdio>

#include <jpeglib.h>
#include <png.h>

namespace briefs::content::detail {
namespace {

std::optional<pixel_size> png_size(std::string_view bytes, std::string& why) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) {
        why = std::string("not a readable PNG image (libpng: ") + image.message + ")";
        png_image_free(&image);
        return std::nullopt;
    }
    const pixel_size size{static_cast<int>(image.width), static_cast<int>(image.height)};
    png_image_free(&image);
    return size;
}

struct jpeg_failure {
    jpeg_error_mgr mgr;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

void jpeg_fail(j_common_ptr info) {
    auto* f = reinterpret_cast<jpeg_failure*>(info->err);
    (*info->err->format_message)(info, f->message);
    std::longjmp(f->jump, 1);
}

void jpeg_quiet(j_common_ptr, int) {}

/// No C++ object with a destructor lives in this frame: longjmp may leave it.
bool jpeg_header(const unsigned char* data, unsigned long size, unsigned& width, unsigned& height, char* message) {
    jpeg_decompress_struct info;
    jpeg_failure failure;
    info.err = jpeg_std_error(&failure.mgr);
    failure.mgr.error_exit = jpeg_fail;
    failure.mgr.emit_message = jpeg_quiet;
    failure.message[0] = '\0';
    if (setjmp(failure.jump)) {
        std::snprintf(message, JMSG_LENGTH_MAX, "%s", failure.message);
        jpeg_destroy_decompress(&info);
        return false;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, data, size);
    jpeg_read_header(&info, TRUE);
    width = info.image_width;
    height = info.image_height;
    jpeg_destroy_decompress(&info);
    return true;
}

}  // namespace

std::string image_format(std::string_view bytes) {
    if (bytes.starts_with("\x89PNG\r\n\x1a\n")) return "png";
    if (bytes.starts_with("\xFF\xD8\xFF")) return "jpeg";
    return "";
}

std::optional<pixel_size> image_size(std::string_view bytes, std::string& why) {
    const std::string format = image_format(bytes);
    if (format == "png") return png_size(bytes, why);
    if (format != "jpeg") return pixel_size{};
    unsigned width = 0, height = 0;
    char message[JMSG_LENGTH_MAX];
    if (!jpeg_header(reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size()), width, height, message)) {
        why = std::string("not a readable JPEG image (libjpeg: ") + message + ")";
        return std::nullopt;
    }
    return pixel_size{static_cast<int>(width), static_cast<int>(height)};
}

}  // namespace briefs::content::detail
