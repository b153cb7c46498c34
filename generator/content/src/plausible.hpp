#pragma once
// Bounds on what a figure can be, per unit (docs/content-format.md): a value outside them is a typo
// or a unit mix-up, and would also make the chart and the cards meaningless.
#include <optional>
#include <string>

namespace briefs::content::detail {

/// Why `value` cannot be a figure in `unit`, or nullopt. `unit` is a unit name of the i18n files, or
/// "change:percent" / "change:points" for a metric's `change`.
std::optional<std::string> implausible(const std::string& unit, double value);

}  // namespace briefs::content::detail
