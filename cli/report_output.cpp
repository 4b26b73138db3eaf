#include "report_output.hpp"

#include <iostream>

#include "report/formats.hpp"

namespace mobcheck::cli {

ReportSink::ReportSink(const std::optional<std::string>& output) {
    if (output) file_ = std::make_unique<AtomicFile>(*output);
}

void ReportSink::write(const std::string& text) {
    if (file_) {
        file_->commit(text);
    } else {
        std::cout << text << std::flush;
    }
}

void ReportSink::write(const std::function<void(std::ostream&)>& write_to) {
    if (file_) {
        AtomicFileStream out(*file_);
        write_to(out);
        out.commit();
    } else {
        write_to(std::cout);
        std::cout << std::flush;
    }
}

ExtraReports open_extra_reports(const Options& o) {
    ExtraReports files;
    for (const auto& [format, path] : o.reports) files.push_back(std::make_unique<AtomicFile>(path));
    return files;
}

int write_reports(const Options& o, const ReportInput& input, ReportSink& sink, ExtraReports& extra) {
    ReportInput plain = input;
    plain.style.colour = false;  // a file: never colour, and as wide as the report on screen
    for (std::size_t i = 0; i < extra.size(); ++i) {
        AtomicFileStream out(*extra[i]);
        o.reports[i].first->write(plain, out);
        out.commit();
    }
    sink.write([&](std::ostream& out) { o.report_format->write(input, out); });
    return o.report_format->exit_code(input);
}

}  // namespace mobcheck::cli
