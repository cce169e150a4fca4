// Fixed-region backend: no memory but what lite_alloc_init_region() hands over, on any target.
#include "backend.hpp"

namespace lite::backend {

LITE_BACKEND_GROW Span grow(size_t) { return refused(); }

}  // namespace lite::backend
