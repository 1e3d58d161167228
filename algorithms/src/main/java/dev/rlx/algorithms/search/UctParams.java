package dev.rlx.algorithms.search;

import dev.rlx.api.Param;

/** UCT: Monte Carlo tree search with UCB1 selection and random rollouts (references.md §5.2). */
public record UctParams(
    @Param(doc = "simulations (select, expand, roll out, back up) per move", defaultValue = "1000", min = 1,
        unit = "simulations")
    int simulations,
    @Param(doc = "exploration constant c of Q(s,a) + c·sqrt(ln N(s) / N(s,a)), Q ∈ [−1, 1]; √2 ≈ 1.4 is UCB1's "
        + "classical constant, which the reference finds best or tied on Connect Four (§5.2 exercise 2)",
        defaultValue = "1.4", min = 0)
    double c,
    @Param(doc = "keep the played move's subtree between moves (observe descends into it) instead of rebuilding "
        + "the tree every move", defaultValue = "false")
    boolean reuseTree) {}
