// Fingerprints: a hash of every input a page's bytes depend on.
#include "pages.hpp"

#include "briefs/core/fs.hpp"
#include "briefs/core/url.hpp"
#include "briefs/i18n/text.hpp"
#include "briefs/markdown/render.hpp"

namespace briefs::sitegraph::detail {

using nlohmann::json;

std::string assembler::fingerprint(const page_job& job) const {
    if (job.kind == page_kind::share_image) {
        // Not the templates or assets: a stylesheet edit does not redraw thousands of images.
        const auto& r = *job.region;
        return core::hash_hex("share|" + generator_id_ + '|' + job.file + '|' + site_.site_hash + '|' + site_.ui_hash.at(job.lang) + '|' + r.json_hash);
    }
    if (job.kind == page_kind::favicon) return core::hash_hex("favicon|" + generator_id_);
    if (job.kind == page_kind::bundle_file) return core::hash_hex("file|" + job.file + '|' + job.bundle->hash);  // copied byte for byte
    if (job.kind == page_kind::search_meta || job.kind == page_kind::search_chunk || job.kind == page_kind::search_texts) {
        // The search index's files use no template, asset or interface string: only the content.
        std::string in = "search|" + generator_id_ + '|' + job.file + '|' + site_.site_hash + (preview_ ? "|preview" : "");
        if (job.kind != page_kind::search_texts || !job.region) return core::hash_hex(in + '|' + content_version_);
        // A brief's texts: its region's JSON (name, summary, headings) and its bodies.
        const auto& r = *job.region;
        return core::hash_hex(in + '|' + r.id + '|' + r.json_hash + '|' + job.brief->period + '|' + job.brief->bodies_hash +
                              (job.brief == &r.latest() ? "|latest" : ""));
    }
    // Everything a page shows comes from these inputs; when in doubt, a page depends on more, never less.
    std::string in = shared_inputs_ + '|' + base_url_ + '|' + site_.site_hash + '|' + job.file + '|' + job.template_name;
    for (const auto& [lang, hash] : site_.ui_hash) {
        if (job.lang.empty() || job.lang == lang) in += '|' + hash;
    }
    in += site_.glossary.empty() ? "|no-glossary" : "|glossary";
    auto names = [&](const content::region& r) { in += '|' + r.id + '|' + r.name.zh + '|' + r.name.en + '|' + r.level; };
    switch (job.kind) {
        case page_kind::region: {
            in += '|' + job.region->json_hash + '|' + job.brief->bodies_hash + '|' + site_.topics_hash;
            for (const auto& f : job.region->files) in += '|' + f.published + ':' + std::to_string(f.width) + 'x' + std::to_string(f.height);
            for (const auto& b : job.region->briefs) in += ',' + b.bodies_hash;  // the series table, the brief list
            std::size_t steps = 0;  // the breadcrumb: every ancestor's name
            for (const content::region* p = site_.find_region(job.region->parent); p && steps++ <= site_.regions.size(); p = site_.find_region(p->parent)) names(*p);
            in += "|children";
            for (const content::region* c : children(site_.site.languages.front(), job.region->id)) names(*c);
            break;
        }
        case page_kind::home:  // every region's card
        case page_kind::compare:  // every region's headline figures
            for (const auto& r : site_.regions) in += '|' + r.id + '|' + r.json_hash;
            break;
        case page_kind::feed:  // every brief's title, date and description (an earlier brief's comes from its body)
            for (const auto& r : site_.regions) {
                in += '|' + r.id + '|' + r.json_hash;
                for (const auto& b : r.briefs) {
                    if (&b != &r.latest()) in += ',' + b.bodies_hash;  // the latest brief's summary is the region's
                }
            }
            break;
        case page_kind::glossary:
            in += '|' + site_.glossary_hash;
            break;
        case page_kind::topics:
        case page_kind::topic:  // sections (anchors come from the bodies) and metrics of every brief
        case page_kind::search:
            in += '|' + content_version_;
            break;
        case page_kind::sitemap:
        case page_kind::robots:  // the list of pages
            for (const auto& r : site_.regions) {
                in += '|' + r.id;
                for (const auto& b : r.briefs) in += ',' + b.period;
            }
            in += '|' + site_.topics_hash;
            break;
        case page_kind::root:
        case page_kind::not_found:
        case page_kind::share_image:
        case page_kind::favicon:
        case page_kind::bundle_file:
        case page_kind::search_meta:
        case page_kind::search_chunk:
        case page_kind::search_texts:
            break;
    }
    return core::hash_hex(in);
}

}  // namespace briefs::sitegraph::detail
