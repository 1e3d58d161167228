# Sourced by the benchmark scripts: the repository root (the working directory from here on),
# a scratch directory $work removed on exit, and
#   secs DIGITS CMD...   the wall time of CMD in seconds, to DIGITS decimals (its output dropped)
#   rlx ARGS...          the built CLI (never builds), run in $work; scripts that need the
#                        testkit's plugins define their own
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
secs() {
  local digits="$1" t0 t1
  shift
  t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" -v d="$digits" 'BEGIN {printf "%." d "f", b - a}'
}
rlx() { (cd "$work" && RLX_NO_BUILD=1 "$root/scripts/rlx" "$@"); }
