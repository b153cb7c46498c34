briefsSearchLoad("t5",["en/glossary/","Glossary","",[["fengqiao-jingyan","Fengqiao Experience","枫桥经验 Fēngqiáo jīngyàn Fengqiao Experience A model of settling disputes locally."]]]);
