#include "model/file_path.hpp"
#include "model/json_text.hpp"
#include "run.hpp"


#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>

#include "atomic_file.hpp"
#include "password.hpp"
#include "progress.hpp"
#include "diff_command.hpp"
#include "offline_commands.hpp"
#include "report_output.hpp"
#include "terminal.hpp"
#include "help_layout.hpp"
#include "parse_errors.hpp"
#include "report/text_wrap.hpp"
#include "engine/engine.hpp"
#include "model/evidence_json.hpp"
#include "checks/merge.hpp"
#include "checks/policy.hpp"
#include "report/report.hpp"

namespace mobcheck::cli {

namespace {

// Big enough for any real evidence file, small enough that a wrong file is refused quickly.
constexpr std::streamsize kMaxEvidenceBytes = 256 * 1024 * 1024;

// what: the flag or command that reads it, for the message ("--replay", "merge").
Evidence load_evidence(const std::string& path, const std::string& what) {
    std::ifstream in(file_path(path), std::ios::binary);
    if (!in) throw UsageError(what + ": cannot read " + path + ": " + std::strerror(errno));
    in.seekg(0, std::ios::end);
    if (in.tellg() > kMaxEvidenceBytes) throw UsageError(what + ": " + path + " is larger than 256 MiB");
    in.seekg(0);
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw UsageError(what + ": " + path + " is not valid JSON: " + json_problem(e));
    }
    try {
        return evidence_from_json(json);
    } catch (const EvidenceFormatError& e) {
        throw UsageError(what + ": " + path + ": " + e.what());
    }
}

bool use_colour(const Options& o) {
    if (o.colour == Colour::Always) return true;
    if (o.colour == Colour::Never || o.output) return false;
    const char* no_colour = std::getenv("NO_COLOR");
    if (no_colour != nullptr && *no_colour != '\0') return false;
    const char* term = std::getenv("TERM");
    if (term != nullptr && std::string(term) == "dumb") return false;
    return is_terminal(Stream::Out) && terminal_takes_sequences(Stream::Out);
}

// The results of a judged run, after the topology file's policy.
struct Judged {
    std::vector<Result> results;
    std::vector<WaiverOutcome> waivers;
};

std::vector<Result> judge_under_policy(const Evidence& evidence, const Registry& registry, const Options& o) {
    std::vector<Result> results = judge(evidence, registry, o.selection);
    apply_severity_overrides(results, o.policy.severity);
    return results;
}

Judged with_waivers(std::vector<Result> results, const Options& o) {
    Judged judged{std::move(results), {}};
    judged.waivers = apply_waivers(judged.results, o.policy.waivers, std::time(nullptr));
    return judged;
}

int report(const Options& o, ReportHeader header, const Judged& judged, const Registry& registry, ReportSink& sink,
           ExtraReports& extra) {
    const TextStyle style{use_colour(o), report_width(!o.output), locale_speaks_utf8(), o.text_detail};
    const ReportInput input{std::move(header), judged.results, registry, o.gate, judged.waivers, style};
    return write_reports(o, input, sink, extra);
}

// A saved run, with the judging settings of this invocation: the admin may ask again with another horizon.
Evidence load_for_judging(const std::string& path, const Options& o, const char* what) {
    Evidence evidence = load_evidence(path, what);
    if (o.expiry_warn_days) evidence.plan.expiry_warn_days = *o.expiry_warn_days;
    if (o.managed_devices) evidence.plan.managed_devices = *o.managed_devices;
    return evidence;
}

int merge(const Options& o, const Registry& registry) {
    ReportSink sink(o.output);
    auto extra = open_extra_reports(o);
    std::vector<VantageRun> runs;
    for (const auto& file : o.merge_files) {
        Evidence evidence = load_for_judging(file, o, "merge");
        std::vector<Result> results = judge_under_policy(evidence, registry, o);
        runs.push_back(VantageRun{file, std::move(evidence), std::move(results)});
    }
    return report(o, merged_header(runs), with_waivers(merge_results(runs, registry), o), registry, sink, extra);
}

}  // namespace

int run(const Options& o, const Registry& registry) {
    switch (o.mode) {
        case Options::Mode::Help: {
            const std::string help = lay_out_help(o.help_text, report_width(true));
            std::cout << (locale_speaks_utf8() ? help : text::ascii(help));
            return 0;
        }
        case Options::Mode::Completion:
        case Options::Mode::ManPage:
            std::cout << o.help_text;
            return 0;
        case Options::Mode::Version:
            std::cout << "mobcheck " << MOBCHECK_VERSION << "\n";
            return 0;
        case Options::Mode::ListChecks: {
            ReportSink sink(o.output);
            std::ostringstream out;
            if (o.format == Format::Json) {
                out << json_text(catalogue_json(registry)) << "\n";
            } else if (o.format == Format::Markdown) {
                write_catalogue_markdown(out, registry);
            } else {
                write_catalogue_text(out, registry);
            }
            sink.write(out.str());
            return 0;
        }
        case Options::Mode::Explain: {
            ReportSink sink(o.output);
            std::ostringstream out;
            write_explanation(out, *registry.find(o.explain_id));
            sink.write(out.str());
            return 0;
        }
        case Options::Mode::PlanNames:
            return run_plan(o);
        case Options::Mode::CheckCertificate:
            return run_cert(o, registry);
        case Options::Mode::Diff:
            return run_diff(o);
        case Options::Mode::Replay: {
            ReportSink sink(o.output);
            auto extra = open_extra_reports(o);
            const Evidence evidence = load_for_judging(*o.replay, o, "--replay");
            ReportHeader header = report_header(evidence);
            header.replayed_from = *o.replay;  // every format says the run is not live
            return report(o, std::move(header), with_waivers(judge_under_policy(evidence, registry, o), o), registry,
                          sink, extra);
        }
        case Options::Mode::Merge:
            return merge(o, registry);
        case Options::Mode::Run: {
            ReportSink sink(o.output);
            auto extra = open_extra_reports(o);
            std::unique_ptr<AtomicFile> evidence_file;
            if (o.save_evidence) evidence_file = std::make_unique<AtomicFile>(*o.save_evidence);
            Evidence evidence;
            Credentials credentials;
            if (o.plan.user) credentials.password = read_password(*o.plan.user);
            try {
                ProgressLine progress(o.progress);
                ProgressCallback show;
                if (progress.enabled()) show = [&](const Progress& p) { progress.update(p); };
                evidence = gather(o.plan, o.plan.user ? &credentials : nullptr, show);
            } catch (const ConfigError& e) {
                throw UsageError(e.what());
            }
            if (evidence_file) evidence_file->commit(json_text(evidence_to_json(evidence)) + "\n");
            return report(o, report_header(evidence), with_waivers(judge_under_policy(evidence, registry, o), o),
                          registry, sink, extra);
        }
    }
    return 2;
}

}  // namespace mobcheck::cli
