package dev.rlx.algorithms.tabular;

import static dev.rlx.api.PluginDescriptor.algorithm;

import dev.rlx.api.Algorithm;
import dev.rlx.api.Isolation;
import dev.rlx.api.PluginDescriptor;
import dev.rlx.api.PluginModule;
import dev.rlx.api.TabularEnvironment;
import java.util.List;

/** Registers the tabular prediction and control algorithms. */
public final class TabularAlgorithms extends PluginModule {

  @Override
  protected List<PluginDescriptor> plugins() {
    return List.of(
        tabular("td-lambda", "TD(λ) prediction with accumulating or replacing eligibility traces",
            "references.md §6.2; Sutton & Barto Fig. 12.3", TdLambdaParams.class, TdLambda.class),
        tabular("true-online-td-lambda", "true online TD(λ): dutch traces, exactly the online λ-return algorithm",
            "Sutton & Barto §12.5, Fig. 12.8; van Seijen & Sutton 2014", TrueOnlineTdLambdaParams.class, TrueOnlineTdLambda.class),
        tabular("n-step-td", "n-step TD prediction",
            "references.md §6.1; Sutton & Barto Fig. 7.2", NStepTdParams.class, NStepTd.class),
        tabular("sarsa", "on-policy one-step TD control with an ε-greedy policy",
            "references.md §2.1", TdControlParams.class, Sarsa.class),
        tabular("n-step-sarsa", "on-policy n-step SARSA: n rewards, then bootstrap from Q(S_{t+n}, A_{t+n})",
            "references.md §6.1, exercise 1; Sutton & Barto §7.2", NStepSarsaParams.class, NStepSarsa.class),
        tabular("expected-sarsa", "SARSA with the expectation over the ε-greedy policy in the target",
            "references.md §2.1, exercise 2", TdControlParams.class, ExpectedSarsa.class),
        tabular("q-learning", "off-policy one-step TD control toward max_a' Q(s', a')",
            "references.md §2.2", TdControlParams.class, QLearning.class),
        tabular("watkins-q-lambda", "Q-learning with traces over (s, a), cut whenever the next action is not greedy",
            "references.md §6.4; Sutton & Barto §12.10", QLambdaParams.class, WatkinsQLambda.class),
        tabular("peng-q-lambda", "Peng & Williams' Q(λ): traces never cut, toward the mixed-policy λ-return",
            "references.md §6.4; Peng & Williams 1996; Sutton & Barto 1998 §7.6", QLambdaParams.class, PengQLambda.class),
        tabular("double-q-learning", "two Q tables: one selects the maximising action, the other evaluates it",
            "references.md §2.2; Sutton & Barto Fig. 6.5", TdControlParams.class, DoubleQLearning.class),
        tabular("bandit-epsilon-greedy",
            "ε-greedy action values for a k-armed bandit: sample-average or constant step, optimistic Q₁, optional UCB",
            "Sutton & Barto §2.2–2.7, Fig. 2.2–2.4", BanditParams.class, BanditEpsilonGreedy.class),
        tabular("dyna-q", "Q-learning plus n planning updates per step from a learned model (Dyna-Q+ with κ > 0)",
            "references.md §5.1; Sutton & Barto Fig. 8.2", DynaQParams.class, DynaQ.class));
  }

  /** An algorithm on a {@link TabularEnvironment}, run in a thread of the worker. */
  private static PluginDescriptor tabular(
      String id, String summary, String reference, Class<? extends Record> parameters, Class<? extends Algorithm> implementation) {
    return algorithm(id, summary, reference, parameters, implementation, TabularEnvironment.class, Isolation.THREAD);
  }
}
