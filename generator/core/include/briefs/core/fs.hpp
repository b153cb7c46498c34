#pragma once
/// briefs::core — small file-system helpers with errors as values.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace briefs::core {

namespace fs = std::filesystem;

/// Reads a whole file. Returns nullopt and sets `error` (a sentence, no path) when it cannot, or
/// when the file is larger than `max_bytes`.
std::optional<std::string> read_file(const fs::path& path, std::string& error,
                                     std::uintmax_t max_bytes = 64u * 1024 * 1024);

/// Something wrong with one path met while listing a folder.
struct fs_problem {
    fs::path path;
    std::string message;  ///< a sentence, no path
    bool error = true;    ///< false: a warning (a link to nothing, as editors leave for lock files)
};

/// The regular files under `dir` (with `recursive`, in its sub-folders too; links are followed to
/// files, not to folders), sorted. Nothing throws: a folder that cannot be listed, a loop of links or
/// a link to nothing is added to `problems` instead.
std::vector<fs::path> list_files(const fs::path& dir, bool recursive, std::vector<fs_problem>& problems);

/// Why `path` cannot be read: "" when it is a regular file, else a sentence ("file not found",
/// "is a link to a file that does not exist (x)", "cannot read: Too many levels of symbolic links"…).
std::string unreadable(const fs::path& path);

/// Writes `bytes` to `path`, creating parent folders. Returns "" or an error sentence.
std::string write_file(const fs::path& path, std::string_view bytes);

/// 64-bit xxHash (XXH3) of `bytes`, as 16 lower-case hex digits.
std::string hash_hex(std::string_view bytes);

/// `path` as the user should see it in messages: relative to the working directory when inside it.
std::string display_path(const fs::path& path);

}  // namespace briefs::core
