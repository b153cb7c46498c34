# `cmake --install` and `cpack -G DEB` (issue 18). The executable's install rule and its manual page
# are in generator/cli/CMakeLists.txt; here: the default theme and the Debian package.
#
#   <prefix>/bin/briefs
#   <prefix>/share/briefs/templates/  assets/  i18n/   the theme a site's own folders override file by file
#   <prefix>/share/briefs/site-skeleton/                what `briefs init` copies (site.json, an example region…)
#   <prefix>/share/man/man1/briefs.1.gz                 from `briefs --help-all` (help2man)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/templates ${PROJECT_SOURCE_DIR}/assets ${PROJECT_SOURCE_DIR}/site-skeleton
        DESTINATION ${CMAKE_INSTALL_DATADIR}/briefs)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/content/i18n DESTINATION ${CMAKE_INSTALL_DATADIR}/briefs)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/publishing.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The Debian package: briefs_<version>_amd64.deb, its Depends computed from the libraries the
# executable links (dpkg-shlibdeps, from dpkg-dev, which build-essential brings).
set(CPACK_PACKAGE_NAME briefs)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "Ping'an Briefs maintainers <briefs@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "static site generator for bilingual (zh/en) safe-city briefs")
set(CPACK_PACKAGE_DESCRIPTION "briefs turns Markdown bodies and JSON facts about regions into a
static site in Simplified Chinese and English: a page per brief with figure
cards and a chart, home, compare, topic and search pages, feeds and share
images. With a default theme, briefs init for a new site, briefs serve for a
live preview and briefs check for editors.")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Share images draw Chinese text: without a CJK font pango falls back to boxes.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-wqy-microhei | fonts-noto-cjk")
set(CPACK_GENERATOR DEB)
include(CPack)
