package dev.rlx.environments;

import static dev.rlx.api.PluginDescriptor.environment;

import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginModule;
import dev.rlx.environments.classic.Acrobot;
import dev.rlx.environments.classic.AcrobotParams;
import dev.rlx.environments.classic.CartPole;
import dev.rlx.environments.classic.CartPoleParams;
import dev.rlx.environments.classic.MountainCar;
import dev.rlx.environments.classic.MountainCarContinuous;
import dev.rlx.environments.classic.MountainCarContinuousParams;
import dev.rlx.environments.classic.MountainCarParams;
import dev.rlx.environments.classic.MountainCarV0;
import dev.rlx.environments.classic.MountainCarV0Params;
import dev.rlx.environments.classic.Pendulum;
import dev.rlx.environments.classic.PendulumParams;
import dev.rlx.environments.games.ConnectFour;
import dev.rlx.environments.games.TicTacToe;
import dev.rlx.environments.gymnasium.Gymnasium;
import dev.rlx.environments.gymnasium.GymnasiumParams;
import dev.rlx.environments.tabular.CliffWalking;
import dev.rlx.environments.tabular.DynaMaze;
import dev.rlx.environments.tabular.DynaMazeParams;
import dev.rlx.environments.tabular.GridWorld;
import dev.rlx.environments.tabular.GridWorldParams;
import dev.rlx.environments.tabular.KArmedBandit;
import dev.rlx.environments.tabular.KArmedBanditParams;
import dev.rlx.environments.tabular.MaximizationBias;
import dev.rlx.environments.tabular.MaximizationBiasParams;
import dev.rlx.environments.tabular.NoParams;
import dev.rlx.environments.tabular.RandomWalk;
import dev.rlx.environments.tabular.RandomWalkParams;
import dev.rlx.environments.text.AnswerFormatParams;
import dev.rlx.environments.text.AnswerFormatTask;
import dev.rlx.environments.text.ArithmeticParams;
import dev.rlx.environments.text.ArithmeticTask;
import dev.rlx.environments.text.CodeFunctionParams;
import dev.rlx.environments.text.CodeFunctionTask;
import dev.rlx.environments.text.DigitStringParams;
import dev.rlx.environments.text.DigitStringTask;
import java.util.List;

/**
 * Registers the environments, text tasks and games of this module, a kind a section, in one
 * table (as Gymnasium registers its environments in one file): what a spec's
 * {@code environment.id} can name, its summary and reference, its parameter record and
 * implementation. A new environment is its file plus a line here.
 */
public final class Environments extends PluginModule {

  @Override
  protected List<PluginDescriptor> plugins() {
    return List.of(
        // Tabular environments of Sutton & Barto
        environment("random-walk", "n-state random walk with known true values",
            "Sutton & Barto Example 6.2, Fig. 7.2", RandomWalkParams.class, RandomWalk.class),
        environment("cliff-walking", "4×12 cliff: −1 per step, −100 and back to start on the cliff",
            "Sutton & Barto Example 6.6; Gymnasium CliffWalking-v0", NoParams.class, CliffWalking.class),
        environment("gridworld", "rows×cols grid, terminal corners, a reward per step, optional slip; exposes P and R",
            "Sutton & Barto Example 4.1", GridWorldParams.class, GridWorld.class),
        environment("max-bias", "A: right ends (0), left leads to B whose actions end with N(−0.1, 1) rewards",
            "Sutton & Barto Example 6.7, Fig. 6.5", MaximizationBiasParams.class, MaximizationBias.class),
        environment("dyna-maze", "6×9 maze with walls; reward 1 at the goal",
            "Sutton & Barto Fig. 8.2–8.5", DynaMazeParams.class, DynaMaze.class),
        environment("k-armed-bandit",
            "k arms, true values q*(a) drawn per seed (N(0, 1) by default), rewards N(q*(a), 1); one state, a pull per episode",
            "Sutton & Barto §2.3, Fig. 2.2; Exercise 2.5 (random-walk q*)", KArmedBanditParams.class, KArmedBandit.class),
        // Classic-control environments, with Gymnasium's ids and definitions
        environment("CartPole-v1", "balance a pole on a cart; +1 per step, truncated at 500",
            "Barto, Sutton & Anderson 1983; Gymnasium CartPole-v1", CartPoleParams.class, CartPole.class),
        environment("mountain-car", "drive an underpowered car up a hill by rocking; −1 per step until x = 0.5",
            "Sutton & Barto Example 10.1, Fig. 12.10; Moore 1990", MountainCarParams.class, MountainCar.class),
        environment("Acrobot-v1",
            "swing the tip of a two-link chain above a bar with a torque of −1, 0 or +1; −1 per step, truncated at 500",
            "Sutton 1996; Sutton & Barto 2018; Gymnasium Acrobot-v1", AcrobotParams.class, Acrobot.class),
        environment("MountainCar-v0", "drive an underpowered car up a hill by rocking; −1 per step until x ≥ 0.5, truncated at 200",
            "Moore 1990; Gymnasium MountainCar-v0", MountainCarV0Params.class, MountainCarV0.class),
        environment("MountainCarContinuous-v0",
            "mountain car with a force in [−1, 1]; −0.1·a² per step, +100 at x ≥ 0.45, truncated at 999",
            "Moore 1990; Gymnasium MountainCarContinuous-v0", MountainCarContinuousParams.class, MountainCarContinuous.class),
        environment("Pendulum-v1", "swing a pendulum up and hold it with a torque in [−2, 2]; never terminates, truncated at 200",
            "Gymnasium Pendulum-v1", PendulumParams.class, Pendulum.class),
        // Synthetic text tasks for LLM post-training (references.md §VII), each with a programmatic verifier
        environment("text-arithmetic", "\"12+7=\" → \"19\"; exact answers, any equivalent number is correct; reward 1/0",
            "references.md §7.7 (RLVR: math verifier)", ArithmeticParams.class, ArithmeticTask.class),
        environment("text-sort", "\"sort 31415=\" → \"11345\"; exact match; reward 1/0",
            "references.md §7.7 (RLVR)", DigitStringParams.class, DigitStringTask.Sort.class),
        environment("text-reverse", "\"rev 31415=\" → \"51413\"; exact match; reward 1/0",
            "references.md §7.7 (RLVR)", DigitStringParams.class, DigitStringTask.Reverse.class),
        environment("text-permute", "\"? 31415=\" → any arrangement of the digits (\"13145\", \"54311\", …); reward 1/0",
            "references.md §7.7 (RLVR; many correct answers: entropy collapse, clip-higher)", DigitStringParams.class,
            DigitStringTask.Permute.class),
        environment("text-answer-format", "\"7+5=?\" → \"Answer: 12\"; 1 for format and value, format_credit for the format alone",
            "references.md §7.7 (RLVR: format verifier)", AnswerFormatParams.class, AnswerFormatTask.class),
        environment("text-code", "\"f(1)=3,f(2)=5;f(x)=\" → \"2*x+1\"; the expression runs sandboxed against tests; reward 1/0",
            "references.md §7.7 (RLVR: code verifier)", CodeFunctionParams.class, CodeFunctionTask.class),
        // The Gymnasium bridge: every id of Gymnasium's registry as gymnasium:<id>
        PluginDescriptor.environmentFamily("gymnasium",
            "any Gymnasium environment (MuJoCo, Box2D, classic control, your own), run by Python workers: gymnasium:HalfCheetah-v5",
            "Towers et al. 2024, Gymnasium; docs/gymnasium.md", GymnasiumParams.class, Gymnasium.class),
        // Two-player games that players (search, random play) play matches on
        environment("tic-tac-toe", "tic-tac-toe on a 3×3 board; moves 0..8 are the cells row-major, X first",
            "references.md §5.2", NoParams.class, TicTacToe.class),
        environment("connect-four", "Connect Four on 6 rows × 7 columns; moves 0..6 are the columns, X first",
            "references.md §5.2", NoParams.class, ConnectFour.class));
  }
}
