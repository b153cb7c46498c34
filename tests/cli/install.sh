# Issue 18: `cmake --install` into a temporary prefix; with the installed binary only, `briefs init` a
# new site, build and check it from its own folder (no flags), override one template of the theme.
BRIEFS=$1 ROOT=$2
source "$(dirname "$0")/lib.bash"
BUILD=$(dirname "$BRIEFS")  # the executable is built at the top of the build folder
[ -f "$BUILD/cmake_install.cmake" ] || fail "no build folder beside $BRIEFS"
WORK=$(cd "$WORK" && pwd -P)
PREFIX=$WORK/prefix
cmake --install "$BUILD" --prefix "$PREFIX" >"$WORK/install.log" || fail "cmake --install: $(cat "$WORK/install.log")"
B=$PREFIX/bin/briefs
THEME=$PREFIX/share/briefs
for f in bin/briefs share/briefs/templates/home.html share/briefs/templates/partials/head.html share/briefs/assets/style.css \
         share/briefs/i18n/zh.json share/briefs/i18n/en.json share/briefs/site-skeleton/content/site.json; do
  [ -f "$PREFIX/$f" ] || fail "not installed: $f"
done

# --version: the project's version, ICU and cmark-gfm as loaded, and the installed theme (not the source tree).
version=$(sed -n 's/^project(briefs VERSION \([0-9.]*\).*/\1/p' "$ROOT/CMakeLists.txt")
out=$("$B" --version) || fail "--version"
grep -q "^briefs $version\( (git [0-9a-z.-]*)\)\?$" <<<"$out" || fail "version line: $out"
grep -Eq "^ICU [0-9]+\.[0-9.]+, cmark-gfm [0-9]+\.[0-9]+" <<<"$out" || fail "library versions: $out"
grep -qxF "theme: $THEME" <<<"$out" || fail "the installed binary does not use the installed theme: $out"

# A new site, built and checked by the installed binary alone, from its own folder.
cd "$WORK"
out=$("$B" init mysite) || fail "init: $out"
grep -q "wrote a new site in mysite" <<<"$out" || fail "init said: $out"
for f in content/site.json content/regions/example/region.json content/regions/example/2025.zh.md \
         content/regions/example/2025.en.md .gitignore README.md; do
  [ -f "mysite/$f" ] || fail "init did not write $f"
done
grep -qx "site/" mysite/.gitignore && grep -qx ".briefs-cache/" mysite/.gitignore || fail ".gitignore: $(cat mysite/.gitignore)"
status=0; out=$("$B" init mysite 2>&1) || status=$?
[ "$status" = 1 ] || fail "init into a non-empty folder: exit $status, expected 1: $out"
grep -q "mysite: error: is not empty" <<<"$out" || fail "refusal message: $out"
mkdir empty && "$B" init empty >/dev/null || fail "init into an empty folder"

cd mysite
out=$("$B" build 2>&1) || fail "the new site does not build: $out"
for f in index.html zh/index.html en/index.html zh/regions/example/index.html en/regions/example/index.html 404.html; do
  [ -f "site/$f" ] || fail "site/$f missing"
done
grep -q "基层治理" site/zh/regions/example/index.html || fail "the Chinese brief"
grep -q "Grassroots governance" site/en/regions/example/index.html || fail "the English brief"
grep -q "示例市" site/zh/index.html && grep -q "Example City" site/en/index.html || fail "the home pages' cards"
out=$("$B" check) || fail "check of the new site: $out"
grep -q "^check: 0 error(s)" <<<"$out" || fail "check: $out"
grep -q "^content/site.json:4:5: warning: the English site title is still a placeholder .* \[unfinished\]$" <<<"$out" || fail "placeholders: $out"
grep -qxF "theme: $THEME; the site overrides 0 of its files" <<<"$out" || fail "theme section: $out"

# Overriding one template changes that template's pages only.
declare -A before
while read -r sum file; do before[$file]=$sum; done < <(cd site && find . -type f -exec sha256sum {} + | sed 's| \./| |')
mkdir templates
sed 's|<h1>{{site.title}}</h1>|<h1 class="mine">{{site.title}}</h1>|' "$THEME/templates/home.html" > templates/home.html
grep -q 'class="mine"' templates/home.html || fail "the test's template edit did not apply"
out=$("$B" build 2>&1) || fail "build with an overriding template: $out"
changed=()
while read -r sum file; do [ "${before[$file]:-}" = "$sum" ] || changed+=("$file"); done < <(cd site && find . -type f -exec sha256sum {} + | sed 's| \./| |')
[ "$(printf '%s\n' "${changed[@]}" | sort | tr '\n' ' ')" = "en/index.html zh/index.html " ] || fail "changed: ${changed[*]}"
grep -q '<h1 class="mine">' site/zh/index.html && grep -q '<h1 class="mine">' site/en/index.html || fail "the override is not used"
out=$("$B" check) || fail "check with an override: $out"
grep -qxF "  templates/home.html  overrides  $THEME/templates/home.html" <<<"$out" || fail "check does not list the override: $out"
"$B" check --format json | python3 -c '
import json, sys
t = json.load(sys.stdin)["theme"]
assert t["dir"] == sys.argv[1] and t["overrides"] == [{"site_file": "templates/home.html", "theme_file": sys.argv[1] + "/templates/home.html"}], t
' "$THEME" || fail "check --format json: theme"

# A copy of the binary with no theme beside it does not fall back to the source tree.
cp "$B" "$WORK/lonely-briefs"
out=$("$WORK/lonely-briefs" --version)
grep -q "^theme: none" <<<"$out" || fail "a copied binary found a theme: $out"
expect_fail "assets folder not found" -- "$WORK/lonely-briefs" build --out "$WORK/out"
expect_fail "briefs init: no theme, so no site skeleton to copy; theme: none" -- "$WORK/lonely-briefs" init "$WORK/another"
echo "1 passed, 0 failed"
