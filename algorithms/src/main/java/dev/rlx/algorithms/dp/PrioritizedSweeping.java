package dev.rlx.algorithms.dp;

import dev.rlx.api.KnownModel;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Prioritised sweeping with a known model (references.md §0.2, exercise 3; Moore &amp; Atkeson
 * 1993): instead of sweeping every state, always back up the state whose Bellman residual
 *
 * <pre>  |max_a [ R(s, a) + γ Σ_s' P(s' | s, a) V(s') ] − V(s)|</pre>
 *
 * may be largest. A backup that changes V(s) by ΔV can change the residual of a predecessor p
 * (P(s | p, a) &gt; 0) by at most γ · max_a P(s | p, a) · |ΔV|, the reference's priority; adding
 * these up keeps each state's priority an upper bound on its residual (a backup resets it to
 * 0), so stopping when no priority is ≥ θ guarantees every residual is below θ — the test
 * value iteration applies to its sweeps — without re-evaluating the predecessors.
 *
 * <p>Logs {@code dp/backups} (every Bellman backup computed, the |S| that seed the priorities
 * included, so it compares with value iteration's count), {@code dp/max_residual} (the largest
 * priority) every |S| backups against the backup count, and {@code value/mean} at the end.
 */
public final class PrioritizedSweeping extends Planner<PrioritizedSweepingParams> {

  @Inject
  PrioritizedSweeping(PrioritizedSweepingParams params, KnownModel model, TrialContext context) {
    super(params, model, context);
  }

  /** A queued state with the priority it had when queued; stale once the priority changes. */
  private record Entry(int state, double priority) {}

  /** A predecessor p of a state s, with max_a P(s | p, a). */
  private record Predecessor(int state, double probability) {}

  @Override
  double[] solve() {
    double[][][] transitions = model.transitionProbabilities();
    double[][] rewards = model.expectedRewards();
    int n = model.stateCount();
    double gamma = params.gamma();
    double theta = params.theta();
    List<List<Predecessor>> predecessors = predecessors(transitions, n);
    double[] v = new double[n];
    double[] priority = new double[n];
    PriorityQueue<Entry> queue = new PriorityQueue<>((x, y) -> Double.compare(y.priority(), x.priority()));
    long backups = 0;
    for (int s = 0; s < n; s++) {
      if (!model.isTerminal(s)) {
        priority[s] = Math.abs(bellman(s, rewards, transitions, v) - v[s]); // the exact residual to start
        backups++;
        if (priority[s] >= theta) {
          queue.add(new Entry(s, priority[s]));
        }
      }
    }
    long nextLog = backups + n;
    while (!queue.isEmpty() && backups < params.maxBackups() && !context.isCancelled()) {
      Entry top = queue.poll();
      int s = top.state();
      if (top.priority() != priority[s]) {
        continue; // superseded: s was re-queued with a larger bound, or already backed up
      }
      double target = bellman(s, rewards, transitions, v);
      backups++;
      double change = Math.abs(target - v[s]);
      v[s] = target;
      priority[s] = 0;
      for (Predecessor p : predecessors.get(s)) {
        priority[p.state()] += gamma * p.probability() * change;
        if (priority[p.state()] >= theta) {
          queue.add(new Entry(p.state(), priority[p.state()]));
        }
      }
      if (backups >= nextLog) {
        context.log("dp/max_residual", backups, largestLive(queue, priority));
        nextLog = backups + n;
      }
    }
    context.log("dp/max_residual", backups, largestLive(queue, priority));
    context.log("dp/backups", 0, backups);
    return v;
  }

  /** max_a [R(s, a) + γ Σ_s' P(s' | s, a) V(s')]. */
  private double bellman(int s, double[][] rewards, double[][][] transitions, double[] v) {
    double best = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < model.actionCount(); a++) {
      best = Math.max(best, ValueIteration.backup(rewards[s][a], transitions[s][a], v, params.gamma()));
    }
    return best;
  }

  /** The largest current priority; queued entries whose priority has since changed are stale. */
  private static double largestLive(PriorityQueue<Entry> queue, double[] priority) {
    double max = 0;
    for (Entry e : queue) {
      if (e.priority() == priority[e.state()]) {
        max = Math.max(max, e.priority());
      }
    }
    return max;
  }

  /** For each s, its predecessors: the non-terminal p with max_a P(s | p, a) &gt; 0. */
  private List<List<Predecessor>> predecessors(double[][][] transitions, int n) {
    List<List<Predecessor>> predecessors = new ArrayList<>(n);
    for (int s = 0; s < n; s++) {
      predecessors.add(new ArrayList<>());
    }
    for (int p = 0; p < n; p++) {
      if (model.isTerminal(p)) {
        continue;
      }
      for (int s = 0; s < n; s++) {
        double probability = 0;
        for (int a = 0; a < model.actionCount(); a++) {
          probability = Math.max(probability, transitions[p][a][s]);
        }
        if (probability > 0) {
          predecessors.get(s).add(new Predecessor(p, probability));
        }
      }
    }
    return predecessors;
  }
}
