#pragma once
// Where briefs finds its theme (the default templates, assets and interface strings) and the skeleton
// of `briefs init`: see docs/themes.md.
#include <filesystem>
#include <string>

#include "briefs/sitegraph/build.hpp"

namespace briefs::cli {

struct theme_location {
    sitegraph::theme_dirs dirs;       ///< empty paths when no theme was found
    std::filesystem::path skeleton;   ///< the site `briefs init` copies
    std::string where;                ///< for `briefs --version`: the folder and how it was found
};

/// 1. `<folder of the executable>/../share/briefs` (cmake --install, the Debian package);
/// 2. else, for the executable in the build folder it was compiled in (and only there), the source
///    tree's templates/, assets/, content/i18n/ and site-skeleton/;
/// 3. else nothing: a site then needs all of its folders.
theme_location find_theme();

}  // namespace briefs::cli
