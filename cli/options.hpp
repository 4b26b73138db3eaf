// The command line (SPEC §1), parsed into Options. Every rejection is a UsageError with one line.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/plan.hpp"
#include "checks/policy.hpp"
#include "checks/registry.hpp"
#include "report/formats.hpp"
#include "report/report.hpp"

namespace mobcheck::cli {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

enum class Format { Text, Json, Markdown };
enum class Colour { Auto, Always, Never };

struct Options {
    enum class Mode {
        Run, Replay, Merge, ListChecks, Explain, Help, Version, PlanNames, CheckCertificate, Diff, Completion, ManPage
    } mode = Mode::Run;
    Plan plan;
    Selection selection;
    Gate gate = Gate::Fail;
    Policy policy;  // severity overrides and waivers of the topology file (empty with --no-waivers: no waivers)
    enum class Progress { Auto, Always, Never } progress = Progress::Auto;
    Format format = Format::Text;               // --list-checks, --explain, plan
    // --format: the report of a run, a replay, a merge or mobcheck cert.
    const ReportFormat* report_format = find_report_format("text");
    // --report FORMAT=FILE, repeatable: more reports of the same run, each written whole.
    std::vector<std::pair<const ReportFormat*, std::string>> reports;
    std::vector<std::string> diff_files;       // mobcheck diff OLD NEW
    std::vector<std::string> merge_files;      // mobcheck merge FILE FILE...
    Colour colour = Colour::Auto;
    TextDetail text_detail = TextDetail::Default;  // -q, -v
    std::optional<std::string> output;         // --output FILE
    std::optional<std::string> save_evidence;  // --save-evidence FILE
    std::optional<std::string> replay;         // --replay FILE
    std::string explain_id;
    std::string help_text;  // filled for Mode::Help, Mode::Completion and Mode::ManPage
    std::optional<int> expiry_warn_days;  // --expiry-warn-days given: also applies to --replay
    std::optional<bool> managed_devices;  // --managed-devices (or the file's managed_devices): also for --replay

    // mobcheck plan: the names a deployment needs (no network).
    struct PlanRequest {
        std::vector<std::string> sip_domains;
        std::optional<std::string> internal_web, external_web, director;
        std::optional<std::string> req_config_role;  // --req-config ROLE: print only that openssl req config
    } plan_request;
    // mobcheck cert FILE: a certificate or request judged against those names.
    struct CertRequest {
        std::string file;
        std::string role;
        std::vector<std::string> sip_domains;
        std::optional<std::string> internal_web, external_web;
    } cert_request;
};

// Parses argv. Throws UsageError (exit 2) with a one-line reason.
Options parse_options(int argc, const char* const* argv, const Registry& registry);

}  // namespace mobcheck::cli
