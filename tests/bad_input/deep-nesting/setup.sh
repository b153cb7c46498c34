python3 -c "import sys; sys.stdout.write(\"## 效能融合\\n\\n\" + \">\" * 20000 + \" q\\n\\n\" + \"\".join(\"  \" * i + \"- x\\n\" for i in range(900)))" > content/regions/linhai/2023.zh.md
