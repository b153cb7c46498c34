#include "usage.hpp"

#include <algorithm>
#include <vector>

#include "briefs/core/diagnostic.hpp"

namespace briefs::cli {
namespace {

/// The nearest candidate by edit distance, else one that the word starts with or that starts with the
/// word ("--outdir" → "--out"), else "".
std::string suggestion(const std::string& word, const std::vector<std::string>& candidates) {
    if (auto near = core::nearest(word, candidates); !near.empty()) return near;
    for (const auto& c : candidates) {
        const std::size_t shorter = std::min(c.size(), word.size());
        if (shorter >= 3 && (word.starts_with(c) || c.starts_with(word))) return c;
    }
    return {};
}

const CLI::App* find_subcommand(const CLI::App& app, const std::string& name) {
    const auto subs = app.get_subcommands([&](const CLI::App* s) { return s->get_name() == name; });
    return subs.empty() ? nullptr : subs.front();
}

std::vector<std::string> subcommand_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* s : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(s->get_name());
    return names;
}

std::string quoted_list(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) out += (i ? (i + 1 == names.size() ? " or " : ", ") : "") + names[i];
    return out;
}

/// Every option name of `app` and the commands above it ("--out", "-j"), as typed.
std::vector<std::string> option_names(const std::vector<const CLI::App*>& chain) {
    std::vector<std::string> names;
    for (const CLI::App* a : chain) {
        for (const CLI::Option* o : a->get_options()) {
            for (const auto& l : o->get_lnames()) names.push_back("--" + l);
            for (const auto& s : o->get_snames()) names.push_back("-" + s);
        }
    }
    return names;
}

}  // namespace

std::string usage_error(const CLI::App& app, int argc, char** argv, const CLI::ParseError& e) {
    // Which command the line names: the first word that is not an option, then, for a command with
    // commands of its own (`new`), the next one.
    std::vector<const CLI::App*> chain{&app};
    std::string command = "briefs";
    bool words_only = false;  // after "--"
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--") {
            words_only = true;
            continue;
        }
        const CLI::App* current = chain.back();
        if (!words_only && arg.size() > 1 && arg[0] == '-') {
            const std::string name = arg.substr(0, arg.find('='));
            bool known = false;
            for (const CLI::App* a : chain) known = known || a->get_option_no_throw(name) != nullptr;
            if (known || (name.size() > 1 && name[1] != '-' && name.size() > 2)) {
                // A known option (its value, if any, follows), or a group of short flags.
                if (known && arg.find('=') == std::string::npos) {
                    const CLI::Option* o = nullptr;
                    for (const CLI::App* a : chain) o = o ? o : a->get_option_no_throw(name);
                    if (o && o->get_type_size() != 0 && i + 1 < argc) ++i;  // skip its value
                }
                continue;
            }
            std::string msg = "unknown option " + name + (chain.size() > 1 ? " for \"" + command + "\"" : "");
            if (auto near = suggestion(name, option_names(chain)); !near.empty()) msg += "; did you mean " + near + "?";
            return msg;
        }
        const auto subs = subcommand_names(*current);
        if (subs.empty()) continue;  // a positional argument of the command
        if (const CLI::App* sub = find_subcommand(*current, arg)) {
            chain.push_back(sub);
            command += " " + arg;
            continue;
        }
        std::string msg = "unknown command \"" + arg + "\"" + (chain.size() > 1 ? " for \"" + command + "\"" : "");
        if (auto near = suggestion(arg, subs); !near.empty()) return msg + "; did you mean \"" + near + "\"?";
        return msg + "; the commands are " + quoted_list(subs);
    }
    if (const auto subs = subcommand_names(*chain.back()); !subs.empty()) {
        return "\"" + command + "\" needs a command: " + quoted_list(subs);
    }
    return e.what();
}

}  // namespace briefs::cli
