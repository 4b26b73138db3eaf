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

}  // namespace

TEST_CASE("fuzz corpus: dns_wire seeds and regressions") {
    CHECK(replay(kData / "fuzz/dns_wire", mobcheck::fuzz::dns_wire) >= 5);
    replay(kData / "fuzz/regressions/dns_wire", mobcheck::fuzz::dns_wire);
}

TEST_CASE("fuzz corpus: autodiscover seeds and regressions") {
    CHECK(replay(kData / "autodiscover", mobcheck::fuzz::autodiscover) >= 5);
    replay(kData / "fuzz/regressions/autodiscover", mobcheck::fuzz::autodiscover);
}

TEST_CASE("fuzz corpus: evidence seeds and regressions") {
    CHECK(replay(kData / "evidence", mobcheck::fuzz::evidence) >= 10);
    replay(kData / "fuzz/regressions/evidence", mobcheck::fuzz::evidence);
}

TEST_CASE("fuzz corpus: names seeds and regressions") {
    CHECK(replay(kData / "fuzz/names", mobcheck::fuzz::names) >= 5);
    replay(kData / "fuzz/regressions/names", mobcheck::fuzz::names);
}

TEST_CASE("fuzz corpus: config_file seeds and regressions") {
    CHECK(replay(kData / "fuzz/config_file", mobcheck::fuzz::config_file) >= 5);
    replay(kData / "fuzz/regressions/config_file", mobcheck::fuzz::config_file);
}

TEST_CASE("fuzz corpus: certificate seeds and regressions") {
    CHECK(replay(kData / "fuzz/certificate", mobcheck::fuzz::certificate) >= 3);
    replay(kData / "fuzz/regressions/certificate", mobcheck::fuzz::certificate);
}
