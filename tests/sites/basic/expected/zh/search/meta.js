briefsSearchLoad("meta",{"lang":"zh","v":"01fdcc7e00cc","buckets":1,"docs":5,"briefs":2});
