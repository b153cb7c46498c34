#pragma once
/// briefs::output — what a build remembers of an output folder between runs: which file it made from
/// which inputs, with what findings. `briefs build` keeps it on disk (`.briefs-cache/` beside
/// `content/`), one entry per output folder; `briefs serve` keeps the same records in memory.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "briefs/core/diagnostic.hpp"
#include "briefs/output/pack_store.hpp"

namespace briefs::output {

/// What one output file depended on when it was made, what it contained, and what rendering it found.
struct record {
    std::string fingerprint;  ///< hash of everything the file depends on
    std::string bytes_hash;   ///< hash of the file's content
    std::string url;          ///< the page's URL ("zh/regions/linhai/"); "" for files that are not pages
    /// The findings (warnings) rendering it reported: a build that does not render it again reports them
    /// again, so that an incremental build says what a clean one says.
    std::vector<core::diagnostic> findings;
    std::vector<std::string> link_targets;  ///< the pages its links lead to (files, in link order)
    std::string targets_state;              ///< what its link checks found in those pages (a hash)
};
using records = std::map<std::string, record>;  ///< by file path inside the site

/// One output folder's entry in a project's cache folder: `build-<hash of key>.json` (the records),
/// `build-<hash>.out` (the output folder's path, read when other entries are pruned) and
/// `search-<hash>-*` packs (`packs()`: kept for the search index). The key names the output folder and every
/// option that changes pages; an entry with another key is no entry. Building one output folder never
/// touches another's entry, except to forget entries whose output folder no longer exists.
class build_cache {
public:
    /// `out`: the output folder the entry is for (its key names it too, with the options).
    build_cache(std::filesystem::path dir, std::filesystem::path out, std::string key);

    /// The records of the last build of this output folder; none when there is no usable entry (a
    /// damaged entry is no entry).
    [[nodiscard]] records load() const;
    /// Replaces the entry (written beside, then renamed: a killed build leaves the old one or the new
    /// one). A cache that cannot be saved is no cache: the next build renders everything.
    void save(const records& r) const;
    /// Forgets this output folder's entry (`briefs build --clean`).
    void forget() const;
    /// Forgets the entries of output folders that no longer exist (a temporary folder, a renamed one),
    /// so that the cache does not grow with every folder ever built.
    void prune_others() const;
    /// The packs this entry keeps for the search index (files beside the records).
    [[nodiscard]] file_packs packs() const;

private:
    std::filesystem::path dir_;
    std::filesystem::path out_;
    std::string key_;
    std::string hash_;  ///< of key_
};

/// Whether the output folder is the one the records describe: briefs' manifest lists every file they
/// say the site has, and each is still there (nobody deleted part of the site).
bool site_matches(const std::filesystem::path& out, const records& r);

}  // namespace briefs::output
