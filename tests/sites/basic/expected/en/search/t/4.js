briefsSearchLoad("t4",["en/glossary/","Glossary","",[["pingan-jinding","Ping'an Golden Tripod","平安金鼎 Píng'ān Jīndǐng Ping'an Golden Tripod Zhejiang's highest award for safety work."]]]);
