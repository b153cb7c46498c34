#pragma once
/// briefs::i18n — which ICU the process runs with (for `briefs --version`).
#include <string>

namespace briefs::i18n {

/// The version of the ICU library loaded at run time (u_getVersion), e.g. "72.1".
std::string icu_version();

}  // namespace briefs::i18n
