# "a@" 100,000 times (200 KB): cmark-gfm's email autolinks scan to the end of the run from every @ (17 s).
python3 -c "import sys; sys.stdout.write(\"## 效能融合\\n\\n\" + \"a@\" * 100000 + \"\\n\")" > content/regions/linhai/2023.zh.md
