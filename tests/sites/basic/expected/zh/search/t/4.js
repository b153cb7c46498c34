briefsSearchLoad("t4",["zh/glossary/","术语表","",[["pingan-jinding","平安金鼎","平安金鼎 Píng'ān Jīndǐng Ping'an Golden Tripod 浙江省平安建设的最高荣誉。"]]]);
