briefsSearchLoad("t3",["zh/topics/anti-fraud/","专题","",[["","反诈","预防和打击电信网络诈骗。"]]]);
