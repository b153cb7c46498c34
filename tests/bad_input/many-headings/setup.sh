# 100,000 headings (1 MB): slugs and unique anchors for each took 163 s.
python3 -c "import sys; sys.stdout.write(\"## 效能融合\\n\\n\" + \"## 效能融合\\n\" * 99999)" > content/regions/linhai/2023.zh.md
