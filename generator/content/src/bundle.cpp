// Page bundles: the files of a region's folder that its briefs' bodies link to or show (images,
// PDFs, …) are published with the site; what a body references must be there, and every other file
// of the folder is reported as unused. Also the checks of a body's images and raw HTML.
#include "loader.hpp"

#include <algorithm>
#include <set>

#include "briefs/core/fs.hpp"
#include "briefs/markdown/render.hpp"
#include "image_size.hpp"

namespace briefs::content::detail {
namespace {

constexpr std::uintmax_t k_max_file = 32u * 1024 * 1024;

bool remote(std::string_view url) {
    return url.starts_with("//") || url.starts_with("http://") || url.starts_with("https://") || url.starts_with("HTTP://") ||
           url.starts_with("HTTPS://");
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

/// "patrol.png" → "files/linhai/patrol.1a2b3c4d.png".
std::string published_name(const std::string& region, const std::string& name, const std::string& hash) {
    const auto dot = name.rfind('.');
    const std::string h = hash.substr(0, 8);
    if (dot == std::string::npos || dot == 0) return "files/" + region + "/" + name + "." + h;
    return "files/" + region + "/" + name.substr(0, dot) + "." + h + name.substr(dot);
}

}  // namespace

void loader::check_folder_files(const fs::path& folder, region& reg) {
    std::error_code ec;
    std::vector<fs::path> entries;
    for (fs::directory_iterator it(folder, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) entries.push_back(it->path());
    std::sort(entries.begin(), entries.end());
    std::set<std::string> bodies{"region.json"};
    for (const auto& b : reg.briefs) {
        bodies.insert(b.period + ".zh.md");
        bodies.insert(b.period + ".en.md");
    }
    std::map<std::string, fs::path> candidates;  // name → path: what a body may reference
    std::vector<std::string> names;
    for (const auto& p : entries) {
        const std::string name = p.filename().string();
        if (bodies.count(name)) continue;
        std::error_code fec;
        if (fs::is_regular_file(p, fec)) {
            candidates.emplace(name, p);
            names.push_back(name);
        }
    }
    const std::string shown_folder = core::display_path(folder) + "/";

    std::set<std::string> used;
    for (const auto& b : reg.briefs) {
        for (int lang = 0; lang < 2; ++lang) {
            const std::string* text = lang == 0 ? &b.body_zh : (b.body_en ? &*b.body_en : nullptr);
            if (!text) continue;
            const std::string& shown = lang == 0 ? b.body_zh_path : b.body_en_path;
            const auto found = markdown::inspect(*text);
            for (const auto& h : found.html) {
                diags_.warning(shown, h.line, h.column, "raw HTML \"" + h.text + "\" is not published (it is dropped from the page): write it in Markdown");
            }
            for (const auto& f : found.footnotes) {
                const std::string fn = "footnote [^" + f.label + "]";
                using k = markdown::footnote_problem::kind;
                diags_.warning(shown, f.line, f.column,
                               f.what == k::undefined      ? fn + " has no definition, so it is printed as written: add a line \"[^" + f.label + "]: …\" with the note's text"
                               : f.what == k::unreferenced ? fn + " is defined but nothing refers to it, so it is not published: write [^" + f.label + "] where the note belongs, or remove it"
                                                           : fn + " is defined a second time: only the first definition is published");
            }
            for (const auto& ref : found.references) {
                const std::string what = std::string(ref.image ? "image" : "link") + " \"" + ref.url + "\"";
                if (ref.image && ref.alt.empty()) {
                    diags_.warning(shown, ref.line, ref.column, "image \"" + ref.url + "\" has no text alternative: say what it shows between the brackets, ![巡逻船在港内](" + ref.url + ")");
                }
                if (ref.image && remote(ref.url)) {
                    diags_.warning(shown, ref.line, ref.column, what + " is loaded from another site whenever the page is read (the site otherwise asks no other site for anything): keep the file in " + shown_folder + " and write its name");
                    continue;
                }
                const auto name = markdown::local_file_name(ref.url);
                if (!name) {
                    const bool page_like = ref.url.empty() || ref.url[0] == '#' || ref.url.find(':') != std::string::npos || ref.url.starts_with("//");
                    if (ref.image && !page_like) {
                        const std::string base = ref.url.substr(0, ref.url.find_first_of("?#"));
                        diags_.error(shown, ref.line, ref.column, what + ": an image is published from its brief's own folder (" + shown_folder + "): put it there and write its name, \"" +
                                                                      base.substr(base.rfind('/') + 1) + "\"");
                    }
                    continue;
                }
                if (candidates.count(*name)) {
                    used.insert(*name);
                    continue;
                }
                // A name with an extension (or any image) is a file the editor meant to keep here; other
                // names are left to the link checks (a page is linked by its folder, "../linhai/").
                if (!ref.image && (name->find('.') == std::string::npos || bodies.count(*name))) continue;
                std::string msg = what + ": there is no file \"" + *name + "\" in " + shown_folder;
                if (auto near = core::nearest(*name, names); !near.empty()) msg += " (did you mean \"" + near + "\"?)";
                diags_.error(shown, ref.line, ref.column, msg);
            }
        }
    }

    for (const auto& p : entries) {
        const std::string name = p.filename().string();
        if (bodies.count(name) || used.count(name)) continue;
        diags_.warning(core::display_path(p), 0, 0, "belongs to no brief of region \"" + reg.id + "\" and is not published (a brief publishes a file of its folder that it links to or shows)");
    }

    for (const auto& name : used) {
        const fs::path& p = candidates.at(name);
        const std::string shown = core::display_path(p);
        const auto real = fs::canonical(p, ec);
        if (!ec) {
            const auto rel = real.lexically_relative(root_);
            if (rel.empty() || *rel.begin() == "..") {
                diags_.error(shown, 0, 0, "is a link to a file outside the content folder (" + real.string() + "); refusing to publish it");
                continue;
            }
        }
        std::string why;
        const auto bytes = core::read_file(p, why, k_max_file);
        if (!bytes) {
            diags_.error(shown, 0, 0, why.empty() ? "cannot read" : why);
            continue;
        }
        bundle_file f;
        f.name = name;
        f.path = p;
        f.hash = core::hash_hex(*bytes);
        f.published = published_name(reg.id, name, f.hash);
        const auto size = image_size(*bytes, why);
        if (!size) {
            diags_.error(shown, 0, 0, why);
            continue;
        }
        const std::string ext = lower(name.substr(name.rfind('.') == std::string::npos ? name.size() : name.rfind('.')));
        const std::string format = image_format(*bytes);
        if ((ext == ".png" && format != "png") || ((ext == ".jpg" || ext == ".jpeg") && format != "jpeg")) {
            diags_.error(shown, 0, 0, "is not a " + std::string(ext == ".png" ? "PNG" : "JPEG") + " image, as its name says" +
                                          (format.empty() ? std::string() : " (it is a " + lower(format) + " file)"));
            continue;
        }
        f.width = size->width;
        f.height = size->height;
        reg.files.push_back(std::move(f));
    }
}

}  // namespace briefs::content::detail
