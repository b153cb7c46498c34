#pragma once
/// briefs::markdown — GitHub-Flavoured Markdown to safe HTML, and the only library that includes
/// cmark-gfm.
///
/// Owns: parsing (tables, strikethrough, autolinks, tagfilter), safe rendering (raw HTML is never
/// passed through, `javascript:` links are emptied), rewriting headings through a caller's hook (for
/// ids and translations), rebasing relative links, and collecting headings and links. Does not own:
/// what a heading's id or translation is (the caller decides) or any page model.
#include <cstddef>
#include <functional>
#include <optional>

#include "briefs/core/html.hpp"
#include <string>
#include <string_view>
#include <vector>

namespace briefs::markdown {

/// A heading as written in the source.
struct heading {
    int level = 0;     ///< 1–6
    std::string text;  ///< plain text (inline markup stripped), whitespace-trimmed
    int line = 0;      ///< 1-based source line of the heading
    int column = 0;    ///< 1-based source column
};

/// How the caller wants one heading rendered.
struct heading_output {
    std::string id;           ///< value of the id attribute (ASCII; escaped again on output)
    std::string extra_html;   ///< trusted HTML appended inside the heading (e.g. a translation span)
    std::string replace_text; ///< when not empty, plain text shown instead of the source heading
    std::string lang;         ///< when not empty, a lang attribute for the heading element
};

/// A file a link or image names, as the caller publishes it (a page bundle's file).
struct file_target {
    std::string url;  ///< the destination to write, as is (not rebased)
    int width = 0;    ///< an image's size in pixels; 0 when unknown
    int height = 0;
};

struct options {
    /// Called once per heading, in document order.
    std::function<heading_output(const heading&)> on_heading;
    /// Prepended to every relative link and image URL (e.g. "../" for a page one level deeper than
    /// the one the links were written for). Links starting with a scheme, '/', '#' or '?' are kept.
    std::string relative_prefix;
    /// Called with each relative link and image destination as written. A value: the destination names
    /// a file the caller publishes; its URL replaces the destination (not rebased), an image gets its
    /// width and height, and the link is not listed in `rendered::links` (the caller checked it).
    std::function<std::optional<file_target>(const std::string& url)> on_file;
    /// Footnote ids become `fn-<prefix>-<label>` and `fnref-<prefix>-<label>`, so that two bodies on one
    /// page cannot collide ("" keeps cmark-gfm's `fn-<label>`).
    std::string footnote_prefix;
    /// The accessible name of a footnote's back-link ("" keeps cmark-gfm's "Back to content").
    std::string footnote_back_label;
    /// render(): also return the document's sections (see `section`), from the same parse, with the
    /// ids and titles `on_heading` gave the page's headings.
    bool with_sections = false;
    /// render(): also return what `inspect` finds (references as written, raw HTML, footnotes), from
    /// the same parse.
    bool with_inspection = false;
};

/// A link or image destination as written in the source.
struct link {
    std::string url;  ///< after rebasing
    int line = 0;     ///< 1-based source line of the link
    int column = 0;   ///< 1-based source column
};

/// A part of a document: the text before the first heading, then each heading with the text up to
/// the next heading (of any level). Text is plain: inline markup stripped, one line per block
/// (paragraph, list item, table cell); how to join lines depends on the language (i18n::join_lines).
struct section {
    heading source;    ///< level 0 and empty text for the part before the first heading
    std::string id;    ///< from the heading hook ("" when none)
    std::string title; ///< the heading as shown: the hook's replace_text, else the source text
    std::string text;
};

/// A link or image as written, for the checks of what a body references.
struct reference {
    std::string url;   ///< the destination as written (entities and escapes resolved)
    int line = 0;      ///< 1-based line and column (characters) of its `[` or `![`
    int column = 0;
    bool image = false;
    std::string alt;   ///< an image's text alternative (plain text); "" for a link
};

/// Raw HTML in the source: never published (it is dropped from the page).
struct raw_html {
    int line = 0;
    int column = 0;
    std::string text;  ///< the first line of it, cut to 60 bytes at a character boundary
};

/// A footnote that does not work: a reference `[^x]` with no definition (cmark-gfm prints it as
/// written) or a definition `[^x]: …` that nothing references (cmark-gfm drops it from the page).
/// A definition with a label defined before it is dropped too (the first one is shown).
struct footnote_problem {
    enum class kind { undefined, unreferenced, repeated };
    int line = 0;       ///< 1-based line and column (characters) of its `[`
    int column = 0;
    std::string label;  ///< "x" of `[^x]`
    kind what = kind::undefined;
};

/// What a body links to, the raw HTML it has (HTML comments are left out: dropping them is what
/// the editor expects) and its footnotes that do not work.
struct inspection {
    std::vector<reference> references;        ///< in document order
    std::vector<raw_html> html;               ///< one per line that has raw HTML
    std::vector<footnote_problem> footnotes;  ///< in document order
};

struct rendered {
    std::string html;               ///< safe HTML
    std::vector<heading> headings;  ///< every heading, in document order
    std::vector<link> links;        ///< every link and image destination, in document order
    std::vector<section> sections;  ///< with `options::with_sections` only
    inspection found;               ///< with `options::with_inspection` only: as `inspect` finds it, from the same parse
};

/// Renders UTF-8 Markdown (GFM with footnotes). Every image gets `loading="lazy"`. Invalid UTF-8 is replaced by U+FFFD (callers should reject it first).
rendered render(std::string_view markdown, const options& opts = {});

/// How many documents this process has parsed (render, headings and inspect each parse once): a statistic, for the test that a build parses each body once per language.
std::size_t documents_parsed();
/// Only the headings of a document (no rendering).
std::vector<heading> headings(std::string_view markdown);
/// Only what a body references, its raw HTML and its footnotes (no rendering; `render` gives the same
/// with `options::with_inspection`).
inspection inspect(std::string_view markdown);

/// The file a destination names beside the document ("patrol.png", "./report.pdf?x#page=2" →
/// "patrol.png", "report.pdf", percent-decoded), or nullopt when it is no such name: it has a scheme,
/// starts with '/', '#' or '?', names a folder or leads into one ("../x/", "img/x.png").
std::optional<std::string> local_file_name(std::string_view url);

/// Limits that keep the work of one body bounded (cmark-gfm 0.29 allocates every cell of a table,
/// padding short rows, its email autolinks are quadratic in a run of '@' signs, and its tree takes
/// about 250 bytes a node). `render` and `sections` stay within them on any input: a body over a
/// limit is rendered without the extension concerned (its tables as text, or its addresses not
/// linked), or, with too much markup, as one paragraph of escaped text. `check_limits` says so
/// beforehand.
inline constexpr std::size_t max_table_cells = 200'000;       ///< columns × rows, all tables of a body
inline constexpr std::size_t max_autolink_work = 20'000'000;  ///< '@' signs × length of their runs
inline constexpr std::size_t max_headings = 1'000;            ///< headings in a body
inline constexpr std::size_t max_markup = 200'000;            ///< ASCII punctuation and line ends in a body

/// A body over one of the limits, at its 1-based line and column (characters).
struct limit_finding {
    int line = 0;
    int column = 0;
    bool error = true;  ///< false: a warning (the body renders, with less)
    std::string message;
};

/// Checks a body against the limits without rendering it: an error for too much markup, too many
/// table cells or headings, a warning for runs that turn its autolinks off. Linear in the body's size.
std::vector<limit_finding> check_limits(std::string_view markdown);

/// HTML-escapes text for element content and attribute values (`& < > " '`).
using core::escape_html;

}  // namespace briefs::markdown
