sed -i "14s/\"value\": -57/\"value\": 1e400/" content/regions/linhai/region.json
