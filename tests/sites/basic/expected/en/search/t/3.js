briefsSearchLoad("t3",["en/topics/anti-fraud/","Topics","",[["","Anti-fraud work","Preventing and fighting telecom and online fraud."]]]);
