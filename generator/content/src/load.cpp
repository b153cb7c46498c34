#include "loader.hpp"
#include "briefs/content/bundle.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <set>
#include <thread>

#include "briefs/core/fs.hpp"
#include "briefs/core/parallel.hpp"
#include "briefs/i18n/text.hpp"
#include "reader.hpp"

namespace briefs::content::detail {

std::optional<site_content> loader::run() {
    std::error_code ec;
    if (!fs::is_directory(dir_, ec)) {
        diags_.error(core::display_path(dir_), 0, 0, "content folder not found");
        return std::nullopt;
    }
    root_ = fs::canonical(dir_, ec);
    site_content out;
    load_site(out);
    for (const auto& lang : out.site.languages) load_ui(out, lang);
    check_ui_keys(out);
    load_topics(out);
    load_regions(out);
    load_glossary(out);
    check_regions(out);
    check_topics(out);
    check_unfinished_dates(out);
    if (diags_.has_errors()) {
        // No page will be made: the bodies of the regions that loaded are checked here, so that this
        // build reports their mistakes too (a region with errors checked its own).
        for (const auto& r : out.regions) check_bundle_parsing(r, diags_);
        return std::nullopt;
    }
    return out;
}

fs::path loader::canonical(const fs::path& path, std::error_code& ec) {
    // A file that is not a link is where its folder is: each folder is resolved once (a region's
    // files are all in one), not each file's every component.
    const auto status = fs::symlink_status(path, ec);
    if (ec || fs::is_symlink(status) || !path.has_parent_path() || path.filename() == "." || path.filename() == "..") return fs::canonical(path, ec);
    auto [at, added] = folders_.try_emplace(path.parent_path());
    if (added) at->second = fs::canonical(path.parent_path(), ec);
    if (at->second.empty()) return fs::canonical(path, ec);
    ec.clear();
    return at->second / path.filename();
}

/// Reads a file of content/: refuses links that lead outside it, invalid UTF-8 and huge files.
std::optional<std::string> loader::read_text(const fs::path& path, std::uintmax_t max_bytes, const fs::path* root) {
    const std::string shown = core::display_path(path);
    std::error_code ec;
    const auto real = canonical(path, ec);
    if (!ec) {
        const auto rel = real.lexically_relative(root ? *root : root_);
        if (rel.empty() || *rel.begin() == "..") {
            diags_.error(shown, 0, 0, "is a link to a file outside the content folder (" + real.string() + "); refusing to read it");
            return std::nullopt;
        }
    }
    std::string why;
    auto text = core::read_file(path, why, max_bytes);
    if (!text) {
        diags_.error(shown, 0, 0, why);
        return std::nullopt;
    }
    if (auto bad = i18n::first_invalid_utf8(*text)) {
        const auto pos = core::position_of(*text, *bad);
        diags_.error(shown, pos.line, pos.column, "invalid UTF-8 (byte 0x" + hex(static_cast<unsigned char>((*text)[*bad])) + "); save the file as UTF-8");
        return std::nullopt;
    }
    if (auto odd = i18n::find_unsafe_chars(*text)) {
        const auto pos = core::position_of(*text, odd->offset);
        char code[16];
        std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(odd->code));
        std::string msg = std::string(odd->code >= 0x2000 ? "bidirectional formatting character " : "control character ") + code;
        if (odd->count > 1) msg += " (and " + std::to_string(odd->count - 1) + " more such characters in this file)";
        diags_.warning(shown, pos.line, pos.column, msg + ": it is invisible, and can hide or reorder text; delete it");
    }
    if (text->starts_with("\xEF\xBB\xBF")) text->erase(0, 3);
    return text;
}

bool loader::exists(const fs::path& path) {
    const std::string why = core::unreadable(path);
    return why != "file not found";  // anything else is reported when the file is read
}

std::string loader::hex(unsigned char c) {
    const char* d = "0123456789ABCDEF";
    return {d[c >> 4], d[c & 15]};
}

std::optional<json_source> loader::read_json(const fs::path& path, std::string* hash, const fs::path* root) {
    auto text = read_text(path, 8u * 1024 * 1024, root);
    if (!text) return std::nullopt;
    if (hash) *hash = core::hash_hex(*text);
    return json_source::parse(core::display_path(path), std::move(*text), diags_);
}

void loader::load_regions(site_content& out) {
    const fs::path regions_dir = dir_ / "regions";
    std::error_code ec;
    if (!fs::is_directory(regions_dir, ec)) {
        diags_.error(core::display_path(regions_dir), 0, 0, "the regions folder is missing");
        return;
    }
    std::vector<fs::path> folders;
    for (fs::directory_iterator it(regions_dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        std::error_code entry_ec;
        if (it->is_directory(entry_ec)) {
            folders.push_back(it->path());
            continue;
        }
        // A loop of links or an entry that cannot be examined is an error; a file or a link to
        // nothing is only out of place.
        const std::string why = entry_ec ? core::unreadable(it->path()) : "";
        if (!why.empty() && !why.starts_with("is a link")) diags_.error(core::display_path(it->path()), 0, 0, why);
        else diags_.warning(core::display_path(it->path()), 0, 0, "belongs to no region (only folders are read in regions/)");
    }
    if (ec) diags_.error(core::display_path(regions_dir), 0, 0, "cannot list: " + ec.message());
    std::sort(folders.begin(), folders.end());
    // Regions are independent: they are read on every core, each with its own loader and findings,
    // and merged in folder order, so messages and results do not depend on timing.
    std::vector<core::diagnostics> found(folders.size());
    std::vector<std::optional<region>> loaded(folders.size());
    std::vector<std::map<std::string, std::shared_ptr<const json_source>>> sources(folders.size());
    std::vector<char> reused(folders.size(), 0);
    const auto read_region = [&](unsigned, std::size_t i) {
        const std::string name = folders[i].filename().string();
        if (cache_ && !cache_->everything_dirty && !cache_->dirty.count(name)) {
            if (auto hit = cache_->regions.find(name); hit != cache_->regions.end()) {
                loaded[i] = hit->second.value;
                found[i] = hit->second.found;
                sources[i].emplace(hit->second.value.id, std::static_pointer_cast<const json_source>(hit->second.source));
                reused[i] = 1;
                return;
            }
        }
        if (!detail::is_slug(name)) {
            found[i].error(core::display_path(folders[i]), 0, 0, "region folder names must be ASCII slugs ([a-z0-9-]+), not \"" + name + "\"");
            return;
        }
        loader sub(dir_, found[i]);
        sub.root_ = root_;
        loaded[i] = sub.load_region(out, folders[i], name);
        sources[i] = std::move(sub.region_sources_);
    };
    // Threads pay off only for many regions; at most 8 (reading is bound by the disk beyond that).
    core::parallel_for(folders.size(), folders.size() > 64 ? std::min(core::worker_count(0, folders.size()), 8u) : 1, read_region);
    std::set<std::string> present;
    for (std::size_t i = 0; i < folders.size(); ++i) {
        const std::string name = folders[i].filename().string();
        present.insert(name);
        diags_.append(found[i]);
        if (cache_ && !reused[i]) {
            if (loaded[i] && !found[i].has_errors() && sources[i].size() == 1) {
                cache_->regions[name] = {*loaded[i], sources[i].begin()->second, found[i]};
            } else {
                cache_->regions.erase(name);
            }
        }
        if (loaded[i]) out.regions.push_back(std::move(*loaded[i]));
        region_sources_.merge(sources[i]);
    }
    if (cache_) {
        std::erase_if(cache_->regions, [&](const auto& e) { return !present.count(e.first); });
        cache_->dirty.clear();
        cache_->everything_dirty = false;
    }
    if (out.regions.empty() && !diags_.has_errors()) {
        diags_.error(core::display_path(regions_dir), 0, 0, "no regions: add content/regions/<id>/region.json");
    }
}

std::optional<region> loader::load_region(const site_content& out, const fs::path& folder, const std::string& name) {
    const fs::path path = folder / "region.json";
    if (!exists(path)) {
        diags_.error(core::display_path(folder), 0, 0, "region folder has no region.json");
        return std::nullopt;
    }
    region reg;
    auto src = read_json(path, &reg.json_hash);
    if (!src) return std::nullopt;
    const std::size_t errors_before = diags_.error_count();
    reg.path = src->path();
    object_reader r(*src, diags_, "", src->value(), "region");
    if (auto id = r.slug("id")) {
        reg.id = *id;
        if (*id != name) r.error("id", "\"id\" is \"" + *id + "\" but the folder is named \"" + name + "\"; they must match");
    }
    if (auto t = r.bilingual("name")) reg.name = *t;
    if (auto l = r.one_of("level", k_levels)) reg.level = *l;
    if (r.has("parent") && !src->value().at("parent").is_null()) {
        if (auto p = r.slug("parent")) reg.parent = *p;
    } else {
        r.allow("parent");
    }
    if (auto t = r.bilingual("summary")) reg.summary = *t;
    if (auto d = r.boolean("draft")) reg.draft = *d;
    if (const json* briefs = r.array("briefs")) {
        if (briefs->empty()) r.error("briefs", "a region needs at least one brief");
        std::set<std::string> periods;
        for (std::size_t i = 0; i < briefs->size(); ++i) {
            const std::string ptr = r.member("briefs") + "/" + std::to_string(i);
            if (auto b = load_brief(out, *src, ptr, (*briefs)[i], folder)) {
                if (!periods.insert(b->period).second) src->error(diags_, ptr + "/period", "two briefs have the period \"" + b->period + "\"");
                reg.briefs.push_back(std::move(*b));
            }
        }
    }
    r.finish();
    read_folder_files(folder, reg);
    if (diags_.error_count() != errors_before) {
        check_bundle_parsing(reg, diags_);
        return std::nullopt;
    }
    std::sort(reg.briefs.begin(), reg.briefs.end(), [](const brief& a, const brief& b) { return a.period < b.period; });
    reg.source = std::make_shared<const json_source>(std::move(*src));
    region_sources_.emplace(reg.id, reg.source);
    return reg;
}

void loader::check_regions(const site_content& out) {
    // Two regions of one name in a language: readers cannot tell them apart on cards, lists and search.
    for (const auto& lang : k_languages) {
        std::map<std::string, const region*> seen;
        for (const auto& reg : out.regions) {
            auto [it, fresh] = seen.emplace(reg.name.in(lang), &reg);
            if (fresh) continue;
            region_sources_.at(reg.id)->warning(diags_, "/name/" + lang, "region \"" + reg.id + "\" has the same " + (lang == "zh" ? "Chinese" : "English") +
                                                                               " name as region \"" + it->second->id + "\", \"" + reg.name.in(lang) + "\": readers cannot tell them apart");
        }
    }
    for (const auto& reg : out.regions) {
        if (reg.parent.empty()) continue;
        const auto& src = *region_sources_.at(reg.id);
        if (reg.parent == reg.id) {
            src.error(diags_, "/parent", "a region cannot be its own parent");
            continue;
        }
        if (!out.find_region(reg.parent)) {
            std::vector<std::string> ids;
            for (const auto& other : out.regions) ids.push_back(other.id);
            std::string msg = "parent \"" + reg.parent + "\" is not a region";
            if (auto near = core::nearest(reg.parent, ids); !near.empty()) msg += " (did you mean \"" + near + "\"?)";
            src.error(diags_, "/parent", msg);
            continue;
        }
        // A cycle of parents: walk up at most as many steps as there are regions.
        const region* at = &reg;
        for (std::size_t steps = 0; at && !at->parent.empty(); ++steps) {
            if (steps > out.regions.size()) {
                src.error(diags_, "/parent", "the parents of \"" + reg.id + "\" form a cycle");
                break;
            }
            at = out.find_region(at->parent);
        }
    }
}

void loader::check_unfinished_dates(const site_content& out) {
    const auto unfinished = [](const region& r) { return std::any_of(r.briefs.begin(), r.briefs.end(), [](const brief& b) { return b.date_unfinished(); }); };
    if (std::none_of(out.regions.begin(), out.regions.end(), unfinished)) return;
    for (const auto& r : out.without_drafts().regions) {
        for (const auto& b : r.briefs) {
            if (!b.date_unfinished() || !r.source) continue;
            r.source->error(diags_, b.pointer + "/date",
                            "brief " + b.period + " is not a draft but its \"date\" is still the placeholder \"" + b.date.substr(0, 40) +
                                "\": write the day it was published (YYYY-MM-DD), or keep \"draft\": true until you know it");
        }
    }
}

}  // namespace briefs::content::detail

namespace briefs::content {

std::optional<site_content> load(const std::filesystem::path& dir, core::diagnostics& diags, load_cache* cache,
                                 const std::filesystem::path& theme_i18n) {
    const std::size_t first = diags.items().size();
    auto site = detail::loader(dir, diags, cache, theme_i18n).run();
    diags.name_check(first, "content");
    return site;
}

}  // namespace briefs::content
