briefsSearchLoad("meta",{"lang":"en","v":"bf136581035b","buckets":1,"docs":9,"briefs":6,"pages":2});
