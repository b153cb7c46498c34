// Which Host and Origin headers the preview answers (DNS rebinding), and which Content-Length values.
#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>

#include "briefs/devserver/http.hpp"

namespace briefs::devserver {

namespace {

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

/// An address written in a Host header: an IPv4 dotted quad, an IPv6 address in brackets, or a name.
struct host_name {
    std::string name;           ///< lower case, brackets removed, no trailing dot
    std::optional<in_addr> v4;  ///< when `name` is exactly a dotted quad
    std::optional<in6_addr> v6; ///< when it was written in brackets
};

/// Splits "name[:port]" or "[v6][:port]"; nullopt when malformed (bad port, stray characters).
std::optional<host_name> parse_host(std::string_view host, bool port_allowed) {
    host_name out;
    std::string_view name;
    std::string_view port;
    if (host.starts_with('[')) {
        const auto close = host.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        name = host.substr(1, close - 1);
        const auto rest = host.substr(close + 1);
        if (!rest.empty()) {
            if (rest[0] != ':') return std::nullopt;
            port = rest.substr(1);
            if (port.empty()) return std::nullopt;
        }
        in6_addr a{};
        const std::string text(name);
        if (inet_pton(AF_INET6, text.c_str(), &a) != 1) return std::nullopt;
        out.v6 = a;
        out.name = lower(name);
    } else {
        const auto colon = host.find(':');
        name = host.substr(0, colon);
        if (colon != std::string_view::npos) {
            port = host.substr(colon + 1);
            if (port.empty()) return std::nullopt;
        }
        if (name.ends_with('.')) name.remove_suffix(1);
        if (name.empty()) return std::nullopt;
        for (char c : name) {
            const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
            if (!ok) return std::nullopt;
        }
        out.name = lower(name);
        // Only the strict dotted quad (inet_pton, unlike inet_aton, refuses "127.1" and "0x7f.0.0.1").
        in_addr a{};
        if (inet_pton(AF_INET, out.name.c_str(), &a) == 1) out.v4 = a;
    }
    if (!port.empty() && (!port_allowed || !all_digits(port) || port.size() > 5)) return std::nullopt;
    return out;
}

bool loopback(const host_name& h) {
    if (h.name == "localhost") return true;
    if (h.v4) return (ntohl(h.v4->s_addr) >> 24) == 127;
    if (h.v6) {
        if (IN6_IS_ADDR_LOOPBACK(&*h.v6)) return true;
        if (IN6_IS_ADDR_V4MAPPED(&*h.v6)) return h.v6->s6_addr[12] == 127;
    }
    return false;
}

bool wildcard(const host_name& h) {
    if (h.v4) return h.v4->s_addr == htonl(INADDR_ANY);
    if (h.v6) return IN6_IS_ADDR_UNSPECIFIED(&*h.v6);
    return false;
}

bool same_address(const host_name& a, const host_name& b) {
    if (a.v4 && b.v4) return a.v4->s_addr == b.v4->s_addr;
    if (a.v6 && b.v6) return std::memcmp(&*a.v6, &*b.v6, sizeof(in6_addr)) == 0;
    return !a.v4 && !a.v6 && !b.v4 && !b.v6 && a.name == b.name;
}

/// `--bind` is written without brackets or port ("::1", "0.0.0.0", "192.168.1.5", "myhost").
std::optional<host_name> parse_bind(std::string_view bind) {
    if (bind.find(':') != std::string_view::npos && !bind.starts_with('[')) {
        std::string bracketed(1, '[');
        bracketed.append(bind).push_back(']');
        return parse_host(bracketed, false);
    }
    return parse_host(bind, false);
}

}  // namespace

bool host_allowed(std::string_view host, std::string_view bind) {
    const auto h = parse_host(host, true);
    if (!h) return false;
    if (loopback(*h)) return true;
    const auto b = parse_bind(bind);
    if (!b) return false;
    if (wildcard(*b)) return h->v4.has_value() || h->v6.has_value();
    return same_address(*h, *b);
}

bool origin_allowed(std::string_view origin, std::string_view bind) {
    constexpr std::string_view scheme = "http://";
    if (!origin.starts_with(scheme)) return false;
    const auto host = origin.substr(scheme.size());
    if (host.find('/') != std::string_view::npos) return false;
    return host_allowed(host, bind);
}

bool is_loopback(std::string_view bind) {
    const auto b = parse_bind(bind);
    return b && loopback(*b);
}

bool valid_content_length(std::string_view value) {
    return all_digits(value) && value.size() <= 18;
}

}  // namespace briefs::devserver
