// Page bundles: the files of a region's folder that its briefs' bodies link to or show (images,
// PDFs, …) are published with the site; what a body references must be there, and every other file
// of the folder is reported as unused. Also the checks of a body's images, raw HTML and footnotes.
// The loader lists and reads the folder (`loader::read_folder_files`); the checks take what a body's
// parse found (`check_body`), from the build's one parse of it or, for a build that stops early, from
// `markdown::inspect`.
#include "briefs/content/bundle.hpp"
#include "loader.hpp"

#include <algorithm>
#include <set>

#include "briefs/core/fs.hpp"
#include "image_size.hpp"

namespace briefs::content {
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

/// "content/regions/linhai/region.json" → "content/regions/linhai/".
std::string folder_of(const region& r) { return r.path.substr(0, r.path.rfind('/') + 1); }

/// The names a body may be, whether or not the file exists: region.json and each brief's bodies.
std::set<std::string> body_names(const region& r) {
    std::set<std::string> bodies{"region.json"};
    for (const auto& b : r.briefs) {
        bodies.insert(b.period + ".zh.md");
        bodies.insert(b.period + ".en.md");
    }
    return bodies;
}

core::diagnostic finding(const std::string& path, int line, int column, core::severity level, std::string message) {
    return {path, line, column, level, std::move(message), "content"};
}

}  // namespace

body_check check_body(const region& r, const std::string& shown, const markdown::inspection& found) {
    body_check out;
    const std::string shown_folder = folder_of(r);
    const auto warn = [&](int line, int column, std::string m) { out.findings.push_back(finding(shown, line, column, core::severity::warning, std::move(m))); };
    const auto fail = [&](int line, int column, std::string m) {
        out.findings.push_back(finding(shown, line, column, core::severity::error, std::move(m)));
        out.refused.emplace(line, column);
    };
    for (const auto& h : found.html) {
        warn(h.line, h.column, "raw HTML \"" + h.text + "\" is not published (it is dropped from the page): write it in Markdown");
    }
    for (const auto& f : found.footnotes) {
        const std::string fn = "footnote [^" + f.label + "]";
        using k = markdown::footnote_problem::kind;
        warn(f.line, f.column,
             f.what == k::undefined      ? fn + " has no definition, so it is printed as written: add a line \"[^" + f.label + "]: …\" with the note's text"
             : f.what == k::unreferenced ? fn + " is defined but nothing refers to it, so it is not published: write [^" + f.label + "] where the note belongs, or remove it"
                                         : fn + " is defined a second time: only the first definition is published");
    }
    std::vector<std::string> names;
    for (const auto& f : r.files) names.push_back(f.name);
    std::set<std::string> bodies;  // made when first needed
    for (const auto& ref : found.references) {
        const std::string what = std::string(ref.image ? "image" : "link") + " \"" + ref.url + "\"";
        if (ref.image && ref.alt.empty()) {
            warn(ref.line, ref.column, "image \"" + ref.url + "\" has no text alternative: say what it shows between the brackets, ![巡逻船在港内](" + ref.url + ")");
        }
        if (ref.image && remote(ref.url)) {
            warn(ref.line, ref.column, what + " is loaded from another site whenever the page is read (the site otherwise asks no other site for anything): keep the file in " + shown_folder + " and write its name");
            continue;
        }
        const auto name = markdown::local_file_name(ref.url);
        if (!name) {
            const bool page_like = ref.url.empty() || ref.url[0] == '#' || ref.url.find(':') != std::string::npos || ref.url.starts_with("//");
            if (ref.image && !page_like) {
                const std::string base = ref.url.substr(0, ref.url.find_first_of("?#"));
                fail(ref.line, ref.column, what + ": an image is published from its brief's own folder (" + shown_folder + "): put it there and write its name, \"" +
                                              base.substr(base.rfind('/') + 1) + "\"");
            }
            continue;
        }
        if (r.find_file(*name)) {
            out.used.insert(*name);
            continue;
        }
        // A name with an extension (or any image) is a file the editor meant to keep here; other
        // names are left to the link checks (a page is linked by its folder, "../linhai/").
        if (bodies.empty()) bodies = body_names(r);
        if (!ref.image && (name->find('.') == std::string::npos || bodies.count(*name))) continue;
        std::string msg = what + ": there is no file \"" + *name + "\" in " + shown_folder;
        if (auto near = core::nearest(*name, names); !near.empty()) msg += " (did you mean \"" + near + "\"?)";
        fail(ref.line, ref.column, msg);
    }
    return out;
}

std::vector<core::diagnostic> check_folder(const region& r, const std::set<std::string>& used) {
    std::vector<core::diagnostic> out;
    const std::string unused = "belongs to no brief of region \"" + r.id + "\" and is not published (a brief publishes a file of its folder that it links to or shows)";
    std::vector<std::pair<std::string, const bundle_file*>> entries;  // in the folder's order: by name
    for (const auto& f : r.files) entries.emplace_back(f.name, &f);
    for (const auto& e : r.other_entries) entries.emplace_back(e, nullptr);
    std::sort(entries.begin(), entries.end());
    const std::string folder = folder_of(r);
    for (const auto& [name, f] : entries) {
        const std::string shown = f ? core::display_path(f->path) : folder + name;
        if (!f || !used.count(name)) {
            out.push_back(finding(shown, 0, 0, core::severity::warning, unused));
        } else if (!f->problem.empty()) {
            out.push_back(finding(shown, 0, 0, core::severity::error, f->problem));
        }
    }
    return out;
}

void check_bundle_parsing(const region& r, core::diagnostics& diags) {
    std::set<std::string> used;
    for (const auto& b : r.briefs) {
        for (const bool en : {false, true}) {
            if (en && !b.body_en) continue;
            auto c = check_body(r, en ? b.body_en_path : b.body_zh_path, markdown::inspect(en ? *b.body_en : b.body_zh));
            for (auto& d : c.findings) diags.add(std::move(d));
            used.merge(c.used);
        }
    }
    for (auto& d : check_folder(r, used)) diags.add(std::move(d));
}

namespace detail {

void loader::read_folder_files(const fs::path& folder, region& reg) {
    std::error_code ec;
    std::vector<fs::path> entries;
    for (fs::directory_iterator it(folder, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) entries.push_back(it->path());
    if (ec) diags_.error(core::display_path(folder), 0, 0, "cannot list the folder: " + ec.message());
    std::sort(entries.begin(), entries.end());
    const std::set<std::string> bodies = body_names(reg);
    for (const auto& p : entries) {
        const std::string name = p.filename().string();
        if (bodies.count(name)) continue;
        std::error_code fec;
        if (!fs::is_regular_file(p, fec)) {
            reg.other_entries.push_back(name);
            continue;
        }
        bundle_file f;
        f.name = name;
        f.path = p;
        const auto real = canonical(p, fec);
        if (!fec) {
            const auto rel = real.lexically_relative(root_);
            if (rel.empty() || *rel.begin() == "..") {
                f.problem = "is a link to a file outside the content folder (" + real.string() + "); refusing to publish it";
                reg.files.push_back(std::move(f));
                continue;
            }
        }
        std::string why;
        const auto bytes = core::read_file(p, why, k_max_file);
        if (!bytes) {
            f.problem = why.empty() ? "cannot read" : why;
            reg.files.push_back(std::move(f));
            continue;
        }
        f.hash = core::hash_hex(*bytes);
        f.published = published_name(reg.id, name, f.hash);
        const std::string ext = lower(name.substr(name.rfind('.') == std::string::npos ? name.size() : name.rfind('.')));
        const std::string format = image_format(*bytes);
        if (const auto size = image_size(*bytes, why); !size) {
            f.problem = why;
        } else if ((ext == ".png" && format != "png") || ((ext == ".jpg" || ext == ".jpeg") && format != "jpeg")) {
            f.problem = "is not a " + std::string(ext == ".png" ? "PNG" : "JPEG") + " image, as its name says" +
                        (format.empty() ? std::string() : " (it is a " + lower(format) + " file)");
        } else {
            f.width = size->width;
            f.height = size->height;
        }
        reg.files.push_back(std::move(f));
    }
}

}  // namespace detail
}  // namespace briefs::content
