#include "help_layout.hpp"

#include <sstream>
#include <vector>

#include "report/text_wrap.hpp"

namespace mobcheck::cli {

namespace {

// Under this width the description column would be too narrow to read: descriptions go under
// their option instead.
constexpr std::size_t kTwoColumnsFrom = kHelpColumn + 36;
constexpr std::size_t kNarrowIndent = 6;

std::size_t leading_spaces(const std::string& line) {
    const auto first = line.find_first_not_of(' ');
    return first == std::string::npos ? line.size() : first;
}

// "  --timeout SECONDS=3             seconds per network attempt": an option's name, then its
// description at the help column.
bool is_option_line(const std::string& line) {
    return line.size() > kHelpColumn && line.compare(0, 2, "  ") == 0 && line[2] != ' ' &&
           line.compare(kHelpColumn - 2, 2, "  ") == 0 && line[kHelpColumn] != ' ';
}

std::string trim_right(std::string text) {
    text.erase(text.find_last_not_of(' ') + 1);
    return text;
}

void lay_out_line(const std::string& line, std::size_t width, std::ostream& out) {
    const bool two_columns = width >= kTwoColumnsFrom;
    if (is_option_line(line) && (line.size() > width || !two_columns)) {
        const std::string description = line.substr(kHelpColumn);
        if (two_columns) {
            out << line.substr(0, kHelpColumn) << text::wrap(description, width, kHelpColumn) << "\n";
        } else {
            out << trim_right(line.substr(0, kHelpColumn)) << "\n"
                << std::string(kNarrowIndent, ' ') << text::wrap(description, width, kNarrowIndent) << "\n";
        }
        return;
    }
    const std::size_t indent = leading_spaces(line);
    if (line.size() <= width && (two_columns || indent != kHelpColumn)) {
        out << line << "\n";
        return;
    }
    // An example command stays one that can be pasted: its lines continue with a backslash.
    if (indent > 0 && (line.compare(indent, 9, "mobcheck ") == 0 || line.compare(indent, 8, "openssl ") == 0)) {
        const std::string wrapped = text::wrap(line.substr(indent), width - 2, indent + 2);
        out << std::string(indent, ' ');
        for (char c : wrapped) {
            if (c == '\n') out << " \\";
            out << c;
        }
        out << "\n";
        return;
    }
    // A description CLI11 put on the line after a long option name, or a paragraph.
    const std::size_t new_indent = indent == kHelpColumn && !two_columns ? kNarrowIndent : indent;
    out << std::string(new_indent, ' ') << text::wrap(line.substr(indent), width, new_indent) << "\n";
}

}  // namespace

std::string lay_out_help(const std::string& help, std::size_t width) {
    std::vector<std::string> lines;
    std::istringstream in(help);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    // CLI11 writes the description before the usage line; a reader looks for the usage first.
    std::size_t usage = 0;
    while (usage < lines.size() && lines[usage].rfind("Usage:", 0) != 0) ++usage;
    if (usage > 0 && usage < lines.size()) {
        std::vector<std::string> reordered = {lines[usage], ""};
        reordered.insert(reordered.end(), lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(usage));
        reordered.insert(reordered.end(), lines.begin() + static_cast<std::ptrdiff_t>(usage) + 1, lines.end());
        lines = std::move(reordered);
    }
    std::ostringstream out;
    for (const auto& line : lines) lay_out_line(line, width, out);
    return out.str();
}

}  // namespace mobcheck::cli
