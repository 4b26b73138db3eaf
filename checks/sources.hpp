// The documents the rules come from, as the check entries cite them (CheckDef::source). Internal
// to checks/.
#pragma once

namespace mobcheck::checks {

inline constexpr const char* kSeedDns = "Technical requirements for mobility (seed), \"Internal and External DNS Configuration\"";
inline constexpr const char* kSeedTopology = "Technical requirements for mobility (seed), topology requirements";
inline constexpr const char* kSeedPorts = "Technical requirements for mobility (seed), \"Port and Firewall Requirements\"";
inline constexpr const char* kMsDnsSummary = "Microsoft, \"DNS summary - Autodiscover in Lync Server 2013\"";
inline constexpr const char* kSeedCerts = "Technical requirements for mobility (seed), \"Certificate Requirements\"";
inline constexpr const char* kSeedReverseProxy = "Technical requirements for mobility (seed), \"Reverse Proxy Requirements\"";
inline constexpr const char* kSeedHairpin = "Technical requirements for mobility (seed), the reverse proxy hairpin";
inline constexpr const char* kSeedLoadBalancer = "Technical requirements for mobility (seed), \"Hardware Load Balancer Requirements\"";
inline constexpr const char* kSeedIis = "Technical requirements for mobility (seed), \"Internet Information Services (IIS) Requirements\"";
inline constexpr const char* kSeedMobility = "Technical requirements for mobility (seed), Mobility Service (Mcx and UCWA)";
inline constexpr const char* kMsCertSummary = "Microsoft, \"Certificate summary - Autodiscover in Lync Server 2013\"";

}  // namespace mobcheck::checks
