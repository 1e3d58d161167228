#!/usr/bin/env bash
# GRPO benchmark (issue: RLHF). Prints GRPO updates per second at K = 8 (8 prompts × K
# completions, 2 gradient steps each, verifier rewards) on one thread, and generated tokens per
# second. Arguments: repetitions (default 3), K (default 8).
exec "$(dirname "$0")/java-on-algorithms.sh" "GRPO updates per second" dev.rlx.algorithms.rlhf.GrpoBench "${1:-3}" "${2:-8}"
