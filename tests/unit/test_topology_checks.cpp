#include <doctest/doctest.h>

#include "fixtures.hpp"

using namespace mobcheck;

TEST_CASE("topology.web-fqdns-distinct") {
    const char* id = "topology.web-fqdns-distinct";
    CHECK(fixtures::only(fixtures::judge_one("good", id), "webext.contoso.com").status == Status::Pass);
    const Result& same = fixtures::only(fixtures::judge_one("same-web-fqdns", id), "webext.contoso.com");
    CHECK(same.status == Status::Fail);
    CHECK(same.message.find("same name") != std::string::npos);
    CHECK(fixtures::judge_one("no-web-fqdns", id).at(0).status == Status::Skip);
}
