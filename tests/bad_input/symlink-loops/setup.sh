# Links that lead to themselves: every file-system call on them fails with ELOOP (even for root).
for f in content/regions/linhai/region.json content/regions/taizhou/2025.zh.md content/site.json templates/partials/loop.html assets/loop.css; do
  rm -f "$f" && ln -s "$(basename "$f")" "$f"
done
