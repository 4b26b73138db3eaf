#include "model/probe_purpose.hpp"

#include "model/enum_names.hpp"

namespace mobcheck {

namespace {

constexpr EnumNames<ProbePurpose, 16> kPurposeNames{{
    {ProbePurpose::None, ""},
    {ProbePurpose::LyncdiscoverInternal, "lyncdiscoverinternal"},
    {ProbePurpose::Lyncdiscover, "lyncdiscover"},
    {ProbePurpose::LyncdiscoverPort80, "lyncdiscover-port80"},
    {ProbePurpose::UserChallenge, "user-challenge"},
    {ProbePurpose::Token, "token"},
    {ProbePurpose::UserDocument, "user-document"},
    {ProbePurpose::Hairpin, "hairpin"},
    {ProbePurpose::Ucwa, "ucwa"},
    {ProbePurpose::Mcx, "mcx"},
    {ProbePurpose::Affinity, "affinity"},
    {ProbePurpose::ExternalWeb, "external-web"},
    {ProbePurpose::Apns, "apns"},
    {ProbePurpose::Sba, "sba"},
    {ProbePurpose::OAuthAuthority, "oauth-authority"},
    {ProbePurpose::OpenIdConfiguration, "openid-configuration"},
}};

}  // namespace

const char* to_string(ProbePurpose purpose) { return enum_name(kPurposeNames, purpose); }

std::optional<ProbePurpose> probe_purpose_from_string(std::string_view text) {
    return enum_from_name(kPurposeNames, text);
}

RecordedPurpose RecordedPurpose::from_text(std::string_view text) {
    RecordedPurpose p;
    if (const auto known = probe_purpose_from_string(text)) {
        p.id_ = *known;
    } else {
        p.id_ = ProbePurpose::Other;
        p.other_ = text;
    }
    return p;
}

}  // namespace mobcheck
