#include "model/www_authenticate.hpp"

#include <cctype>

#include "model/strings.hpp"

namespace mobcheck {

namespace {

// RFC 9110 tchar: what a scheme or a parameter name is made of.
bool is_tchar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

class Reader {
public:
    explicit Reader(std::string_view text) : text_(text) {}

    bool done() const { return at_ >= text_.size(); }
    void skip_blanks() {
        while (!done() && (text_[at_] == ' ' || text_[at_] == '\t')) ++at_;
    }
    // Commas and blanks between list elements (RFC 9110 allows empty elements).
    void skip_separators() {
        while (!done() && (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == ',')) ++at_;
    }
    std::string token() {
        const std::size_t start = at_;
        while (!done() && is_tchar(text_[at_])) ++at_;
        return std::string(text_.substr(start, at_ - start));
    }
    // A token68 ("abc+/==") runs to the next blank or comma.
    std::string token68() {
        const std::size_t start = at_;
        while (!done() && text_[at_] != ',' && text_[at_] != ' ' && text_[at_] != '\t') ++at_;
        return std::string(text_.substr(start, at_ - start));
    }
    // A quoted string with its backslash escapes; false when it does not end.
    bool quoted(std::string& out) {
        ++at_;  // the opening quote
        while (!done()) {
            const char c = text_[at_++];
            if (c == '"') return true;
            if (c == '\\' && !done()) {
                out += text_[at_++];
            } else {
                out += c;
            }
        }
        return false;
    }
    char peek() const { return done() ? '\0' : text_[at_]; }
    std::size_t position() const { return at_; }
    void seek(std::size_t at) { at_ = at; }
    void advance() { ++at_; }

private:
    std::string_view text_;
    std::size_t at_ = 0;
};

// Is a "name =" next (a parameter), rather than the scheme of the next challenge?
bool parameter_next(Reader& in) {
    const std::size_t start = in.position();
    const std::string name = in.token();
    in.skip_blanks();
    const bool is_param = !name.empty() && in.peek() == '=';
    in.seek(start);
    return is_param;
}

// Is a challenge's scheme next: a token followed by a blank, a comma or the end (not "urn:...")?
bool scheme_next(Reader& in) {
    const std::size_t start = in.position();
    const std::string name = in.token();
    const char after = in.peek();
    in.seek(start);
    return !name.empty() && (after == '\0' || after == ' ' || after == '\t' || after == ',');
}

void parse_value(std::string_view text, std::vector<Challenge>& out) {
    Reader in(text);
    for (;;) {
        in.skip_separators();
        if (in.done()) return;
        Challenge c;
        c.scheme = in.token();
        if (c.scheme.empty()) return;  // not a challenge: the rest of this value is not read
        in.skip_blanks();
        // A token68, or parameters separated by commas until the next challenge's scheme.
        if (!in.done() && in.peek() != ',' && !parameter_next(in)) {
            c.token68 = in.token68();
        } else {
            for (;;) {
                in.skip_separators();
                if (in.done()) break;
                if (!parameter_next(in)) {
                    // An unquoted list value goes on after its comma ("grant_type=urn:a,urn:b"); a
                    // token that stands alone is the next challenge's scheme.
                    if (scheme_next(in) || c.params.empty()) break;
                    c.params.back().second += "," + in.token68();
                    continue;
                }
                std::string name = lower(in.token());
                in.skip_blanks();
                in.advance();  // '='
                in.skip_blanks();
                std::string value;
                if (in.peek() == '"') {
                    if (!in.quoted(value)) {
                        out.push_back(std::move(c));
                        return;
                    }
                } else {
                    value = in.token68();
                }
                c.params.emplace_back(std::move(name), std::move(value));
            }
        }
        out.push_back(std::move(c));
    }
}

}  // namespace

std::string Challenge::param(std::string_view name) const {
    for (const auto& [n, v] : params) {
        if (n == name) return v;
    }
    return "";
}

std::vector<Challenge> parse_challenges(const std::vector<std::string>& values) {
    std::vector<Challenge> out;
    for (const auto& value : values) parse_value(value, out);
    return out;
}

}  // namespace mobcheck
