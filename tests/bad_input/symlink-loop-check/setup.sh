rm content/regions/linhai/2023.zh.md && ln -s 2023.zh.md content/regions/linhai/2023.zh.md
ln -s loop content/regions/loop
