#include "briefs/output/build_cache.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "briefs/core/fs.hpp"
#include "briefs/output/publish.hpp"

namespace briefs::output {
namespace fs = std::filesystem;

namespace {

fs::path entry_path(const fs::path& dir, const std::string& hash) { return dir / ("build-" + hash + ".json"); }
fs::path folder_path(const fs::path& dir, const std::string& hash) { return dir / ("build-" + hash + ".out"); }

/// Removes an entry's records and its search files.
void remove_entry(const fs::path& dir, const std::string& hash) {
    std::error_code ec;
    fs::remove(entry_path(dir, hash), ec);
    fs::remove(folder_path(dir, hash), ec);
    const std::string search = "search-" + hash;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        if (it->path().filename().string().starts_with(search)) fs::remove(it->path(), ec);
    }
}

}  // namespace

build_cache::build_cache(fs::path dir, fs::path out, std::string key)
    : dir_(std::move(dir)), out_(std::move(out)), key_(std::move(key)), hash_(core::hash_hex(key_)) {}

file_packs build_cache::packs() const { return file_packs(dir_ / ("search-" + hash_)); }

records build_cache::load() const {
    records out;
    std::string why;
    auto text = core::read_file(entry_path(dir_, hash_), why);
    if (!text) return out;
    try {
        const auto j = nlohmann::json::parse(*text);
        if (j.at("key") != key_) return out;
        for (const auto& [file, r] : j.at("files").items()) {
            record& rec = out[file];
            rec = {r.at(0), r.at(1), r.at(2), {}, r.at(4).get<std::vector<std::string>>(), r.at(5)};
            for (const auto& f : r.at(3)) {
                rec.findings.push_back({f.at(0), f.at(1), f.at(2), f.at(3) == "error" ? core::severity::error : core::severity::warning,
                                        f.at(4), f.at(5)});
            }
        }
    } catch (const std::exception&) {
        out.clear();
    }
    return out;
}

void build_cache::save(const records& r) const {
    nlohmann::json files = nlohmann::json::object();
    for (const auto& [file, rec] : r) {
        nlohmann::json findings = nlohmann::json::array();
        for (const auto& f : rec.findings) {
            findings.push_back({f.path, f.line, f.column, f.level == core::severity::error ? "error" : "warning", f.message, f.check});
        }
        files[file] = {rec.fingerprint, rec.bytes_hash, rec.url, findings, rec.link_targets, rec.targets_state};
    }
    const nlohmann::json j = {{"key", key_}, {"files", files}};
    std::error_code ec;
    fs::create_directories(dir_, ec);
    // The output folder first: an entry is never without it (a build pruning others would take it for damaged).
    const fs::path out_tmp = folder_path(dir_, hash_).string() + ".tmp";
    if (core::write_file(out_tmp, out_.string()).empty()) fs::rename(out_tmp, folder_path(dir_, hash_), ec);
    const fs::path path = entry_path(dir_, hash_);
    const fs::path tmp = path.string() + ".tmp";
    if (core::write_file(tmp, j.dump()).empty()) fs::rename(tmp, path, ec);
}

void build_cache::forget() const { remove_entry(dir_, hash_); }

void build_cache::prune_others() const {
    // Each entry's output folder is in its small `.out` file: no other entry's records are read.
    std::error_code ec;
    std::vector<std::string> stale;
    for (auto it = fs::directory_iterator(dir_, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const bool records = name.ends_with(".json"), folder = name.ends_with(".out");
        if (!name.starts_with("build-") || !(records || folder)) continue;
        const std::string hash = name.substr(6, name.size() - 6 - (records ? 5 : 4));
        if (hash == hash_) continue;
        std::string why;
        const auto out = core::read_file(folder_path(dir_, hash), why, 1 << 16);
        std::error_code gone;
        // Records without their folder's file are from an older briefs, of no use to this one.
        if (!out || (!fs::exists(fs::path(*out), gone) && !gone)) stale.push_back(hash);
    }
    std::sort(stale.begin(), stale.end());
    stale.erase(std::unique(stale.begin(), stale.end()), stale.end());
    for (const auto& hash : stale) remove_entry(dir_, hash);
}

bool site_matches(const fs::path& out, const records& r) {
    std::string why;
    const auto manifest = read_manifest(out, why);
    if (!manifest) return false;
    std::error_code ec;
    return std::all_of(r.begin(), r.end(), [&](const auto& e) { return manifest->count(e.first) && fs::exists(out / e.first, ec); });
}

}  // namespace briefs::output
