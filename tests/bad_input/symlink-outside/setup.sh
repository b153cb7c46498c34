ln -s /etc/passwd content/regions/linhai/2023.en.md
