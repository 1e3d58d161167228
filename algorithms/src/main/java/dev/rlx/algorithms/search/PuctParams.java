package dev.rlx.algorithms.search;

import dev.rlx.api.Param;

/**
 * PUCT: Monte Carlo tree search with AlphaZero's prior-weighted selection rule and a
 * hand-written prior (references.md §5.2, exercise 3).
 */
public record PuctParams(
    @Param(doc = "simulations (select, expand, evaluate, back up) per move", defaultValue = "1000", min = 1,
        unit = "simulations")
    int simulations,
    @Param(doc = "exploration constant c of Q(s,a) + c·P(a|s)·sqrt(N(s)) / (1 + N(s,a)), Q ∈ [−1, 1]. AlphaZero's "
        + "≈1.25 goes with a trained prior and value net; here P spreads over ~7 moves (so the bonus is ~c/7 of "
        + "UCB1's scale) and rollout values are noisy, and at 1,000 simulations on Connect Four c = 3 with the centre "
        + "prior scored 0.72 against uct (c = 1.4) over 200 games, c = 1.25 only 0.42 (SearchTournament)",
        defaultValue = "3.0", min = 0)
    double c,
    @Param(doc = "the prior P(a|s): uniform over the legal moves, or centre (softmax of −distance from the board's "
        + "centre / prior_temperature: Connect Four's column 3, tic-tac-toe's middle cell)", defaultValue = "centre")
    Prior prior,
    @Param(doc = "temperature T of the centre prior softmax(−d(a) / T); large T approaches uniform",
        defaultValue = "1.0", min = 0, minExclusive = true)
    double priorTemperature,
    @Param(doc = "how a new leaf is valued: rollout (uniform random play to the end of the game) or heuristic "
        + "(the game's own evaluation, tanh of its open-line score: a hand-written value function)",
        defaultValue = "rollout")
    Value value,
    @Param(doc = "keep the played move's subtree between moves (observe descends into it) instead of rebuilding "
        + "the tree every move", defaultValue = "false")
    boolean reuseTree) {

  /** The prior P(a|s). */
  public enum Prior {
    UNIFORM,
    CENTRE
  }

  /** How a leaf is valued. */
  public enum Value {
    ROLLOUT,
    HEURISTIC
  }
}
