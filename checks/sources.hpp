// The documents the rules come from, cited by their titles and addresses. A check's entry
// (CheckDef::source) cites one of them and names the section and the sentence its rule comes from.
// Internal to checks/.
#pragma once

namespace mobcheck::checks {

inline constexpr const char* kMobilityRequirements =
    "Microsoft, \"Technical requirements for mobility in Lync Server 2013\" "
    "(https://learn.microsoft.com/en-us/previous-versions/office/lync-server-2013/"
    "lync-server-2013-technical-requirements-for-mobility)";
inline constexpr const char* kDnsSummary =
    "Microsoft, \"DNS summary - Autodiscover in Lync Server 2013\" "
    "(https://learn.microsoft.com/en-us/previous-versions/office/lync-server-2013/"
    "lync-server-2013-dns-summary-autodiscover)";
inline constexpr const char* kCertificateSummary =
    "Microsoft, \"Certificate summary - Autodiscover in Lync Server 2013\" "
    "(https://learn.microsoft.com/en-us/previous-versions/office/lync-server-2013/"
    "lync-server-2013-certificate-summary-autodiscover)";
inline constexpr const char* kPortSummary =
    "Microsoft, \"Port summary - Autodiscover in Lync Server 2013\" "
    "(https://learn.microsoft.com/en-us/previous-versions/office/lync-server-2013/"
    "lync-server-2013-port-summary-autodiscover)";
inline constexpr const char* kReverseProxyForMobility =
    "Microsoft, \"Configuring the reverse proxy for mobility in Lync Server 2013\" "
    "(https://learn.microsoft.com/en-us/previous-versions/office/lync-server-2013/"
    "lync-server-2013-configuring-the-reverse-proxy-for-mobility)";
inline constexpr const char* kUcwaAuthentication =
    "Microsoft, \"Authentication in UCWA\" (https://learn.microsoft.com/en-us/skype-sdk/ucwa/authenticationinucwa)";
inline constexpr const char* kModernAuthentication =
    "Microsoft, \"How to use Modern Authentication (ADAL) with Skype for Business\" "
    "(https://learn.microsoft.com/en-us/skypeforbusiness/manage/authentication/use-adal)";
inline constexpr const char* kSkypeOnlineRetirement =
    "Microsoft, \"Skype for Business Online retirement\" "
    "(https://learn.microsoft.com/en-us/microsoftteams/skype-for-business-online-retirement)";

}  // namespace mobcheck::checks
