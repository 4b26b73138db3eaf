// The main of every doctest program of mobcheck's tests (unit, CLI, lab, hostile).
//
// Two guards keep a CTest entry from passing without testing anything:
//  - a run that starts no test case fails. CMake's doctest_discover_tests makes one CTest entry per
//    test case, which runs this program with --test-case=NAME; a filter that matches nothing
//    (a name split by CMake, a renamed test) would otherwise run nothing and exit 0.
//  - a test case or subcase name must not hold a character that doctest's filters or CMake's lists
//    treat specially: ';' (CMake splits the name into two entries), ',' (separates filters), '*' and
//    '?' (wildcards), '\' (escapes), '[' and ']' (CMake list brackets). Checked when the test cases are
//    listed (test discovery at build time) and when they run.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr const char* kSpecial = ";,*?\\[]";

struct Guard {
    bool run_started = false;  // a test run, not a query (--list-test-cases, --count, ...)
    unsigned started = 0;      // test cases started
    std::vector<std::string> bad_names;

    void check_name(const char* kind, const char* name) {
        const std::string n = name == nullptr ? "" : name;
        const auto at = n.find_first_of(kSpecial);
        if (at == std::string::npos) return;
        const std::string entry = std::string(kind) + " \"" + n + "\" holds '" + n[at] + "'";
        for (const auto& seen : bad_names) {
            if (seen == entry) return;
        }
        bad_names.push_back(entry);
    }
};

Guard& guard() {
    static Guard g;
    return g;
}

struct GuardListener : doctest::IReporter {
    explicit GuardListener(const doctest::ContextOptions&) {}

    void report_query(const doctest::QueryData& query) override {
        for (unsigned i = 0; i < query.num_data; ++i) {
            if (query.data != nullptr && query.data[i] != nullptr) guard().check_name("test case", query.data[i]->m_name);
        }
    }
    void test_run_start() override { guard().run_started = true; }
    void test_run_end(const doctest::TestRunStats&) override {}
    void test_case_start(const doctest::TestCaseData& tc) override {
        ++guard().started;
        guard().check_name("test case", tc.m_name);
    }
    void test_case_reenter(const doctest::TestCaseData&) override {}
    void test_case_end(const doctest::CurrentTestCaseStats&) override {}
    void test_case_exception(const doctest::TestCaseException&) override {}
    void subcase_start(const doctest::SubcaseSignature& sc) override { guard().check_name("subcase", sc.m_name.c_str()); }
    void subcase_end() override {}
    void log_assert(const doctest::AssertData&) override {}
    void log_message(const doctest::MessageData&) override {}
    void test_case_skipped(const doctest::TestCaseData& tc) override { guard().check_name("test case", tc.m_name); }
};

REGISTER_LISTENER("mobcheck-guard", 1, GuardListener);

// The value of --test-case= / -tc= (with or without doctest's dt- prefix), for the message.
std::string test_case_filter(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        for (const char* option : {"--test-case=", "-tc=", "--dt-test-case=", "--dt-tc="}) {
            if (arg.rfind(option, 0) == 0) return arg.substr(std::strlen(option));
        }
    }
    return "";
}

}  // namespace

int main(int argc, char** argv) {
    doctest::Context context(argc, argv);
    int status = context.run();
    const Guard& g = guard();
    if (!g.bad_names.empty()) {
        for (const auto& entry : g.bad_names) {
            std::cerr << "TEST NAME GUARD: " << entry
                      << ": doctest's filters or CMake's test discovery would not find it; rename it\n";
        }
        status = EXIT_FAILURE;
    }
    if (g.run_started && g.started == 0) {
        const std::string filter = test_case_filter(argc, argv);
        std::cerr << "ZERO TEST CASES GUARD: no test case ran"
                  << (filter.empty() ? std::string() : " for --test-case=" + filter)
                  << ": this run tested nothing, which is a failure, not a pass\n";
        status = EXIT_FAILURE;
    }
    return status;
}
