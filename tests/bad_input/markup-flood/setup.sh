# 520,000 one-letter list items (2 MB, under the size limit): 1.5 million nodes in cmark's tree, about
# 400 MB per parse, and a page's body is parsed by several threads at once (both languages, search).
python3 -c "import sys; sys.stdout.write(\"## 效能融合\\n\\n\" + \"- a\\n\" * 520000)" > content/regions/linhai/2023.zh.md
