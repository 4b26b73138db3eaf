#include "model/x509_util.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>

namespace mobcheck {

std::string name_text(const X509_NAME* name) {
    if (name == nullptr) return "";
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0) return "";
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(len));
}

std::vector<std::unique_ptr<X509, decltype(&X509_free)>> read_pem_certificates(const std::string& pem) {
    std::vector<std::unique_ptr<X509, decltype(&X509_free)>> out;
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
    if (!bio) return out;
    while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) out.emplace_back(cert, &X509_free);
    ERR_clear_error();  // the end of the text reads as an error
    return out;
}

}  // namespace mobcheck
