sed -i "14s/\"value\": -57/\"value\": -5700/" content/regions/linhai/region.json
