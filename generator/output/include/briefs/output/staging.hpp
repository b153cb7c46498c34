#pragma once
/// briefs::output — publishing a whole site atomically.
///
/// Owns: the staging folder beside the output folder, writing files into it, and replacing the
/// output folder in one step (Linux `renameat2(RENAME_EXCHANGE)`), so that readers and an interrupted
/// build never see a half-written site; removing leftovers of interrupted builds; content-hashed file
/// names. Does not own: what the files contain.
#include <filesystem>
#include <optional>
#include <string>
#include <mutex>
#include <string_view>
#include <vector>

#include "briefs/core/diagnostic.hpp"
#include "briefs/output/sink.hpp"

namespace briefs::output {

class staging final : public sink {
public:
    /// Prepares `<out>.staging-<pid>` next to `out`. Refuses an `out` that exists but does not look
    /// like a site this tool built (so a wrong `--out` cannot replace a folder of other files).
    static std::optional<staging> begin(const std::filesystem::path& out, core::diagnostics& diags);

    staging(staging&&) noexcept;
    staging& operator=(staging&&) = delete;
    staging(const staging&) = delete;
    ~staging();  ///< removes the staging folder unless committed

    /// Writes one file, `rel` being a '/'-separated path inside the site. Returns "" or an error.
    std::string write(const std::string& rel, std::string_view bytes) override;
    std::string remove(const std::string&) override { return ""; }  ///< a staging folder starts empty

    /// Swaps the staging folder in for `out` and removes the previous site. On failure `out` is
    /// left as it was.
    bool commit(core::diagnostics& diags);

    [[nodiscard]] const std::filesystem::path& folder() const { return dir_; }

private:
    staging() = default;
    std::filesystem::path out_;
    std::filesystem::path dir_;
    bool active_ = false;
};

/// Updates an existing site in place, for incremental builds: each new or changed file is first
/// written beside its final name (`name.briefs-new`), and only `commit()` renames them all into place
/// and removes the files the site no longer has, so an interrupted or failed build leaves the site as
/// it was (but for the moment of the renames, which is short: only changed files are renamed).
class in_place final : public sink {
public:
    explicit in_place(std::filesystem::path out) : out_(std::move(out)) {}
    in_place(const in_place&) = delete;
    in_place& operator=(const in_place&) = delete;
    ~in_place() override;  ///< removes the pending files unless committed

    std::string write(const std::string& rel, std::string_view bytes) override;
    std::string remove(const std::string& rel) override;
    bool commit(core::diagnostics& diags);
    [[nodiscard]] std::size_t written() const { return pending_.size(); }

private:
    std::filesystem::path out_;
    std::mutex mutex_;
    std::vector<std::string> pending_;
    std::vector<std::string> removed_;
};

/// `assets/css/style.css` with content `bytes` → `assets/css/style.<8 hex digits>.css`.
std::string hashed_name(const std::string& rel, std::string_view bytes);

/// The marker file every site this tool builds contains at its root.
inline constexpr const char* site_marker = "index.html";

}  // namespace briefs::output
