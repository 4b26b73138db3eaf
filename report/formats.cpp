#include "model/enum_names.hpp"
#include "report/formats.hpp"

namespace mobcheck {

namespace {
constexpr EnumNames<ReportFormat, 6> kFormatNames{{
    {ReportFormat::Text, "text"},
    {ReportFormat::Json, "json"},
    {ReportFormat::Junit, "junit"},
    {ReportFormat::Markdown, "markdown"},
    {ReportFormat::Nagios, "nagios"},
    {ReportFormat::Prometheus, "prometheus"},
}};
}  // namespace

std::optional<ReportFormat> report_format_from_string(std::string_view name) { return enum_from_name(kFormatNames, name); }

const char* to_string(ReportFormat format) { return enum_name(kFormatNames, format); }

}  // namespace mobcheck
