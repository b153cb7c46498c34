#include "plausible.hpp"

#include <cmath>

namespace briefs::content::detail {

namespace {
constexpr double k_max_change_percent = 1000;  // a tenfold rise; a fall is at most -100 % but typos go both ways
constexpr double k_max_change_points = 100;    // a rate moves by at most 100 percentage points
constexpr double k_max_amount = 1e13;          // ten trillion: more yuan than a province's budget
}  // namespace

std::optional<std::string> implausible(const std::string& unit, double value) {
    if (unit == "percent") {
        if (value < 0 || value > 100) return "a percentage (unit \"percent\") must be between 0 and 100; for a change use \"percent_change\"";
    } else if (unit == "percent_change" || unit == "change:percent") {
        if (value < -k_max_change_percent || value > k_max_change_percent) return "a change in percent must be between -1000 and 1000";
    } else if (unit == "point_change" || unit == "change:points") {
        if (value < -k_max_change_points || value > k_max_change_points) return "a change in percentage points must be between -100 and 100";
    } else if (unit == "rank") {
        if (value < 1 || value != std::floor(value) || value >= k_max_amount) return "a rank (unit \"rank\") is a whole number from 1 (first)";
    } else {
        if (value < 0) return "a " + unit + " cannot be negative";
        if (value >= k_max_amount) return "a " + unit + " must be less than 10,000,000,000,000 (1e13); is a unit or a decimal point wrong?";
    }
    return std::nullopt;
}

}  // namespace briefs::content::detail
