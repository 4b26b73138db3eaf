#include "report/formats.hpp"

#include "writers.hpp"

namespace mobcheck {

namespace {
int gate_verdict(const ReportInput& input) { return input.exit_code(); }
int plugin_verdict(const ReportInput& input) { return nagios_exit_code(summarize(input.results)); }
}  // namespace

const std::vector<ReportFormat>& report_formats() {
    static const std::vector<ReportFormat> formats = {
        {"text", write_text_report, gate_verdict},
        {"json", write_json_report, gate_verdict},
        {"junit", write_junit_report, gate_verdict},
        {"markdown", write_markdown_report, gate_verdict},
        {"nagios", write_nagios_report, plugin_verdict},
        {"prometheus", write_prometheus_report, gate_verdict},
        {"html", write_html_report, gate_verdict},
    };
    return formats;
}

std::vector<std::string> report_format_names() {
    std::vector<std::string> names;
    for (const auto& format : report_formats()) names.emplace_back(format.name);
    return names;
}

const ReportFormat* find_report_format(std::string_view name) {
    for (const auto& format : report_formats()) {
        if (format.name == name) return &format;
    }
    return nullptr;
}

}  // namespace mobcheck
