// The txtar-like text the site tests write their sites in (tests/support/inline_site.hpp).
#include <catch2/catch.hpp>

#include "inline_site.hpp"

using briefs::test::files;
using briefs::test::txtar;

TEST_CASE("txtar: files in order, each line with its newline, the text before the first marker ignored") {
    const auto f = txtar("a comment\n-- content/site.json --\n{\"a\": 1}\n-- templates/home.html --\n<h1>{{title}}</h1>\n<p>x</p>\n");
    CHECK(f == files{{"content/site.json", "{\"a\": 1}\n"}, {"templates/home.html", "<h1>{{title}}</h1>\n<p>x</p>\n"}});
}

TEST_CASE("txtar: as written in a test, a raw string literal starting with a newline") {
    const auto f = txtar(R"(
-- a.txt --
one
-- b.txt --
two
)");
    CHECK(f == files{{"a.txt", "one\n"}, {"b.txt", "two\n"}});
}

TEST_CASE("txtar: an empty file, and an empty archive") {
    CHECK(txtar("-- empty.txt --\n-- b.txt --\nb\n") == files{{"empty.txt", ""}, {"b.txt", "b\n"}});
    CHECK(txtar("-- last.txt --\n") == files{{"last.txt", ""}});
    CHECK(txtar("-- last.txt --") == files{{"last.txt", ""}});
    CHECK(txtar("").empty());
    CHECK(txtar("only a comment\n").empty());
}

TEST_CASE("txtar: trailing newlines: a last line gets one, blank lines are kept") {
    CHECK(txtar("-- a --\nno newline") == files{{"a", "no newline\n"}});
    CHECK(txtar("-- a --\ntext\n\n\n-- b --\n") == files{{"a", "text\n\n\n"}, {"b", ""}});
    CHECK(txtar("-- a --\n\n") == files{{"a", "\n"}});
}

TEST_CASE("txtar: text that contains -- is text; only a whole `-- name --` line is a marker") {
    const auto f = txtar("-- a.md --\n-- not a marker\nx -- y --\n--  --\n---- b ----\n <!-- c -->\n-- b.md --\n--\n");
    CHECK(f == files{{"a.md", "-- not a marker\nx -- y --\n--  --\n---- b ----\n <!-- c -->\n"}, {"b.md", "--\n"}});
    // Spaces around the name are not part of it.
    CHECK(txtar("--   spaced/name.txt   --\nz\n") == files{{"spaced/name.txt", "z\n"}});
}
