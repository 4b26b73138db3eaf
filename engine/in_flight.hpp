// Counts the asynchronous operations of a run that have not finished: the loop runs until it is zero.
#pragma once

#include <cstddef>

namespace mobcheck {

class InFlight {
public:
    void begin() {
        ++count_;
        ++started_;
    }
    void end() { --count_; }
    std::size_t count() const { return count_; }
    std::size_t started() const { return started_; }  // every operation begun so far, for progress

private:
    std::size_t count_ = 0;
    std::size_t started_ = 0;
};

}  // namespace mobcheck
