package dev.rlx.algorithms.dqn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.rlx.algorithms.deep.DjlRuntime;
import dev.rlx.algorithms.deep.Inference;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.algorithms.deep.Mlp;
import dev.rlx.algorithms.deep.ReplayBuffer;
import dev.rlx.algorithms.deep.TargetNetwork;
import dev.rlx.api.TrialContext;
import dev.rlx.api.VectorEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The loop DQN and Double DQN share (rl-reference §2.3–2.4): act ε-greedily on one
 * environment, store transitions in a uniform replay buffer, and every {@code train_frequency}
 * steps regress Q(s, a) onto the algorithm's target y from a minibatch,
 *
 * <pre>  L(θ) = E[(Q_θ(s, a) − y)²]</pre>
 *
 * copying θ⁻ ← θ every {@code target_update_interval} steps (Polyak with τ &lt; 1). Logs
 * {@code losses/td_loss} and {@code q/mean_max_q} (mean over the minibatch of max_a Q(s, a)),
 * {@code charts/epsilon}, training episodes, and at each evaluation {@code eval/return} with
 * the overestimation diagnostic of van Hasselt et al. (2016): {@code q/estimate} (mean max_a Q
 * over the states a greedy episode visits), {@code q/true_return} (the discounted return
 * actually obtained from them) and {@code q/overestimation} = estimate − true return.
 */
final class DeepQLearning {

  /** How an algorithm forms the bootstrap value of s' from the two networks' outputs [B, A]. */
  @FunctionalInterface
  interface Bootstrap {
    NDArray of(NDArray onlineNext, NDArray targetNext);
  }

  /** States whose discounted return a truncated evaluation episode cuts short by more than γ^300 are left out. */
  private static final int TAIL = 300;

  private DeepQLearning() {}

  static void train(DqnParams p, VectorEnvironment env, TrialContext context, Bootstrap bootstrap) {
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
      Block online = Mlp.relu(hidden, actions, false, 1.0, rng.split());
      Block target = Mlp.relu(hidden, actions, false, 1.0, rng.split());
      online.initialize(manager, DataType.FLOAT32, new Shape(1, d));
      target.initialize(manager, DataType.FLOAT32, new Shape(1, d));
      TargetNetwork.update(online, target, 1.0);
      ParameterStore store = new ParameterStore(manager, false);
      Learner learner = new Learner(p.lr(), 1e-8, List.of(online));
      ReplayBuffer replay = new ReplayBuffer(p.bufferSize(), d);
      ReplayBuffer.Batch mb = new ReplayBuffer.Batch(p.batchSize(), d);

      VectorEnvironment.Batch batch = VectorEnvironment.Batch.of(1, d);
      env.reset(context.seed(), batch);
      float[] obs = batch.observations().clone();
      int[] action = new int[1];
      double episodeReturn = 0;
      long episodeLength = 0;
      long nextEval = evalEvery > 0 ? evalEvery : Long.MAX_VALUE;
      double lossSum = 0;
      double maxQSum = 0;
      int updates = 0;
      for (long step = 1; step <= totalSteps && !context.isCancelled(); step++) {
        double epsilon = p.epsilonEnd() + (p.epsilonStart() - p.epsilonEnd())
            * Math.max(0, 1 - (double) step / p.explorationSteps());
        if (step <= p.learningStarts() || rng.nextDouble() < epsilon) {
          action[0] = rng.nextInt(actions);
        } else {
          action[0] = argmax(Inference.predict(online, store, manager, obs, 1, d), 0, actions);
        }
        env.step(action, batch);
        boolean done = batch.done(0);
        // s' of the stored transition: the observation the step reached, even if the copy restarted.
        replay.add(obs, done ? batch.finalObservations() : batch.observations(), 0, action[0], batch.rewards()[0],
            batch.terminated()[0]);
        episodeReturn += batch.rewards()[0];
        episodeLength++;
        if (done) {
          context.log("charts/episodic_return", step, episodeReturn);
          context.log("charts/episode_length", step, episodeLength);
          episodeReturn = 0;
          episodeLength = 0;
        }
        System.arraycopy(batch.observations(), 0, obs, 0, d);

        if (step > p.learningStarts() && step % p.trainFrequency() == 0) {
          replay.sample(rng, mb);
          double[] stats = update(online, target, store, manager, learner, mb, d, p.gamma(), bootstrap);
          lossSum += stats[0];
          maxQSum += stats[1];
          updates++;
          if (updates % 100 == 0) {
            context.log("losses/td_loss", step, lossSum / 100);
            context.log("q/mean_max_q", step, maxQSum / 100);
            context.log("charts/epsilon", step, epsilon);
            lossSum = 0;
            maxQSum = 0;
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

  /** One regression step; returns {TD loss, mean max_a Q(s, a)}. */
  private static double[] update(Block online, Block target, ParameterStore store, NDManager manager, Learner learner,
      ReplayBuffer.Batch mb, int d, double gamma, Bootstrap bootstrap) {
    try (NDManager m = manager.newSubManager()) {
      NDArray s = m.create(mb.obs, new Shape(mb.size, d));
      NDArray next = m.create(mb.nextObs, new Shape(mb.size, d));
      NDArray a = m.create(mb.actions);
      // y = r + γ (1 − terminated) · bootstrap(s'), computed without recording a graph
      NDArray nextValue = bootstrap.of(online.forward(store, new NDList(next), false).singletonOrThrow(),
          target.forward(store, new NDList(next), false).singletonOrThrow());
      NDArray y = m.create(mb.rewards).add(nextValue.mul(m.create(mb.notTerminal)).mul((float) gamma));
      NDArray[] q = new NDArray[1];
      NDArray[] loss = new NDArray[1];
      learner.step(() -> {
        q[0] = online.forward(store, new NDList(s), true).singletonOrThrow();
        NDArray qsa = q[0].gather(a.reshape(-1, 1), 1).reshape(-1);
        loss[0] = qsa.sub(y).square().mean();
        return loss[0];
      }, Double.POSITIVE_INFINITY);
      return new double[] {loss[0].getFloat(), q[0].max(new int[] {1}).mean().getFloat()};
    }
  }

  /** Greedy episodes on a fresh copy: eval/return and the overestimation diagnostic. */
  private static void evaluate(Block online, ParameterStore store, NDManager manager, VectorEnvironment env,
      TrialContext context, double gamma, int episodes, long step) {
    VectorEnvironment evalEnv = env.copy();
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
        int a = argmax(q, 0, actions);
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

  private static int argmax(float[] q, int offset, int count) {
    int best = 0;
    for (int a = 1; a < count; a++) {
      if (q[offset + a] > q[offset + best]) {
        best = a;
      }
    }
    return best;
  }
}
