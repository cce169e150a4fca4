#!/usr/bin/env bash
# Runs a 32-bit x86 program: natively where the kernel runs 32-bit programs, else (the shell's
# "Exec format error", status 126: the program never started) under qemu-i386 from Debian's qemu-user.
# Usage: run32.sh program [args...]
"$@"
status=$?
if [ $status -eq 126 ] && command -v qemu-i386 >/dev/null; then exec qemu-i386 "$@"; fi
exit $status
