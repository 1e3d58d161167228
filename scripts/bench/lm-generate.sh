#!/usr/bin/env bash
# Language-model generation benchmark (issue: RLHF). Prints generated tokens per second of
# CausalLm.generate on one thread, at batch 1 and batch 64, with the KV cache (one token per
# row per step) and without it (the whole sequence re-run every step), and the cache's speed-up.
exec "$(dirname "$0")/java-on-algorithms.sh" "generated tokens per second" dev.rlx.algorithms.lm.LmGenerateBench "${1:-5}"
