// mobcheck never starts another program: no shell, no exec, no spawn, no fork. Whatever a server or
// a file sends ends up in names, URLs and messages, and none of it may ever reach a command line. The
// product's sources (not the tests, whose helpers start servers) are scanned with comments and string
// literals blanked out, so a call cannot hide and a mention in a comment is not one.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// text with every comment and every string or character literal replaced by spaces (newlines kept).
std::string code_only(const std::string& text) {
    std::string out = text;
    std::size_t i = 0;
    auto blank = [&](std::size_t from, std::size_t to) {
        for (std::size_t k = from; k < to && k < out.size(); ++k) {
            if (out[k] != '\n') out[k] = ' ';
        }
    };
    while (i < text.size()) {
        if (text.compare(i, 2, "//") == 0) {
            const std::size_t end = text.find('\n', i);
            blank(i, end == std::string::npos ? text.size() : end);
            i = end == std::string::npos ? text.size() : end;
        } else if (text.compare(i, 2, "/*") == 0) {
            const std::size_t end = text.find("*/", i + 2);
            const std::size_t stop = end == std::string::npos ? text.size() : end + 2;
            blank(i, stop);
            i = stop;
        } else if (text.compare(i, 2, "R\"") == 0 && (i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1])))) {
            const std::size_t open = text.find('(', i + 2);
            if (open == std::string::npos) break;
            const std::string close = ")" + text.substr(i + 2, open - i - 2) + "\"";
            const std::size_t end = text.find(close, open);
            const std::size_t stop = end == std::string::npos ? text.size() : end + close.size();
            blank(i, stop);
            i = stop;
        } else if (text[i] == '"' || text[i] == '\'') {
            const char quote = text[i];
            std::size_t k = i + 1;
            while (k < text.size() && text[k] != quote && text[k] != '\n') k += text[k] == '\\' ? 2 : 1;
            blank(i, k + 1);
            i = k + 1;
        } else {
            ++i;
        }
    }
    return out;
}

// The calls that start a program (or a shell) found in code: "system(", "std::system (", "execvp(", ...
std::vector<std::string> process_calls(const std::string& code) {
    static const std::regex call(
        R"((^|[^A-Za-z0-9_.>])(system|popen|execl|execlp|execle|execv|execvp|execvpe|execve|execveat|fexecve|)"
        R"(posix_spawn|posix_spawnp|fork|vfork|wordexp)\s*\()");
    std::vector<std::string> found;
    for (auto it = std::sregex_iterator(code.begin(), code.end(), call); it != std::sregex_iterator(); ++it) {
        found.push_back((*it)[2].str());
    }
    return found;
}

}  // namespace

TEST_CASE("sources: the scanner finds a call and ignores a mention") {
    CHECK(process_calls(code_only("int f() { return std::system(\"ls\"); }")) == std::vector<std::string>{"system"});
    CHECK(process_calls(code_only("FILE* p = popen (cmd, \"r\");\nexecvp(a[0], a);")) ==
          std::vector<std::string>{"popen", "execvp"});
    CHECK(process_calls(code_only("if (fork() == 0) {}")) == std::vector<std::string>{"fork"});
    CHECK(process_calls(code_only("// calls system(x)\n/* popen(y) */ auto s = \"exec(z)\"; char c = '(';")).empty());
    CHECK(process_calls(code_only("auto t = R\"x(system(1))x\"; store.system_store(); ecosystem(2); p->fork();")).empty());
}

TEST_CASE("sources: the product never starts another program") {
    const fs::path top = MOBCHECK_SOURCE;
    std::size_t files = 0;
    for (const char* dir : {"model", "engine", "checks", "report", "cli"}) {
        REQUIRE(fs::is_directory(top / dir));
        for (const auto& entry : fs::recursive_directory_iterator(top / dir)) {
            const auto ext = entry.path().extension();
            if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
            std::ifstream in(entry.path());
            std::stringstream text;
            text << in.rdbuf();
            CAPTURE(entry.path().string());
            CHECK(process_calls(code_only(text.str())).empty());
            ++files;
        }
    }
    CHECK(files > 50);  // the scan did read the sources
}
