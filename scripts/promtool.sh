#!/usr/bin/env bash
# Makes promtool (Prometheus's rule checker and rule unit tester) available to tests/monitoring/promtool.test.ts,
# which looks for $PROMTOOL, then promtool on PATH, then the copy this script unpacks: Debian's `prometheus`
# package, downloaded and unpacked into the user's cache, not installed (no root needed, no server runs).
# `apt-get update` runs only when the package lists cannot find it, which needs root. Run by `npm test`.
set -euo pipefail
if [ -n "${PROMTOOL:-}" ] || [ -n "${SKIP_PROMTOOL:-}" ] || command -v promtool >/dev/null 2>&1; then
  exit 0
fi
promdir="${XDG_CACHE_HOME:-$HOME/.cache}/flink-platform/prometheus"
if [ -x "$promdir/root/usr/bin/promtool" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "scripts/promtool.sh: no apt-get here; the promtool tests will say how to get promtool" >&2
  exit 0
fi
mkdir -p "$promdir"
if ! (cd "$promdir" && apt-get download prometheus >&2); then
  apt-get update >&2
  (cd "$promdir" && apt-get download prometheus >&2)
fi
dpkg-deb -x "$(ls "$promdir"/prometheus_*.deb | tail -n 1)" "$promdir/root"
"$promdir/root/usr/bin/promtool" --version >&2
