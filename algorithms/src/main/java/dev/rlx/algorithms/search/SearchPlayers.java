package dev.rlx.algorithms.search;

import static dev.rlx.api.PluginDescriptor.player;

import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginModule;
import java.util.List;

/** Registers the players of two-player games: planning by search (references.md §5.2) and random play. */
public final class SearchPlayers extends PluginModule {

  @Override
  protected List<PluginDescriptor> plugins() {
    return List.of(
        player("uct", "UCT: Monte Carlo tree search with UCB1 selection and random rollouts",
            "references.md §5.2", UctParams.class, Uct.class),
        player("puct", "PUCT: Monte Carlo tree search with a move prior (uniform or centre) and random rollouts",
            "references.md §5.2", PuctParams.class, Puct.class),
        player("random", "Random play: a uniformly random legal move",
            "references.md §5.2", NoParams.class, RandomPlayer.class));
  }
}
