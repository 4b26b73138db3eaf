#include "parse_errors.hpp"

#include <regex>
#include <vector>

#include "model/strings.hpp"
#include "suggest.hpp"

namespace mobcheck::cli {

namespace {

// The subcommand being parsed when the error came, else the main command.
const CLI::App& command_of(const CLI::App& app) {
    for (const CLI::App* sub : app.get_subcommands()) return *sub;
    return app;
}

// "mobcheck" or "mobcheck plan".
std::string command_name(const CLI::App& app, const CLI::App& command) {
    return &command == &app ? "mobcheck" : "mobcheck " + command.get_name();
}

// Every spelling of command's flags ("--timeout", "-o", "--output"); a subcommand that takes the
// main command's flags (merge) offers those too.
std::vector<std::string> flags_of(const CLI::App& app, const CLI::App& command) {
    std::vector<std::string> names;
    auto add = [&](const CLI::App& from) {
        for (const CLI::Option* o : from.get_options()) {
            if (o->get_positional()) continue;
            for (const auto& n : o->get_lnames()) names.push_back("--" + n);
            for (const auto& n : o->get_snames()) names.push_back("-" + n);
        }
    };
    add(command);
    if (&command != &app && command.get_fallthrough()) add(app);
    return names;
}

std::vector<std::string> subcommand_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
    return names;
}

// What a value of this option must be, from its type name: "a number of seconds".
std::string expected_value(const CLI::Option* option) {
    const std::string type = option == nullptr ? "" : option->get_type_name();
    if (type == "SECONDS") return "a number of seconds, such as 3 or 0.5";
    if (type == "DAYS") return "a whole number of days";
    if (type == "N") return "a whole number";
    return "a value of type " + (type.empty() ? std::string("the flag takes") : type);
}

const CLI::Option* option_named(const CLI::App& app, const CLI::App& command, const std::string& name) {
    for (const CLI::App* from : {&command, &app}) {
        for (const CLI::Option* o : from->get_options()) {
            if (o->check_name(name)) return o;
        }
    }
    return nullptr;
}

// A positional argument as its description names it: "the evidence files (--save-evidence), two or
// more".
std::string argument(const CLI::App& app, const CLI::App& command, const std::string& name) {
    for (const CLI::Option* o : command.get_options()) {
        if (o->get_positional() && (o->get_name() == name || o->get_type_name() == name)) {
            return o->get_type_name() + " (" + o->get_description() + ")";
        }
    }
    return name == app.get_name() ? "its arguments" : name;
}

std::string unexpected(const CLI::App& app) {
    const CLI::App& command = command_of(app);
    std::vector<std::string> extras = app.remaining(true);
    if (extras.empty()) return "an argument was not expected (" + command_name(app, command) + " --help lists what it takes)";
    // A mistyped flag leaves its value behind too ("--tiemout 3"): the flag is what to name.
    std::string word = extras.front();
    for (const auto& e : extras) {
        if (e.size() > 1 && e[0] == '-') {
            word = e;
            break;
        }
    }
    if (word.size() > 1 && word[0] == '-') {
        const std::string flag = word.substr(0, word.find('='));
        return "unknown flag " + flag + did_you_mean(flag, flags_of(app, command)) + " (" + command_name(app, command) +
               " --help lists them)";
    }
    if (&command == &app) {
        const auto commands = subcommand_names(app);
        if (const auto best = nearest(word, commands)) {
            return "unknown command '" + word + "' (did you mean '" + *best + "'?)";
        }
        return "unexpected argument '" + word + "': mobcheck takes values after their flags (--sip " + word +
               "), and its commands are " + join(commands);
    }
    return "unexpected argument '" + word + "' for " + command_name(app, command) + " (" + command_name(app, command) +
           " --help lists what it takes)";
}

}  // namespace

std::string json_problem(const nlohmann::json::exception& e) {
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 7: syntax error while parsing
    // value - unexpected '}'; expected '[', '{', or a literal"
    if (what.rfind("[json.exception.", 0) == 0) what.erase(0, what.find("] ") + 2);
    what = std::regex_replace(what, std::regex("^parse error at "), "");
    return std::regex_replace(what, std::regex("syntax error while parsing [a-z ]+ - "), "");
}

std::string usage_message(const CLI::ParseError& e, const CLI::App& app) {
    const std::string what = e.what();
    const CLI::App& command = command_of(app);
    std::smatch m;
    if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) return unexpected(app);
    if (dynamic_cast<const CLI::ConversionError*>(&e) != nullptr) {
        static const std::regex convert("^Could not convert: (\\S+) = (.*)$");
        if (std::regex_match(what, m, convert)) {
            const std::string name = m[1];
            return name + ": '" + std::string(m[2]) + "' is not " + expected_value(option_named(app, command, name));
        }
    }
    if (dynamic_cast<const CLI::ValidationError*>(&e) != nullptr) {
        // CLI::IsMember: "--format: jsn not in {text,json}".
        static const std::regex member("^(\\S+): (.*) not in \\{(.*)\\}$");
        if (std::regex_match(what, m, member)) {
            std::vector<std::string> words;
            std::string list = m[3];
            for (std::size_t start = 0; start <= list.size();) {
                const auto comma = list.find(',', start);
                words.push_back(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
                if (comma == std::string::npos) break;
                start = comma + 1;
            }
            const std::string value = m[2];
            return std::string(m[1]) + ": '" + value + "' is not one of " + join(words) + did_you_mean(value, words);
        }
    }
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr) {
        static const std::regex missing("^(\\S+): \\d+ required (\\S+) missing$");
        static const std::regex too_few("^(\\S+): At least (\\d+) required but received (\\d+)$");
        if (std::regex_match(what, m, missing)) return std::string(m[1]) + " needs a value: " + std::string(m[2]);
        if (std::regex_match(what, m, too_few)) {
            return command.get_name() + " needs " + argument(app, command, m[1]) + "; got " + std::string(m[3]) +
                   " (" + command_name(app, command) + " --help)";
        }
    }
    if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) {
        static const std::regex required("^(\\S+) is required$");
        if (std::regex_match(what, m, required)) {
            return command.get_name() + " needs " + argument(app, command, m[1]) + " (" +
                   command_name(app, command) + " --help)";
        }
    }
    // Anything else CLI11 may say, still as mobcheck's line.
    return command_name(app, command) + ": " + what;
}

}  // namespace mobcheck::cli
