#include "html_diagram.hpp"

#include <algorithm>

#include "model/names.hpp"
#include "xml_text.hpp"

namespace mobcheck::html {

namespace {

// Which results judge a step: a check (or every check of a category, "tls.*") about a subject.
struct Judges {
    std::string check;
    std::string subject;
};

bool judges(const Judges& j, const Result& r) {
    const bool check = j.check.back() == '*' ? r.check.rfind(j.check.substr(0, j.check.size() - 1), 0) == 0
                                             : r.check == j.check;
    return check && r.subject == j.subject;
}

Step step(std::string label, std::string role, const std::vector<Judges>& by, const std::vector<const Result*>& results) {
    Step s{std::move(label), std::move(role), {}};
    for (const Result* r : results) {
        if (std::any_of(by.begin(), by.end(), [&](const Judges& j) { return judges(j, *r); })) s.results.push_back(r);
    }
    return s;
}

}  // namespace

Status Step::status() const {
    if (results.empty()) return Status::Skip;
    Status worst = Status::Pass;
    for (const Result* r : results) {
        const Status s = r->waived() ? Status::Info : r->status;  // an accepted problem is not drawn as one
        worst = std::max(worst, s);
    }
    return worst;
}

const char* colour_of(Status status) {
    switch (status) {
        case Status::Pass: return "#2e7d32";
        case Status::Info: return "#0277bd";
        case Status::Skip: return "#9e9e9e";
        case Status::Warn: return "#ef6c00";
        case Status::Error: return "#7b1fa2";
        case Status::Fail: return "#c62828";
    }
    return "#9e9e9e";
}

std::vector<PhonePath> phone_paths(const std::string& sip, const std::vector<const Result*>& results) {
    const std::string inside = lyncdiscoverinternal_name(sip), outside = lyncdiscover_name(sip);
    PhonePath in{"a phone inside (corporate network or Wi-Fi)", {}};
    in.steps.push_back(step(inside, "internal DNS",
                            {{"dns.lyncdiscoverinternal", sip}, {"dns.internal-name-hidden", sip}}, results));
    in.steps.push_back(step(inside + ":443", "Front End or Director (TLS)",
                            {{"tls.*", inside + ":443"}, {"tls.lyncdiscoverinternal-san", sip}}, results));
    in.steps.push_back(step("https://" + inside + "/", "Autodiscover root", {{"http.lyncdiscoverinternal", sip}}, results));
    in.steps.push_back(step("user link", "OAuth challenge", {{"http.user-challenge", inside}}, results));

    PhonePath out{"a phone on the Internet", {}};
    out.steps.push_back(step(outside, "external DNS", {{"dns.lyncdiscover", sip}, {"dns.cname-domain", sip}}, results));
    out.steps.push_back(step(outside + ":443", "reverse proxy (TLS)",
                             {{"tls.*", outside + ":443"}, {"tls.lyncdiscover-san", sip}}, results));
    out.steps.push_back(step("https://" + outside + "/", "Autodiscover root",
                             {{"http.lyncdiscover", sip}, {"http.lyncdiscover-port80", sip}}, results));
    out.steps.push_back(step("user link", "OAuth challenge", {{"http.user-challenge", outside}}, results));
    return {in, out};
}

std::string diagram_svg(const std::vector<PhonePath>& paths, const std::vector<Result>& results) {
    constexpr int kBoxWidth = 210, kBoxHeight = 54, kGap = 34, kRowHeight = 96, kLeft = 170;
    const std::size_t columns = std::max_element(paths.begin(), paths.end(), [](const auto& a, const auto& b) {
                                    return a.steps.size() < b.steps.size();
                                })->steps.size();
    const int width = kLeft + static_cast<int>(columns) * (kBoxWidth + kGap);
    const int height = static_cast<int>(paths.size()) * kRowHeight + 10;
    std::string svg = "<svg class=\"diagram\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 " +
                      std::to_string(width) + " " + std::to_string(height) + "\" width=\"" + std::to_string(width) +
                      "\" height=\"" + std::to_string(height) + "\">\n";
    for (std::size_t row = 0; row < paths.size(); ++row) {
        const int y = 10 + static_cast<int>(row) * kRowHeight;
        svg += "<text class=\"who\" x=\"4\" y=\"" + std::to_string(y + kBoxHeight / 2 + 4) + "\">" +
               xml::escape(row == 0 ? "phone inside" : "phone outside") + "</text>\n";
        for (std::size_t col = 0; col < paths[row].steps.size(); ++col) {
            const Step& s = paths[row].steps[col];
            const int x = kLeft + static_cast<int>(col) * (kBoxWidth + kGap);
            const Status status = s.status();
            const std::string colour = colour_of(status);
            // The arrow from the step before (or from the phone).
            svg += "<line x1=\"" + std::to_string(col == 0 ? 120 : x - kGap) + "\" y1=\"" +
                   std::to_string(y + kBoxHeight / 2) + "\" x2=\"" + std::to_string(x - 4) + "\" y2=\"" +
                   std::to_string(y + kBoxHeight / 2) + "\" stroke=\"#616161\" stroke-width=\"2\"/>\n";
            std::string anchor;
            if (!s.results.empty()) anchor = "#r" + std::to_string(s.results.front() - results.data());
            std::string checks;
            for (const Result* r : s.results) checks += (checks.empty() ? "" : " ") + r->check;
            svg += "<a" + (anchor.empty() ? std::string() : " href=\"" + anchor + "\"") + ">\n" +
                   "<g class=\"step " + std::string(to_string(status)) + "\" data-status=\"" + to_string(status) +
                   "\" data-label=\"" + xml::escape(s.label) + "\" data-checks=\"" + xml::escape(checks) + "\">\n" +
                   "<title>" + xml::escape(s.role + ": " + s.label + " (" + to_string(status) + ")") + "</title>\n" +
                   "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" width=\"" +
                   std::to_string(kBoxWidth) + "\" height=\"" + std::to_string(kBoxHeight) +
                   "\" rx=\"8\" fill=\"" + colour + "\" fill-opacity=\"0.15\" stroke=\"" + colour +
                   "\" stroke-width=\"3\"/>\n" + "<text x=\"" + std::to_string(x + 8) + "\" y=\"" +
                   std::to_string(y + 20) + "\" class=\"role\">" + xml::escape(s.role) + "</text>\n" + "<text x=\"" +
                   std::to_string(x + 8) + "\" y=\"" + std::to_string(y + 40) + "\" class=\"name\">" +
                   xml::escape(s.label.size() > 30 ? s.label.substr(0, 29) + "…" : s.label) + "</text>\n</g>\n</a>\n";
        }
    }
    return svg + "</svg>\n";
}

}  // namespace mobcheck::html
