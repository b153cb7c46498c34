head -c 52428800 /dev/zero | tr "\\0" "a" > content/regions/linhai/2023.zh.md
