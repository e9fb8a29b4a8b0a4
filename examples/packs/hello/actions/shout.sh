#!/bin/sh
echo "HELLO, $(echo "${1:-world}" | tr a-z A-Z)!"
