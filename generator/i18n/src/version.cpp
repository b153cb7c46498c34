#include "briefs/i18n/version.hpp"

#include <unicode/uversion.h>

namespace briefs::i18n {

std::string icu_version() {
    UVersionInfo info;
    u_getVersion(info);
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(info, text);
    return text;
}

}  // namespace briefs::i18n
