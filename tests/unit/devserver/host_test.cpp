// The preview's request screening: which Host and Origin headers it answers (DNS rebinding), which
// Content-Length values it accepts.
#include <catch2/catch.hpp>

#include "briefs/devserver/http.hpp"

using namespace briefs::devserver;

TEST_CASE("loopback names are accepted with or without a port", "[host]") {
    for (const char* host : {"localhost", "localhost:1313", "LocalHost:1313", "localhost.", "127.0.0.1", "127.0.0.1:1313",
                             "127.1.2.3:80", "127.255.255.255", "[::1]", "[::1]:1313", "[0:0:0:0:0:0:0:1]:1313",
                             "[::ffff:127.0.0.1]:1313"}) {
        INFO(host);
        CHECK(host_allowed(host, "127.0.0.1"));
    }
}

TEST_CASE("other names and malformed hosts are refused", "[host]") {
    for (const char* host : {"attacker.example", "attacker.example:1313", "localhost.attacker.example", "127.0.0.1.nip.io",
                             "evil-localhost", "", ":1313", "localhost:", "localhost:abc", "localhost:123456", "localhost:1313:1",
                             "[::1", "[::1]x", "[::1]:", "[localhost]", "128.0.0.1", "10.0.0.1", "0.0.0.0", "127.1",
                             "0x7f.0.0.1", "2130706433", "127.0.0.1 ", "local host", "localhost/x", "[::2]",
                             "user@localhost"}) {
        INFO(host);
        CHECK_FALSE(host_allowed(host, "127.0.0.1"));
    }
}

TEST_CASE("the address given to --bind is accepted too", "[host]") {
    CHECK(host_allowed("192.168.1.5:1313", "192.168.1.5"));
    CHECK_FALSE(host_allowed("192.168.1.6:1313", "192.168.1.5"));
    CHECK(host_allowed("[fe80::1]:1313", "fe80::1"));
    CHECK(host_allowed("MyHost:1313", "myhost"));
    CHECK_FALSE(host_allowed("attacker.example", "myhost"));
    CHECK(host_allowed("localhost:1313", "192.168.1.5"));  // loopback always
}

TEST_CASE("a wildcard bind accepts any IP address but no other name", "[host]") {
    CHECK(host_allowed("192.168.1.5:1313", "0.0.0.0"));
    CHECK(host_allowed("[2001:db8::5]:1313", "::"));
    CHECK(host_allowed("10.0.0.7", "::"));
    CHECK(host_allowed("localhost:1313", "0.0.0.0"));
    CHECK_FALSE(host_allowed("attacker.example:1313", "0.0.0.0"));
    CHECK_FALSE(host_allowed("attacker.example", "::"));
}

TEST_CASE("origins: http with an accepted host only", "[host]") {
    CHECK(origin_allowed("http://127.0.0.1:1313", "127.0.0.1"));
    CHECK(origin_allowed("http://localhost:1313", "127.0.0.1"));
    CHECK(origin_allowed("http://[::1]:1313", "127.0.0.1"));
    CHECK_FALSE(origin_allowed("http://attacker.example", "127.0.0.1"));
    CHECK_FALSE(origin_allowed("https://attacker.example", "127.0.0.1"));
    CHECK_FALSE(origin_allowed("null", "127.0.0.1"));
    CHECK_FALSE(origin_allowed("file://", "127.0.0.1"));
    CHECK_FALSE(origin_allowed("http://127.0.0.1:1313/x", "127.0.0.1"));
    CHECK_FALSE(origin_allowed("", "127.0.0.1"));
}

TEST_CASE("which binds are loopback", "[host]") {
    CHECK(is_loopback("127.0.0.1"));
    CHECK(is_loopback("127.0.0.2"));
    CHECK(is_loopback("::1"));
    CHECK(is_loopback("localhost"));
    CHECK_FALSE(is_loopback("0.0.0.0"));
    CHECK_FALSE(is_loopback("::"));
    CHECK_FALSE(is_loopback("192.168.1.5"));
    CHECK_FALSE(is_loopback(""));
}

TEST_CASE("Content-Length: plain decimal numbers only", "[http]") {
    CHECK(valid_content_length("0"));
    CHECK(valid_content_length("42"));
    CHECK(valid_content_length("999999999999999999"));  // 18 digits
    for (const char* value : {"", "-5", "+5", "5 ", " 5", "5,5", "0x10", "1e3", "99999999999999999999",
                              "18446744073709551616", "1234567890123456789"}) {
        INFO(value);
        CHECK_FALSE(valid_content_length(value));
    }
}
