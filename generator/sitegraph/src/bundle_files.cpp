// Page bundles: the files kept beside a brief (content/regions/<id>/patrol.png) that its bodies link
// to or show. Each is published once per site, whatever the number of languages and briefs that use
// it, at files/<region>/<name>.<hash>.<ext>: a new version gets a new name, so it can be cached for
// ever, and every page (zh or en, latest or earlier brief) links to the same copy.
#include "pages.hpp"

#include "briefs/core/fs.hpp"

namespace briefs::sitegraph::detail {

void assembler::bundle_jobs(std::vector<page_job>& out) const {
    for (const auto& r : site_.regions) {
        for (const auto& f : r.files) {
            page_job job{page_kind::bundle_file, "", "files/" + r.id + "/", f.published, ""};
            job.region = &r;
            job.bundle = &f;
            out.push_back(std::move(job));
        }
    }
}

std::string assembler::bundle_bytes(const page_job& job) const {
    std::string why;
    auto bytes = core::read_file(job.bundle->path, why, 64u * 1024 * 1024);
    // The loader read it moments ago; a file removed since is published empty, and the next build
    // (which the preview starts on the change) reports it.
    return bytes ? std::move(*bytes) : std::string();
}

markdown::options assembler::bundle_options(const std::string& lang, const content::region& r, const std::string& root) const {
    markdown::options o;
    const auto& strings = site_.ui.at(lang).strings;
    if (auto it = strings.find("footnote_back"); it != strings.end()) o.footnote_back_label = it->second;
    if (r.files.empty()) return o;
    o.on_file = [&r, root](const std::string& url) -> std::optional<markdown::file_target> {
        const auto name = markdown::local_file_name(url);
        if (!name) return std::nullopt;
        const content::bundle_file* f = r.find_file(*name);
        if (!f) return std::nullopt;
        const auto rest = url.find_first_of("?#");  // "report.pdf#page=2" keeps its fragment
        return markdown::file_target{root + f->published + (rest == std::string::npos ? std::string() : url.substr(rest)), f->width, f->height};
    };
    return o;
}

}  // namespace briefs::sitegraph::detail
