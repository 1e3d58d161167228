/**
 * Planning by search in two-player games (references.md §5.2): {@link dev.rlx.algorithms.search.Uct}
 * (UCB1 selection) and {@link dev.rlx.algorithms.search.Puct} (AlphaZero's rule with a
 * hand-written {@link dev.rlx.algorithms.search.MovePrior}) share one Monte Carlo tree search
 * loop, {@link dev.rlx.algorithms.search.MonteCarloTreeSearch}, on one array-based node pool,
 * {@link dev.rlx.algorithms.search.SearchTree}; {@link dev.rlx.algorithms.search.RandomPlayer}
 * plays uniformly at random. All draw from {@link dev.rlx.algorithms.search.SplitMix64} seeded
 * by the seat, so a game's seed fixes every move. Registered by
 * {@link dev.rlx.algorithms.Algorithms}.
 */
package dev.rlx.algorithms.search;
