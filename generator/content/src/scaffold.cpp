#include "briefs/content/scaffold.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "briefs/core/fs.hpp"
#include "briefs/core/json_source.hpp"
#include "reader.hpp"

namespace briefs::content {

namespace fs = std::filesystem;
using ordered = nlohmann::ordered_json;

namespace {

ordered bilingual(const std::string& zh, const std::string& en) { return {{"zh", zh}, {"en", en}}; }

ordered brief_skeleton(const std::string& period) {
    ordered b;
    b["period"] = period;
    b["draft"] = true;
    b["title"] = bilingual("TODO：简报标题", "TODO: title of the brief");
    b["date"] = "TODO: YYYY-MM-DD";  // a placeholder a draft may keep; `briefs build` refuses it once the brief is published
    b["sources"] = ordered::array({{{"id", "source"}, {"title", bilingual("TODO：文章标题", "TODO: title of the article")},
                                    {"publisher", bilingual("TODO：媒体", "TODO: publisher")}, {"authors", ordered::array()}}});
    b["headline"] = ordered::array();
    b["metrics"] = ordered::array();
    b["headings"] = ordered::object();
    return b;
}

const char* body_skeleton = "TODO：用一两句话写导语。\n\n## 概况\n\nTODO：正文。每个“##”标题都要在 region.json 的 headings 中写上英文译名。\n";

bool write(const fs::path& path, const std::string& text, core::diagnostics& diags) {
    if (auto err = core::write_file(path, text); !err.empty()) {
        diags.error(core::display_path(path), 0, 0, err);
        return false;
    }
    return true;
}

/// Byte offset of a 1-based line and character column in UTF-8 `text`.
std::size_t offset_of(const std::string& text, core::text_position pos) {
    std::size_t at = 0;
    for (int line = 1; line < pos.line && at < text.size(); ++line) {
        const auto nl = text.find('\n', at);
        if (nl == std::string::npos) return text.size();
        at = nl + 1;
    }
    for (int col = 1; col < pos.column && at < text.size(); ++col) {
        ++at;
        while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
    }
    return at;
}

/// The end (one past the closing '}' or ']') of the object or array that starts at `at`.
std::size_t end_of_value(const std::string& text, std::size_t at) {
    int depth = 0;
    for (std::size_t i = at; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            for (++i; i < text.size() && text[i] != '"'; ++i) {
                if (text[i] == '\\') ++i;
            }
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            return i + 1;
        }
    }
    return text.size();
}

/// Where the line holding byte `at` begins.
std::size_t line_start(const std::string& text, std::size_t at) {
    const std::size_t nl = at == 0 ? std::string::npos : text.rfind('\n', at - 1);
    return nl == std::string::npos ? 0 : nl + 1;
}

/// region.json's own bytes with `brief` added after its last brief, written in the file's style: its
/// indentation unit (tabs or N spaces), its line ends, and the last brief's indentation. Nothing else
/// of the file changes.
std::string with_brief(const core::json_source& src, std::size_t count, const ordered& brief) {
    const std::string& text = src.text();
    const std::size_t last = offset_of(text, src.position("/briefs/" + std::to_string(count - 1)));
    const std::size_t after = end_of_value(text, last);
    const bool crlf = text.find("\r\n") != std::string::npos;
    // The unit: the indentation of the first indented line.
    std::string unit = "  ";
    for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', nl + 1)) {
        const std::size_t end = text.find_first_not_of(" \t", nl + 1);
        if (end != std::string::npos && end > nl + 1 && text[end] != '\r' && text[end] != '\n') {
            unit = text.substr(nl + 1, end - nl - 1);
            break;
        }
    }
    if (unit.find('\t') != std::string::npos) unit = "\t";
    // Under the last brief when it starts its line; else one unit in from the line it is on.
    const std::size_t begin = line_start(text, last);
    const std::size_t first = text.find_first_not_of(" \t", begin);
    const std::string indent = text.substr(begin, first - begin) + (first == last ? "" : unit);
    std::string dumped = brief.dump(unit == "\t" ? 1 : static_cast<int>(unit.size()), unit == "\t" ? '\t' : ' ');
    std::string out;
    const std::string nl = crlf ? "\r\n" : "\n";
    for (std::size_t i = 0; i < dumped.size(); ++i) {
        if (dumped[i] == '\n') out += nl + indent;
        else out += dumped[i];
    }
    return text.substr(0, after) + "," + nl + indent + out + text.substr(after);
}

/// Whether content/regions/<id>/region.json exists; if not, an error ("<what>\"id\" is not a region")
/// naming the nearest region id.
bool region_exists(const fs::path& content_dir, const std::string& id, const std::string& what, core::diagnostics& diags) {
    if (core::unreadable(content_dir / "regions" / id / "region.json") != "file not found") return true;
    std::vector<std::string> ids;
    std::error_code ec;
    for (fs::directory_iterator it(content_dir / "regions", ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        if (!core::unreadable(it->path() / "region.json").empty()) continue;
        ids.push_back(it->path().filename().string());
    }
    std::sort(ids.begin(), ids.end());
    const std::string near = core::nearest(id, ids);
    diags.error("briefs new", 0, 0, what + "\"" + id + "\" is not a region (no " +
                                        core::display_path(content_dir / "regions" / id / "region.json") + ")" +
                                        (near.empty() ? std::string() : " (did you mean \"" + near + "\"?)"));
    return false;
}

}  // namespace

std::vector<fs::path> new_region(const fs::path& content_dir, const new_region_options& o, core::diagnostics& diags) {
    const fs::path folder = content_dir / "regions" / o.id;
    if (!detail::is_slug(o.id)) {
        diags.error("briefs new", 0, 0, "a region id is an ASCII slug ([a-z0-9-]+), not \"" + o.id + "\"");
        return {};
    }
    if (!detail::is_slug(o.period, true)) {
        diags.error("briefs new", 0, 0, "a period is letters, digits and '-' (e.g. 2025), not \"" + o.period + "\"");
        return {};
    }
    if (std::error_code ec; fs::exists(fs::symlink_status(folder, ec))) {
        diags.error(core::display_path(folder), 0, 0, "this region exists already");
        return {};
    }
    if (!o.parent.empty() && !region_exists(content_dir, o.parent, "the parent ", diags)) return {};
    const std::string level = !o.level.empty() ? o.level : o.parent.empty() ? "city" : "district";
    if (level != "city" && level != "county-level-city" && level != "district" && level != "county") {
        diags.error("briefs new", 0, 0, "a level is city, county-level-city, district or county, not \"" + level + "\"");
        return {};
    }
    ordered r;
    r["id"] = o.id;
    r["name"] = bilingual(o.name_zh, o.name_en);
    r["level"] = level;
    r["parent"] = o.parent.empty() ? ordered(nullptr) : ordered(o.parent);
    r["draft"] = true;
    r["summary"] = bilingual("TODO：用两三句话概括本地区的平安建设。", "TODO: two or three sentences on the region's safety work.");
    r["briefs"] = ordered::array({brief_skeleton(o.period)});
    const fs::path json = folder / "region.json", md = folder / (o.period + ".zh.md");
    if (!write(json, r.dump(2) + "\n", diags) || !write(md, body_skeleton, diags)) return {};
    return {json, md};
}

std::vector<fs::path> new_brief(const fs::path& content_dir, const std::string& region, const std::string& period,
                                core::diagnostics& diags) {
    const fs::path json_path = content_dir / "regions" / region / "region.json";
    if (!detail::is_slug(period, true)) {
        diags.error("briefs new", 0, 0, "a period is letters, digits and '-' (e.g. 2025), not \"" + period + "\"");
        return {};
    }
    if (!detail::is_slug(region)) {
        diags.error("briefs new", 0, 0, "a region id is an ASCII slug ([a-z0-9-]+), not \"" + region + "\"");
        return {};
    }
    if (!region_exists(content_dir, region, "", diags)) return {};
    std::string why;
    auto text_in = core::read_file(json_path, why);
    if (!text_in) {
        diags.error(core::display_path(json_path), 0, 0, why);
        return {};
    }
    core::diagnostics syntax;
    const auto src = core::json_source::parse(core::display_path(json_path), *text_in, syntax);
    if (!src) {
        diags.error(core::display_path(json_path), 0, 0, "is not valid JSON: run `briefs check` to see where");
        return {};
    }
    const auto& briefs = src->value().contains("briefs") ? src->value().at("briefs") : nlohmann::json();
    if (!briefs.is_array() || briefs.empty()) {
        diags.error(core::display_path(json_path), 0, 0, "has no \"briefs\" array with a brief in it");
        return {};
    }
    for (std::size_t i = 0; i < briefs.size(); ++i) {
        if (briefs[i].is_object() && briefs[i].value("period", "") == period) {
            src->error(diags, "/briefs/" + std::to_string(i) + "/period", "already has a brief for " + period);
            return {};
        }
    }
    const fs::path md = json_path.parent_path() / (period + ".zh.md");
    if (std::error_code ec; fs::exists(fs::symlink_status(md, ec))) {
        diags.error(core::display_path(md), 0, 0, "exists already");
        return {};
    }
    const std::string text = with_brief(*src, briefs.size(), brief_skeleton(period));
    if (!write(json_path, text, diags) || !write(md, body_skeleton, diags)) return {};
    return {json_path, md};
}

}  // namespace briefs::content
