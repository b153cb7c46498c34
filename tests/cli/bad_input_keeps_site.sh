# A broken input fails with file:line:col, exits non-zero, and leaves the last good site untouched.
BRIEFS=$1 ROOT=$2
source "$(dirname "$0")/lib.bash"
cp -r "$ROOT/content" "$WORK/content"
cd "$WORK"
"$BRIEFS" build --content content $(site_args) --out site >/dev/null
before=$(tree_hash site)

# A missing comma in region.json.
cp content/regions/linhai/region.json linhai.json
python3 - <<'PY'
import re
p = 'content/regions/linhai/region.json'
s = open(p, encoding='utf-8').read()
s = s.replace('"level": "county-level-city",', '"level": "county-level-city"', 1)
open(p, 'w', encoding='utf-8').write(s)
PY
line=$(grep -n '"parent"' content/regions/linhai/region.json | head -1 | cut -d: -f1)
expect_fail "content/regions/linhai/region.json:$line:3: error: invalid JSON" -- "$BRIEFS" build --content content $(site_args) --out site
[ "$(tree_hash site)" = "$before" ] || fail "site changed after a failed build"
cp linhai.json content/regions/linhai/region.json

# A unit that does not exist.
sed -i '0,/"unit": "percent"/s//"unit": "procent"/' content/regions/linhai/region.json
expect_fail 'error: unknown unit "procent"' -- "$BRIEFS" build --content content $(site_args) --out site
expect_fail 'did you mean "percent"?' -- "$BRIEFS" build --content content $(site_args) --out site
cp linhai.json content/regions/linhai/region.json

# A template syntax error.
cp -r "$ROOT/templates" templates
printf '{{#broken}}\n' >> templates/home.html
expect_fail "templates/home.html:" -- "$BRIEFS" build --content content --templates templates --assets "$ROOT/assets" --out site
expect_fail 'Unclosed section "broken"' -- "$BRIEFS" build --content content --templates templates --assets "$ROOT/assets" --out site

# site.json missing.
mv content/site.json site.json.bak
expect_fail "content/site.json: error: site.json is missing" -- "$BRIEFS" build --content content $(site_args) --out site
mv site.json.bak content/site.json

# A symlink that leads outside content/.
ln -s /etc/hostname content/regions/linhai/2023.en.md.link
mv content/regions/linhai/2023.en.md en.md.bak
ln -s /etc/passwd content/regions/linhai/2023.en.md
expect_fail "is a link to a file outside the content folder" -- "$BRIEFS" build --content content $(site_args) --out site
rm content/regions/linhai/2023.en.md content/regions/linhai/2023.en.md.link
mv en.md.bak content/regions/linhai/2023.en.md

# An output folder that is not a site is never replaced.
mkdir -p notasite && echo keep > notasite/file.txt
expect_fail "refusing to write into this folder" -- "$BRIEFS" build --content content $(site_args) --out notasite
[ "$(cat notasite/file.txt)" = keep ] || fail "notasite was touched"

# A read-only output parent.
if [ "$(id -u)" != 0 ]; then
  mkdir ro && chmod a-w ro
  expect_fail "error" -- "$BRIEFS" build --content content $(site_args) --out ro/site
fi

# Bad arguments.
expect_fail "--base-url \"example.org\" cannot be used: it must be an absolute http(s) URL" -- "$BRIEFS" build --base-url example.org
[ "$(tree_hash site)" = "$before" ] || fail "site changed"
"$BRIEFS" build --content content $(site_args) --out site >/dev/null || fail "good build after fixes"
echo "1 passed, 0 failed"
