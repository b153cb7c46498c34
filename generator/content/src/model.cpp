#include "briefs/content/model.hpp"

#include <algorithm>

namespace briefs::content {

const std::string* brief::heading_en(const std::string& zh) const {
    for (const auto& [k, v] : headings) {
        if (k == zh) return &v;
    }
    return nullptr;
}

const metric* brief::find_metric(const std::string& id) const {
    for (const auto& m : metrics) {
        if (m.id == id) return &m;
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

std::vector<const region*> site_content::children_of(const std::string& id) const {
    std::vector<const region*> out;
    for (const auto& r : regions) {
        if (r.parent == id) out.push_back(&r);
    }
    return out;
}

}  // namespace briefs::content
