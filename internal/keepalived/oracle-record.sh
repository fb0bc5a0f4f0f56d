#!/bin/bash
# Refreshes the keepalived 2.2.7 recordings in testdata/ by running the
# oracle-*.sh scripts in the oracle VM (never run by make test). Usage, from
# this directory: ./oracle-record.sh PATH/TO/run-ipvs.sh
set -eu
run=${1:?usage: $0 PATH/TO/run-ipvs.sh}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$here"
tar -czf "$tmp/testdata.tgz" testdata
CGO_ENABLED=0 go build -o "$tmp/ksrv" ./testdata/ksrv
"$run" -t 1800 oracle-keepalived.sh "$tmp/testdata.tgz" > "$tmp/static.txt"
mv "$tmp/static.txt" testdata/keepalived-oracle.txt
"$run" -t 600 oracle-runtime.sh "$tmp/testdata.tgz" "$tmp/ksrv" > "$tmp/runtime.txt"
mv "$tmp/runtime.txt" testdata/keepalived-runtime.txt
