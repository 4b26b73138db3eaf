// A small, strict reader for the XML that Autodiscover serves: elements with attributes, nested,
// namespaces ignored (local names only). No DTDs and no entity definitions are honoured (a
// DOCTYPE is an error), so hostile documents cannot expand. mobcheck's dependencies include no
// XML library, and this shape needs no more than this.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mobcheck::xml {

struct Element {
    std::string name;                                        // local name, without prefix
    std::vector<std::pair<std::string, std::string>> attrs;  // local names, entity-decoded values
    int depth = 0;                                           // 0 for the document element
    std::string parent;                                      // local name of the parent ("" at depth 0)

    std::string attr(std::string_view name) const;  // "" when absent
};

struct Document {
    std::vector<Element> elements;  // in document order
    std::string error;              // non-empty: not well-formed (the first problem found)
};

// Limits keep a hostile body cheap: depth and element count are bounded.
Document scan(std::string_view text);

}  // namespace mobcheck::xml
