#include "briefs/content/scaffold.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>

#include <nlohmann/json.hpp>

#include "briefs/core/fs.hpp"
#include "reader.hpp"

namespace briefs::content {

namespace fs = std::filesystem;
using ordered = nlohmann::ordered_json;

namespace {

std::string today() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    char out[16];
    std::strftime(out, sizeof out, "%Y-%m-%d", &tm);
    return out;
}

ordered bilingual(const std::string& zh, const std::string& en) { return {{"zh", zh}, {"en", en}}; }

ordered brief_skeleton(const std::string& period) {
    ordered b;
    b["period"] = period;
    b["draft"] = true;
    b["title"] = bilingual("TODO：简报标题", "TODO: title of the brief");
    b["date"] = today();
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
    if (!o.parent.empty() && core::unreadable(content_dir / "regions" / o.parent / "region.json") == "file not found") {
        std::vector<std::string> ids;
        std::error_code ec;
        for (fs::directory_iterator it(content_dir / "regions", ec); !ec && it != fs::directory_iterator(); it.increment(ec)) ids.push_back(it->path().filename().string());
        std::sort(ids.begin(), ids.end());
        const std::string near = core::nearest(o.parent, ids);
        diags.error("briefs new", 0, 0, "the parent \"" + o.parent + "\" is not a region (no " +
                                            core::display_path(content_dir / "regions" / o.parent / "region.json") + ")" +
                                            (near.empty() ? std::string() : " (did you mean \"" + near + "\"?)"));
        return {};
    }
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
    std::string why;
    auto text_in = core::read_file(json_path, why);
    if (!text_in) {
        diags.error(core::display_path(json_path), 0, 0, why);
        return {};
    }
    ordered r;
    try {
        r = ordered::parse(*text_in);
    } catch (const std::exception&) {
        diags.error(core::display_path(json_path), 0, 0, "is not valid JSON: run `briefs check` to see where");
        return {};
    }
    if (!r.contains("briefs") || !r["briefs"].is_array()) {
        diags.error(core::display_path(json_path), 0, 0, "has no \"briefs\" array");
        return {};
    }
    for (const auto& b : r["briefs"]) {
        if (b.value("period", "") == period) {
            diags.error(core::display_path(json_path), 0, 0, "already has a brief for " + period);
            return {};
        }
    }
    r["briefs"].push_back(brief_skeleton(period));
    const fs::path md = json_path.parent_path() / (period + ".zh.md");
    if (std::error_code ec; fs::exists(fs::symlink_status(md, ec))) {
        diags.error(core::display_path(md), 0, 0, "exists already");
        return {};
    }
    if (!write(json_path, r.dump(2) + "\n", diags) || !write(md, body_skeleton, diags)) return {};
    return {json_path, md};
}

}  // namespace briefs::content
