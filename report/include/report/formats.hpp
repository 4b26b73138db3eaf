// Report formats for pipelines, monitoring and pull requests, beside text and JSON (report.hpp):
// JUnit XML (one testcase per result), Markdown (a PR comment or CI job summary), Nagios/Icinga
// plugin output, and a Prometheus textfile. Pure functions of the results; no rules here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/evidence.hpp"
#include "checks/registry.hpp"
#include "report/report.hpp"

namespace mobcheck {

enum class ReportFormat { Text, Json, Junit, Markdown, Nagios, Prometheus };

std::optional<ReportFormat> report_format_from_string(std::string_view name);
const char* to_string(ReportFormat format);

// JUnit XML: a testsuite per category, a testcase per result. `fail`, and `warn` when the gate is
// warn, are <failure>; `error` is <error>; `skip` is <skipped>; `info` and the rest pass, with the
// message as <system-out>.
std::string junit_report(const Evidence& evidence, const std::vector<Result>& results, const Registry& registry,
                         Gate gate);

// Markdown: a verdict line, the summary, the problems as a table per SIP domain, and the passes folded away.
std::string markdown_report(const Evidence& evidence, const std::vector<Result>& results, const Registry& registry,
                            Gate gate);

// Nagios plugin output: "MOBCHECK STATUS - summary | perfdata" then one line per problem.
std::string nagios_report(const Evidence& evidence, const std::vector<Result>& results);
// The plugin's exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (an `error` and nothing worse).
int nagios_exit_code(const Summary& summary);

// Prometheus text exposition format (for node_exporter's textfile collector).
std::string prometheus_report(const Evidence& evidence, const std::vector<Result>& results);

}  // namespace mobcheck
