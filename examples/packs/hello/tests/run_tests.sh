#!/bin/sh
# Prints the "simple" result format Attune reads.
here=$(dirname "$0")
out=$(sh "$here/../actions/shout.sh" ada)
if [ "$out" = "HELLO, ADA!" ]; then passed=1; failed=0; else passed=0; failed=1; fi
echo "Total Tests: 1"
echo "Passed: $passed"
echo "Failed: $failed"
echo "Skipped: 0"
[ "$failed" -eq 0 ]
