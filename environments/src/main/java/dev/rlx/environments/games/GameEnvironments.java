package dev.rlx.environments.games;

import static dev.rlx.api.PluginDescriptor.environment;

import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginModule;
import dev.rlx.environments.tabular.NoParams;
import java.util.List;

/** Registers the two-player games that players (search, random play) play matches on. */
public final class GameEnvironments extends PluginModule {

  @Override
  protected List<PluginDescriptor> plugins() {
    return List.of(
        environment("tic-tac-toe", "tic-tac-toe on a 3×3 board; moves 0..8 are the cells row-major, X first",
            "references.md §5.2", NoParams.class, TicTacToe.class),
        environment("connect-four", "Connect Four on 6 rows × 7 columns; moves 0..6 are the columns, X first",
            "references.md §5.2", NoParams.class, ConnectFour.class));
  }
}
