#!/usr/bin/env bash
# Planning-by-search benchmark (issue: planning by search, references.md §5.2): simulations per
# second of one move from the empty board, random rollouts, one thread pinned to one core, for
# tic-tac-toe and Connect Four:
#   rlx:  UCT and PUCT (algorithms/src/test/java/dev/rlx/algorithms/search/SearchBench.java) at
#         BUDGETS simulations per move (default "1000,10000,200000"); each of REPEATS (default 5;
#         the median is quoted) times >= 200,000 simulations of first moves by fresh players,
#         after WARMUPS untimed moves (default 3)
#   peer: a plain UCT in pure Python (scripts/bench/peers/mcts_python.py), PEER_SIMULATIONS per
#         move (default 10000, compared with rlx at the nearest budget), median of 3; skipped with PEER=0
# Goals: ≥ 300k simulations/s on tic-tac-toe and ≥ 100k/s on Connect Four. CPU (default 1) is
# the core everything is pinned to where taskset exists. Builds only the algorithms module (test
# classes included, offline); installs nothing. Needs the games in rlx-environments (installed:
# ./mvnw -o -q install -DskipTests -pl platform/api,environments).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cpu="${CPU:-1}"
pin=()
command -v taskset >/dev/null && pin=(taskset -c "$cpu")

./mvnw -q -B -o test-compile dependency:build-classpath -pl algorithms \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt"
cp="$root/algorithms/target/test-classes:$root/algorithms/target/classes:$(cat "$work/cp.txt")"

echo "== rlx: UCT and PUCT, one thread${pin:+ on core $cpu}"
"${pin[@]}" java -Xmx2g -XX:+UseSerialGC -cp "$cp" dev.rlx.algorithms.search.SearchBench \
  "${BUDGETS:-1000,10000,200000}" "${REPEATS:-5}" "${WARMUPS:-3}" | tee "$work/rlx.txt"

if [[ "${PEER:-1}" != 0 ]]; then
  peer_sims="${PEER_SIMULATIONS:-10000}"
  echo "== peer: UCT in pure Python ($(python3 --version 2>&1))"
  "${pin[@]}" python3 scripts/bench/peers/mcts_python.py --simulations "$peer_sims" --repeats 3 \
    | tee "$work/peer.txt"
  echo "== UCT simulations per second: rlx (at the budget nearest the peer's $peer_sims) against the Python peer"
  printf '%-13s %14s %14s %8s\n' game rlx python ratio
  for game in tic-tac-toe connect-four; do
    ours=$(awk -v g="$game" -v p="$peer_sims" '$1 == g && $2 == "uct" {
        b = $3; gsub(",", "", b); r = $4; gsub(",", "", r); d = (b > p ? b - p : p - b) / p
        if (best == "" || d < best) { best = d; rate = r } } END {print rate}' "$work/rlx.txt")
    theirs=$(sed -nE "s/^game=$game .*simulations_per_second=([0-9]+).*/\1/p" "$work/peer.txt")
    awk -v g="$game" -v o="$ours" -v t="$theirs" 'BEGIN {printf "%-13s %14.0f %14.0f %7.0fx\n", g, o, t, o / t}'
  done
fi
