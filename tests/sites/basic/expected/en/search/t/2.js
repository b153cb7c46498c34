briefsSearchLoad("t2",["en/topics/grid-governance/","Topics","",[["","Grid governance","Communities split into grids, each with a grid worker who visits every household."]]]);
