package dev.rlx.algorithms.search;

import dev.rlx.api.Game;

/**
 * Head-to-head matches between search players at equal simulation budgets (references.md §5.2
 * exercises 2 and 3), for choosing defaults: each pairing plays {@code games} games from each
 * side on one board, and prints the score of the first player (win 1, draw ½) with its W/D/L.
 * Usage: SearchTournament [tic-tac-toe|connect-four] [simulations (default 1000)] [games per side (default 20)]
 * [PUCT's c values, comma-separated (default 0.5,1,1.25,2,3,4)]
 */
public final class SearchTournament {

  public static void main(String[] args) {
    String board = args.length > 0 ? args[0] : "connect-four";
    int simulations = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int games = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    Game start = board.equals("tic-tac-toe") ? Matches.ticTacToe() : Matches.connectFour();
    System.out.printf("%s, %d simulations per move, %d games from each side%n", board, simulations, games);
    Matches.Player uct = Matches.uct(simulations, false);
    String cs = args.length > 3 ? args[3] : "0.5,1,1.25,2,3,4";
    for (String text : cs.split(",")) {
      double c = Double.parseDouble(text);
      for (PuctParams.Prior prior : PuctParams.Prior.values()) {
        Matches.Player puct = (seat, game) -> new Puct(
            new PuctParams(simulations, c, prior, 1.0, PuctParams.Value.ROLLOUT, false), seat, game);
        report("puct c=" + c + " " + prior.name().toLowerCase(), puct, "uct c=1.4", uct, start, games);
      }
    }
    for (double c : args.length > 3 ? new double[0] : new double[] {0.5, 1.0, 2.0}) {
      Matches.Player other = (seat, game) -> new Uct(new UctParams(simulations, c, false), seat, game);
      report("uct c=" + c, other, "uct c=1.4", uct, start, games);
    }
  }

  private static void report(String name, Matches.Player player, String opponentName, Matches.Player opponent, Game start,
      int games) {
    int wins = 0;
    int draws = 0;
    for (long seed = 0; seed < games; seed++) {
      int first = Matches.play(start, player, opponent, 1000 + seed).winner();
      int second = Matches.play(start, opponent, player, 2000 + seed).winner();
      wins += (first == 0 ? 1 : 0) + (second == 1 ? 1 : 0);
      draws += (first == Game.NO_WINNER ? 1 : 0) + (second == Game.NO_WINNER ? 1 : 0);
    }
    int losses = 2 * games - wins - draws;
    System.out.printf("%-24s vs %-10s score %.3f  (W %d D %d L %d)%n", name, opponentName,
        (wins + 0.5 * draws) / (2.0 * games), wins, draws, losses);
  }
}
