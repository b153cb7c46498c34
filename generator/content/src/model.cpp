#include "briefs/content/model.hpp"

#include <algorithm>

namespace briefs::content {

const std::string* brief::heading_en(const std::string& zh) const {
    for (const auto& h : headings) {
        if (h.zh == zh) return &h.en;
    }
    return nullptr;
}

const metric* brief::find_metric(const std::string& id) const {
    for (const auto& m : metrics) {
        if (m.id == id) return &m;
    }
    return nullptr;
}

const bundle_file* region::find_file(const std::string& name) const {
    for (const auto& f : files) {
        if (f.name == name) return &f;
    }
    return nullptr;
}

const source* brief::find_source(const std::string& id) const {
    for (const auto& s : sources) {
        if (s.id == id) return &s;
    }
    return nullptr;
}

const region* site_content::find_region(const std::string& id) const {
    auto it = std::lower_bound(regions.begin(), regions.end(), id, [](const region& r, const std::string& k) { return r.id < k; });
    return it != regions.end() && it->id == id ? &*it : nullptr;
}

const topic* site_content::find_topic(const std::string& id) const {
    for (const auto& t : topics) {
        if (t.id == id) return &t;
    }
    return nullptr;
}

std::vector<const region*> site_content::children_of(const std::string& id) const {
    std::vector<const region*> out;
    for (const auto& r : regions) {
        if (r.parent == id) out.push_back(&r);
    }
    return out;
}

bool site_content::has_drafts() const {
    return std::any_of(regions.begin(), regions.end(), [](const region& r) {
        return r.draft || std::any_of(r.briefs.begin(), r.briefs.end(), [](const brief& b) { return b.draft; });
    });
}

site_content site_content::without_drafts() const {
    site_content out;
    out.site = site;
    out.ui = ui;
    out.glossary = glossary;
    out.site_hash = site_hash;
    out.ui_hash = ui_hash;
    out.glossary_hash = glossary_hash;
    out.topics = topics;
    out.topics_hash = topics_hash;
    auto hidden = [&](const region& r) {
        std::size_t steps = 0;
        for (const region* at = &r; at && steps <= regions.size(); at = find_region(at->parent), ++steps) {
            if (at->draft) return true;
        }
        return false;
    };
    for (const auto& r : regions) {
        if (hidden(r)) continue;
        region copy = r;
        copy.briefs.erase(std::remove_if(copy.briefs.begin(), copy.briefs.end(), [](const brief& b) { return b.draft; }), copy.briefs.end());
        if (!copy.briefs.empty()) out.regions.push_back(std::move(copy));
    }
    // A region whose parent was left out goes too: its breadcrumb would lead nowhere.
    for (bool removed = true; removed;) {
        removed = false;
        for (auto it = out.regions.begin(); it != out.regions.end(); ++it) {
            if (!it->parent.empty() && !out.find_region(it->parent)) {
                out.regions.erase(it);
                removed = true;
                break;
            }
        }
    }
    return out;
}

}  // namespace briefs::content
