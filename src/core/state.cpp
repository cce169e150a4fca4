// The heap's state.
#include "heap.hpp"

namespace lite {

Heap g_heap;
Stats g_stats;

}  // namespace lite
