// The engine's HTTP client (and its TCP connector) against the lab's real servers (run inside the lab
// by labctl, see tests/CMakeLists.txt): nginx as the reverse proxy and Front End, a listener that
// accepts and never answers, a port nobody listens on. Every request runs at once in one event loop.
#include <doctest/doctest.h>

#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

#include "http_client.hpp"
#include "tcp_connector.hpp"

using namespace mobcheck;
using namespace std::chrono_literals;

namespace {

struct Fetch {
    HttpRequest request;
    std::optional<HttpExchange> result;
};

// Runs every request concurrently; returns how long the whole batch took.
Clock::duration fetch_all(std::map<std::string, Fetch>& fetches) {
    EventLoop loop;
    InFlight in_flight;
    HttpClient client(loop, in_flight);
    const auto start = Clock::now();
    for (auto& entry : fetches) {
        Fetch& f = entry.second;  // a reference a lambda may capture (a structured binding may not, in C++20)
        client.fetch(f.request, [&f](HttpExchange x) { f.result = std::move(x); });
    }
    REQUIRE(loop.run(start + 20s, [&] { return in_flight.count() == 0; }));
    return Clock::now() - start;
}

HttpRequest request(const std::string& url, const std::string& address, bool trust_lab_ca = true) {
    HttpRequest r;
    r.url = url;
    r.address = address;
    r.timeout = 1000ms;
    r.headers = {"Accept: application/json"};
    const char* ca = std::getenv("LAB_CA_FILE");
    if (trust_lab_ca && ca != nullptr) r.ca_file = ca;
    return r;
}

// Runs the requests one after the other in one client (each sent when the one before it is answered),
// so that a later one may reuse what an earlier one left: a kept-alive connection, a TLS session.
std::vector<HttpExchange> in_turn(const std::vector<HttpRequest>& requests) {
    EventLoop loop;
    InFlight in_flight;
    HttpClient client(loop, in_flight);
    std::vector<HttpExchange> answers;
    std::function<void(std::size_t)> send = [&](std::size_t i) {
        if (i == requests.size()) return;
        client.fetch(requests[i], [&, i](HttpExchange x) {
            answers.push_back(std::move(x));
            send(i + 1);
        });
    };
    send(0);
    REQUIRE(loop.run(Clock::now() + 20s, [&] { return in_flight.count() == 0; }));
    REQUIRE(answers.size() == requests.size());
    return answers;
}

}  // namespace

TEST_CASE("http client: real servers at pinned addresses with every failure named and all at once") {
    REQUIRE_MESSAGE(std::getenv("LAB_CA_FILE") != nullptr, "run inside the lab: tests/lab/labctl run good -- ...");
    std::map<std::string, Fetch> f;
    // The namespace has no DNS for libcurl: these succeed only because the address is pinned.
    f["proxy"].request = request("https://webext.contoso.com/", "127.20.0.10");
    // The pool's certificate comes from the enterprise CA (--ca-file); the reverse proxy's from the lab's
    // public root, which is the system store here.
    f["pool"].request = request("https://pool01.contoso.net/", "127.10.0.10");
    f["untrusted"].request = request("https://pool01.contoso.net/", "127.10.0.10", false);
    f["public"].request = request("https://webext.contoso.com/", "127.20.0.10", false);
    // A name the served certificate does not cover (the reverse proxy's default certificate).
    f["name-mismatch"].request = request("https://sip.contoso.com/", "127.20.0.10");
    // Pinned where nothing listens on 443: the pin, not the name, decides where the request goes.
    f["pinned-elsewhere"].request = request("https://webext.contoso.com/", "127.10.1.1");
    f["closed"].request = request("http://sba-lima.contoso.net:5090/", "127.10.1.2");
    f["silent"].request = request("http://courier.push.apple.com:5223/", "127.30.0.1");  // accepts, never answers
    f["capped"].request = request("https://lyncdiscover.fabrikam.com/", "127.20.0.10");
    f["capped"].request.max_body = 10;

    const auto took = fetch_all(f);
    CHECK(took < 1800ms);  // one timeout for the silent server, everything else alongside it

    const HttpExchange& proxy = *f["proxy"].result;
    CAPTURE(proxy.error);
    CHECK(proxy.failure.empty());
    CHECK(proxy.status == 404);  // the web services serve nothing at / of the external web FQDN
    // Passed through from the Front End that answered, as the reverse proxy forwards them.
    CHECK(proxy.header("server") == "Microsoft-IIS/8.5");
    CHECK(proxy.headers_named("x-ms-server-fqdn").size() == 1);
    CHECK(proxy.tls_version.empty() == false);
    CHECK(proxy.address == "127.20.0.10");

    // Verification is never off: an untrusted chain and a name mismatch both end the request before
    // anything is sent (the pool's and the proxy's requests, same addresses, same chains, show both would
    // answer). Without --ca-file only the system store is trusted: the public chain still verifies.
    CHECK(f["pool"].result->status == 404);
    CHECK(f["public"].result->failure.empty());
    CHECK(f["public"].result->status == 404);
    CHECK(f["untrusted"].result->failure == "tls-verify");
    CHECK(f["untrusted"].result->status == 0);
    CHECK(f["untrusted"].result->error.find("unable to get local issuer certificate") != std::string::npos);
    const HttpExchange& mismatch = *f["name-mismatch"].result;
    CAPTURE(mismatch.error);
    CHECK(mismatch.failure == "tls-verify");
    CHECK(mismatch.status == 0);
    CHECK(mismatch.error.find("sip.contoso.com") != std::string::npos);
    CHECK(f["pinned-elsewhere"].result->failure == "connect");
    CHECK(f["closed"].result->failure == "connect");

    const HttpExchange& silent = *f["silent"].result;
    CHECK(silent.failure == "timeout");
    CHECK(silent.status == 0);

    const HttpExchange& capped = *f["capped"].result;
    CHECK(capped.failure == "too-large");
    CHECK(capped.body_truncated);
    CHECK(capped.body.size() == 10);
    CHECK(capped.status == 200);  // the Autodiscover root, cut after 10 bytes
    CHECK(capped.body == "{\"_links\":");
}

TEST_CASE("http client: a kept-alive connection serves only requests pinned to its own address") {
    REQUIRE_MESSAGE(std::getenv("LAB_CA_FILE") != nullptr, "run inside the lab: tests/lab/labctl run good -- ...");
    // One after the other in one client: the second request reuses the first one's connection; the
    // third names the same host pinned where nothing listens, and must not be answered on that
    // connection (an internal and an external address of one name are two different servers).
    const std::string url = "https://webext.contoso.com/ucwa/";
    const auto answers = in_turn({request(url, "127.20.0.10"), request(url, "127.20.0.10"), request(url, "127.10.1.1")});
    for (std::size_t i = 0; i < 2; ++i) {
        CAPTURE(i);
        CAPTURE(answers[i].error);
        CHECK(answers[i].answered());
        CHECK(answers[i].tls_version.rfind("TLSv1.", 0) == 0);  // the reused connection's too
    }
    CHECK(answers[2].failure == "connect");
    CHECK(answers[2].status == 0);
}

TEST_CASE("tcp connector: out of file descriptors a connect waits for one instead of failing") {
    // The lab's APNS stand-in (127.30.0.1:5223) accepts every connection. Each connected socket is
    // kept (as a TLS handshake keeps it) and all are closed only every 50 ms, with the open-file limit
    // a few descriptors above what is open now: most connects find no descriptor at first.
    std::size_t open_now = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) ++open_now;
    rlimit saved{};
    REQUIRE(::getrlimit(RLIMIT_NOFILE, &saved) == 0);
    rlimit low = saved;
    low.rlim_cur = open_now + 4;
    REQUIRE(::setrlimit(RLIMIT_NOFILE, &low) == 0);

    std::vector<TcpOutcome> outcomes;
    std::vector<int> held;
    {
        EventLoop loop;
        InFlight in_flight;
        TcpConnector tcp(loop, in_flight, 1000ms, 64, 64);
        for (int i = 0; i < 20; ++i) {
            tcp.connect("127.30.0.1", 5223, true, [&](TcpOutcome o) {
                if (o.fd >= 0) held.push_back(o.fd);
                outcomes.push_back(std::move(o));
            });
        }
        std::function<void()> release = [&] {
            for (int fd : held) ::close(fd);
            held.clear();
            if (outcomes.size() < 20) loop.add_timer(Clock::now() + 50ms, release);
        };
        loop.add_timer(Clock::now() + 50ms, release);
        const bool finished = loop.run(Clock::now() + 10s, [&] { return in_flight.count() == 0; });
        for (int fd : held) ::close(fd);
        ::setrlimit(RLIMIT_NOFILE, &saved);
        REQUIRE(finished);
    }
    REQUIRE(outcomes.size() == 20);
    for (const auto& o : outcomes) {
        CAPTURE(o.detail);
        CHECK(o.state == PortState::Open);
    }
}

TEST_CASE("http client: nothing verified against --ca-file carries over to a request without it") {
    // One client, one after the other, the same URL: with the lab CA (trusted), without it (the
    // kept-alive connection and the cached TLS session of the first must not be used: untrusted), and
    // with it again (trusted).
    EventLoop loop;
    InFlight in_flight;
    HttpClient client(loop, in_flight);
    std::vector<HttpExchange> results;
    const HttpRequest trusted = request("https://pool01.contoso.net/", "127.10.0.10");
    const HttpRequest untrusted = request("https://pool01.contoso.net/", "127.10.0.10", false);
    client.fetch(trusted, [&](HttpExchange x) {
        results.push_back(std::move(x));
        client.fetch(untrusted, [&](HttpExchange y) {
            results.push_back(std::move(y));
            client.fetch(trusted, [&](HttpExchange z) { results.push_back(std::move(z)); });
        });
    });
    REQUIRE(loop.run(Clock::now() + 10s, [&] { return in_flight.count() == 0; }));
    REQUIRE(results.size() == 3);
    CHECK(results[0].status == 404);
    CHECK(results[1].failure == "tls-verify");
    CHECK(results[1].status == 0);
    CHECK(results[2].status == 404);
}

namespace {

// What the lab's HTTP/2 listener says of how it served a request (nginx/sites/http2-probe.conf):
// "HTTP/2.0 <connection> <r or .>".
struct Served {
    std::string protocol;
    std::string connection;
    bool resumed = false;
};

Served served(const HttpExchange& x) {
    Served s;
    std::istringstream words(x.body);
    std::string reused;
    words >> s.protocol >> s.connection >> reused;
    s.resumed = reused == "r";
    return s;
}

}  // namespace

TEST_CASE("http client: to a host that speaks HTTP/2 requests share its connections beyond the per-host cap") {
    REQUIRE_MESSAGE(std::getenv("LAB_CA_FILE") != nullptr, "run inside the lab: tests/lab/labctl run good -- ...");
    // 40 requests to one host under a cap of 2 per host: once the host has answered over HTTP/2 they
    // are multiplexed on at most 2 connections (the cap counts connections there), every one answered.
    EventLoop loop;
    InFlight in_flight;
    HttpClient client(loop, in_flight, 256, 2);
    std::vector<HttpExchange> answers;
    const std::string url = "https://webext.contoso.com:8443/probe";
    client.fetch(request(url, "127.20.0.10"), [&](HttpExchange first) {
        answers.push_back(std::move(first));
        for (int i = 0; i < 40; ++i) {
            client.fetch(request(url + std::to_string(i), "127.20.0.10"), [&](HttpExchange x) { answers.push_back(std::move(x)); });
        }
    });
    REQUIRE(loop.run(Clock::now() + 20s, [&] { return in_flight.count() == 0; }));
    REQUIRE(answers.size() == 41);
    std::set<std::string> connections;
    for (const auto& x : answers) {
        CAPTURE(x.error);
        CHECK(x.status == 200);
        const Served s = served(x);
        CHECK(s.protocol == "HTTP/2.0");
        connections.insert(s.connection);
    }
    CHECK(connections.size() <= 2);
}

TEST_CASE("http client: over HTTP/2 more requests to a host are in flight at once than its cap allows connections") {
    REQUIRE_MESSAGE(std::getenv("LAB_CA_FILE") != nullptr, "run inside the lab: tests/lab/labctl run good -- ...");
    // 20 slow answers (about 2 s each) under a cap of 2 per host. Queued 2 at a time they would take 20 s;
    // once the host has answered over HTTP/2 they all go at once, on its connections.
    EventLoop loop;
    InFlight in_flight;
    HttpClient client(loop, in_flight, 256, 2);
    std::vector<HttpExchange> answers;
    const std::string url = "https://webext.contoso.com:8443/";
    auto slow = [&](int i) {
        HttpRequest r = request(url + "slow/" + std::to_string(i), "127.20.0.10");
        r.timeout = 30s;
        return r;
    };
    Clock::time_point batch;
    client.fetch(request(url + "probe", "127.20.0.10"), [&](HttpExchange first) {
        answers.push_back(std::move(first));
        batch = Clock::now();
        for (int i = 0; i < 20; ++i) client.fetch(slow(i), [&](HttpExchange x) { answers.push_back(std::move(x)); });
    });
    REQUIRE(loop.run(Clock::now() + 60s, [&] { return in_flight.count() == 0; }));
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - batch);
    REQUIRE(answers.size() == 21);
    CHECK(served(answers[0]).protocol == "HTTP/2.0");
    for (std::size_t i = 1; i < answers.size(); ++i) {
        CAPTURE(answers[i].error);
        CHECK(answers[i].status == 200);
        CHECK(answers[i].body.size() > 1000);
    }
    CAPTURE(took.count());
    CHECK(took < 8s);
}

TEST_CASE("http client: a new connection to the same name and address resumes the TLS session - another address does not") {
    REQUIRE_MESSAGE(std::getenv("LAB_CA_FILE") != nullptr, "run inside the lab: tests/lab/labctl run good -- ...");
    // Over HTTP/1.1: nginx's HTTP/2 listener does not resume (a server's choice, not the client's).
    const std::string url = "https://webext.contoso.com:8444/";
    auto fresh = [&](const std::string& address) {
        HttpRequest r = request(url, address);
        r.fresh_connection = true;
        return r;
    };
    // Nothing listens on 8444 at the third: a session is never offered to another member of a name.
    const auto answers = in_turn({fresh("127.20.0.10"), fresh("127.20.0.10"), fresh("127.10.1.1")});
    const Served first = served(answers[0]), second = served(answers[1]);
    CHECK(answers[0].status == 200);
    CHECK(answers[1].status == 200);
    CHECK_FALSE(first.resumed);
    CHECK(second.resumed);
    CHECK(first.connection != second.connection);  // a new connection, as asked
    CHECK(answers[2].failure == "connect");
}
