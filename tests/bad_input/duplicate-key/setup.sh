sed -i "3s/\"en\": \"Linhai\"}/\"en\": \"Linhai\", \"en\": \"Linhay\"}/" content/regions/linhai/region.json
