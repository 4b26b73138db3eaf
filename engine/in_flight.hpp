// Counts the asynchronous operations of a run that have not finished: the loop runs until it is zero.
#pragma once

#include <cstddef>

namespace mobcheck {

class InFlight {
public:
    void begin() { ++count_; }
    void end() { --count_; }
    std::size_t count() const { return count_; }

private:
    std::size_t count_ = 0;
};

}  // namespace mobcheck
