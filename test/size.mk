# Placeholder size table: .text of each built archive (the real method comes with `make size`).
size:
	@printf "%-12s %-16s %8s\n" target strategy "text(B)"
	@for a in build/*/*/liblite_alloc.a; do t=$${a#build/}; t=$${t%%/*}; s=$$(basename $$(dirname $$a)); \
	  printf "%-12s %-16s %8s\n" $$t $$s $$(size -t $$a | tail -1 | awk '{print $$1}'); done
