// WWW-Authenticate challenges in the shapes servers send them: each row a header list and the
// challenges it must give (scheme, then each parameter as name=value, or the token68).
#include <doctest/doctest.h>

#include "model/www_authenticate.hpp"

using namespace mobcheck;

namespace {

// "MsRtcOAuth[href=...|grant_type=...]", "Negotiate(abc==)": a challenge in one line.
std::string shown(const std::vector<Challenge>& challenges) {
    std::string out;
    for (const auto& c : challenges) {
        out += (out.empty() ? "" : " ") + c.scheme;
        if (!c.token68.empty()) out += "(" + c.token68 + ")";
        if (c.params.empty()) continue;
        out += "[";
        for (std::size_t i = 0; i < c.params.size(); ++i) out += (i ? "|" : "") + c.params[i].first + "=" + c.params[i].second;
        out += "]";
    }
    return out;
}

}  // namespace

TEST_CASE("www-authenticate: every shape of challenge servers send") {
    struct Row {
        const char* shape;
        std::vector<std::string> headers;
        const char* challenges;
    };
    const Row rows[] = {
        {"Lync's two headers", {R"(MsRtcOAuth href="https://webext.contoso.com/WebTicket/oauthtoken",grant_type="urn:microsoft.rtc:windows,urn:microsoft.rtc:anonmeeting,password")",
                                R"(Bearer trusted_issuers="", client_id="00000004-0000-0ff1-ce00-000000000000")"},
         "MsRtcOAuth[href=https://webext.contoso.com/WebTicket/oauthtoken|grant_type=urn:microsoft.rtc:windows,urn:microsoft.rtc:anonmeeting,password] "
         "Bearer[trusted_issuers=|client_id=00000004-0000-0ff1-ce00-000000000000]"},
        {"both folded into one header", {R"(MsRtcOAuth href="https://a/t",grant_type="password", Bearer trusted_issuers="", client_id="x")"},
         "MsRtcOAuth[href=https://a/t|grant_type=password] Bearer[trusted_issuers=|client_id=x]"},
        {"AD FS: the authority", {R"(Bearer authorization_uri="https://sts.contoso.com/adfs/oauth2/authorize", resource_id="x")"},
         "Bearer[authorization_uri=https://sts.contoso.com/adfs/oauth2/authorize|resource_id=x]"},
        {"unquoted values, a list running on after its commas", {"MsRtcOAuth href=https://a/t,grant_type=urn:microsoft.rtc:windows,urn:microsoft.rtc:passive"},
         "MsRtcOAuth[href=https://a/t|grant_type=urn:microsoft.rtc:windows,urn:microsoft.rtc:passive]"},
        {"names in any case, blanks around =", {"Bearer Authorization_URI = \"https://login.microsoftonline.com/common/oauth2/authorize\""},
         "Bearer[authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize]"},
        {"schemes alone and a token68", {"Negotiate, NTLM", "Negotiate YIIabc+/=="}, "Negotiate NTLM Negotiate(YIIabc+/==)"},
        {"escapes in a quoted string", {R"(Basic realm="a \"quoted\" \\ realm")"}, R"(Basic[realm=a "quoted" \ realm])"},
        {"empty elements and stray commas", {", ,Bearer ,, realm=\"x\" ,"}, "Bearer[realm=x]"},
        {"an unterminated quoted string keeps what came before", {R"(Bearer realm="x", error="never ends)"}, "Bearer[realm=x]"},
        {"not a challenge at all", {"=broken", "", "   "}, ""},
    };
    for (const Row& row : rows) {
        const std::string shape = row.shape;
        CAPTURE(shape);
        CHECK(shown(parse_challenges(row.headers)) == row.challenges);
    }
    const auto lync = parse_challenges({R"(MsRtcOAuth href="https://a/t",grant_type="password")"});
    REQUIRE(lync.size() == 1);
    CHECK(lync[0].param("grant_type") == "password");
    CHECK(lync[0].param("realm").empty());
}
