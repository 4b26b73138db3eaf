// "did you mean ...": the known word nearest a mistyped one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mobcheck::cli {

// Edit distance between a and b, a swap of neighbouring characters counting as one edit.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest word, when it is a near miss: at most two edits away (one for words of up to
// four characters, none for one or two) and nearer than any other; ties go to the first candidate.
std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'plan'?)" for a near miss, "" otherwise.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace mobcheck::cli
