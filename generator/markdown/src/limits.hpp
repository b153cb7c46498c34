#pragma once
// What a body costs cmark-gfm before it is parsed: a linear scan of its bytes (ASCII only: '|', '-',
// '@', '#'…; multi-byte characters are never split), shared by `check_limits` and by the parser,
// which leaves out an extension whose work would not be bounded.
#include <cstddef>
#include <string_view>

namespace briefs::markdown::detail {

struct budget {
    /// Table cells cmark-gfm would allocate (columns × rows of every table; short rows are padded),
    /// counted generously: each line that looks like a delimiter row opens a table.
    std::size_t table_cells = 0;
    std::size_t table_offset = 0;   ///< where the table that passed max_table_cells starts (its header row)
    std::size_t table_columns = 0;  ///< that table's columns and rows
    std::size_t table_rows = 0;
    bool tables_ok = true;

    /// Steps of the autolink extension's email matching: for each run of characters an address can
    /// hold, its '@' signs × its length (each '@' is matched by a scan to the end of the run).
    std::size_t autolink_work = 0;
    std::size_t autolink_offset = 0;  ///< the run that passed max_autolink_work
    std::size_t autolink_ats = 0;     ///< its '@' signs and length
    std::size_t autolink_length = 0;
    bool autolinks_ok = true;

    /// ASCII punctuation and line ends: each can start a node of cmark's tree (a delimiter, a list
    /// item, a line break…), so their number bounds the tree's memory (about 250 bytes a node).
    std::size_t markup = 0;
    std::size_t markup_offset = 0;  ///< where the count passed max_markup
    bool markup_ok = true;

    /// Lines that may be headings (ATX `#` lines and setext underlines): at least as many as there are.
    std::size_t heading_candidates = 0;
};

budget scan(std::string_view md);

}  // namespace briefs::markdown::detail
