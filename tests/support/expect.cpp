#include "expect.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace testsupport::expect {

namespace {

namespace fs = std::filesystem;

const std::set<std::string> kStatuses = {"pass", "info", "warn", "fail", "skip", "error"};
const std::string kMobilityUrls = "topology.mobility-urls-external";

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos) return "";
    const auto last = s.find_last_not_of(" \t\r");
    return s.substr(first, last - first + 1);
}

// Splits on blanks; "double quotes" keep a token's blanks (a subject such as "branch appliances").
std::vector<std::string> tokens(const std::string& text, const std::string& where) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ' ' || text[i] == '\t' || text[i] == '\r') {
            ++i;
            continue;
        }
        std::string token;
        if (text[i] == '"') {
            const auto close = text.find('"', i + 1);
            if (close == std::string::npos) throw FormatError(where + ": a quote is not closed");
            token = text.substr(i + 1, close - i - 1);
            i = close + 1;
        } else {
            while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != '\r') token += text[i++];
        }
        out.push_back(token);
    }
    return out;
}

Line result_line(const std::vector<std::string>& t, int number, const std::string& where) {
    if (t.size() < 3 || t.size() > 4) {
        throw FormatError(where + ": expected CHECK SUBJECT STATUS [REASON], or a keyword (args:, env:, unlisted:, says:, by:, fixture:)");
    }
    Line line;
    line.check = t[0];
    line.subject = t[1];
    line.line_number = number;
    if (line.check.find('.') == std::string::npos) throw FormatError(where + ": \"" + line.check + "\" is not a check ID");
    std::stringstream alternatives(t[2]);
    std::string status;
    while (std::getline(alternatives, status, '|')) {
        if (kStatuses.count(status) == 0) {
            throw FormatError(where + ": \"" + t[2] + "\" is not a status (pass, info, warn, fail, skip, error, or a|b)");
        }
        line.statuses.push_back(status);
    }
    if (line.statuses.empty()) throw FormatError(where + ": no status");
    if (t.size() == 4) line.reason = t[3];
    return line;
}

void add_unique(std::vector<Line>& lines, Line line, const std::string& where) {
    for (const auto& l : lines) {
        if (l.check == line.check && l.subject == line.subject) {
            throw FormatError(where + ": " + line.check + " " + line.subject + " is listed already at line " +
                              std::to_string(l.line_number));
        }
    }
    lines.push_back(std::move(line));
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

std::string joined(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
    return out;
}

}  // namespace

bool Expectation::has_arg(const std::string& option) const { return contains(args, option); }

std::string Expectation::gate() const {
    for (std::size_t i = 0; i + 1 < args.size(); ++i) {
        if (args[i] == "--fail-on") return args[i + 1];
    }
    return "fail";
}

Expectation parse(const std::string& text, const std::string& scenario, const std::string& origin) {
    Expectation e;
    e.scenario = scenario;
    std::istringstream in(text);
    std::string raw;
    int number = 0;
    std::vector<Line>* last_list = nullptr;  // the list holding the result line a says: refers to
    bool unlisted_seen = false;
    while (std::getline(in, raw)) {
        ++number;
        const std::string where = origin + ":" + std::to_string(number);
        const std::string line = trim(raw);
        if (line.empty() || line[0] == '#') continue;
        const auto colon = line.find(':');
        const std::string keyword = colon == std::string::npos ? "" : line.substr(0, colon);
        const std::string rest = colon == std::string::npos ? "" : trim(line.substr(colon + 1));
        if (keyword == "args") {
            for (auto& t : tokens(rest, where)) e.args.push_back(std::move(t));
        } else if (keyword == "env") {
            for (const auto& t : tokens(rest, where)) {
                const auto eq = t.find('=');
                if (eq == std::string::npos || eq == 0) throw FormatError(where + ": env: takes NAME=VALUE");
                e.env[t.substr(0, eq)] = t.substr(eq + 1);
            }
        } else if (keyword == "unlisted") {
            if (unlisted_seen) throw FormatError(where + ": unlisted: is given twice");
            if (kStatuses.count(rest) == 0) throw FormatError(where + ": unlisted: takes one status");
            e.unlisted = rest;
            unlisted_seen = true;
        } else if (keyword == "says") {
            if (last_list == nullptr || last_list->empty()) throw FormatError(where + ": says: must follow a result line");
            if (rest.empty()) throw FormatError(where + ": says: needs a text");
            last_list->back().says.push_back(rest);
        } else if (keyword == "by") {
            if (last_list == nullptr || last_list->empty()) throw FormatError(where + ": by: must follow a result line");
            const auto cause = tokens(rest, where);
            if (cause.size() != 2) throw FormatError(where + ": by: takes CHECK SUBJECT, the result the line above is blocked by");
            last_list->back().blocked_by = cause[0] + " " + cause[1];
        } else if (keyword == "fixture") {
            const std::string prefix = "not comparable:";
            if (rest.rfind(prefix, 0) == 0) {
                e.fixture_comparable = false;
                e.fixture_not_comparable_because = trim(rest.substr(prefix.size()));
                if (e.fixture_not_comparable_because.empty()) throw FormatError(where + ": fixture: not comparable: needs a reason");
                last_list = nullptr;
            } else {
                add_unique(e.fixture_lines, result_line(tokens(rest, where), number, where), where);
                last_list = &e.fixture_lines;
            }
        } else {
            add_unique(e.lines, result_line(tokens(line, where), number, where), where);
            last_list = &e.lines;
        }
    }
    if (!e.fixture_comparable && !e.fixture_lines.empty()) {
        throw FormatError(origin + ": a fixture that is not comparable has no fixture: result lines");
    }
    return e;
}

std::string path_of(const std::string& scenario) {
    return std::string(MOBCHECK_TESTDATA) + "/lab/scenarios/" + scenario + "/expect";
}

Expectation load(const std::string& scenario) {
    const std::string path = path_of(scenario);
    std::ifstream in(path);
    if (!in) throw FormatError(path + ": cannot read it (a scenario is its folder plus its expect file)");
    std::stringstream text;
    text << in.rdbuf();
    return parse(text.str(), scenario, "testdata/lab/scenarios/" + scenario + "/expect");
}

std::vector<std::string> scenarios() {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(std::string(MOBCHECK_TESTDATA) + "/lab/scenarios")) {
        if (entry.is_directory()) names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<std::string> standard_args(const std::string& ca_file) {
    return {"--sip",          "contoso.com",        "--sip",          "fabrikam.com",         "--internal-dns",
            "127.0.0.53",     "--external-dns",     "127.0.0.54",     "--internal-web",       "pool01.contoso.net",
            "--external-web", "webext.contoso.com", "--sba",          "sba-oslo.contoso.net", "--sba",
            "sba-lima.contoso.net", "--format",     "json",           "--timeout",            "1",
            "--ca-file",      ca_file};
}

std::vector<std::string> with_extra(std::vector<std::string> args, const std::vector<std::string>& extra) {
    static const std::set<std::string> single = {"--timeout", "--format", "--internal-web", "--external-web", "--ca-file",
                                                "--internal-dns", "--external-dns"};
    for (std::size_t i = 0; i < extra.size(); ++i) {
        if (single.count(extra[i]) != 0 && i + 1 < extra.size()) {
            const auto it = std::find(args.begin(), args.end(), extra[i]);
            if (it != args.end() && it + 1 != args.end()) {
                *(it + 1) = extra[++i];
                continue;
            }
        }
        args.push_back(extra[i]);
    }
    return args;
}

void check_results(const std::vector<Line>& lines, const std::string& unlisted, bool user,
                   const std::vector<Observed>& observed) {
    REQUIRE_MESSAGE(!observed.empty(), "no results at all");
    std::map<std::pair<std::string, std::string>, int> seen;
    for (const auto& o : observed) {
        CAPTURE(o.check);
        CAPTURE(o.subject);
        CAPTURE(o.message);
        ++seen[{o.check, o.subject}];
        const auto listed = std::find_if(lines.begin(), lines.end(), [&](const Line& l) {
            return l.check == o.check && l.subject == o.subject;
        });
        if (listed == lines.end()) {
            const std::string want = o.check == kMobilityUrls && !user ? "skip" : unlisted;
            CHECK_MESSAGE(o.status == want, "not listed, so expected " << want << ", got " << o.status);
            continue;
        }
        CAPTURE(listed->line_number);
        CHECK_MESSAGE(contains(listed->statuses, o.status),
                      "expected " << joined(listed->statuses, "|") << ", got " << o.status);
        if (!listed->reason.empty()) CHECK(o.reason == listed->reason);
        if (!listed->blocked_by.empty()) CHECK(o.blocked_by == listed->blocked_by);
        for (const auto& text : listed->says) {
            CHECK_MESSAGE(o.message.find(text) != std::string::npos, "the message does not say \"" << text << "\"");
        }
    }
    for (const auto& entry : seen) {
        const auto& key = entry.first;  // CAPTURE's lambda may not name a structured binding (clang)
        const auto& count = entry.second;
        CAPTURE(key.first);
        CAPTURE(key.second);
        CHECK_MESSAGE(count == 1, "one result per (check, subject)");
    }
    for (const auto& l : lines) {
        CAPTURE(l.line_number);
        CHECK_MESSAGE(seen.count({l.check, l.subject}) == 1, "listed, but no result " << l.check << " " << l.subject);
    }
}

std::vector<Line> fixture_view(const Expectation& e) {
    std::vector<Line> lines = e.lines;
    for (const auto& f : e.fixture_lines) {
        const auto it = std::find_if(lines.begin(), lines.end(),
                                     [&](const Line& l) { return l.check == f.check && l.subject == f.subject; });
        if (it == lines.end()) {
            lines.push_back(f);
        } else {
            *it = f;
        }
    }
    return lines;
}

int gate_exit_code(const std::vector<Observed>& observed, const std::string& gate) {
    bool tripped = false, error = false;
    for (const auto& o : observed) {
        if (o.status == "fail" || (gate == "warn" && o.status == "warn")) tripped = true;
        if (o.status == "error") error = true;
    }
    return tripped ? 1 : (error ? 3 : 0);
}

}  // namespace testsupport::expect
