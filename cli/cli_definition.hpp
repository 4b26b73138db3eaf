// The command line, declared once: every flag and subcommand of mobcheck with its help text. Parsing
// (options.cpp), --help, the man page and the bash completion (docs_generation.cpp) all read this one
// definition, so they cannot drift apart.
#pragma once

#include <CLI/CLI.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace mobcheck::cli {

// What CLI11 fills in, before any validation.
struct CliInputs {
    // A run (and --replay / merge).
    std::vector<std::string> sips, internal_dns, external_dns, sbas, only, skip, extra_reports;
    std::string internal_web, external_web, user, apns = "courier.push.apple.com:5223", vantage = "internal";
    std::string format = "text", fail_on = "fail", colour = "auto", output, save_evidence, replay, explain, config, ca_file;
    double timeout_s = 3, deadline_s = 0;
    int attempts = 2, expiry_warn_days = 30;
    long max_connections = 256, max_per_host = 8, max_dns_queries = 500;
    bool list_checks = false, version = false, no_waivers = false, progress = false, no_progress = false;
    bool verbose = false, quiet = false, managed_devices = false;
    bool man_page = false;

    // mobcheck plan / cert (their own flags, shared by both).
    struct Offline {
        std::vector<std::string> sips;
        std::string internal_web, external_web, director, req_config, file, role, ca_file, format = "text", output;
        std::string fail_on = "fail", config;
        int expiry_warn_days = 30;
        bool managed_devices = false;
    } offline;

    std::vector<std::string> diff_files;  // mobcheck diff OLD NEW
    std::string diff_format = "text";
    std::vector<std::string> merge_files;  // mobcheck merge FILE FILE...
    std::string completion_shell;          // mobcheck completion bash
};

// How a value is completed and documented: a fixed set of words, a file, or free text.
struct ValueHint {
    std::vector<std::string> choices;
    bool file = false;
    bool checks = false;  // check IDs and categories (--only, --skip, --explain)
};

class CliDefinition {
public:
    CliDefinition();
    CliDefinition(const CliDefinition&) = delete;
    CliDefinition& operator=(const CliDefinition&) = delete;

    CLI::App& app() { return *app_; }
    const CLI::App& app() const { return *app_; }
    CliInputs& inputs() { return inputs_; }
    const CliInputs& inputs() const { return inputs_; }

    CLI::App* plan() const { return plan_; }
    CLI::App* cert() const { return cert_; }
    CLI::App* diff() const { return diff_; }
    CLI::App* merge() const { return merge_; }
    CLI::App* completion() const { return completion_; }

    // The hint of an option, by its first long name ("--format"), per (sub)command; null when free text.
    const ValueHint* hint(const CLI::App& command, const std::string& option) const;

    // True when flag was given on the command line of the main command (a merge's flags count too).
    bool given(const char* flag) const { return app_->count(flag) > 0; }

private:
    CLI::Option* choices(CLI::App& command, CLI::Option* option, std::vector<std::string> words);
    CLI::Option* file(CLI::App& command, CLI::Option* option);
    CLI::Option* check_ids(CLI::App& command, CLI::Option* option);
    void declare_run(CLI::App& app);
    void declare_offline(CLI::App& command, bool is_cert);

    std::unique_ptr<CLI::App> app_;
    CliInputs inputs_;
    CLI::App* plan_ = nullptr;
    CLI::App* cert_ = nullptr;
    CLI::App* diff_ = nullptr;
    CLI::App* merge_ = nullptr;
    CLI::App* completion_ = nullptr;
    std::map<std::pair<const CLI::App*, std::string>, ValueHint> hints_;
};

}  // namespace mobcheck::cli
