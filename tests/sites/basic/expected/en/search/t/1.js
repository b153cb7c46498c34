briefsSearchLoad("t1",["en/regions/linhai/","Linhai","2023",[["","Safety work in Linhai","Linhai has been a Safe County for nineteen years."],["xiaoneng-ronghe","Working as one","临海的平安建设。"]]]);
