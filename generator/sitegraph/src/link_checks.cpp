// Link checks: every link a page emits, against every page of the site and its section ids.
#include "pages.hpp"
#include "headings.hpp"

#include <set>
#include "briefs/core/fs.hpp"
#include "briefs/core/url.hpp"
#include "briefs/i18n/text.hpp"
#include "briefs/markdown/render.hpp"

namespace briefs::sitegraph::detail {

using nlohmann::json;

void assembler::check_links(const page_job& job, const std::vector<markdown::link>& links, const std::string& source,
                            core::diagnostics& diags, std::vector<std::string>* link_targets) const {
    for (const auto& l : links) {
        auto error = [&](const std::string& message) { diags.add({source, l.line, l.column, core::severity::error, message, "links"}); };
        const std::string& url = l.url;
        const core::href_kind kind = core::classify_href(url);
        if (kind == core::href_kind::empty) {
            error("a link with no destination");
            continue;
        }
        if (kind == core::href_kind::rooted) {
            error("link \"" + url + "\" starts with '/': write it relative to the page (\"../linhai/\") so the site works under any path");
            continue;
        }
        if (kind == core::href_kind::external) continue;  // not checked here
        std::string path, fragment;
        if (kind == core::href_kind::fragment || kind == core::href_kind::query) {
            path = job.file;
            fragment = kind == core::href_kind::fragment ? url.substr(1) : url.substr(url.find('#') == std::string::npos ? url.size() : url.find('#') + 1);
        } else if (auto t = core::resolve_in_site(job.url, url)) {
            path = std::move(t->file);
            fragment = std::move(t->fragment);
        } else {
            error("link \"" + url + "\" leads outside the site");
            continue;
        }
        if (link_targets && path != job.file) link_targets->push_back(path);
        const auto target = page_by_file_.find(path);
        if (target == page_by_file_.end()) {
            std::string msg = "link \"" + url + "\" leads to " + path + ", which is not a page of the site";
            if (!path.ends_with("index.html")) msg += " (a page's address ends with '/')";
            error(msg);
            continue;
        }
        const page_job& to = jobs_[target->second];
        if (!to.lang.empty() && to.lang != job.lang) {
            error("link \"" + url + "\" leads from a " + std::string(job.lang == "zh" ? "Chinese" : "English") +
                  " page into the other language's pages; link within the language (readers switch with the language switcher)");
            continue;
        }
        if (!fragment.empty() && !page_ids(to).count(fragment)) {
            error("link \"" + url + "\": " + path + " has no section \"#" + fragment + "\"");
        }
    }
}

std::string assembler::targets_state(const std::vector<std::string>& link_targets) const {
    std::string state;
    for (const auto& file : link_targets) {
        state += file;
        const auto target = page_by_file_.find(file);
        if (target == page_by_file_.end()) {
            state += "|missing\n";
            continue;
        }
        const page_job& to = jobs_[target->second];
        state += '|' + to.lang;
        if (to.kind == page_kind::region) {
            // A brief's page's ids come from its region.json and its bodies: their hashes say whether they
            // may have changed, without making the brief's view (a parse) for every page linked to.
            state += '|' + to.region->json_hash + '|' + to.brief->bodies_hash;
        } else {
            for (const auto& id : page_ids(to)) state += '|' + id;
        }
        state += '\n';
    }
    return core::hash_hex(state);
}

std::set<std::string> assembler::page_ids(const page_job& job) const {
    std::set<std::string> ids{"main"};
    switch (job.kind) {
        case page_kind::region: {
            ids.insert({"key-figures", "contents", "sources", "children", "briefs"});
            if (!job.brief->metrics.empty()) ids.insert("figure-notes");
            const auto& a = anchors_of(*job.brief);
            ids.insert(a.ids.begin(), a.ids.end());
            for (const auto& m : job.brief->metrics) ids.insert({"metric-" + m.id, "note-" + m.id});
            break;
        }
        case page_kind::home:
            for (const auto& r : site_.regions) {
                if (r.parent.empty()) ids.insert("group-" + r.id);
            }
            break;
        case page_kind::glossary:
            for (const auto& g : site_.glossary) ids.insert(g.id);
            break;
        default:
            break;
    }
    return ids;
}

}  // namespace briefs::sitegraph::detail
