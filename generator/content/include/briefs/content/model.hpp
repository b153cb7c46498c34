#pragma once
/// briefs::content — the content model: what `content/` says, typed and validated.
///
/// Owns: reading `content/` (site.json, i18n/, regions/, glossary.json), checking every field, and
/// reporting mistakes with file:line:col. Does not own: rendering (no Markdown or HTML here; bodies
/// are kept as source text) or any output path.
#include <map>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "briefs/core/json_source.hpp"

namespace briefs::content {

/// A text in both languages.
struct text {
    std::string zh;
    std::string en;
    [[nodiscard]] const std::string& in(const std::string& lang) const { return lang == "en" ? en : zh; }
};

struct person {
    text name;
    text role;
};

struct source {
    std::string id;
    text title;
    text publisher;
    std::vector<person> authors;
    std::string date;  ///< "" when unknown; else YYYY[-MM[-DD]]
    std::string url;   ///< "" when none
};

struct metric {
    std::string id;
    text label;
    double value = 0;
    std::string unit;
    std::optional<double> change;  ///< signed change vs. the previous period
    std::string change_unit;       ///< "percent" or "points" when `change` is set
    std::optional<double> previous;
    std::string polarity = "neutral";  ///< higher-better, lower-better or neutral
    std::string period;                ///< "" when the brief's period applies
    std::optional<text> note;
    /// How the source words an approximate figure: "" (as printed), "more-than" (余, 多, 超过),
    /// "nearly" (近) or "about" (约). Shown with the number: 2.3万余人 / 23,000+, 近1万 / nearly 10,000.
    std::string qualifier;
    /// What the change (or a value that is a change) is measured against: "year-on-year" (the
    /// default), "since-start" (since a scheme or body began), "year-to-date" (so far this year),
    /// "to-date" (cumulative to date) or "period" (a stated period: `basis_note` says which).
    std::string basis = "year-on-year";
    std::optional<text> basis_note;   ///< names the start or the period ("since the 365 centre opened")
    std::string source;               ///< id of one of the brief's sources
    std::string evidence;             ///< the source's phrase the figure comes from, as printed (Chinese)
    std::string evidence_en;          ///< its English rendering; "" when not given
    std::vector<std::string> topics;  ///< topic ids, in file order
    /// Metrics of one region's briefs that measure the same thing share a series (by default their
    /// id); the region page shows how a series moved from period to period.
    std::string series;
    /// 0: the figure is shown with every significant digit it has (as printed in the source); 1–15: the
    /// editor asked for rounding to that many significant digits on cards and charts.
    int significant_digits = 0;
    [[nodiscard]] const std::string& series_id() const { return series.empty() ? id : series; }
    /// Whether the value itself is a change (unit `percent_change` or `point_change`).
    [[nodiscard]] bool is_change() const { return unit == "percent_change" || unit == "point_change"; }
    /// Whether the value is a ranking position (unit `rank`), shown as an ordinal: 第1名 / 1st.
    [[nodiscard]] bool is_rank() const { return unit == "rank"; }
};

/// One entry of a brief's headings map.
struct heading_translation {
    std::string zh;
    std::string en;
};

/// The topics of one section of a brief (a `## ` heading), by its Chinese heading.
struct section_topics {
    std::string heading_zh;
    std::vector<std::string> topics;
};

struct brief {
    std::string period;
    text title;
    std::string date;  ///< YYYY, YYYY-MM or YYYY-MM-DD; in a draft, may still be `briefs new`'s placeholder "TODO…"
    std::vector<source> sources;
    std::vector<std::string> headline;  ///< metric ids, in order
    std::vector<metric> metrics;
    std::vector<heading_translation> headings;  ///< zh heading → en, in file order
    std::vector<section_topics> topics;         ///< in file order
    std::string body_zh;
    std::optional<std::string> body_en;
    std::string body_zh_path;  ///< for messages about the Markdown
    std::string body_en_path;  ///< "" when there is no English body
    bool draft = false;        ///< shown in previews only
    std::string pointer;       ///< where the brief is in region.json ("/briefs/0"), for messages
    std::string bodies_hash;   ///< hash of both bodies: what the brief's pages depend on besides region.json

    [[nodiscard]] bool date_unfinished() const { return date.starts_with("TODO"); }
    [[nodiscard]] const std::string* heading_en(const std::string& zh) const;
    [[nodiscard]] const metric* find_metric(const std::string& id) const;
    [[nodiscard]] const source* find_source(const std::string& id) const;
};

/// A file kept in a region's folder beside its bodies: published (once per site, at a name with a hash
/// of its bytes) when a brief's body links to it or shows it (a page bundle, as Hugo and Zola have them).
struct bundle_file {
    std::string name;           ///< as in the folder and in the Markdown ("patrol.png")
    std::filesystem::path path; ///< where it is read from
    std::string hash;           ///< of its bytes, hex
    std::string published;      ///< "files/linhai/patrol.1a2b3c4d.png", relative to the site's root
    int width = 0;              ///< a PNG or JPEG image's size in pixels; 0 otherwise
    int height = 0;
    /// Why it cannot be published ("" when it can): a link out of the content folder, unreadable, too
    /// large, an image that is not what its name says. An error only when a body uses it.
    std::string problem;
};

struct region {
    std::string id;
    text name;
    std::string level;   ///< city, county-level-city, district or county
    std::string parent;  ///< "" for a top-level region
    text summary;
    bool draft = false;         ///< shown in previews only (with its whole subtree)
    std::vector<brief> briefs;  ///< sorted by period, oldest first; the last is the latest
    std::string path;           ///< region.json, for messages
    std::string json_hash;      ///< hash of region.json, for incremental builds
    /// The parsed region.json, so that later checks can name the line and column of what they find.
    std::shared_ptr<const core::json_source> source;
    std::vector<bundle_file> files;  ///< the folder's regular files other than region.json and the bodies, by name
    std::vector<std::string> other_entries;  ///< its other entries (folders, …): never published

    [[nodiscard]] const brief& latest() const { return briefs.back(); }
    [[nodiscard]] const bundle_file* find_file(const std::string& name) const;
};

/// A topic of the taxonomy (content/topics.json): pages list the sections and metrics about it.
struct topic {
    std::string id;
    text name;
    text summary;
};

struct glossary_term {
    std::string id;
    std::string zh;
    std::string pinyin;
    std::string en;
    text explanation;
};

/// Interface strings and unit suffixes of one language.
struct ui_strings {
    std::map<std::string, std::string> strings;
    std::map<std::string, std::string> units;
};

struct site_config {
    text title;
    text description;
    std::vector<std::string> languages;  ///< the first is the default
    std::string base_url;                ///< "" when not set; else ends with '/'
    std::string tag_authority;           ///< "" when not set: a domain name or an email address (RFC 4151)
    std::string tag_date;                ///< with tag_authority: YYYY, YYYY-MM or YYYY-MM-DD
};

/// Everything `content/` holds, validated.
struct site_content {
    site_config site;
    std::map<std::string, ui_strings> ui;  ///< by language
    std::vector<region> regions;           ///< sorted by id
    std::vector<glossary_term> glossary;   ///< in file order
    std::vector<topic> topics;             ///< in file order (the order of the topics page)

    /// Hashes of the shared inputs, for incremental builds: site.json, each i18n file, glossary.json.
    std::string site_hash;
    std::map<std::string, std::string> ui_hash;
    std::string glossary_hash;
    std::string topics_hash;

    [[nodiscard]] const region* find_region(const std::string& id) const;
    [[nodiscard]] const topic* find_topic(const std::string& id) const;
    /// The same content without drafts: draft briefs, draft regions and everything below a draft
    /// region, and regions left with no brief.
    [[nodiscard]] site_content without_drafts() const;
    [[nodiscard]] bool has_drafts() const;
    /// The regions whose parent is `id`, sorted by id.
    [[nodiscard]] std::vector<const region*> children_of(const std::string& id) const;
};

}  // namespace briefs::content
