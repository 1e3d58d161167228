package dev.rlx.algorithms.tabular;

import dev.rlx.api.Algorithm;
import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;

/** Builds a one-step TD control algorithm ({@code Sarsa::new}, {@code QLearning::new}, …) for tests that compare several. */
interface TdControlFactory {
  Algorithm create(TdControlParams p, TabularEnvironment env, TrialContext context);
}
