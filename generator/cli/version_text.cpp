#include "version_text.hpp"

#include "briefs/i18n/version.hpp"
#include "briefs/markdown/version.hpp"
#include "build_info.hpp"

namespace briefs::cli {

std::string version_text(const std::string& theme_where) {
    std::string out = std::string("briefs ") + build_info::version;
    if (*build_info::git_commit) out += std::string(" (git ") + build_info::git_commit + ")";
    out += "\nICU " + i18n::icu_version() + ", cmark-gfm " + markdown::cmark_version();
    out += "\ntheme: " + theme_where;
    return out;
}

}  // namespace briefs::cli
