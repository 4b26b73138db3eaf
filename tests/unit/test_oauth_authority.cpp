// The OAuth authority a user link's challenges name, and where its OpenID configuration is: each row
// an authorization_uri as servers send it and what mobcheck must make of it.
#include <doctest/doctest.h>

#include "model/oauth_authority.hpp"

using namespace mobcheck;

TEST_CASE("oauth authority: host and OpenID configuration of every kind of authorization_uri") {
    struct Row {
        const char* uri;
        bool https;
        const char* host;
        int port;
        bool adfs;
        const char* openid;
    };
    const Row rows[] = {
        {"https://sts.contoso.com/adfs/oauth2/authorize", true, "sts.contoso.com", 443, true,
         "https://sts.contoso.com/adfs/.well-known/openid-configuration"},
        {"https://STS.Contoso.com./ADFS/oauth2/authorize/", true, "sts.contoso.com", 443, true,
         "https://sts.contoso.com/adfs/.well-known/openid-configuration"},
        {"https://sts.contoso.com:8443/adfs/oauth2/authorize?resource=x", true, "sts.contoso.com", 8443, true,
         "https://sts.contoso.com:8443/adfs/.well-known/openid-configuration"},
        {"https://login.windows.net/common/oauth2/authorize", true, "login.windows.net", 443, false,
         "https://login.windows.net/common/.well-known/openid-configuration"},
        {"https://login.microsoftonline.com/0b5f5b6c-1c2d-4e3f-9a8b-7c6d5e4f3a2b/oauth2/authorize", true,
         "login.microsoftonline.com", 443, false,
         "https://login.microsoftonline.com/0b5f5b6c-1c2d-4e3f-9a8b-7c6d5e4f3a2b/.well-known/openid-configuration"},
        {"https://login.microsoftonline.com/contoso.com/oauth2/v2.0/authorize", true, "login.microsoftonline.com", 443,
         false, "https://login.microsoftonline.com/contoso.com/v2.0/.well-known/openid-configuration"},
        {"https://idp.contoso.com/authorize", true, "idp.contoso.com", 443, false,
         "https://idp.contoso.com/.well-known/openid-configuration"},
        {"https://[2001:db8::5]/adfs/oauth2/authorize", true, "2001:db8::5", 443, true,
         "https://[2001:db8::5]/adfs/.well-known/openid-configuration"},
        {"https://sts.contoso.com:99999/adfs/oauth2/authorize", true, "sts.contoso.com", 443, true,
         "https://sts.contoso.com/adfs/.well-known/openid-configuration"},
        {"https://sts.contoso.com", true, "sts.contoso.com", 443, false, "https://sts.contoso.com/.well-known/openid-configuration"},
        {"https://sts.contoso.com?x=/adfs/", true, "sts.contoso.com", 443, false,
         "https://sts.contoso.com/.well-known/openid-configuration"},
        {"https://[2001:db8::5]:8443/adfs/oauth2/authorize", true, "2001:db8::5", 8443, true,
         "https://[2001:db8::5]:8443/adfs/.well-known/openid-configuration"},
        {"https://alice@sts.contoso.com:444/adfs/oauth2/authorize", true, "sts.contoso.com", 444, true,
         "https://sts.contoso.com:444/adfs/.well-known/openid-configuration"},
        {"https://sts.contoso.com:abc/adfs/oauth2/authorize", true, "sts.contoso.com", 443, true,
         "https://sts.contoso.com/adfs/.well-known/openid-configuration"},
        {"https://sts.contoso.com:/adfs/oauth2/authorize", true, "sts.contoso.com", 443, true,
         "https://sts.contoso.com/adfs/.well-known/openid-configuration"},
        {"HTTPS://sts.contoso.com/tenant/OAuth2/V2.0/authorize#frag", true, "sts.contoso.com", 443, false,
         "https://sts.contoso.com/tenant/v2.0/.well-known/openid-configuration"},
        {"https:///adfs/oauth2/authorize", false, "", 443, false, ""},
        {"http://sts.contoso.com/adfs/oauth2/authorize", false, "sts.contoso.com", 443, true, ""},
        {"sts.contoso.com/adfs/oauth2/authorize", false, "", 443, false, ""},
        {"", false, "", 443, false, ""},
    };
    for (const Row& row : rows) {
        const std::string uri = row.uri;
        CAPTURE(uri);
        const OAuthAuthority a = describe_oauth_authority(uri);
        CHECK(a.authorization_uri == uri);
        CHECK(a.https == row.https);
        CHECK(a.host == row.host);
        if (!row.https) {
            CHECK(a.openid_configuration.empty());
            continue;
        }
        CHECK(a.port == row.port);
        CHECK(a.adfs == row.adfs);
        CHECK(a.openid_configuration == row.openid);
    }
}

TEST_CASE("oauth authority: named by the first Bearer challenge that has an authorization_uri") {
    const auto challenges = parse_challenges({
        R"(MsRtcOAuth href="https://webext.contoso.com/WebTicket/oauthtoken",grant_type="urn:microsoft.rtc:windows,password")",
        R"(Bearer trusted_issuers="", client_id="00000004-0000-0ff1-ce00-000000000000")",
        R"(bearer authorization_uri="https://sts.contoso.com/adfs/oauth2/authorize", client_id="x")",
        R"(Bearer authorization_uri="https://login.windows.net/common/oauth2/authorize")",
    });
    const auto a = named_oauth_authority(challenges);
    REQUIRE(a);
    CHECK(a->host == "sts.contoso.com");
    CHECK(a->adfs);

    // Lync 2013's own challenges name no authority: Windows and password sign-in only.
    CHECK_FALSE(named_oauth_authority(parse_challenges({R"(Bearer trusted_issuers="", client_id="x")"})));
    CHECK_FALSE(named_oauth_authority(parse_challenges({R"(MsRtcOAuth authorization_uri="https://a/adfs/oauth2/authorize")"})));
    CHECK_FALSE(named_oauth_authority({}));
    // Folded into one header with MsRtcOAuth, unquoted.
    const auto folded = named_oauth_authority(parse_challenges(
        {R"(MsRtcOAuth href="https://a/t",grant_type="password", Bearer authorization_uri=https://sts.fabrikam.com/adfs/oauth2/authorize)"}));
    REQUIRE(folded);
    CHECK(folded->host == "sts.fabrikam.com");
}

TEST_CASE("oauth authority: the passive grant in the MsRtcOAuth grant list quoted or not") {
    struct Row {
        const char* header;
        bool passive;
    };
    const Row rows[] = {
        {R"(MsRtcOAuth href="https://a/t",grant_type="urn:microsoft.rtc:windows,urn:microsoft.rtc:passive,password")", true},
        {R"(MsRtcOAuth href="https://a/t",grant_type="urn:microsoft.rtc:windows, URN:Microsoft.RTC:Passive")", true},
        {R"(MsRtcOAuth href="https://a/t",grant_type=urn:microsoft.rtc:windows,urn:microsoft.rtc:passive)", true},
        {R"(MsRtcOAuth href="https://a/t",grant_type="urn:microsoft.rtc:windows,urn:microsoft.rtc:anonmeeting,password")", false},
        {R"(MsRtcOAuth href="https://a/t",grant_type="urn:microsoft.rtc:passiveX")", false},
        {R"(MsRtcOAuth href="https://a/t",grant_type=" urn:microsoft.rtc:passive ,password")", true},
        {R"(MsRtcOAuth href="https://a/t",grant_type=",,password,")", false},
        {R"(Bearer grant_type="urn:microsoft.rtc:passive")", false},
        {R"(MsRtcOAuth href="https://a/t")", false},
    };
    for (const Row& row : rows) {
        const std::string header = row.header;
        CAPTURE(header);
        CHECK(offers_passive_grant(parse_challenges({header})) == row.passive);
    }
}
