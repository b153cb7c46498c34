rm content/site.json
