#include <cstdio>
#include <map>
#include <ostream>

#include "writers.hpp"
#include "xml_text.hpp"

namespace mobcheck {

namespace {

struct Suite {
    std::vector<const Result*> cases;
    std::size_t failures = 0, errors = 0, skipped = 0;
};

// A waived result never fails the build: it is reported as skipped, with the waiver's reason.
bool is_failure(const Result& r, Gate gate) {
    return !r.waived() && (r.status == Status::Fail || (gate == Gate::Warn && r.status == Status::Warn));
}
bool is_error(const Result& r) { return !r.waived() && r.status == Status::Error; }
bool is_skipped(const Result& r) { return r.waived() || r.status == Status::Skip; }

std::string skip_message(const Result& r) {
    if (!r.waived()) return r.message;
    return "waived" + (r.waiver->expires.empty() ? "" : " until " + r.waiver->expires) + ": " + r.waiver->reason +
           " (" + to_string(r.status) + ": " + r.message + ")";
}

std::string seconds(double ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", ms / 1000);
    return buf;
}

}  // namespace

void write_junit_report(const ReportInput& input, std::ostream& out) {
    const auto& results = input.results;
    const Registry& registry = input.registry;
    const Gate gate = input.gate;
    // Suites in catalogue order of their categories.
    std::vector<std::string> order;
    std::map<std::string, Suite> suites;
    for (const auto& def : registry.all()) {
        if (suites.find(def.category()) == suites.end()) order.push_back(def.category());
        suites[def.category()];
    }
    std::size_t failures = 0, errors = 0, skipped = 0;
    for (const auto& r : results) {
        const auto* def = registry.find(r.check);
        Suite& s = suites[def != nullptr ? def->category() : r.check.substr(0, r.check.find('.'))];
        s.cases.push_back(&r);
        if (is_failure(r, gate)) ++s.failures, ++failures;
        if (is_error(r)) ++s.errors, ++errors;
        if (is_skipped(r)) ++s.skipped, ++skipped;
    }

    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<testsuites name=\"mobcheck\" tests=\"" << results.size() << "\" failures=\"" << failures
        << "\" errors=\"" << errors << "\" skipped=\"" << skipped << "\" time=\"" << seconds(input.header.duration_ms)
        << "\">\n";
    // A replay says so, and when its evidence was recorded, where a CI server shows suite properties.
    const std::string replay = input.header.replayed_from
                                   ? "    <properties>\n      <property name=\"mobcheck.replayed_from\" value=\"" +
                                         xml::escape(*input.header.replayed_from) +
                                         "\"/>\n      <property name=\"mobcheck.recorded_at\" value=\"" +
                                         xml::escape(input.header.started_at) + "\"/>\n    </properties>\n"
                                   : "";
    for (const auto& category : order) {
        const Suite& s = suites[category];
        if (s.cases.empty()) continue;
        out << "  <testsuite name=\"mobcheck." << xml::escape(category) << "\" tests=\"" << s.cases.size()
            << "\" failures=\"" << s.failures << "\" errors=\"" << s.errors << "\" skipped=\"" << s.skipped
            << "\" time=\"0.000\" timestamp=\"" << xml::escape(input.header.started_at) << "\">\n"
            << replay;
        for (const Result* r : s.cases) {
            out << "    <testcase classname=\"mobcheck." << xml::escape(r->check) << "\" name=\""
                << xml::escape(r->subject) << "\" time=\"0.000\">\n";
            const std::string detail = r->message + (r->remediation.empty() ? "" : "\nFix: " + r->remediation);
            if (is_failure(*r, gate)) {
                out << "      <failure type=\"" << to_string(r->status) << "\" message=\"" << xml::escape(r->message)
                    << "\">" << xml::escape(detail) << "</failure>\n";
            } else if (is_error(*r)) {
                out << "      <error type=\"error\" message=\"" << xml::escape(r->message) << "\">"
                    << xml::escape(detail) << "</error>\n";
            } else if (is_skipped(*r)) {
                out << "      <skipped message=\"" << xml::escape(skip_message(*r)) << "\"/>\n";
            } else {
                out << "      <system-out>" << xml::escape(std::string(to_string(r->status)) + ": " + detail)
                    << "</system-out>\n";
            }
            out << "    </testcase>\n";
        }
        out << "  </testsuite>\n";
    }
    out << "</testsuites>\n";
}

}  // namespace mobcheck
