// libFuzzer target (issue 5): loading a region.json must never crash, hang or leak, whatever its bytes.
// The input is written as content/regions/fuzz/region.json of a small valid site and the whole content
// folder is loaded, so JSON parsing, locating values, every field check and cross-reference run.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "briefs/content/load.hpp"

namespace fs = std::filesystem;

namespace {
fs::path site() {
    static const fs::path dir = [] {
        const fs::path d = fs::temp_directory_path() / ("briefs-fuzz-json-" + std::to_string(getpid()));
        fs::create_directories(d / "content/regions/fuzz");
        fs::copy(BRIEFS_SOURCE_DIR "/tests/sites/basic/input/content", d / "content",
                 fs::copy_options::recursive | fs::copy_options::overwrite_existing);
        std::ofstream(d / "content/regions/fuzz/2025.zh.md") << "## 标题\n\n正文。\n";
        return d;
    }();
    return dir;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 256 * 1024) return 0;
    std::ofstream(site() / "content/regions/fuzz/region.json", std::ios::binary)
        .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    briefs::core::diagnostics diags;
    auto loaded = briefs::content::load(site() / "content", diags);
    for (const auto& d : diags.items()) {
        if (d.path.empty() || d.message.empty()) __builtin_trap();  // every finding says where and what
    }
    return 0;
}
