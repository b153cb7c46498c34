#pragma once
// What `briefs` says about a command line it cannot run: the mistake, named, with a suggestion.
#include <string>

#include <CLI/CLI.hpp>

namespace briefs::cli {

/// The message for a command line that CLI11 refused: an unknown command or option is named with the
/// nearest known one ("unknown command \"buidl\"; did you mean \"build\"?"); other mistakes keep
/// CLI11's wording. `e` is what `app.parse` threw (not a request for help).
std::string usage_error(const CLI::App& app, int argc, char** argv, const CLI::ParseError& e);

}  // namespace briefs::cli
