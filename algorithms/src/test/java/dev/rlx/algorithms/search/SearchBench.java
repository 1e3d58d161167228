package dev.rlx.algorithms.search;

import dev.rlx.api.Game;
import java.util.Arrays;

/**
 * Simulations per second of UCT and PUCT from the empty board, random rollouts, one thread
 * (scripts/bench/search.sh runs it pinned to one core). For each game, player and budget B
 * (simulations per move): a timed repeat is ⌈total / B⌉ first moves from the empty board, each by a
 * fresh player (its tree, pool included, built from nothing), and its rate is their simulations
 * over its wall time; the median and the best of {@code repeats} are printed, after
 * {@code warmups} untimed moves of {@code total} simulations per game and player (the JIT's
 * warm-up). Small budgets are the realistic ones: at large budgets a tic-tac-toe tree holds most
 * of the game, so simulations end in the tree without a rollout and get cheaper.
 * Usage: SearchBench [budgets, comma-separated (default 1000,10000,200000)] [repeats (default 5)]
 * [warm-ups (default 3)] [total simulations per repeat (default 200000)]
 */
public final class SearchBench {

  public static void main(String[] args) {
    int[] budgets = Arrays.stream((args.length > 0 ? args[0] : "1000,10000,200000").split(","))
        .mapToInt(Integer::parseInt).toArray();
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int total = args.length > 3 ? Integer.parseInt(args[3]) : 200_000;
    System.out.printf("simulations per second of a first move, median (best) of %d repeats of >= %,d simulations,"
        + " after %d warm-up moves of %,d%n", repeats, total, warmups, total);
    System.out.printf("%-13s %-6s %10s %14s %14s %12s%n", "game", "player", "sims/move", "median sims/s", "best sims/s",
        "tree nodes");
    for (String game : new String[] {"tic-tac-toe", "connect-four"}) {
      for (String player : new String[] {"uct", "puct"}) {
        Game board = game.equals("tic-tac-toe") ? Matches.ticTacToe() : Matches.connectFour();
        for (int w = 0; w < warmups; w++) {
          make(player, total, board, w).chooseMove(board);
        }
        for (int budget : budgets) {
          int moves = (total + budget - 1) / budget;
          double[] rates = new double[repeats];
          int nodes = 0;
          for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            for (int m = 0; m < moves; m++) {
              MonteCarloTreeSearch search = make(player, budget, board, 1000L * r + m);
              search.chooseMove(board);
              nodes = search.tree().size();
            }
            rates[r] = (double) moves * budget / ((System.nanoTime() - start) / 1e9);
          }
          Arrays.sort(rates);
          System.out.printf("%-13s %-6s %,10d %,14.0f %,14.0f %,12d%n", game, player, budget, rates[repeats / 2],
              rates[repeats - 1], nodes);
        }
      }
    }
  }

  private static MonteCarloTreeSearch make(String player, int simulations, Game board, long seed) {
    Matches.Player factory = player.equals("uct") ? Matches.uct(simulations, false) : Matches.puct(simulations, false);
    return (MonteCarloTreeSearch) factory.make(Matches.seat(0, seed), board.copy());
  }
}
