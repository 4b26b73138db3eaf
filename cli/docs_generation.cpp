#include "docs_generation.hpp"

#include <sstream>

#include "checks/registry.hpp"
#include "model/strings.hpp"

namespace mobcheck::cli {

namespace {

// Text as roff reads it: backslashes and dashes escaped, no line starting with a control character.
std::string roff(const std::string& text) {
    std::string out;
    bool line_start = true;
    for (char c : text) {
        if (line_start && (c == '.' || c == '\'')) out += "\\&";
        if (c == '\\') out += "\\e";
        else if (c == '-') out += "\\-";
        else out += c;
        line_start = c == '\n';
    }
    return out;
}

std::vector<const CLI::Option*> visible_options(const CLI::App& command) {
    return command.get_options([](const CLI::Option* o) { return !o->get_group().empty(); });
}

std::vector<const CLI::App*> commands_of(const CliDefinition& cli) {
    return cli.app().get_subcommands([](const CLI::App*) { return true; });
}

bool takes_value(const CLI::Option* o) { return o->get_items_expected_max() > 0; }

void man_options(std::ostringstream& out, const CLI::App& command) {
    for (const CLI::Option* o : visible_options(command)) {
        std::string names = o->get_name(true, true);
        for (std::size_t at = names.find(','); at != std::string::npos; at = names.find(',', at + 2)) names.insert(at + 1, " ");
        out << ".TP\n.B " << roff(names);
        if (takes_value(o) && !o->get_positional()) out << " \" " << roff(o->get_type_name()) << "\"";
        out << "\n" << roff(o->get_description());
        // --help shows a default as "=3"; the page says it in words.
        if (takes_value(o) && !o->get_positional() && !o->get_default_str().empty()) {
            out << " (default: " << roff(o->get_default_str()) << ")";
        }
        out << "\n";
    }
}

// The footer of --help: "Examples:", "Exit codes:" and the notes, each a section of its own.
void man_footer(std::ostringstream& out, const std::string& footer) {
    std::istringstream in(footer);
    std::string line, block;
    auto flush = [&] {
        if (block.empty()) return;
        const std::string first = block.substr(0, block.find('\n'));
        if (first == "Examples:") {
            out << ".SH EXAMPLES\n.nf\n" << roff(block.substr(first.size() + 1)) << ".fi\n";
        } else if (first == "Exit codes:") {
            out << ".SH \"EXIT STATUS\"\n.nf\n" << roff(block.substr(first.size() + 1)) << ".fi\n";
        } else {
            out << ".SH NOTES\n" << roff(block);
        }
        block.clear();
    };
    while (std::getline(in, line)) {
        if (line.empty()) {
            flush();
        } else {
            block += line + "\n";
        }
    }
    flush();
}

std::string option_words(const CLI::App& command) {
    std::vector<std::string> names;
    for (const CLI::Option* o : visible_options(command)) {
        for (const auto& s : o->get_snames()) names.push_back("-" + s);
        for (const auto& l : o->get_lnames()) names.push_back("--" + l);
    }
    return join(names, " ");
}

std::string check_selectors() {
    std::vector<std::string> ids;
    for (const CheckDef& def : builtin_registry().all()) {
        if (std::find(ids.begin(), ids.end(), def.category()) == ids.end()) ids.push_back(def.category());
        ids.push_back(def.id);
    }
    return join(ids, " ");
}

// "case" arms completing the value of each option of command that takes one ("PREFIX--format) ...").
void value_arms(std::ostringstream& out, const CliDefinition& cli, const CLI::App& command, const std::string& prefix) {
    for (const CLI::Option* o : visible_options(command)) {
        if (!takes_value(o) || o->get_positional()) continue;
        std::vector<std::string> names;
        for (const auto& s : o->get_snames()) names.push_back(prefix + "-" + s);
        for (const auto& l : o->get_lnames()) names.push_back(prefix + "--" + l);
        const std::string pattern = join(names, "|");
        const ValueHint* hint = cli.hint(command, o->get_name());
        out << "        " << pattern << ") ";
        if (hint != nullptr && !hint->choices.empty()) {
            out << "COMPREPLY=($(compgen -W \"" << join(hint->choices, " ") << "\" -- \"$cur\")); return ;;\n";
        } else if (hint != nullptr && hint->file) {
            out << "compopt -o filenames; COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n";
        } else if (hint != nullptr && hint->checks) {
            out << "_mobcheck_checks; return ;;\n";
        } else {
            out << "COMPREPLY=(); return ;;\n";  // a domain, an address, a number: nothing to offer
        }
    }
}

}  // namespace

std::string man_page(const CliDefinition& cli) {
    const CLI::App& app = cli.app();
    std::ostringstream out;
    out << ".TH MOBCHECK 1 \"" << MOBCHECK_DATE << "\" \"mobcheck " << MOBCHECK_VERSION << "\" \"User Commands\"\n"
        << ".SH NAME\nmobcheck \\- is a Lync Server 2013 / Skype for Business Server deployment ready for mobile clients?\n"
        << ".SH SYNOPSIS\n";
    out << ".B mobcheck\n\\-\\-sip \\fIDOMAIN\\fR [\\-\\-sip \\fIDOMAIN\\fR ...] [\\fIoptions\\fR]\n.br\n"
        << ".B mobcheck\n\\-\\-config \\fIFILE\\fR [\\fIoptions\\fR]\n.br\n"
        << ".B mobcheck\n\\-\\-replay \\fIFILE\\fR [\\fIoptions\\fR]\n";
    for (const CLI::App* sub : commands_of(cli)) {
        out << ".br\n.B mobcheck " << sub->get_name() << "\n";
        for (const CLI::Option* o : visible_options(*sub)) {
            if (o->get_positional()) out << "\\fI" << roff(o->get_type_name().empty() ? o->get_name(true) : o->get_type_name()) << "\\fR ";
        }
        out << "[\\fIoptions\\fR]\n";
    }
    out << ".SH DESCRIPTION\n" << roff(app.get_description()) << "\n.SH OPTIONS\n";
    man_options(out, app);
    out << ".SH COMMANDS\n";
    for (const CLI::App* sub : commands_of(cli)) {
        out << ".SS \"mobcheck " << sub->get_name() << "\"\n" << roff(sub->get_description()) << "\n";
        man_options(out, *sub);
        // A subcommand without a footer of its own inherits the main one, which the page shows once.
        if (!sub->get_footer().empty() && sub->get_footer() != app.get_footer()) {
            out << ".PP\n.nf\n" << roff(sub->get_footer()) << "\n.fi\n";
        }
    }
    man_footer(out, app.get_footer());
    out << ".SH ENVIRONMENT\n.TP\n.B MOBCHECK_PASSWORD\nthe password of \\-\\-user (else mobcheck asks on the terminal)\n"
        << ".TP\n.B NO_COLOR\nno colour in the text report\n"
        << ".TP\n.B COLUMNS\nthe width to wrap the text report and \\-\\-help at when standard output is not a "
           "terminal (default 100)\n"
        << ".TP\n.B LC_ALL, LC_CTYPE, LANG\nthe locale: when its charset is not UTF\\-8 the text report is written in ASCII\n"
        << ".SH \"SEE ALSO\"\nThe check catalogue: \\fBmobcheck \\-\\-list\\-checks\\fR and "
           "/usr/share/doc/mobcheck/checks.md; the topology file: /usr/share/doc/mobcheck/config.md; the JSON report: "
           "/usr/share/doc/mobcheck/json\\-report.md.\n";
    return out.str();
}

std::string bash_completion(const CliDefinition& cli) {
    const CLI::App& app = cli.app();
    std::vector<std::string> command_names;
    for (const CLI::App* sub : commands_of(cli)) command_names.push_back(sub->get_name());
    std::ostringstream out;
    out << "# bash completion for mobcheck " << MOBCHECK_VERSION << " (written by: mobcheck completion bash)\n"
        << "_mobcheck_checks() {\n"
        << "    local last=${cur##*,}\n"
        << "    COMPREPLY=($(compgen -P \"${cur%\"$last\"}\" -W \"" << check_selectors() << "\" -- \"$last\"))\n"
        << "}\n\n"
        << "_mobcheck() {\n"
        << "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} command= i\n"
        << "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
        << "        case ${COMP_WORDS[i]} in " << join(command_names, "|")
        << ") command=${COMP_WORDS[i]}; break ;; esac\n"
        << "    done\n"
        << "    case $command:$prev in\n";
    for (const CLI::App* sub : commands_of(cli)) value_arms(out, cli, *sub, sub->get_name() + ":");
    // The main command's flags, also after merge (its report flags fall through to the main command).
    value_arms(out, cli, app, ":");
    value_arms(out, cli, app, "merge:");
    out << "    esac\n"
        << "    if [[ $cur == -* ]]; then\n"
        << "        case $command in\n";
    for (const CLI::App* sub : commands_of(cli)) {
        out << "            " << sub->get_name() << ") COMPREPLY=($(compgen -W \"" << option_words(*sub)
            << (sub->get_name() == "merge" ? " " + option_words(app) : "") << "\" -- \"$cur\")) ;;\n";
    }
    out << "            *) COMPREPLY=($(compgen -W \"" << option_words(app) << "\" -- \"$cur\")) ;;\n"
        << "        esac\n"
        << "        return\n"
        << "    fi\n"
        << "    case $command in\n"
        << "        \"\") COMPREPLY=($(compgen -W \"" << join(command_names, " ") << "\" -- \"$cur\")) ;;\n"
        << "        cert|diff|merge) compopt -o filenames; COMPREPLY=($(compgen -f -- \"$cur\")) ;;\n"
        << "        completion) COMPREPLY=($(compgen -W \"bash\" -- \"$cur\")) ;;\n"
        << "    esac\n"
        << "}\n"
        << "complete -F _mobcheck mobcheck\n";
    return out.str();
}

}  // namespace mobcheck::cli
