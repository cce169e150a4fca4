# The README is tested: every command block a user is told to run (build, link, run, install, dist,
# per target) carries a `<!-- readme-test: NAME ... -->` comment before its fence, and
# test/readme/readme_test.py runs it as written from a fresh copy of the checkout, checking its exit
# status and output (the program ran on lite-alloc). Prints "readme: ok NAME" per block.
#   make check-readme                    every marked block (part of make check; about a minute)
#   make check-readme README_BLOCKS="host wasi"   those blocks only
.PHONY: check-readme
check: check-readme
check-readme:
	@echo "== check-readme: the README's commands, as written"
	@python3 test/readme/readme_test.py $(README_BLOCKS)
