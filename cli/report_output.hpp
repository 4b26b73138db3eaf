// Where a command's report goes, and the report of a judged run (a network run, a replay, a merge,
// mobcheck cert) written in its format and in every --report FORMAT=FILE.
#pragma once

#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "atomic_file.hpp"
#include "options.hpp"
#include "report/report.hpp"

namespace mobcheck::cli {

// Standard output, or --output FILE, written whole or not at all (AtomicFile).
class ReportSink {
public:
    // Creates the file now, so that a bad path fails before anything is probed or judged.
    explicit ReportSink(const std::optional<std::string>& output);
    void write(const std::string& text);
    // A report written piece by piece: a 500-domain JSON report is tens of MB.
    void write(const std::function<void(std::ostream&)>& write_to);

private:
    std::unique_ptr<AtomicFile> file_;
};

// The files of --report, created before the run so that a bad path fails before any probing.
using ExtraReports = std::vector<std::unique_ptr<AtomicFile>>;
ExtraReports open_extra_reports(const Options& options);

// Writes input in each --report format to its file (without colour), then in --format to sink.
// Returns the exit code of --format's report (ReportFormat::exit_code).
int write_reports(const Options& options, const ReportInput& input, ReportSink& sink, ExtraReports& extra);

}  // namespace mobcheck::cli
