// The connection caps' queue (engine/admission_queue.hpp): first come first served within the caps.
#include <doctest/doctest.h>

#include "admission_queue.hpp"

using namespace mobcheck;

TEST_CASE("admission queue: a key with a cap of its own - the HTTP/2 host - admits past the common one") {
    AdmissionQueue<int> queue(100, 2);
    for (int i = 0; i < 10; ++i) queue.push_back(i, "pool01.contoso.net:443");
    queue.push_back(100, "webext.contoso.com:443");
    std::vector<int> admitted;
    while (auto next = queue.admit()) admitted.push_back(*next);
    // Two of the pool's, then the other host's, which skips the line of a key at its cap.
    CHECK(admitted == std::vector<int>{0, 1, 100});
    queue.set_key_cap("pool01.contoso.net:443", 6);
    while (auto next = queue.admit()) admitted.push_back(*next);
    CHECK(admitted == std::vector<int>{0, 1, 100, 2, 3, 4, 5});
    CHECK(queue.running() == 7);
    queue.release("pool01.contoso.net:443");
    CHECK(queue.admit() == std::optional<int>(6));
    CHECK_FALSE(queue.admit().has_value());
    // The total cap holds whatever a key's own cap says.
    AdmissionQueue<int> small(3, 2);
    small.set_key_cap("h2.example:443", 0);  // no cap of its own
    for (int i = 0; i < 5; ++i) small.push_back(i, "h2.example:443");
    int running = 0;
    while (small.admit()) ++running;
    CHECK(running == 3);
}
