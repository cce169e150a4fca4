/* host stand-in for Emscripten's header: emmalloc.c needs nothing from it */
