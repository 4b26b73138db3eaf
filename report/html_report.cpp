// The HTML report: one self-contained page (inline CSS and SVG, no script, no fetch: a Content Security
// Policy forbids any) for a manager, a ticket or a change review. The verdict and counts, what to fix
// first, then per SIP domain the path a phone takes as a diagram and every result, problems open;
// the deployment-wide results; the certificates served. Filters by status are checkboxes styled by
// CSS, so the page needs no JavaScript and every problem shows without it.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <ostream>
#include <vector>

#include "checks/requirements.hpp"
#include "html_diagram.hpp"
#include "model/json_text.hpp"
#include "model/strings.hpp"
#include "model/utc_time.hpp"
#include "text_findings.hpp"
#include "writers.hpp"
#include "xml_text.hpp"

namespace mobcheck {

namespace {

using xml::escape;

constexpr const char* kStyle = R"css(
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1280px; padding: 0 16px 48px; color: #212121; }
h1 { font-size: 26px; margin: 20px 0 4px; } h2 { font-size: 20px; margin: 28px 0 8px; border-bottom: 1px solid #e0e0e0; }
.meta { color: #616161; margin: 0 0 12px; }
table { border-collapse: collapse; } td, th { padding: 4px 10px; border: 1px solid #e0e0e0; text-align: left; }
.counts td { text-align: right; min-width: 48px; }
.status { display: inline-block; min-width: 44px; padding: 0 6px; border-radius: 4px; color: #fff; font-weight: 600;
          font-size: 12px; text-align: center; text-transform: uppercase; }
.result { margin: 4px 0; } .result summary { cursor: pointer; } .result p { margin: 4px 0 4px 24px; }
.result pre { margin: 4px 0 8px 24px; padding: 8px; background: #f5f5f5; overflow-x: auto; font-size: 12px; }
.fix { font-weight: 600; } .subject { color: #424242; } code { font-size: 13px; }
.filters { position: sticky; top: 0; background: #fff; padding: 8px 0; border-bottom: 1px solid #e0e0e0; }
.filters label { margin-right: 14px; }
.diagram { max-width: 100%; height: auto; } .diagram text { font-size: 13px; fill: #212121; }
.diagram .role { font-weight: 600; } .diagram .seen { font-size: 12px; fill: #424242; } .diagram .who { font-size: 14px; font-weight: 600; }
#show-pass:not(:checked) ~ main .result.pass, #show-info:not(:checked) ~ main .result.info,
#show-skip:not(:checked) ~ main .result.skip, #show-warn:not(:checked) ~ main .result.warn,
#show-error:not(:checked) ~ main .result.error, #show-fail:not(:checked) ~ main .result.fail { display: none; }
)css";

std::string badge(Status status) {
    return "<span class=\"status\" style=\"background:" + std::string(html::colour_of(status)) + "\">" +
           to_string(status) + "</span>";
}

// One result: its line, and behind it the message, the fix, the waiver and the evidence. Problems
// are open, so that a reader without a mouse (or a printout) sees them whole.
void write_result(std::ostream& out, const Result& r, std::size_t index, std::size_t fix_number) {
    const bool open = is_problem(r.status) && !r.waived();
    out << "<div class=\"result " << to_string(r.status) << "\" id=\"r" << index << "\" data-check=\"" << escape(r.check)
        << "\" data-subject=\"" << escape(r.subject) << "\" data-status=\"" << to_string(r.status) << "\">\n<details"
        << (open ? " open" : "") << "><summary>" << badge(r.status) << " <code>" << escape(r.check)
        << "</code> <span class=\"subject\">" << escape(r.subject) << "</span>" << (r.waived() ? " (waived)" : "")
        << (fix_number > 0 ? " <a href=\"#fix" + std::to_string(fix_number) + "\">fix " + std::to_string(fix_number) + "</a>"
                           : "")
        << "</summary>\n<p>" << escape(r.message) << "</p>\n";
    if (!r.remediation.empty() && r.status != Status::Pass) {
        out << "<p><span class=\"fix\">Fix:</span> " << escape(r.remediation) << "</p>\n";
    }
    if (r.waiver) out << "<p>Waived: " << escape(r.waiver->reason) << " (" << escape(r.waiver->origin) << ")</p>\n";
    if (!r.evidence.empty()) out << "<pre>" << escape(json_text(r.evidence.json(), 2)) << "</pre>\n";
    out << "</details>\n</div>\n";
}

void write_counts(std::ostream& out, const Summary& summary) {
    out << "<table class=\"counts\"><tr>";
    for (Status s : kStatusesInSummaryOrder) out << "<th>" << badge(s) << "</th>";
    out << "<th>waived</th></tr><tr>";
    for (Status s : kStatusesInSummaryOrder) out << "<td>" << summary.count(s) << "</td>";
    out << "<td>" << summary.waived << "</td></tr></table>\n";
}

// The filter labels of unticked statuses fade, so that the reader sees what is hidden.
std::string filter_style() {
    std::string css;
    for (Status s : kStatusesInSummaryOrder) {
        css += "#show-" + std::string(to_string(s)) + ":not(:checked) ~ main label[for=show-" + to_string(s) +
               "] { opacity: 0.3; text-decoration: line-through; }\n";
    }
    return css;
}

void write_filters(std::ostream& out) {
    // Checkboxes before <main>: the stylesheet hides the results of an unticked status.
    for (Status s : kStatusesInSummaryOrder) {
        out << "<input type=\"checkbox\" id=\"show-" << to_string(s) << "\" checked hidden>\n";
    }
    out << "<main>\n<div class=\"filters\">Show: ";
    for (Status s : kStatusesInSummaryOrder) {
        out << "<label for=\"show-" << to_string(s) << "\">" << badge(s) << "</label>";
    }
    out << " <small>(click a status to hide or show it)</small></div>\n";
}

// Per certificate role (as mobcheck plan computes them): each name phones ask for, and whether the
// certificate served for that role covers it.
void write_certificate_needs(std::ostream& out, const ReportHeader& header) {
    const auto needs = certificate_needs(DeploymentNames{header.sip_domains, header.internal_web, header.external_web, {}});
    out << "<section id=\"certificate-names\"><h2>Certificate names: required and served</h2>\n";
    for (const CertificateNeed& need : needs) {
        // The certificate served for a name of this role alone (lyncdiscoverinternal.<sip> for the Front
        // End, lyncdiscover.<sip> for the reverse proxy) stands for the role; a name several roles
        // share (the external web FQDN) only when none of those was served.
        auto roles_naming = [&](const std::string& name) {
            return std::count_if(needs.begin(), needs.end(), [&](const CertificateNeed& n) {
                return std::find(n.names.begin(), n.names.end(), name) != n.names.end();
            });
        };
        const ServedCertificate* served = nullptr;
        for (bool own_names_only : {true, false}) {
            for (const auto& name : need.names) {
                if (served != nullptr || (own_names_only && roles_naming(name) > 1)) continue;
                for (const auto& c : header.certificates) {
                    if (c.leaf && c.name == name) {
                        served = &c;
                        break;
                    }
                }
            }
        }
        out << "<h3>" << escape(need.title) << "</h3>\n<p class=\"meta\">"
            << (served ? "served for " + escape(served->name) + " at " + escape(served->address) + ":" +
                             std::to_string(served->port)
                       : std::string("no certificate of this role was served in this run"))
            << "</p>\n<table class=\"names\" data-role=\"" << escape(need.role) << "\"><tr><th>name required</th>"
            << "<th>why</th><th>served</th></tr>\n";
        for (std::size_t i = 0; i < need.names.size(); ++i) {
            const std::string& name = need.names[i];
            Status status = Status::Skip;
            std::string served_text = "not seen";
            if (served) {
                const auto coverage = served->leaf->covers(name);
                status = coverage.covered ? Status::Pass : Status::Fail;
                served_text = coverage.covered ? "covered by " + coverage.matched
                              : coverage.subject_cn_only ? std::string("only in the subject CN (phones ignore it)")
                                                         : std::string("missing");
            }
            out << "<tr data-name=\"" << escape(name) << "\" data-status=\"" << to_string(status) << "\"><td>"
                << escape(name) << "</td><td>" << escape(i < need.why.size() ? need.why[i] : "") << "</td><td>"
                << badge(status) << " " << escape(served_text) << "</td></tr>\n";
        }
        out << "</table>\n";
    }
    out << "</section>\n";
}

// The certificates served, each with its expiry and the verdict of tls.validity about its endpoint
// (the rule, with its horizon and any severity override, is the check's; not judged here again).
void write_certificates(std::ostream& out, const ReportHeader& header, const std::vector<Result>& results) {
    if (header.certificates.empty()) return;
    std::map<std::string, Status> validity;
    for (const Result& r : results) {
        if (r.check == "tls.validity") validity.emplace(r.subject, r.status);
    }
    out << "<section id=\"certificates\"><h2>Certificates served</h2>\n<table><tr><th>name</th><th>address</th>"
           "<th>expires</th><th>tls.validity, days left</th></tr>\n";
    for (const auto& c : header.certificates) {
        char expires[32] = "";
        const std::time_t t = c.not_after;
        const std::tm tm = utc_fields(t);
        std::strftime(expires, sizeof expires, "%Y-%m-%d", &tm);
        char days[32];
        std::snprintf(days, sizeof days, "%.0f", c.days_left());
        const auto judged = validity.find(c.name + ":" + std::to_string(c.port));
        const Status status = judged == validity.end() ? Status::Skip : judged->second;
        out << "<tr><td>" << escape(c.name) << "</td><td>" << escape(c.address) << ":" << c.port << "</td><td>"
            << expires << "</td><td>" << badge(status) << " " << days << "</td></tr>\n";
    }
    out << "</table></section>\n";
}

}  // namespace

void write_html_report(const ReportInput& input, std::ostream& out) {
    const auto& results = input.results;
    const ReportHeader& header = input.header;
    const Summary summary = summarize(results);
    const int code = exit_code(summary, input.gate);
    const std::string verdict = code == 0 ? "ready for mobile clients" : code == 1 ? "not ready" : "undecided";
    const auto items = text::fix_items(find_causes(results));
    const text::FixNumbers numbers = text::fix_numbers(items);

    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>mobcheck: " << escape(join(header.sip_domains)) << ": " << verdict << "</title>\n<style>" << kStyle
        << filter_style() << "</style>\n</head>\n<body>\n";
    out << "<h1 class=\"verdict\" data-exit-code=\"" << code << "\">mobcheck: " << verdict << "</h1>\n<p class=\"meta\">SIP domains "
        << escape(join(header.sip_domains)) << " · vantage " << escape(header.vantage_label()) << " · recorded "
        << escape(header.started_at) << " by mobcheck " << escape(header.tool_version) << " · gate --fail-on "
        << to_string(input.gate) << "</p>\n";
    if (header.replayed_from) {
        out << "<p class=\"meta replay\">A replay of " << escape(*header.replayed_from) << ": nothing was probed now.</p>\n";
    }
    write_counts(out, summary);
    write_filters(out);

    if (!items.empty()) {
        out << "<section id=\"fix-first\"><h2>Fix first</h2>\n<ol>\n";
        for (std::size_t i = 0; i < items.size(); ++i) {
            const Result& first = *items[i].results.front();
            out << "<li id=\"fix" << i + 1 << "\">" << badge(first.status) << " <code>" << escape(first.check) << "</code> "
                << escape(text::first_and_more(items[i].results)) << (items[i].results.size() > 1 ? " like it" : "");
            if (items[i].blocks > 0) out << " (blocks " << items[i].blocks << ")";
            out << "<br><span class=\"fix\">Fix:</span> "
                << escape(first.remediation.empty() ? first.message : first.remediation) << "</li>\n";
        }
        out << "</ol></section>\n";
    }

    const auto groups = text::groups_of(header.sip_domains, results);
    // A SIP domain's diagram reads its own results and the deployment-wide ones (the web services).
    std::vector<const Result*> deployment;
    for (const auto& group : groups) {
        if (group.sip_domain.empty()) deployment.insert(deployment.end(), group.results.begin(), group.results.end());
    }
    for (const auto& group : groups) {
        if (group.results.empty()) continue;
        const std::string& name = group.sip_domain;
        out << "<section class=\"group\" data-group=\"" << escape(name) << "\"><h2>"
            << escape(name.empty() ? "Deployment (web services, ports)" : name) << "</h2>\n";
        if (!name.empty()) {
            std::vector<const Result*> read = group.results;
            read.insert(read.end(), deployment.begin(), deployment.end());
            out << html::diagram_svg(html::phone_paths(name, header.external_web.value_or(""), read), results);
        }
        // Problems first, then the rest, each in report order.
        for (bool problems : {true, false}) {
            for (const Result* r : group.results) {
                if ((is_problem(r->status) && !r->waived()) != problems) continue;
                write_result(out, *r, static_cast<std::size_t>(r - results.data()), text::fix_number(numbers, *r));
            }
        }
        out << "</section>\n";
    }
    write_certificate_needs(out, header);
    write_certificates(out, header, results);
    out << "</main>\n</body>\n</html>\n";
}

}  // namespace mobcheck
