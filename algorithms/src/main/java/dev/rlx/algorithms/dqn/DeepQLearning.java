package dev.rlx.algorithms.dqn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.rlx.algorithms.deep.Averages;
import dev.rlx.algorithms.deep.Categorical;
import dev.rlx.algorithms.deep.DjlRuntime;
import dev.rlx.algorithms.deep.Dueling;
import dev.rlx.algorithms.deep.EpisodeLog;
import dev.rlx.algorithms.deep.Inference;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.algorithms.deep.Mlp;
import dev.rlx.algorithms.deep.NStepReturns;
import dev.rlx.algorithms.deep.PrioritizedReplayBuffer;
import dev.rlx.algorithms.deep.ReplayBuffer;
import dev.rlx.algorithms.deep.Schedule;
import dev.rlx.algorithms.deep.TargetNetwork;
import dev.rlx.api.Algorithm;
import dev.rlx.api.TrialContext;
import dev.rlx.api.VectorEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The loop DQN and Double DQN share (references.md §2.3–2.4): act ε-greedily on one
 * environment, store transitions in a replay buffer, and every {@code train_frequency}
 * steps regress Q(s, a) onto the algorithm's target y from a minibatch,
 *
 * <pre>  L(θ) = E[w · (Q_θ(s, a) − y)²],   y = G + γ^m (1 − terminated) · bootstrap(s')</pre>
 *
 * copying θ⁻ ← θ every {@code target_update_interval} steps (Polyak with τ &lt; 1). By default
 * the replay is uniform (w = 1), G = r, m = 1 and Q an MLP; the Rainbow extensions switch in
 * proportional prioritised replay with importance weights w ({@link PrioritizedReplayBuffer}),
 * n-step returns G with m ≤ n ({@link NStepReturns}) and the dueling head ({@link Dueling}).
 * Logs, as means over 100 updates, {@code losses/td_loss}, {@code q/mean_max_q} (mean over the
 * minibatch of max_a Q(s, a)), {@code losses/grad_norm} (global L2 norm of the gradient) and,
 * when prioritised, {@code replay/mean_importance_weight} and {@code replay/beta};
 * {@code charts/epsilon}, training episodes, and at each evaluation {@code eval/return} with
 * the overestimation diagnostic of van Hasselt et al. (2016): {@code q/estimate} (mean max_a Q
 * over the states a greedy episode visits), {@code q/true_return} (the discounted return
 * actually obtained from them) and {@code q/overestimation} = estimate − true return.
 */
abstract class DeepQLearning implements Algorithm {

  /** How an algorithm forms the bootstrap value of s' from the two networks' outputs [B, A]. */
  @FunctionalInterface
  interface Bootstrap {
    NDArray of(NDArray onlineNext, NDArray targetNext);
  }

  /** States whose discounted return a truncated evaluation episode cuts short by more than γ^300 are left out. */
  private static final int TAIL = 300;

  private final DqnParams params;
  private final VectorEnvironment env;
  private final TrialContext context;
  private final Bootstrap bootstrap;

  DeepQLearning(DqnParams params, VectorEnvironment env, TrialContext context, Bootstrap bootstrap) {
    this.params = params;
    this.env = env;
    this.context = context;
    this.bootstrap = bootstrap;
  }

  @Override
  public final void train() {
    train(params, env, context, bootstrap);
  }

  private static void train(DqnParams p, VectorEnvironment env, TrialContext context, Bootstrap bootstrap) {
    DjlRuntime.start(context.seed());
    int d = env.observationSize();
    int actions = env.actionCount();
    long totalSteps = context.budget().maxEnvSteps();
    if (totalSteps == Long.MAX_VALUE) {
      throw new IllegalArgumentException("DQN needs a budget in env_steps, e.g. budget: {env_steps: 100000}");
    }
    SplittableRandom rng = new SplittableRandom(context.seed());
    long evalEvery = context.evaluation().everySteps();
    int evalEpisodes = (int) (context.evaluation().episodes() > 0 ? context.evaluation().episodes() : 10);
    try (NDManager manager = NDManager.newBaseManager(DjlRuntime.device(context.device()))) {
      int[] hidden = {p.hiddenSize(), p.hiddenSize()};
      Block online = p.dueling() ? Dueling.relu(hidden, actions, false, 1.0, rng.split())
          : Mlp.relu(hidden, actions, false, 1.0, rng.split());
      Block target = p.dueling() ? Dueling.relu(hidden, actions, false, 1.0, rng.split())
          : Mlp.relu(hidden, actions, false, 1.0, rng.split());
      online.initialize(manager, DataType.FLOAT32, new Shape(1, d));
      target.initialize(manager, DataType.FLOAT32, new Shape(1, d));
      TargetNetwork.update(online, target, 1.0);
      ParameterStore store = new ParameterStore(manager, false);
      Learner learner = new Learner(p.lr(), 1e-8, List.of(online));
      // One of the two replays: uniform, or proportional to priorities (Schaul et al. 2016).
      ReplayBuffer uniform = p.prioritized() ? null : new ReplayBuffer(p.bufferSize(), d);
      PrioritizedReplayBuffer prioritized = p.prioritized()
          ? new PrioritizedReplayBuffer(p.bufferSize(), d, p.priorityAlpha(), p.priorityEpsilon()) : null;
      NStepReturns.Sink sink = p.prioritized() ? prioritized::add : uniform::add;
      // Transitions reach the replay as n-step returns, tracked per copy (n = 1: each step as it comes).
      NStepReturns nStep = new NStepReturns(1, d, p.nStep(), p.gamma());
      ReplayBuffer.Batch mb = new ReplayBuffer.Batch(p.batchSize(), d);

      VectorEnvironment.Batch batch = VectorEnvironment.Batch.of(1, d);
      env.reset(context.seed(), batch);
      float[] obs = batch.observations().clone();
      int[] action = new int[1];
      EpisodeLog episodes = new EpisodeLog(context);
      long nextEval = evalEvery > 0 ? evalEvery : Long.MAX_VALUE;
      Averages diagnostics = new Averages(4);
      Schedule exploration = Schedule.linear(p.epsilonStart(), p.epsilonEnd());
      for (long step = 1; step <= totalSteps && !context.isCancelled(); step++) {
        double epsilon = exploration.at(step, p.explorationSteps());
        if (step <= p.learningStarts() || rng.nextDouble() < epsilon) {
          action[0] = rng.nextInt(actions);
        } else {
          action[0] = Categorical.greedy(Inference.predict(online, store, manager, obs, 1, d), 0, actions);
        }
        env.step(action, batch);
        boolean done = batch.done(0);
        // s' of a stored transition: the observation its last step reached, even if the copy restarted.
        nStep.add(obs, action, batch, sink);
        episodes.add(step, batch.rewards()[0], done);
        System.arraycopy(batch.observations(), 0, obs, 0, d);

        int stored = p.prioritized() ? prioritized.size() : uniform.size();
        if (step > p.learningStarts() && step % p.trainFrequency() == 0 && stored > 0) {
          double beta = 1.0;
          if (p.prioritized()) {
            beta = PrioritizedReplayBuffer.beta(p.priorityBeta0(), step, totalSteps);
            prioritized.sample(rng, beta, mb);
          } else {
            uniform.sample(rng, mb);
          }
          Update u = update(online, target, store, manager, learner, mb, d, bootstrap, p.prioritized());
          if (p.prioritized()) {
            prioritized.updatePriorities(mb.indices(), u.absTdErrors(), mb.size());
          }
          diagnostics.add(u.loss(), u.meanMaxQ(), u.gradNorm(), meanWeight(mb));
          if (diagnostics.count() == 100) {
            log(diagnostics, context, step, epsilon, p.prioritized(), beta);
          }
        }
        if (step % p.targetUpdateInterval() == 0) {
          TargetNetwork.update(online, target, p.tau());
        }
        if (step >= nextEval) {
          evaluate(online, store, manager, env, context, p.gamma(), evalEpisodes, step);
          nextEval += evalEvery;
        }
      }
      evaluate(online, store, manager, env, context, p.gamma(), evalEpisodes, totalSteps);
    }
  }

  /** What one update reports: TD loss, mean max_a Q(s, a), gradient norm, |δ| per row. */
  record Update(double loss, double meanMaxQ, double gradNorm, float[] absTdErrors) {}

  /** Means over the last 100 updates, logged together: TD loss, mean max Q, gradient norm, mean importance weight. */
  private static void log(Averages means, TrialContext context, long step, double epsilon, boolean prioritized,
      double beta) {
    context.log("losses/td_loss", step, means.mean(0));
    context.log("q/mean_max_q", step, means.mean(1));
    context.log("losses/grad_norm", step, means.mean(2));
    context.log("charts/epsilon", step, epsilon);
    if (prioritized) {
      context.log("replay/mean_importance_weight", step, means.mean(3));
      context.log("replay/beta", step, beta);
    }
    means.clear();
  }

  /** The mean importance weight of a minibatch (1 when sampled uniformly). */
  private static double meanWeight(ReplayBuffer.Batch mb) {
    double w = 0;
    for (int j = 0; j < mb.size(); j++) {
      w += mb.weights()[j];
    }
    return w / mb.size();
  }

  /**
   * One regression step on the minibatch. The target is
   * <pre>  y = G + discount · (1 − terminated) · bootstrap(s')</pre>
   * with G = r and discount = γ for one-step transitions, the n-step return and γ^m otherwise.
   * With {@code weighted}, the squared errors are scaled by the importance weights (Schaul et al.
   * 2016, Alg. 1 line 12).
   */
  private static Update update(Block online, Block target, ParameterStore store, NDManager manager, Learner learner,
      ReplayBuffer.Batch mb, int d, Bootstrap bootstrap, boolean weighted) {
    try (NDManager m = manager.newSubManager()) {
      NDArray s = m.create(mb.obs(), new Shape(mb.size(), d));
      NDArray next = m.create(mb.nextObs(), new Shape(mb.size(), d));
      NDArray a = m.create(mb.actions()).toType(DataType.INT64, false); // indices stored as floats
      NDArray w = weighted ? m.create(mb.weights()) : null;
      // computed without recording a graph
      NDArray nextValue = bootstrap.of(online.forward(store, new NDList(next), false).singletonOrThrow(),
          target.forward(store, new NDList(next), false).singletonOrThrow());
      NDArray y = m.create(mb.rewards()).add(nextValue.mul(m.create(mb.notTerminal())).mul(m.create(mb.discounts())));
      Learner.Step<TdTerms> step = learner.step(() -> {
        NDArray q = online.forward(store, new NDList(s), true).singletonOrThrow();
        NDArray qsa = q.gather(a.reshape(-1, 1), 1).reshape(-1);
        return new TdTerms(tdLoss(qsa, y, w), q, qsa);
      }, Double.POSITIVE_INFINITY);
      TdTerms t = step.objective();
      // |δ| from the Q-values before this step, for the new priorities.
      float[] absTdErrors = weighted ? y.sub(t.qsa()).abs().toFloatArray() : null;
      return new Update(t.loss().getFloat(), t.q().max(new int[] {1}).mean().getFloat(), step.gradNorm(), absTdErrors);
    }
  }

  /** The TD loss with the Q-values it was computed from: all of Q(s, ·), and Q(s_j, a_j). */
  private record TdTerms(NDArray loss, NDArray q, NDArray qsa) implements Learner.Objective {}

  /** mean_j (Q(s_j, a_j) − y_j)², each term scaled by w_j when {@code weights} is not null. */
  static NDArray tdLoss(NDArray qsa, NDArray y, NDArray weights) {
    NDArray squared = qsa.sub(y).square();
    return (weights == null ? squared : squared.mul(weights)).mean();
  }

  /** Greedy episodes on a fresh copy: eval/return and the overestimation diagnostic. */
  private static void evaluate(Block online, ParameterStore store, NDManager manager, VectorEnvironment env,
      TrialContext context, double gamma, int episodes, long step) {
    try (VectorEnvironment evalEnv = env.copy()) {
      evaluateOn(evalEnv, online, store, manager, context, gamma, episodes, step);
    }
  }

  private static void evaluateOn(VectorEnvironment evalEnv, Block online, ParameterStore store, NDManager manager,
      TrialContext context, double gamma, int episodes, long step) {
    int d = evalEnv.observationSize();
    int actions = evalEnv.actionCount();
    VectorEnvironment.Batch batch = VectorEnvironment.Batch.of(1, d);
    evalEnv.reset(context.seed() + 1_000_003L, batch);
    double returns = 0;
    double estimateSum = 0;
    double trueSum = 0;
    long counted = 0;
    for (int e = 0; e < episodes && !context.isCancelled(); e++) {
      List<Double> estimates = new ArrayList<>();
      List<Double> rewards = new ArrayList<>();
      boolean terminated;
      do {
        float[] q = Inference.predict(online, store, manager, batch.observations(), 1, d);
        int a = Categorical.greedy(q, 0, actions);
        estimates.add((double) q[a]);
        evalEnv.step(new int[] {a}, batch);
        rewards.add((double) batch.rewards()[0]);
        terminated = batch.terminated()[0];
      } while (!batch.done(0));
      double g = 0;
      int length = rewards.size();
      for (int t = length - 1; t >= 0; t--) {
        g = rewards.get(t) + gamma * g;
        if (terminated || t <= length - TAIL) {
          estimateSum += estimates.get(t);
          trueSum += g;
          counted++;
        }
      }
      for (double r : rewards) {
        returns += r;
      }
    }
    context.log("eval/return", step, returns / episodes);
    if (counted > 0) {
      context.log("q/estimate", step, estimateSum / counted);
      context.log("q/true_return", step, trueSum / counted);
      context.log("q/overestimation", step, (estimateSum - trueSum) / counted);
    }
  }
}
