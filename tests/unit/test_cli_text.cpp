// The command line's own text: did-you-mean, --help laid out for a terminal, and what the terminal
// mobcheck writes to can show.
#include <doctest/doctest.h>

#include <sstream>

#include "help_layout.hpp"
#include "suggest.hpp"
#include "terminal.hpp"

using namespace mobcheck::cli;

TEST_CASE("suggest: a near miss is suggested - a swap or a letter too many or too few - and nothing else") {
    const std::vector<std::string> commands = {"plan", "cert", "diff", "merge", "completion"};
    struct Row {
        const char* word;
        const char* expected;  // "" for no suggestion
    };
    const Row rows[] = {
        {"plna", "plan"},      {"pln", "plan"},        {"plans", "plan"},    {"mrege", "merge"},
        {"merg", "merge"},     {"complteion", "completion"}, {"crt", "cert"}, {"xyz", ""},
        {"pl", ""},            {"p", ""},              {"", ""},             {"diffs", "diff"},
        {"deploy", ""},        {"plan", "plan"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.word);
        const auto best = nearest(row.word, commands);
        CHECK(best.value_or("") == row.expected);
    }
    CHECK(edit_distance("plna", "plan") == 1);
    CHECK(edit_distance("abc", "abc") == 0);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
    // Four letters allow one edit, five or more two.
    CHECK_FALSE(nearest("cxrx", {"cert"}).has_value());
    CHECK(nearest("timout", {"timeout"}).value_or("") == "timeout");
    CHECK(nearest("tmiuot", {"timeout"}).value_or("") == "");  // three edits
    CHECK(did_you_mean("--tiemout", {"--timeout", "--sip"}) == " (did you mean '--timeout'?)");
    CHECK(did_you_mean("--zzz", {"--timeout"}).empty());
}

TEST_CASE("terminal: $COLUMNS and the charset's name are read strictly") {
    CHECK(columns_from_env(nullptr) == std::nullopt);
    CHECK(columns_from_env("") == std::nullopt);
    CHECK(columns_from_env("80") == std::optional<std::size_t>(80));
    CHECK(columns_from_env("0") == std::nullopt);
    CHECK(columns_from_env("-5") == std::nullopt);
    CHECK(columns_from_env("80x") == std::nullopt);
    CHECK(columns_from_env("1234567") == std::nullopt);
    CHECK(columns_from_env("999999") == std::optional<std::size_t>(999999));
    for (const char* yes : {"UTF-8", "utf8", "utf-8", "UTF8", "Utf_8"}) CHECK(is_utf8_charset(yes));
    for (const char* no : {"ANSI_X3.4-1968", "ISO-8859-1", "", "UTF-16", "utf"}) CHECK_FALSE(is_utf8_charset(no));
}

TEST_CASE("help layout: the usage line first and every line within the width") {
    const std::string option_line = "  --timeout SECONDS=3" + std::string(kHelpColumn - 21, ' ') +
                                    "seconds per network attempt (0.1 to 300), once more to make the line long enough "
                                    "to wrap at eighty columns";
    const std::string help = "mobcheck tells an administrator whether the deployment is ready for mobile clients.\n"
                             "Usage: mobcheck [OPTIONS] [SUBCOMMAND]\n\nOptions:\n" +
                             option_line + "\n\nExamples:\n  mobcheck --sip contoso.com --sip fabrikam.com "
                             "--internal-dns 10.0.0.10 --external-dns 1.1.1.1 --format json -o report.json\n";
    for (std::size_t width : {50, 70, 80, 120}) {
        CAPTURE(width);
        const std::string laid = lay_out_help(help, width);
        CHECK(laid.rfind("Usage: mobcheck [OPTIONS] [SUBCOMMAND]\n\nmobcheck tells", 0) == 0);
        std::istringstream in(laid);
        std::size_t lines = 0;
        for (std::string line; std::getline(in, line); ++lines) {
            CAPTURE(line);
            CHECK(line.size() <= width);
        }
        CHECK(lines >= 7);
        // An example stays a command that can be pasted: its wrapped lines end in a backslash.
        if (width < 100) CHECK(laid.find(" \\\n    ") != std::string::npos);
        // Two columns from 70; under that, the description goes under its option.
        if (width >= 70) {
            CHECK(laid.find("  --timeout SECONDS=3" + std::string(kHelpColumn - 21, ' ') + "seconds per") != std::string::npos);
        } else {
            CHECK(laid.find("  --timeout SECONDS=3\n      seconds per") != std::string::npos);
        }
    }
    CHECK(lay_out_help(help, 200).find(option_line) != std::string::npos);  // room enough: untouched
}
