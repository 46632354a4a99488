#!/bin/sh
# The endpoint benchmark's load generator (bench/endpoint.py): Debian's wrk, C, one core.
# Without it bench.run falls back to a Python asyncio+httpx client (far lower ceiling).
set -eu
command -v wrk >/dev/null 2>&1 && exit 0
apt-get update -qq && apt-get install -y -qq wrk
