#pragma once
// What CMake knew when it configured this build (generated into build_info.cpp from build_info.cpp.in).
namespace briefs::cli::build_info {

extern const char* const version;         ///< project(VERSION) of CMakeLists.txt
extern const char* const git_commit;      ///< `git describe --always --dirty` of the source tree; "" without git
extern const char* const source_dir;      ///< the source tree (its templates/, assets/, content/i18n/ are the theme's sources)
extern const char* const build_dir;       ///< the folder the executable is built in
extern const char* const theme_from_bin;  ///< the installed theme, relative to the installed executable's folder

}  // namespace briefs::cli::build_info
