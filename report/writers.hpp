// The writer of each report format; formats.cpp names them. Internal to report/: everyone else picks
// a writer by its format's name (report/formats.hpp).
#pragma once

#include <iosfwd>

#include "report/report.hpp"

namespace mobcheck {

// Results grouped by SIP domain, then a summary line (mobcheck cert: the file's results in one list).
void write_text_report(const ReportInput& input, std::ostream& out);
// The JSON report of json_report(), written one result at a time: a 500-domain report is tens of MB,
// and its DOM several times that.
void write_json_report(const ReportInput& input, std::ostream& out);
// A testsuite per category, a testcase per result. `fail`, and `warn` when the gate is warn, are
// <failure>; `error` is <error>; `skip` is <skipped>; `info` and the rest pass, with the message as
// <system-out>.
void write_junit_report(const ReportInput& input, std::ostream& out);
// The verdict, the counts, what to fix first, the problems per SIP domain, the passes counted.
void write_markdown_report(const ReportInput& input, std::ostream& out);
// "MOBCHECK STATUS - summary | perfdata" then one line per problem.
void write_nagios_report(const ReportInput& input, std::ostream& out);
// Prometheus text exposition format (for node_exporter's textfile collector).
void write_prometheus_report(const ReportInput& input, std::ostream& out);
// One self-contained HTML page: fix first, the path a phone takes per SIP domain, every result.
void write_html_report(const ReportInput& input, std::ostream& out);

}  // namespace mobcheck
