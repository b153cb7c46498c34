# 10,000 entries in a brief's headings map: each was matched against every heading (12-17 s).
python3 -c "
import sys
p = \"content/regions/linhai/region.json\"
s = open(p).read()
extra = \"\".join(\", \\\"标题%d\\\": \\\"Heading %d\\\"\" % (i, i) for i in range(9999))
open(p, \"w\").write(s.replace(\"\\\"效能融合\\\": \\\"Working as one\\\"\", \"\\\"效能融合\\\": \\\"Working as one\\\"\" + extra))
"
