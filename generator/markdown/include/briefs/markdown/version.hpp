#pragma once
/// briefs::markdown — which cmark-gfm the process runs with (for `briefs --version`).
#include <string>

namespace briefs::markdown {

/// The version of the cmark-gfm library loaded at run time (cmark_version_string), e.g. "0.29.0.gfm.6".
std::string cmark_version();

}  // namespace briefs::markdown
