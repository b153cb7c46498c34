#include "briefs/markdown/version.hpp"

#include <cmark-gfm.h>

namespace briefs::markdown {

std::string cmark_version() { return cmark_version_string(); }

}  // namespace briefs::markdown
