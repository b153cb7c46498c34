#pragma once
/// briefs::output — packs of records (key → bytes) that a build keeps for the next one: the search
/// index's parts and buckets. `briefs build` keeps them on disk beside its cache entry
/// (`build_cache::packs`); a test keeps them in memory. The build never reads or writes them itself.
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace briefs::output {

class pack_store {
public:
    using pack = std::unordered_map<std::string, std::string>;
    using records = std::vector<std::pair<std::string, std::string>>;
    virtual ~pack_store() = default;
    /// The pack last written under `name` (a file name's part: "zh.parts"); empty when there is none
    /// or it is damaged.
    [[nodiscard]] virtual pack read(const std::string& name) const = 0;
    /// Replaces the pack `name` with these records (keys hold no newline). A pack that cannot be kept
    /// is no pack: the next build makes again what it held. Safe to call from several threads at once
    /// (for different names).
    virtual void write(const std::string& name, const records& r) = 0;
};

/// Packs as files `<prefix>-<name>` (`key\n<length>\n<bytes>` records), each written beside and then
/// renamed: a killed build leaves the old pack or the new one.
class file_packs final : public pack_store {
public:
    explicit file_packs(std::filesystem::path prefix) : prefix_(std::move(prefix)) {}
    [[nodiscard]] pack read(const std::string& name) const override;
    void write(const std::string& name, const records& r) override;

private:
    std::filesystem::path prefix_;
};

/// Packs in memory, as written.
class memory_packs final : public pack_store {
public:
    [[nodiscard]] pack read(const std::string& name) const override;
    void write(const std::string& name, const records& r) override;
    /// How many times each pack was written.
    [[nodiscard]] std::map<std::string, int> writes() const;

private:
    mutable std::mutex mutex_;
    std::map<std::string, pack> packs_;
    std::map<std::string, int> writes_;
};

}  // namespace briefs::output
