rm content/regions/linhai/region.json && mkfifo content/regions/linhai/region.json
if [ "$(id -u)" != 0 ]; then chmod 000 content/regions/taizhou/2025.zh.md; fi
