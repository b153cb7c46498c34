#include "briefs/output/pack_store.hpp"

#include <charconv>

#include "briefs/core/fs.hpp"

namespace briefs::output {
namespace fs = std::filesystem;

pack_store::pack file_packs::read(const std::string& name) const {
    // Records of `key\n<length>\n<bytes>`. A damaged or missing file is an empty pack; a damaged
    // record ends it.
    pack out;
    std::string why;
    const auto bytes = core::read_file(prefix_.string() + "-" + name, why, 4ull << 30);
    if (!bytes) return out;
    const std::string& b = *bytes;
    for (std::size_t at = 0; at < b.size();) {
        const auto key_end = b.find('\n', at);
        const auto len_end = key_end == std::string::npos ? std::string::npos : b.find('\n', key_end + 1);
        if (len_end == std::string::npos) break;
        std::size_t length = 0;
        const auto [end, error] = std::from_chars(b.data() + key_end + 1, b.data() + len_end, length);
        if (error != std::errc() || end != b.data() + len_end || length > b.size() - len_end - 1) break;
        out.emplace(b.substr(at, key_end - at), b.substr(len_end + 1, length));
        at = len_end + 1 + length;
    }
    return out;
}

void file_packs::write(const std::string& name, const records& r) {
    std::string out;
    std::size_t size = 0;
    for (const auto& [key, bytes] : r) size += key.size() + bytes.size() + 24;
    out.reserve(size);
    for (const auto& [key, bytes] : r) out.append(key).append("\n").append(std::to_string(bytes.size())).append("\n").append(bytes);
    const std::string path = prefix_.string() + "-" + name;
    std::error_code ec;
    fs::create_directories(prefix_.parent_path(), ec);
    const std::string tmp = path + ".tmp";
    if (!core::write_file(tmp, out).empty()) {
        fs::remove(tmp, ec);
        return;
    }
    fs::rename(tmp, path, ec);
    if (ec) fs::remove(tmp, ec);
}

pack_store::pack memory_packs::read(const std::string& name) const {
    std::lock_guard lock(mutex_);
    const auto it = packs_.find(name);
    return it == packs_.end() ? pack{} : it->second;
}

void memory_packs::write(const std::string& name, const records& r) {
    pack p(r.begin(), r.end());
    std::lock_guard lock(mutex_);
    packs_[name] = std::move(p);
    ++writes_[name];
}

std::map<std::string, int> memory_packs::writes() const {
    std::lock_guard lock(mutex_);
    return writes_;
}

}  // namespace briefs::output
