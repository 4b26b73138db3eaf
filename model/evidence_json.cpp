// Evidence ⇄ JSON. Loading reports the JSON path of the first bad value, so a hand-edited or
// truncated file gives one clear line (exit 2), never a crash.
#include "model/evidence_json.hpp"

#include "json_read.hpp"
#include "model/names.hpp"

namespace mobcheck {

using nlohmann::json;

namespace {

// ---- writing -------------------------------------------------------------------------------

json plan_to_json(const Plan& plan) {
    auto resolvers = [](const std::vector<ResolverAddress>& list) {
        json out = json::array();
        for (const auto& r : list) out.push_back(r.to_string());
        return out;
    };
    json j = {
        {"sip_domains", plan.sip_domains},
        {"internal_dns", resolvers(plan.internal_dns)},
        {"external_dns", resolvers(plan.external_dns)},
        {"internal_web", plan.internal_web ? json(*plan.internal_web) : json(nullptr)},
        {"external_web", plan.external_web ? json(*plan.external_web) : json(nullptr)},
        {"vantage", to_string(plan.vantage)},
        {"timeout_ms", plan.timeout.count()},
        {"attempts", plan.attempts},
        {"deadline_ms", plan.deadline.count()},
        {"apns", plan.apns.host + ":" + std::to_string(plan.apns.port)},
        {"sbas", plan.sbas},
        {"user", plan.user ? json(*plan.user) : json(nullptr)},
        {"max_connections", plan.max_connections},
        {"max_per_host", plan.max_per_host},
        {"ca_file", plan.ca_file ? json(*plan.ca_file) : json(nullptr)},
        {"expiry_warn_days", plan.expiry_warn_days},
        {"managed_devices", plan.managed_devices},
        {"max_dns_queries", plan.max_dns_queries},
        {"probes", plan.probes.names()},
    };
    return j;
}

json run_to_json(const RunInfo& run) {
    return {
        {"tool_version", run.tool_version},
        {"started_at", run.started_at},
        {"duration_ms", run.duration_ms},
        {"deadline_reached", run.deadline_reached},
        {"peak_connections", run.peak_connections},
        {"connection_cap", run.connection_cap},
        {"extra_trust_anchors", run.extra_trust_anchors},
        {"resolvers",
         {{"internal", {{"servers", run.internal_resolvers}, {"source", run.internal_resolvers_source}}},
          {"external", {{"servers", run.external_resolvers}, {"source", run.external_resolvers_source}}}}},
    };
}

// ---- reading -------------------------------------------------------------------------------

using namespace json_read;

Plan plan_from_json(const json& j, const std::string& path) {
    Plan plan;
    const json& domains = get_array(j, "sip_domains", path);
    for (std::size_t i = 0; i < domains.size(); ++i) {
        if (!domains[i].is_string()) bad_element(path, "sip_domains", i, "expected a string");
        auto parsed = normalize_domain(domains[i].get<std::string>());
        if (!parsed) bad_element(path, "sip_domains", i, parsed.error);
        plan.sip_domains.push_back(*parsed);
    }
    for (const auto& [key, target] : {std::pair{"internal_dns", &plan.internal_dns}, {"external_dns", &plan.external_dns}}) {
        const auto list = get_strings(j, key, path);
        for (std::size_t i = 0; i < list.size(); ++i) {
            auto parsed = parse_resolver(list[i]);
            if (!parsed) bad_element(path, key, i, parsed.error);
            target->push_back(*parsed);
        }
    }
    if (get_optional_string(j, "internal_web", path)) plan.internal_web = get_domain(j, "internal_web", path);
    if (get_optional_string(j, "external_web", path)) plan.external_web = get_domain(j, "external_web", path);
    const std::string vantage = get_optional_string(j, "vantage", path).value_or("internal");
    if (vantage == "internal") {
        plan.vantage = Vantage::Internal;
    } else if (vantage == "external") {
        plan.vantage = Vantage::External;
    } else {
        bad_member(path, "vantage", "expected \"internal\" or \"external\"");
    }
    plan.timeout = std::chrono::milliseconds(get_number_or<std::int64_t>(j, "timeout_ms", path, 1, 3.6e6, plan.timeout.count()));
    plan.attempts = get_number_or<int>(j, "attempts", path, 1, 100, plan.attempts);
    plan.deadline = std::chrono::milliseconds(get_number_or<std::int64_t>(j, "deadline_ms", path, 1, 3.6e7, plan.deadline.count()));
    if (auto apns = get_optional_string(j, "apns", path)) {
        auto parsed = parse_endpoint(*apns, 5223);
        if (!parsed) bad_member(path, "apns", parsed.error);
        plan.apns = *parsed;
    }
    plan.user = get_optional_string(j, "user", path);
    const auto sbas = get_strings(j, "sbas", path);
    for (std::size_t i = 0; i < sbas.size(); ++i) {
        auto parsed = parse_host(sbas[i]);
        if (!parsed) bad_element(path, "sbas", i, parsed.error);
        plan.sbas.push_back(*parsed);
    }
    plan.max_connections = get_number_or<std::size_t>(j, "max_connections", path, 1, 1e6, plan.max_connections);
    plan.max_per_host = get_number_or<std::size_t>(j, "max_per_host", path, 1, 1e6, plan.max_per_host);
    plan.ca_file = get_optional_string(j, "ca_file", path);
    plan.expiry_warn_days = get_number_or<int>(j, "expiry_warn_days", path, 0, 3650, plan.expiry_warn_days);
    if (j.contains("managed_devices")) {
        if (!j.at("managed_devices").is_boolean()) bad_member(path, "managed_devices", "expected true or false");
        plan.managed_devices = j.at("managed_devices").get<bool>();
    }
    plan.max_dns_queries = get_number_or<std::size_t>(j, "max_dns_queries", path, 1, 1e6, plan.max_dns_queries);
    // Absent (a file of an older mobcheck): everything was probed.
    if (j.contains("probes")) {
        const auto families = get_strings(j, "probes", path);
        plan.probes = ProbeFamilies{false, false, false, false};
        for (std::size_t i = 0; i < families.size(); ++i) {
            bool* family = families[i] == "dns"     ? &plan.probes.dns
                           : families[i] == "ports" ? &plan.probes.ports
                           : families[i] == "tls"   ? &plan.probes.tls
                           : families[i] == "http"  ? &plan.probes.http
                                                    : nullptr;
            if (family == nullptr) bad_element(path, "probes", i, "expected \"dns\", \"ports\", \"tls\" or \"http\"");
            *family = true;
        }
    }
    return plan;
}

RunInfo run_from_json(const json& j, const std::string& path) {
    RunInfo run;
    if (!j.is_object()) bad(path, "expected an object");
    run.tool_version = get_optional_string(j, "tool_version", path).value_or("");
    run.started_at = get_optional_string(j, "started_at", path).value_or("");
    run.duration_ms = get_number_or<double>(j, "duration_ms", path, 0, 1e12, 0);
    run.peak_connections = get_number_or<std::size_t>(j, "peak_connections", path, 0, 1e9, 0);
    run.connection_cap = get_number_or<std::size_t>(j, "connection_cap", path, 0, 1e9, 0);
    run.extra_trust_anchors = get_strings(j, "extra_trust_anchors", path);
    if (j.contains("deadline_reached")) {
        if (!j.at("deadline_reached").is_boolean()) bad_member(path, "deadline_reached", "expected true or false");
        run.deadline_reached = j.at("deadline_reached").get<bool>();
    }
    if (j.contains("resolvers")) {
        const json& r = member(j, "resolvers", path);
        const std::string rp = path + ".resolvers";
        if (r.contains("internal")) {
            run.internal_resolvers = get_strings(r.at("internal"), "servers", rp + ".internal");
            run.internal_resolvers_source = get_optional_string(r.at("internal"), "source", rp + ".internal").value_or("");
        }
        if (r.contains("external")) {
            run.external_resolvers = get_strings(r.at("external"), "servers", rp + ".external");
            run.external_resolvers_source = get_optional_string(r.at("external"), "source", rp + ".external").value_or("");
        }
    }
    return run;
}

DnsLookup lookup_from_json(const json& j, const std::string& path) {
    DnsLookup l;
    l.view = get_view(j, "view", path);
    l.name = canonical_name(get_string(j, "name", path));
    l.type = get_string(j, "type", path);
    if (l.type != "A" && l.type != "AAAA" && l.type != "SRV") bad_member(path, "type", "expected \"A\", \"AAAA\" or \"SRV\"");
    l.outcome = get_enum(j, "outcome", path, &dns_outcome_from_string, "outcome");
    if (j.contains("chain")) {
        const json& chain = get_array(j, "chain", path);
        for (std::size_t i = 0; i < chain.size(); ++i) {
            const std::string p = path + ".chain[" + std::to_string(i) + "]";
            l.chain.push_back(CnameHop{canonical_name(get_string(chain[i], "name", p)),
                                       canonical_name(get_string(chain[i], "target", p)),
                                       get_number_or<std::uint32_t>(chain[i], "ttl", p, 0, 4294967295.0, 0)});
        }
    }
    l.addresses = get_strings(j, "addresses", path);
    if (j.contains("srv")) {
        const json& srv = get_array(j, "srv", path);
        for (std::size_t i = 0; i < srv.size(); ++i) {
            const std::string p = path + ".srv[" + std::to_string(i) + "]";
            SrvTarget t;
            t.priority = get_number<std::uint16_t>(srv[i], "priority", p, 0, 65535);
            t.weight = get_number<std::uint16_t>(srv[i], "weight", p, 0, 65535);
            t.port = get_number<std::uint16_t>(srv[i], "port", p, 0, 65535);
            t.target = canonical_name(get_string(srv[i], "target", p));
            t.ttl = get_number_or<std::uint32_t>(srv[i], "ttl", p, 0, 4294967295.0, 0);
            l.srv.push_back(t);
        }
    }
    if (j.contains("queries")) {
        const json& queries = get_array(j, "queries", path);
        for (std::size_t i = 0; i < queries.size(); ++i) {
            const std::string p = path + ".queries[" + std::to_string(i) + "]";
            DnsQuery q;
            q.qname = get_string(queries[i], "qname", p);
            q.qtype = get_string(queries[i], "qtype", p);
            q.rcode = get_optional_string(queries[i], "rcode", p).value_or("");
            q.result = get_optional_string(queries[i], "result", p).value_or("");
            q.attempts = get_number_or<int>(queries[i], "attempts", p, 0, 1000, 0);
            q.elapsed_ms = get_number_or<double>(queries[i], "elapsed_ms", p, 0, 1e9, 0);
            l.queries.push_back(q);
        }
    }
    l.detail = get_optional_string(j, "detail", path).value_or("");
    l.elapsed_ms = get_number_or<double>(j, "elapsed_ms", path, 0, 1e9, 0);
    return l;
}

PortProbe port_from_json(const json& j, const std::string& path) {
    PortProbe p;
    p.purpose = RecordedPurpose::from_text(get_string(j, "purpose", path));  // any text, even ""
    p.host = get_string(j, "host", path);
    p.view = get_view(j, "view", path);
    p.address = get_optional_string(j, "address", path).value_or("");
    p.port = get_number<std::uint16_t>(j, "port", path, 1, 65535);
    p.state = get_enum(j, "state", path, &port_state_from_string, "port state");
    p.latency_ms = get_number_or<double>(j, "latency_ms", path, 0, 1e9, 0);
    p.detail = get_optional_string(j, "detail", path).value_or("");
    return p;
}

}  // namespace

json to_json(const PortProbe& p) {
    return {{"purpose", p.purpose.text()}, {"host", p.host},   {"view", to_string(p.view)},  {"address", p.address},
            {"port", p.port},       {"state", to_string(p.state)}, {"latency_ms", p.latency_ms}, {"detail", p.detail}};
}

json to_json(const DnsLookup& l) {
    json chain = json::array();
    for (const auto& hop : l.chain) chain.push_back({{"name", hop.name}, {"target", hop.target}, {"ttl", hop.ttl}});
    json srv = json::array();
    for (const auto& s : l.srv) {
        srv.push_back({{"priority", s.priority}, {"weight", s.weight}, {"port", s.port}, {"target", s.target}, {"ttl", s.ttl}});
    }
    json queries = json::array();
    for (const auto& q : l.queries) {
        queries.push_back({{"qname", q.qname}, {"qtype", q.qtype}, {"rcode", q.rcode}, {"result", q.result},
                           {"attempts", q.attempts}, {"elapsed_ms", q.elapsed_ms}});
    }
    return {{"view", to_string(l.view)}, {"name", l.name},   {"type", l.type},       {"outcome", to_string(l.outcome)},
            {"chain", chain},            {"addresses", l.addresses}, {"srv", srv}, {"queries", queries},
            {"detail", l.detail},        {"elapsed_ms", l.elapsed_ms}};
}

json to_json(const NameResolution& r) {
    json chain = json::array();
    for (const auto& hop : r.chain) chain.push_back({{"name", hop.name}, {"target", hop.target}});
    json j = {{"view", to_string(r.view)}, {"name", r.name}, {"outcome", r.looked_up ? to_string(r.outcome) : "not-looked-up"}};
    if (!chain.empty()) j["chain"] = chain;
    if (!r.addresses.empty()) j["addresses"] = r.addresses;
    if (!r.resolves() && !r.detail.empty()) j["detail"] = r.detail;
    return j;
}

json evidence_to_json(const Evidence& evidence) {
    json dns = json::array();
    for (const auto& l : evidence.dns) dns.push_back(to_json(l));
    json ports = json::array();
    for (const auto& p : evidence.ports) ports.push_back(to_json(p));
    json tls = json::array();
    for (const auto& t : evidence.tls) tls.push_back(to_json(t));
    json http = json::array();
    for (const auto& w : evidence.http) http.push_back(to_json(w));
    return {{"schema_version", Evidence::kSchemaVersion},
            {"kind", "mobcheck-evidence"},
            {"plan", plan_to_json(evidence.plan)},
            {"run", run_to_json(evidence.run)},
            {"dns", dns},
            {"ports", ports},
            {"tls", tls},
            {"http", http},
            {"learned", to_json(evidence.learned)}};
}

Evidence evidence_from_json(const json& j) {
    if (!j.is_object()) bad("$", "expected a JSON object (a file written by --save-evidence)");
    // Not json's operator!= with a literal: it builds a json value inside a noexcept function, where an
    // allocation failure would end the process instead of the run.
    const auto kind = j.find("kind");
    // A report (--format json) carries results and a summary, and no kind: say what it is and what to
    // give instead, before its schema_version (the report's own) would be refused as unsupported.
    if (kind == j.end() && j.contains("results") && j.contains("summary")) {
        bad("$", "this is a mobcheck report (--format json), not a saved run: judge the evidence file the run "
                 "saved with --save-evidence, or compare two reports with mobcheck diff");
    }
    if (kind != j.end() && !(kind->is_string() && kind->get_ref<const std::string&>() == "mobcheck-evidence")) {
        bad("$.kind", "this is not a mobcheck evidence file (a report? save evidence with --save-evidence)");
    }
    const int version = get_number<int>(j, "schema_version", "$", 0, 1e6);
    if (version != Evidence::kSchemaVersion) {
        bad("$.schema_version", "version " + std::to_string(version) + " is not supported (this mobcheck reads " +
                                    std::to_string(Evidence::kSchemaVersion) + ")");
    }
    Evidence evidence;
    evidence.plan = plan_from_json(member(j, "plan", "$"), "$.plan");
    if (j.contains("run")) evidence.run = run_from_json(j.at("run"), "$.run");
    if (j.contains("dns")) {
        const json& dns = get_array(j, "dns", "$");
        for (std::size_t i = 0; i < dns.size(); ++i) {
            evidence.dns.push_back(lookup_from_json(dns[i], "$.dns[" + std::to_string(i) + "]"));
        }
    }
    if (j.contains("ports")) {
        const json& ports = get_array(j, "ports", "$");
        for (std::size_t i = 0; i < ports.size(); ++i) {
            evidence.ports.push_back(port_from_json(ports[i], "$.ports[" + std::to_string(i) + "]"));
        }
    }
    if (j.contains("tls")) {
        const json& tls = get_array(j, "tls", "$");
        for (std::size_t i = 0; i < tls.size(); ++i) {
            evidence.tls.push_back(tls_probe_from_json(tls[i], "$.tls[" + std::to_string(i) + "]"));
        }
    }
    if (j.contains("http")) {
        const json& http = get_array(j, "http", "$");
        for (std::size_t i = 0; i < http.size(); ++i) {
            evidence.http.push_back(http_walk_from_json(http[i], "$.http[" + std::to_string(i) + "]"));
        }
    }
    if (j.contains("learned")) evidence.learned = learned_web_names_from_json(j.at("learned"), "$.learned");
    return evidence;
}

}  // namespace mobcheck
