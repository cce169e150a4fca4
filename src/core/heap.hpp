// The heap operations behind the C ABI, shared by src/abi/*.cpp. Sizes here are the user's.
#pragma once

#include "strategy.hpp"

namespace lite {

// errno = ENOMEM (where the target has errno), counted when LITE_ALLOC_STATS; returns nullptr.
void *fail();
// malloc's body: a block of n payload bytes or nullptr (errno set).
void *allocate_bytes(size_t n);
// A block handed out (or resized) becomes the user's: the canary, the statistics, memcheck.
void handed_out(char *p, size_t n);
// LITE_ALLOC_STATS: the counters that cost bytes on every call.
struct Stats {
    size_t in_use, peak_in_use, failed;
};
extern Stats g_stats;
void count_in_use(size_t delta);

}  // namespace lite
