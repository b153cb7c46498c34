briefsSearchLoad("t2",["zh/topics/grid-governance/","专题","",[["","网格化治理","把社区划成网格，由网格员上门走访。"]]]);
