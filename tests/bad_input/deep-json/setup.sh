# 100,000 nested arrays (200 KB): positions by JSON pointer used to cost memory quadratic in the depth (11 GB).
python3 -c "import sys; sys.stdout.write(\"{\\\"id\\\": \\\"linhai\\\", \\\"x\\\": \" + \"[\" * 100000 + \"]\" * 100000 + \"}\")" > content/regions/linhai/region.json
