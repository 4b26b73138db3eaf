#include "html_diagram.hpp"

#include <algorithm>

#include "xml_text.hpp"

namespace mobcheck::html {

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

std::string diagram_svg(const std::vector<PhonePath>& paths, const std::vector<Result>& results) {
    constexpr int kBoxWidth = 230, kGap = 30, kLeft = 126, kLineHeight = 16, kMaxSeen = 4;
    constexpr std::size_t kMaxChars = 32;  // what fits a box at the diagram's font size
    auto fit = [&](const std::string& s) { return s.size() > kMaxChars ? s.substr(0, kMaxChars - 1) + "…" : s; };
    // The lines a step shows under its name: what the run saw, the last line counting what did not fit.
    auto seen_lines = [&](const Step& s) {
        std::vector<std::string> lines(s.seen.begin(), s.seen.begin() + std::min<std::size_t>(s.seen.size(), kMaxSeen));
        if (s.seen.size() > kMaxSeen) lines.back() = "and " + std::to_string(s.seen.size() - kMaxSeen + 1) + " more";
        return lines;
    };
    std::size_t columns = 0;
    std::vector<int> box_heights;
    for (const auto& path : paths) {
        columns = std::max(columns, path.steps.size());
        std::size_t most = 0;
        for (const auto& s : path.steps) most = std::max(most, seen_lines(s).size());
        box_heights.push_back(50 + static_cast<int>(most) * kLineHeight);
    }
    const int width = kLeft + static_cast<int>(columns) * (kBoxWidth + kGap);
    int height = 10;
    for (int h : box_heights) height += h + 30;
    std::string svg = "<svg class=\"diagram\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 " +
                      std::to_string(width) + " " + std::to_string(height) + "\" width=\"" + std::to_string(width) +
                      "\" height=\"" + std::to_string(height) + "\">\n";
    int y = 10;
    for (std::size_t row = 0; row < paths.size(); ++row) {
        const int box_height = box_heights[row], middle = y + 27;
        svg += "<text class=\"who\" x=\"4\" y=\"" + std::to_string(middle + 4) + "\">" +
               xml::escape(row == 0 ? "phone inside" : "phone outside") + "</text>\n";
        for (std::size_t col = 0; col < paths[row].steps.size(); ++col) {
            const Step& s = paths[row].steps[col];
            const int x = kLeft + static_cast<int>(col) * (kBoxWidth + kGap);
            const Status status = s.status();
            const std::string colour = colour_of(status);
            // The arrow from the step before (or from the phone).
            svg += "<line x1=\"" + std::to_string(col == 0 ? 114 : x - kGap) + "\" y1=\"" + std::to_string(middle) +
                   "\" x2=\"" + std::to_string(x - 4) + "\" y2=\"" + std::to_string(middle) +
                   "\" stroke=\"#616161\" stroke-width=\"2\"/>\n";
            std::string anchor;
            if (!s.results.empty()) anchor = "#r" + std::to_string(s.results.front() - results.data());
            std::string checks;
            for (const Result* r : s.results) checks += (checks.empty() ? "" : " ") + r->check;
            std::string seen;
            for (const auto& line : s.seen) seen += (seen.empty() ? "" : "; ") + line;
            svg += "<a" + (anchor.empty() ? std::string() : " href=\"" + anchor + "\"") + ">\n" +
                   "<g class=\"step " + std::string(to_string(status)) + "\" data-status=\"" + to_string(status) +
                   "\" data-label=\"" + xml::escape(s.label) + "\" data-checks=\"" + xml::escape(checks) +
                   "\" data-seen=\"" + xml::escape(seen) + "\">\n" + "<title>" +
                   xml::escape(s.role + ": " + s.label + " (" + to_string(status) + ")" + (seen.empty() ? "" : ": " + seen)) +
                   "</title>\n" + "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" width=\"" +
                   std::to_string(kBoxWidth) + "\" height=\"" + std::to_string(box_height) + "\" rx=\"8\" fill=\"" +
                   colour + "\" fill-opacity=\"0.15\" stroke=\"" + colour + "\" stroke-width=\"3\"/>\n" + "<text x=\"" +
                   std::to_string(x + 8) + "\" y=\"" + std::to_string(y + 20) + "\" class=\"role\">" + xml::escape(s.role) +
                   "</text>\n" + "<text x=\"" + std::to_string(x + 8) + "\" y=\"" + std::to_string(y + 40) +
                   "\" class=\"name\">" + xml::escape(fit(s.label)) + "</text>\n";
            int line_y = y + 40 + kLineHeight;
            for (const auto& line : seen_lines(s)) {
                svg += "<text x=\"" + std::to_string(x + 8) + "\" y=\"" + std::to_string(line_y) + "\" class=\"seen\">" +
                       xml::escape(fit(line)) + "</text>\n";
                line_y += kLineHeight;
            }
            svg += "</g>\n</a>\n";
        }
        y += box_height + 30;
    }
    return svg + "</svg>\n";
}

}  // namespace mobcheck::html
