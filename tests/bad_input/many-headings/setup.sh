# 20,000 headings (200 KB; 100,000 pass the markup limit first): slugs and unique anchors for each took 163 s.
python3 -c "import sys; sys.stdout.write(\"## 效能融合\\n\\n\" + \"## 效能融合\\n\" * 19999)" > content/regions/linhai/2023.zh.md
