briefsSearchLoad("t5",["zh/glossary/","术语表","",[["fengqiao-jingyan","枫桥经验","枫桥经验 Fēngqiáo jīngyàn Fengqiao Experience 就地化解矛盾的基层治理经验。"]]]);
