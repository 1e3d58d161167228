package dev.rlx.algorithms.tabular;

import dev.rlx.api.Algorithm;
import dev.rlx.api.TabularEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * n-step SARSA (rl-reference §6.1 exercise 1; Sutton &amp; Barto §7.2): on-policy control whose
 * target sums n real rewards and bootstraps from the action the ε-greedy policy takes n steps on.
 * At time τ = t − n + 1 the pair (S_τ, A_τ) moves toward
 *
 * <pre>
 *   G_{τ:τ+n} = Σ_{i=τ+1}^{min(τ+n, T)} γ^{i−τ−1} R_i  +  γ^n Q(S_{τ+n}, A_{τ+n})   (the last term if τ + n &lt; T)
 *   Q(S_τ, A_τ) ← Q(S_τ, A_τ) + α [G_{τ:τ+n} − Q(S_τ, A_τ)]
 * </pre>
 *
 * An episode cut short (a time limit, or the step budget) is not terminal: its last returns
 * still bootstrap from Q(S_T, A_T). A_{t+1} is drawn after every step, before the update, as
 * {@code sarsa} does (at a terminal state the draw is discarded), so n = 1 is {@code sarsa}
 * draw for draw. Logs {@code charts/episodic_return}, {@code charts/episode_length} and
 * {@code eval/greedy_return} as the one-step methods do.
 */
public final class NStepSarsa implements Algorithm {

  private final NStepSarsaParams params;
  private final TabularEnvironment env;
  private final TrialContext context;
  private final double[][] q;

  @Inject
  NStepSarsa(NStepSarsaParams params, TabularEnvironment env, TrialContext context) {
    this.params = params;
    this.env = env;
    this.context = context;
    this.q = new double[env.stateCount()][env.actionCount()];
  }

  /** Q(s, a) as learnt so far (for tests). */
  double[][] actionValues() {
    return q;
  }

  @Override
  public void train() {
    int n = params.n();
    double gamma = params.gamma();
    TdControlParams control = params.control();
    for (double[] row : q) {
      Arrays.fill(row, params.initialValue());
    }
    EpsilonGreedy policy = new EpsilonGreedy(new SplittableRandom(context.seed()), env);
    // Ring buffers of the last n + 1 states, actions and rewards: S_t, A_t, R_t at t mod (n+1).
    int[] states = new int[n + 1];
    int[] actions = new int[n + 1];
    double[] rewards = new double[n + 1];
    long episodes = context.budget().maxEpisodes();
    long stepBudget = context.budget().maxEnvSteps();
    long steps = 0;
    env.reset(context.seed());
    for (long episode = 1; episode <= episodes && steps < stepBudget && !context.isCancelled(); episode++) {
      double epsilon = EpsilonGreedy.epsilon(control, episode);
      states[0] = env.reset();
      actions[0] = policy.act(q, states[0], epsilon);
      long terminal = Long.MAX_VALUE; // T
      boolean bootstrapAtEnd = false; // whether S_T is a cut, not a terminal state
      double episodicReturn = 0;
      for (long t = 0; ; t++) {
        if (t < terminal) {
          TabularEnvironment.Step step = env.step(actions[slot(t, n)]);
          steps++;
          episodicReturn += step.reward();
          rewards[slot(t + 1, n)] = step.reward();
          states[slot(t + 1, n)] = step.state();
          actions[slot(t + 1, n)] = policy.act(q, step.state(), epsilon); // A_{t+1}, drawn before the update
          if (step.done() || steps >= stepBudget) {
            terminal = t + 1;
            bootstrapAtEnd = !step.terminated(); // truncation bootstraps (rl-reference §6.6)
          }
        }
        long tau = t - n + 1; // the time whose pair is updated now
        if (tau >= 0) {
          long end = Math.min(tau + n, terminal);
          double g = 0;
          double discount = 1;
          for (long i = tau + 1; i <= end; i++) {
            g += discount * rewards[slot(i, n)];
            discount *= gamma;
          }
          if (end < terminal || bootstrapAtEnd) {
            g += discount * q[states[slot(end, n)]][actions[slot(end, n)]]; // γ^{end−τ} Q(S_end, A_end)
          }
          int s = states[slot(tau, n)];
          int a = actions[slot(tau, n)];
          q[s][a] += params.alpha() * (g - q[s][a]);
        }
        if (tau == terminal - 1) {
          context.log("charts/episodic_return", episode, episodicReturn);
          context.log("charts/episode_length", episode, terminal);
          break;
        }
      }
    }
    context.log("eval/greedy_return", steps, OneStepTdControl.greedyReturn(q, env, policy));
  }

  private static int slot(long t, int n) {
    return (int) (t % (n + 1));
  }
}
