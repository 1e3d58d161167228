package dev.rlx.algorithms.tabular;

import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;

/**
 * The loop shared by one-step tabular TD control (SARSA, Expected SARSA, Q-learning): act
 * ε-greedily, observe, and move Q(s, a) toward the algorithm's TD target (references.md §2.1–2.2):
 *
 * <pre>  Q(s, a) ← Q(s, a) + α [target − Q(s, a)]</pre>
 *
 * Logs {@code charts/episodic_return}, {@code charts/episode_length} and
 * {@code charts/first_action_0} (1 when the episode's first action is action 0, e.g. "left"
 * in the maximization-bias MDP of Fig. 6.5) per episode, and at
 * the end {@code eval/greedy_return}: the return of one greedy episode (capped at 1,000 steps).
 */
abstract class OneStepTdControl extends TabularControl {

  /** How an algorithm forms its target from the transition and the next action. */
  @FunctionalInterface
  interface Target {
    /**
     * r + γ·(its estimate of the next state's value); {@code nextAction} is the action that will
     * be taken in s' (chosen before the update), or −1 when the target does not use it.
     */
    double of(double reward, double[] nextValues, int available, int nextAction, double gamma, double epsilon);
  }

  private final TdControlParams p;
  private final boolean onPolicy;
  private final Target target;

  /**
   * @param onPolicy whether the target uses the next action (SARSA): then a' is chosen before
   *     the update, as in Sutton &amp; Barto's SARSA; otherwise (Q-learning, Expected SARSA) the
   *     next action is chosen after it, from the updated Q, as in their Q-learning
   */
  OneStepTdControl(TdControlParams p, TabularEnvironment env, TrialContext context, boolean onPolicy, Target target) {
    super(env, context, p.exploration().initialValue());
    this.p = p;
    this.onPolicy = onPolicy;
    this.target = target;
  }

  @Override
  final void runEpisode(EpisodeBudget budget, EpsilonGreedy policy, int s) {
    double epsilon = EpsilonGreedy.epsilon(p.exploration(), budget.episode());
    int a = firstAction(budget, policy, s, epsilon);
    while (budget.stepsLeft()) {
      TabularEnvironment.Step step = step(budget, a);
      int nextAction = onPolicy ? policy.act(q, step.state(), epsilon) : -1;
      // A terminal state has value 0: no bootstrap (truncation would still bootstrap).
      double tdTarget = step.terminated() ? step.reward()
          : target.of(step.reward(), q[step.state()], env.actionCount(step.state()), nextAction, p.gamma(), epsilon);
      q[s][a] += p.alpha() * (tdTarget - q[s][a]);
      if (step.done()) {
        break;
      }
      s = step.state();
      a = onPolicy ? nextAction : policy.act(q, s, epsilon);
    }
  }
}
