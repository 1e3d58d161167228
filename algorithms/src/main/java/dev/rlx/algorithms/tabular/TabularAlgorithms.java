package dev.rlx.algorithms.tabular;

import static dev.rlx.api.PluginDescriptor.algorithm;

import com.google.inject.AbstractModule;
import dev.rlx.api.Isolation;
import dev.rlx.api.PluginBindings;
import dev.rlx.api.RlxPlugin;
import dev.rlx.api.TabularEnvironment;

/** Registers the tabular prediction and control algorithms. */
public final class TabularAlgorithms extends AbstractModule implements RlxPlugin {

  @Override
  protected void configure() {
    PluginBindings.register(binder(), algorithm(
        "td-lambda", "TD(λ) prediction with accumulating or replacing eligibility traces",
        "rl-reference §6.2; Sutton & Barto Fig. 12.3", TdLambdaParams.class,
        TdLambda.class, TabularEnvironment.class, Isolation.THREAD));
    PluginBindings.register(binder(), algorithm(
        "true-online-td-lambda", "true online TD(λ): dutch traces, exactly the online λ-return algorithm",
        "Sutton & Barto §12.5, Fig. 12.8; van Seijen & Sutton 2014", TrueOnlineTdLambdaParams.class,
        TrueOnlineTdLambda.class, TabularEnvironment.class, Isolation.THREAD));
    PluginBindings.register(binder(), algorithm(
        "n-step-td", "n-step TD prediction",
        "rl-reference §6.1; Sutton & Barto Fig. 7.2", NStepTdParams.class, NStepTd.class, TabularEnvironment.class, Isolation.THREAD));
    PluginBindings.register(binder(), algorithm(
        "sarsa", "on-policy one-step TD control with an ε-greedy policy",
        "rl-reference §2.1", TdControlParams.class, Sarsa.class, TabularEnvironment.class, Isolation.THREAD));
    PluginBindings.register(binder(), algorithm(
        "n-step-sarsa", "on-policy n-step SARSA: n rewards, then bootstrap from Q(S_{t+n}, A_{t+n})",
        "rl-reference §6.1, exercise 1; Sutton & Barto §7.2", NStepSarsaParams.class, NStepSarsa.class,
        TabularEnvironment.class, Isolation.THREAD));
    PluginBindings.register(binder(), algorithm(
        "expected-sarsa", "SARSA with the expectation over the ε-greedy policy in the target",
        "rl-reference §2.1, exercise 2", TdControlParams.class, ExpectedSarsa.class, TabularEnvironment.class, Isolation.THREAD));
    PluginBindings.register(binder(), algorithm(
        "q-learning", "off-policy one-step TD control toward max_a' Q(s', a')",
        "rl-reference §2.2", TdControlParams.class, QLearning.class, TabularEnvironment.class, Isolation.THREAD));
    PluginBindings.register(binder(), algorithm(
        "watkins-q-lambda", "Q-learning with traces over (s, a), cut whenever the next action is not greedy",
        "rl-reference §6.4; Sutton & Barto §12.10", QLambdaParams.class, WatkinsQLambda.class,
        TabularEnvironment.class, Isolation.THREAD));
    PluginBindings.register(binder(), algorithm(
        "peng-q-lambda", "Peng & Williams' Q(λ): traces never cut, toward the mixed-policy λ-return",
        "rl-reference §6.4; Peng & Williams 1996; Sutton & Barto 1998 §7.6", QLambdaParams.class, PengQLambda.class,
        TabularEnvironment.class, Isolation.THREAD));
    PluginBindings.register(binder(), algorithm(
        "double-q-learning", "two Q tables: one selects the maximising action, the other evaluates it",
        "rl-reference §2.2; Sutton & Barto Fig. 6.5", TdControlParams.class, DoubleQLearning.class,
        TabularEnvironment.class, Isolation.THREAD));
    PluginBindings.register(binder(), algorithm(
        "bandit-epsilon-greedy", "ε-greedy action values for a k-armed bandit: sample-average or constant step, optimistic Q₁, optional UCB",
        "Sutton & Barto §2.2–2.7, Fig. 2.2–2.4", BanditParams.class, BanditEpsilonGreedy.class,
        TabularEnvironment.class, Isolation.THREAD));
    PluginBindings.register(binder(), algorithm(
        "dyna-q", "Q-learning plus n planning updates per step from a learned model (Dyna-Q+ with κ > 0)",
        "rl-reference §5.1; Sutton & Barto Fig. 8.2", DynaQParams.class, DynaQ.class, TabularEnvironment.class, Isolation.THREAD));
  }
}
