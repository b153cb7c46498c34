briefsSearchLoad("t1",["zh/regions/linhai/","临海市","2023",[["","临海平安建设","临海连续十九年获评平安县（市）。"],["xiaoneng-ronghe","效能融合","临海的平安建设。"]]]);
