# A header of 2,000 columns, then 20,000 one-cell rows (48 KB): cmark-gfm 0.29 would pad every row to
# 2,000 cells, 6 GB, and abort.
python3 -c "import sys; sys.stdout.write(\"## 效能融合\\n\\n\" + \"|a\" * 2000 + \"|\\n\" + \"|-\" * 2000 + \"|\\n\" + \"x\\n\" * 20000)" > content/regions/linhai/2023.zh.md
