// Every fuzz seed and every input that once crashed a fuzz target, replayed through the same
// targets in every build (the normal one, and the ASan/UBSan one), so a fixed crash stays fixed.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "targets.hpp"

namespace fs = std::filesystem;

namespace {

using Target = void (*)(const std::uint8_t*, std::size_t);

// Replays every file of dir through target; returns how many it read. A missing folder reads
// nothing, which the callers' counts turn into a failure for seeds.
std::size_t replay(const fs::path& dir, Target target) {
    std::size_t count = 0;
    if (!fs::is_directory(dir)) return 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        CAPTURE(entry.path().string());
        target(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
        ++count;
    }
    return count;
}

const fs::path kData = MOBCHECK_TESTDATA;

// Seeds: at least as many as the folder holds today, so a folder moved or emptied fails. Regressions:
// exactly as many as there are, so a crash input added is counted here on purpose (a target without
// a regressions folder yet has 0).
void replay_corpus(const char* seeds, std::size_t seeds_at_least, const char* regressions, std::size_t regression_count,
                   Target target) {
    CAPTURE(seeds);
    CHECK(replay(kData / seeds, target) >= seeds_at_least);
    CAPTURE(regressions);
    CHECK(replay(kData / regressions, target) == regression_count);
}

}  // namespace

TEST_CASE("fuzz corpus: dns_wire seeds and regressions") {
    replay_corpus("fuzz/dns_wire", 7, "fuzz/regressions/dns_wire", 0, mobcheck::fuzz::dns_wire);
}

TEST_CASE("fuzz corpus: autodiscover seeds and regressions") {
    replay_corpus("autodiscover", 11, "fuzz/regressions/autodiscover", 0, mobcheck::fuzz::autodiscover);
}

TEST_CASE("fuzz corpus: evidence seeds and regressions") {
    replay_corpus("evidence", 66, "fuzz/regressions/evidence", 1, mobcheck::fuzz::evidence);
}

TEST_CASE("fuzz corpus: names seeds and regressions") {
    replay_corpus("fuzz/names", 8, "fuzz/regressions/names", 0, mobcheck::fuzz::names);
}

TEST_CASE("fuzz corpus: config_file seeds and regressions") {
    replay_corpus("fuzz/config_file", 6, "fuzz/regressions/config_file", 0, mobcheck::fuzz::config_file);
}

TEST_CASE("fuzz corpus: certificate seeds and regressions") {
    replay_corpus("fuzz/certificate", 7, "fuzz/regressions/certificate", 0, mobcheck::fuzz::certificate);
}
