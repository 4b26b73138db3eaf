// The report formats, by name: every one is written by a ReportWriter from a ReportInput (report.hpp).
// text (the terminal), json (the stable contract of SPEC §2), junit (one testcase per result), markdown
// (a PR comment or CI job summary), nagios (Nagios/Icinga plugin output), prometheus (a textfile for
// node_exporter). Pure functions of the input; no rules here.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "report/report.hpp"

namespace mobcheck {

using ReportWriter = void (*)(const ReportInput& input, std::ostream& out);

struct ReportFormat {
    std::string_view name;  // as --format and --report take it
    ReportWriter write;
    // The process's exit code with this report: the gate's verdict (ReportInput::exit_code), or for the
    // Nagios plugin output the plugin's own (nagios_exit_code).
    int (*exit_code)(const ReportInput& input);
};

// Every format, in the order --help lists them.
const std::vector<ReportFormat>& report_formats();
std::vector<std::string> report_format_names();
// The format called name; nullptr when there is none.
const ReportFormat* find_report_format(std::string_view name);

// The Nagios plugin's exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (an `error` and nothing worse).
int nagios_exit_code(const Summary& summary);

}  // namespace mobcheck
