#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "briefs/i18n/text.hpp"

using namespace briefs::i18n;

TEST_CASE("slugs from Chinese headings are ASCII words") {
    CHECK(slugify("平安建设体系更加完善") == "pingan-jianshe-tixi-gengjia-wanshan");
    CHECK(slugify("台州市椒江区") == "taizhou-shi-jiao-jiang-qu");  // ICU's dictionary does not know 椒江
    CHECK(slugify("Key Figures 2025") == "key-figures-2025");
    CHECK(slugify("！！！").empty());
    CHECK(slugify("").empty());
    SECTION("long headings are cut at a word, at most 64 characters") {
        const auto s = slugify("平安建设体系更加完善平安建设体系更加完善平安建设体系更加完善平安建设体系更加完善");
        CHECK(s.size() <= 64);
        CHECK(s.back() != '-');
    }
    SECTION("thread-safe") {
        std::vector<std::thread> ts;
        std::vector<std::string> out(8);
        for (int i = 0; i < 8; ++i) ts.emplace_back([&, i] { out[i] = slugify("矛盾纠纷化解"); });
        for (auto& t : ts) t.join();
        for (const auto& s : out) CHECK(s == out[0]);
    }
}

TEST_CASE("collation: pinyin order for Chinese, alphabetical for English") {
    CHECK(sort_key("zh", "临海") < sort_key("zh", "台州"));
    CHECK(sort_key("zh", "台州") < sort_key("zh", "温州"));
    CHECK(sort_key("en", "Linhai") < sort_key("en", "Taizhou"));
    CHECK(sort_key("en", "rui'an") < sort_key("en", "Taishun"));
}

TEST_CASE("a text memo keeps slugs' words and collation keys for its owner, and changes no result") {
    text_memo memo, other;
    CHECK(memo.words() == 0);
    CHECK(slugify("平安建设体系更加完善", memo) == slugify("平安建设体系更加完善"));
    const std::size_t words = memo.words();
    CHECK(words == 5);  // 平安 建设 体系 更加 完善
    CHECK(slugify("平安建设", memo) == "pingan-jianshe");
    CHECK(memo.words() == words);  // known words: nothing new kept
    CHECK(sort_key("zh", "台州", memo) == sort_key("zh", "台州"));
    CHECK(sort_key("en", "台州", memo) == sort_key("en", "台州"));
    CHECK(memo.sort_keys() == 2);  // one per language and text
    // Each owner has its own: nothing is shared through the process.
    CHECK(other.words() == 0);
    CHECK(other.sort_keys() == 0);
    SECTION("thread-safe") {
        std::vector<std::thread> ts;
        std::vector<std::string> out(8);
        for (int i = 0; i < 8; ++i) ts.emplace_back([&, i] { out[i] = slugify("矛盾纠纷化解" + std::to_string(i % 2), other); });
        for (auto& t : ts) t.join();
        for (int i = 0; i < 8; ++i) CHECK(out[i] == out[i % 2]);
        CHECK(other.words() == 5);  // 矛盾 纠纷 化解 0 1
    }
}

TEST_CASE("numbers by locale") {
    CHECK(format_number("zh", 88500) == "8.85万");
    CHECK(format_number("en", 88500) == "88,500");
    CHECK(format_number("zh", 9211) == "9,211");
    CHECK(format_number("zh", 98.6) == "98.6");
    CHECK(format_number("zh", 120000000) == "1.2亿");
    CHECK(format_number("en", 120000000) == "120 million");
    CHECK(format_number("en", 13.75) == "13.75");
    CHECK(format_number_exact("en", 192312) == "192,312");
}

TEST_CASE("figures as printed: every significant digit, never rounded to 0") {
    // Taizhou's 查扣涉案资产1853.7万元.
    CHECK(format_number("zh", 18537000) == "1853.7万");
    CHECK(format_number("en", 18537000) == "18.537 million");
    CHECK(format_number("zh", 123456789) == "1.23456789亿");
    CHECK(format_number("en", 123456789) == "123.456789 million");
    CHECK(format_number("zh", 0.0001) == "0.0001");
    CHECK(format_number("en", -0.0001) == "-0.0001");
    CHECK(format_number("en", 1234.5678) == "1,234.5678");
    CHECK(format_number_exact("zh", 0.0000001) == "0.0000001");
    CHECK(format_number_exact("en", 18537000) == "18,537,000");
    // An editor who asks for rounding gets it, and still never a 0.
    CHECK(format_number("zh", 18537000, 3) == "1850万");
    CHECK(format_number("en", 0.0001, 2) == "0.0001");
    CHECK(significant_digits(18537000) == 5);
    CHECK(significant_digits(0.0001) == 1);
    CHECK(significant_digits(98.6) == 3);
    CHECK(significant_digits(0) == 1);
}

TEST_CASE("ordinals by ICU's rules") {
    CHECK(format_ordinal("en", 1) == "1st");
    CHECK(format_ordinal("en", 2) == "2nd");
    CHECK(format_ordinal("en", 3) == "3rd");
    CHECK(format_ordinal("en", 11) == "11th");
    CHECK(format_ordinal("en", 12) == "12th");
    CHECK(format_ordinal("en", 21) == "21st");
    CHECK(format_ordinal("en", 112) == "112th");
    CHECK(format_ordinal("zh", 1) == "第1");
    CHECK(format_ordinal("en", 1.5) == "1.5");  // not a whole number: not an ordinal
}

TEST_CASE("dates by locale, as precise as written") {
    CHECK(format_date("zh", "2025-04-18") == "2025年4月18日");
    CHECK(format_date("en", "2025-04-18") == "18 April 2025");
    CHECK(format_date("zh", "2024-12") == "2024年12月");
    CHECK(format_date("en", "2024-12") == "December 2024");
    CHECK(format_date("en", "2024") == "2024");
    CHECK(valid_date("2024-02-29"));
    CHECK_FALSE(valid_date("2023-02-29"));
    CHECK_FALSE(valid_date("2023-13"));
    CHECK_FALSE(valid_date("2023-1-1"));
    CHECK_FALSE(valid_date("yesterday"));
    CHECK(format_date("en", "2023-02-30").empty());
}

TEST_CASE("truncation never cuts inside a number or a character") {
    const std::string text = "台州持续开展平安建设。刑事案件同比下降16.7%，成效显著，群众安全感进一步提升。";
    SECTION("at a sentence end when there is one in reach") {
        CHECK(truncate("zh", text, 15) == "台州持续开展平安建设。");
    }
    SECTION("else at a break opportunity, with an ellipsis") {
        const auto cut = truncate("zh", "刑事案件同比下降16.7%，成效显著，群众安全感进一步提升", 12);
        CHECK(cut.find("16.") == std::string::npos);  // 16.7% is never split
        CHECK(cut.ends_with("…"));
    }
    SECTION("short text is left alone") { CHECK(truncate("zh", "短句。", 10) == "短句。"); }
    SECTION("English at a word") {
        const auto cut = truncate("en", "Criminal cases fell by 16.7% in the year to December and more", 30);
        CHECK(cut.ends_with("…"));
        CHECK(cut.find("16.…") == std::string::npos);
    }
}

TEST_CASE("word segmentation") {
    const auto w = words("zh", "台州持续开展平安建设，2025年成效显著。");
    REQUIRE(w.size() >= 8);
    CHECK(w[0] == "台州");
    CHECK(std::find(w.begin(), w.end(), "平安") != w.end());
    CHECK(std::find(w.begin(), w.end(), "，") == w.end());
}

TEST_CASE("UTF-8 validation") {
    CHECK_FALSE(first_invalid_utf8("台州 ok"));
    CHECK(first_invalid_utf8("ab\xff").value() == 2);
    CHECK(first_invalid_utf8("a\xC0\xAF").value() == 1);  // overlong
    CHECK(char_count("台州x") == 3);
}

TEST_CASE("search terms: ICU words, case-folded") {
    using v = std::vector<std::string>;
    // Chinese by dictionary: a compound is found through its words.
    CHECK(search_terms("zh", "矛盾纠纷化解率98.6%") == v{"矛盾", "纠纷", "化解", "率", "98.6"});
    CHECK(search_terms("en", "Mediation, MEDIATORS and the Fengqiao model.") == v{"mediation", "mediators", "and", "the", "fengqiao", "model"});
    // Mixed text keeps Latin words whole and drops punctuation of both scripts.
    CHECK(search_terms("zh", "“枫桥经验”（Fengqiao）") == v{"枫", "桥", "经验", "fengqiao"});
    CHECK(search_terms("zh", "").empty());
    CHECK(search_terms("en", "—，。 ！").empty());
}

TEST_CASE("ICU messages with plural forms") {
    const char* en = "{regions, plural, one {# region} other {# regions}}, {sections, plural, one {# section} other {# sections}}";
    CHECK(format_message("en", en, {{"regions", 1}, {"sections", 3}}) == "1 region, 3 sections");
    CHECK(format_message("en", en, {{"regions", 2}, {"sections", 1}}) == "2 regions, 1 section");
    CHECK(format_message("zh", "{regions}个地区，{sections}个章节", {{"regions", 3}, {"sections", 12}}) == "3个地区，12个章节");
    CHECK(format_message("en", "{n} items", {{"n", 12000}}) == "12,000 items");
    // A pattern ICU cannot read comes back as written rather than failing the build.
    CHECK(format_message("en", "{broken", {{"n", 1}}) == "{broken");
}

TEST_CASE("lines joined as each script writes them") {
    CHECK(join_lines("组团服务。\n调解方面") == "组团服务。调解方面");
    CHECK(join_lines("One.\nTwo.") == "One. Two.");
    CHECK(join_lines("网格 100\n项目") == "网格 100 项目");     // a digit before the break: a space
    CHECK(join_lines("“枫桥经验”\nFengqiao") == "“枫桥经验” Fengqiao");  // Chinese meets Latin
    CHECK(join_lines("Über\nécoles") == "Über écoles");
    CHECK(join_lines("").empty());
    CHECK(join_lines("\n") == " ");
}
