// Why a probe was made: the name, the walk or the port it stands for. The engine tags every probe
// with it and the checks find their evidence by it; the evidence file spells it as the comments
// below say ("lyncdiscover", "user-challenge", ...).
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace mobcheck {

enum class ProbePurpose {
    None,  // "": no purpose (an HTTP walk's via when no Autodiscover root led to it)
    // The Autodiscover discovery of a SIP domain as a phone walks it, and the certificates of its names.
    LyncdiscoverInternal,  // "lyncdiscoverinternal": https://lyncdiscoverinternal.<sip>/ in the internal view
    Lyncdiscover,          // "lyncdiscover": https://lyncdiscover.<sip>/ in the external view
    LyncdiscoverPort80,    // "lyncdiscover-port80": http://lyncdiscover.<sip>/ in the external view
    // Where a root's user link leads.
    UserChallenge,  // "user-challenge": the user link without credentials
    Token,          // "token": the OAuth password grant (--user)
    UserDocument,   // "user-document": the user link with the token (--user)
    // The web services behind the external web FQDN.
    Hairpin,      // "hairpin": its public address, from inside
    Ucwa,         // "ucwa": /ucwa/
    Mcx,          // "mcx": /Mcx/McxService.svc
    Affinity,     // "affinity": fresh connections to its Autodiscover root
    ExternalWeb,  // "external-web": its certificate
    // Ports.
    Apns,  // "apns": outbound 5223 to the Apple Push Notification Service
    Sba,   // "sba": 5088/5089 of a Survivable Branch Appliance
    // Modern authentication: the OAuth authority a user link's Bearer challenge names (AD FS, Entra ID).
    OAuthAuthority,       // "oauth-authority": its certificate, in the external view
    OpenIdConfiguration,  // "openid-configuration": its OpenID Provider metadata
    // Read from an evidence file, and none of the above (a later version's, or a hand-edited file's):
    // RecordedPurpose keeps its text. Nothing mobcheck probes has it.
    Other,
};

// The evidence file's spelling ("" for None); "?" for Other, whose text only a RecordedPurpose knows.
const char* to_string(ProbePurpose purpose);
// The purpose spelled text; never Other.
std::optional<ProbePurpose> probe_purpose_from_string(std::string_view text);

// A purpose as the evidence holds it: one mobcheck knows, or, read from a file, any other text, kept
// as it was (the evidence file has always taken any purpose, and a check simply finds nothing under
// one it does not know).
class RecordedPurpose {
public:
    RecordedPurpose() = default;
    RecordedPurpose(ProbePurpose id) : id_(id) {}  // NOLINT(google-explicit-constructor): a known purpose is one

    // The purpose spelled text: a known one, or Other keeping text.
    static RecordedPurpose from_text(std::string_view text);

    ProbePurpose id() const { return id_; }
    // As the evidence file spells it.
    std::string text() const { return id_ == ProbePurpose::Other ? other_ : to_string(id_); }

    bool operator==(ProbePurpose id) const { return id_ == id; }
    bool operator==(const RecordedPurpose&) const = default;
    auto operator<=>(const RecordedPurpose&) const = default;

private:
    ProbePurpose id_ = ProbePurpose::None;
    std::string other_;  // the text of an Other purpose
};

}  // namespace mobcheck
