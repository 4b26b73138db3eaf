// The Autodiscover discovery (SPEC §3 http, §4), walked as a phone walks it. For every SIP domain, at
// once: lyncdiscoverinternal over HTTPS in the internal view (from inside only), lyncdiscover over
// HTTPS and over the HTTP port 80 rule in the external view. Each root's user link goes to the
// sign-in (sign_in.cpp). When every walk, and the lookups of the hosts the external roots name, have
// ended, the web services FQDNs the plan did not give are learned from the links and CNAME targets,
// and their probes start.
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "http_walker.hpp"
#include "model/autodiscover.hpp"
#include "model/names.hpp"
#include "probe_context.hpp"
#include "sign_in.hpp"
#include "walk_request.hpp"

namespace mobcheck {

namespace {

// The name a discovery walk of sip starts at, and its URL.
std::string discovery_name(ProbePurpose purpose, const std::string& sip) {
    return purpose == ProbePurpose::LyncdiscoverInternal ? lyncdiscoverinternal_name(sip) : lyncdiscover_name(sip);
}

std::string discovery_url(ProbePurpose purpose, const std::string& sip) {
    return (purpose == ProbePurpose::LyncdiscoverPort80 ? "http://" : "https://") + discovery_name(purpose, sip) + "/";
}

class DiscoveryWalk : public std::enable_shared_from_this<DiscoveryWalk> {
public:
    explicit DiscoveryWalk(ProbeContext& ctx) : ctx_(ctx), sign_in_(std::make_shared<SignIn>(ctx)) {}

    void start() {
        const Plan& plan = ctx_.plan;
        for (std::size_t i = 0; i < plan.sip_domains.size(); ++i) {
            if (plan.vantage == Vantage::Internal) discover(i, ProbePurpose::LyncdiscoverInternal, DnsView::Internal);
            discover(i, ProbePurpose::Lyncdiscover, DnsView::External);
            discover(i, ProbePurpose::LyncdiscoverPort80, DnsView::External);
        }
        hold();
        release();  // settles at once when there is nothing to discover
    }

private:
    using Key = std::pair<std::size_t, ProbePurpose>;  // (SIP domain index, discovery purpose)

    // The discovery and the lookups of the hosts it names must end before the names are learned.
    void hold() { ++pending_; }
    void release() {
        if (--pending_ == 0) settle();
    }

    void discover(std::size_t sip_index, ProbePurpose purpose, DnsView view) {
        const std::string& sip = ctx_.plan.sip_domains[sip_index];
        hold();
        auto self = shared_from_this();
        walk_http(ctx_, json_request(purpose, sip, ProbePurpose::None, view, discovery_url(purpose, sip)),
                  [self, sip_index](HttpWalk walk) { self->discovered(sip_index, std::move(walk)); });
    }

    void discovered(std::size_t sip_index, HttpWalk walk) {
        const Key key{sip_index, walk.purpose.id()};
        const std::string start_host = url_host(walk.start_url);
        // The CNAME target of the discovery name is a candidate web FQDN too (cached: the walk resolved it),
        // but only from a chain that resolves: a loop, a dangling CNAME or SERVFAIL teaches nothing.
        auto self = shared_from_this();
        ctx_.names.resolve(walk.view, start_host, [self, key](const NameResolution& r) {
            if (r.resolves() && !r.chain.empty()) self->cname_targets_[key] = r.chain.back().target;
        });
        const HttpExchange* last = walk.last();
        std::string user;
        if (walk.end == HttpWalkEnd::Response && last != nullptr && last->status == 200) {
            const AutodiscoverDocument doc = parse_autodiscover(last->body, last->header("Content-Type"));
            if (doc.kind == AutodiscoverDocument::Kind::Root && !doc.link("user").empty()) {
                user = doc.link("user");
                root_hosts_[key] = url_host(user);
                // http.autodiscover-links: every host an external root names must resolve outside.
                if (walk.view == DnsView::External) {
                    for (const auto& link : doc.links) resolve_link_host(url_host(link.href));
                }
            }
        }
        sign_in_->root_walked(walk, user);
        ctx_.evidence.http.push_back(std::move(walk));
        release();
    }

    void resolve_link_host(const std::string& host) {
        if (host.empty()) return;
        hold();
        auto self = shared_from_this();
        ctx_.names.resolve(DnsView::External, host, [self, host](const NameResolution& r) {
            if (r.resolves()) self->public_hosts_.insert(host);
            self->release();
        });
    }

    // The first candidate in the order of the SIP domains, so two runs learn the same name.
    std::optional<LearnedName> first_candidate(const std::vector<ProbePurpose>& purposes, bool must_be_public) const {
        for (std::size_t i = 0; i < ctx_.plan.sip_domains.size(); ++i) {
            const std::string& sip = ctx_.plan.sip_domains[i];
            for (const auto purpose : purposes) {
                auto it = root_hosts_.find({i, purpose});
                if (it == root_hosts_.end()) continue;
                if (must_be_public && public_hosts_.count(it->second) == 0) continue;
                return LearnedName{it->second, "the Autodiscover links of " + discovery_url(purpose, sip)};
            }
        }
        for (std::size_t i = 0; i < ctx_.plan.sip_domains.size(); ++i) {
            const std::string& sip = ctx_.plan.sip_domains[i];
            for (const auto purpose : purposes) {
                auto it = cname_targets_.find({i, purpose});
                if (it == cname_targets_.end()) continue;
                return LearnedName{it->second, "the CNAME target of " + discovery_name(purpose, sip)};
            }
        }
        return std::nullopt;
    }

    void settle() {
        if (settled_ || ctx_.deadline_passed) return;
        settled_ = true;
        const Plan& plan = ctx_.plan;
        LearnedWebNames& learned = ctx_.evidence.learned;
        if (!plan.internal_web) {
            learned.internal_web = first_candidate({ProbePurpose::LyncdiscoverInternal}, false);
            if (learned.internal_web) probe_web_names(ctx_, learned.internal_web->name);
        }
        if (!plan.external_web) {
            // A link to a name that does not resolve outside is what http.autodiscover-links reports, never
            // the external web FQDN. Only a root fetched over verified HTTPS teaches a name: the plain HTTP
            // port 80 root is unauthenticated, and mobcheck would go on to probe what it names.
            learned.external_web = first_candidate({ProbePurpose::Lyncdiscover}, true);
            if (learned.external_web) {
                probe_web_names(ctx_, learned.external_web->name);
                if (ctx_.plan.probes.tls) probe_external_web_certificate(ctx_, learned.external_web->name);
                probe_web_services(ctx_, learned.external_web->name);
            }
        }
    }

    ProbeContext& ctx_;
    std::shared_ptr<SignIn> sign_in_;
    int pending_ = 0;
    bool settled_ = false;
    std::map<Key, std::string> root_hosts_;     // host of the root's user link
    std::map<Key, std::string> cname_targets_;  // end of the discovery name's CNAME chain
    std::set<std::string> public_hosts_;        // link hosts that resolve in the external view
};

}  // namespace

void start_discovery_walks(ProbeContext& ctx) { std::make_shared<DiscoveryWalk>(ctx)->start(); }

}  // namespace mobcheck
