# A body that links to nothing is an error; a link to nothing among the templates (as Emacs leaves for
# its lock files) is only a warning.
rm content/regions/linhai/2023.zh.md && ln -s gone.md content/regions/linhai/2023.zh.md
ln -s root@host.123 "templates/partials/.#region.html"
