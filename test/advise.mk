# make advise TRACE=app.trace [TARGET=host|cortex-m4|wasi|emscripten]: replays a program's allocation trace on every
# strategy and the platform's allocator; prints code bytes, instructions per call, peak footprint and
# the smallest fixed region, recommends a strategy, draws build/advise/<target>/advise.svg.
# Recording a trace: test/advise/README.md (LD_PRELOAD on the host, RECORD=1 builds elsewhere).
ADVISE_TARGETS := host cortex-m4 wasi emscripten
ifneq ($(filter-out 0 1,$(RECORD)),)
$(error RECORD=$(RECORD): 0 or 1)
endif
ifeq ($(RECORD)$(CHECKED),11)
$(error RECORD=1 records the release heap: build it without CHECKED=1)
endif
ifeq ($(VARIANT)-$(TARGET),record-wasm32)
$(error RECORD=1 writes through the C library's write(): TARGET=host, wasi, emscripten, cortex-m0, cortex-m4 or cortex-m33)
endif

.PHONY: advise check-advise
advise:
	@test -n "$(TRACE)" || { echo "make advise: which trace? TRACE=app.trace [TARGET=host|cortex-m4|wasi|emscripten] (test/advise/README.md)" >&2; exit 1; }
	@case " $(ADVISE_TARGETS) " in *" $(TARGET) "*) ;; *) \
	  echo "make advise: TARGET=$(TARGET) is not one of $(ADVISE_TARGETS)" >&2; exit 1;; esac
	@nice python3 test/advise/advise.py advise $(TRACE) --target $(TARGET)

# The recorder (LD_PRELOAD and RECORD=1 builds, on the host and Cortex-M4 under QEMU), bad traces,
# and make advise on a trace of Debian's lua5.4 (host) and of a Cortex-M4 program (QEMU, wasi), each
# region it reports replayed again at N (succeeds) and N - 8 (fails).
check: check-advise
check-advise:
	@nice python3 test/advise/test_advise.py
