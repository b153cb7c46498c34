// Page bundles: the files kept beside a brief (content/regions/<id>/patrol.png) that its bodies link
// to or show. Each is published once per site, whatever the number of languages and briefs that use
// it, at files/<region>/<name>.<hash>.<ext>: a new version gets a new name, so it can be cached for
// ever, and every page (zh or en, latest or earlier brief) links to the same copy.
#include "pages.hpp"

#include "briefs/content/bundle.hpp"
#include "briefs/core/fs.hpp"
#include "briefs/core/parallel.hpp"

namespace briefs::sitegraph::detail {

void assembler::check_bundles(unsigned threads) {
    // Which files a region publishes depends on every body of it: the views of a region that has files
    // are made now (each body's one parse; its page takes the view later). A region without files
    // needs none: what its bodies reference is checked by each view, when its page is made.
    bundle_used_.assign(site_.regions.size(), {});
    std::vector<std::size_t> with_files;
    for (std::size_t i = 0; i < site_.regions.size(); ++i) {
        if (!site_.regions[i].files.empty()) with_files.push_back(i);
    }
    core::parallel_for(with_files.size(), core::worker_count(threads, with_files.size()), [&](unsigned, std::size_t k) {
        const content::region& r = site_.regions[with_files[k]];
        for (const auto& b : r.briefs) {
            for (const auto& lang : site_.site.languages) {
                if (lang != "zh" && !b.body_en) continue;  // the English page shows the Chinese body: checked once
                const auto& used = view(b, lang).used;
                bundle_used_[with_files[k]].insert(used.begin(), used.end());
            }
        }
    });
    for (std::size_t i = 0; i < site_.regions.size(); ++i) {
        for (auto& d : content::check_folder(site_.regions[i], bundle_used_[i])) bundle_findings_.push_back(std::move(d));
    }
}

void assembler::bundle_jobs(std::vector<page_job>& out) const {
    for (std::size_t i = 0; i < site_.regions.size(); ++i) {
        const content::region& r = site_.regions[i];
        for (const auto& f : r.files) {
            if (!bundle_used_[i].count(f.name) || !f.problem.empty()) continue;
            page_job job{page_kind::bundle_file, "", "files/" + r.id + "/", f.published, ""};
            job.region = &r;
            job.bundle = &f;
            out.push_back(std::move(job));
        }
    }
}

const content::bundle_file* assembler::bundle_source(const page_job& job) const {
    return job.kind == page_kind::bundle_file ? job.bundle : nullptr;
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
