#pragma once
/// briefs::output — publishing a build into an output folder: atomically, exclusively, and without
/// touching what briefs did not write.
///
/// Owns: the output folder's manifest (`.briefs-manifest.json`, the files briefs wrote there), the
/// staging folder beside the output (`<out>.staging-<pid>`), the lock that keeps two builds of one
/// folder apart, and the one-step swap (Linux `renameat2(RENAME_EXCHANGE)`) that makes a build visible.
/// Does not own: what the files contain, or which files a build needs (sitegraph).
///
/// A publication starts from a mirror of the current folder made of hard links (cheap: no bytes are
/// copied), changes files in the mirror (a changed file is a new file, never written through a link),
/// then swaps the mirror in. Readers, a failed build and a killed one see the old site or the new one,
/// never a mix. Files that are not in the manifest (`.git/`, `CNAME`, anything put there by hand) are
/// carried over by every build, `--clean` included, and a build refuses to overwrite one of them.
#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "briefs/core/diagnostic.hpp"
#include "briefs/output/sink.hpp"

namespace briefs::output {

/// The file in an output folder that lists what briefs wrote there; a folder with one is a site.
inline constexpr const char* manifest_name = ".briefs-manifest.json";

/// An exclusive lock on an output folder (held on the folder that contains it, whose identity does not
/// change when the site is swapped), released when destroyed.
class folder_lock {
public:
    /// Waits for the lock; `on_wait` is called once if another build holds it. Returns nullopt (with a
    /// diagnostic) when the lock cannot be taken, or when `cancel` becomes true while waiting.
    static std::optional<folder_lock> acquire(const std::filesystem::path& out, const std::atomic<bool>* cancel,
                                              const std::function<void()>& on_wait, core::diagnostics& diags);
    folder_lock(folder_lock&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
    folder_lock& operator=(folder_lock&&) = delete;
    folder_lock(const folder_lock&) = delete;
    ~folder_lock();

private:
    explicit folder_lock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

class publication final : public sink {
public:
    enum class mode {
        replace,  ///< a clean build: only files briefs did not write are carried over
        update,   ///< an incremental build: every file is carried over; the build writes and removes some
    };

    /// Prepares the staging folder. Refuses an `out` that is a file, or a non-empty folder without a
    /// manifest (so a wrong `--out` cannot touch a folder of other files). Removes what killed builds left.
    static std::optional<publication> begin(const std::filesystem::path& out, mode m, core::diagnostics& diags);

    publication(publication&&) noexcept;
    publication& operator=(publication&&) = delete;
    publication(const publication&) = delete;
    ~publication() override;  ///< removes the staging folder unless committed

    /// Writes one file ('/'-separated path inside the site) as a new file in the staging folder.
    /// Refuses a path where a file briefs did not write stands. Thread-safe for distinct paths.
    std::string write(const std::string& rel, std::string_view bytes) override;
    /// The same, the file copied by the kernel (never read into memory).
    std::string copy(const std::string& rel, const std::filesystem::path& from) override;
    /// Removes a file briefs wrote (and the folders it leaves empty). Thread-safe for distinct paths.
    std::string remove(const std::string& rel) override;


    /// Writes the manifest and swaps the staging folder in for `out`, in one step; the previous site is
    /// then removed. On failure `out` is left as it was.
    bool commit(core::diagnostics& diags);

    [[nodiscard]] const std::filesystem::path& folder() const { return dir_; }
    /// Whether `out` had a manifest when the publication began (a site built by briefs).
    [[nodiscard]] bool had_manifest() const { return had_manifest_; }
    /// Files of `out` that are not briefs' own, carried over ('/'-separated, sorted).
    [[nodiscard]] const std::set<std::string>& foreign() const { return foreign_; }

private:
    publication() = default;
    /// Makes `rel` free in the staging folder for a new file: "" or why it cannot be (a file briefs did
    /// not write stands there, or the mirror's link cannot be removed).
    std::string claim(const std::string& rel) const;
    std::filesystem::path out_;
    std::filesystem::path dir_;
    bool active_ = false;
    bool had_manifest_ = false;
    std::set<std::string> foreign_;
    std::mutex mutex_;
    std::set<std::string> owned_;  ///< what the manifest will list
};

/// Reads the manifest of `out`: nullopt when there is none; `why` is set when it exists but is damaged.
std::optional<std::set<std::string>> read_manifest(const std::filesystem::path& out, std::string& why);

/// `assets/css/style.css` with content `bytes` → `assets/css/style.<8 hex digits>.css`.
std::string hashed_name(const std::string& rel, std::string_view bytes);

}  // namespace briefs::output
