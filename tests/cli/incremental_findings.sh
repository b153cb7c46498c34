# From the command line: through a sequence of edits, each incremental `briefs build` gives the exit
# status, the findings and the files of a clean build of the same input (into another folder).
BRIEFS=$1 ROOT=$2
source "$(dirname "$0")/lib.bash"
cp -r "$ROOT/content" "$WORK/content"
cp -r "$ROOT/templates" "$WORK/templates"
cd "$WORK"
args=(--content content --templates templates --assets "$ROOT/assets")
step=0
both() {
  step=$((step + 1))
  local inc=0 clean=0
  "$BRIEFS" build "${args[@]}" --out site >inc.out 2>inc.err || inc=$?
  rm -rf clean
  "$BRIEFS" build "${args[@]}" --out clean --clean >clean.out 2>clean.err || clean=$?
  [ "$inc" = "$clean" ] || fail "step $step: incremental build exited $inc, clean build $clean"$'\n'"$(cat inc.err clean.err)"
  # The findings (the summary lines differ only in the folder and the time).
  diff <(grep -v '^build failed\|^built ' inc.err) <(grep -v '^build failed\|^built ' clean.err) \
    || fail "step $step: the incremental build's findings differ from the clean build's"
  if [ "$inc" = 0 ]; then
    diff -r site clean >/dev/null || fail "step $step: the incremental build's files differ from the clean build's"
  fi
  echo "step $step: both exited $inc with $(grep -c 'error\|warning' inc.err) findings"
  last_status=$inc
}
both
# A link from Wenzhou's brief to a section of Lucheng's.
sed -i 's#\[鹿城区\](../lucheng/)#[鹿城区](../lucheng/\#xunzhao-pingan-shouhuzhe)#' content/regions/wenzhou/2024.zh.md
sed -i 's#\[Lucheng\](../lucheng/)#[Lucheng](../lucheng/\#xunzhao-pingan-shouhuzhe)#' content/regions/wenzhou/2024.en.md
both; [ "$last_status" = 0 ] || fail "the link to Lucheng's section is refused: $(cat inc.err)"
# That heading renamed (body and headings map): the link is dead.
sed -i 's/## 寻找平安守护者/## 寻访平安守护者/' content/regions/lucheng/*.zh.md
sed -i 's/"寻找平安守护者"/"寻访平安守护者"/' content/regions/lucheng/region.json
both; [ "$last_status" = 1 ] || fail "the dead link to Lucheng's section was published"
grep -q 'has no section "#xunzhao-pingan-shouhuzhe"' inc.err || fail "the dead link is not named: $(cat inc.err)"
both; [ "$last_status" = 1 ] || fail "a second build of the same input published the dead link"
# Mended; then an untranslated heading, built twice: the same warning each time.
sed -i 's/#xunzhao-pingan-shouhuzhe/#xunfang-pingan-shouhuzhe/' content/regions/wenzhou/2024.zh.md content/regions/wenzhou/2024.en.md
both; [ "$last_status" = 0 ] || fail "the mended link is refused: $(cat inc.err)"
printf '\n## 新增的一节\n\n正文。\n' >> content/regions/lucheng/$(ls content/regions/lucheng | grep -m1 'zh.md$')
both; grep -q 'has no English translation' inc.err || fail "no warning for the untranslated heading"
both; grep -q 'has no English translation' inc.err || fail "the warning vanished on the second build"
# The region deleted: the links to it are errors.
rm -r content/regions/lucheng
both; [ "$last_status" = 1 ] || fail "links to a deleted region were published"
# A template's link changed to a page the site does not have, then mended.
cp templates/partials/footer.html footer.orig
sed -i 's#<footer class="site-footer">#<footer class="site-footer"><a href="{{root}}zh/nowhere/">x</a>#' templates/partials/footer.html
both; [ "$last_status" = 1 ] || fail "a template's dead link was published"
grep -q 'templates/partials/footer.html:1:[0-9]*: error: link "zh/nowhere/" leads to zh/nowhere/index.html, which is not a file of the site' inc.err || fail "the template's dead link is not named: $(head -3 inc.err)"
both; [ "$last_status" = 1 ] || fail "a second build published the template's dead link"
cp footer.orig templates/partials/footer.html
both
echo "1 passed, 0 failed"
