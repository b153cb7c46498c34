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
#include <string_view>

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

/// `assets/css/style.css` with content `bytes` → `assets/css/style.<8 hex digits>.css`.
std::string hashed_name(const std::string& rel, std::string_view bytes);

/// The marker file every site this tool builds contains at its root.
inline constexpr const char* site_marker = "sitemap.xml";

}  // namespace briefs::output
