package dev.rlx.algorithms.ppo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.rlx.algorithms.deep.Averages;
import dev.rlx.algorithms.deep.BatchStatistics;
import dev.rlx.algorithms.deep.ClippedSurrogate;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.algorithms.deep.OnPolicyTraining;
import dev.rlx.algorithms.deep.PolicyDistribution;
import dev.rlx.algorithms.deep.RolloutBuffer;
import dev.rlx.algorithms.deep.Scalars;
import dev.rlx.api.Algorithm;
import dev.rlx.api.BatchedEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;
import java.util.SplittableRandom;

/**
 * Proximal policy optimisation with the clipped surrogate (references.md §3.4; Schulman et al.
 * 2017) and GAE advantages (§6.6), in the shape of CleanRL's ppo.py — a categorical policy on
 * discrete actions, a diagonal Gaussian (state-independent σ) on continuous ones, as
 * ppo_continuous_action.py:
 *
 * <pre>
 *   r_t(θ)  = π_θ(a_t | s_t) / π_θold(a_t | s_t)
 *   L^CLIP  = E[ min(r_t Â_t, clip(r_t, 1 − ε, 1 + ε) Â_t) ]
 *   L       = −L^CLIP + c_v · ½ (V_θ(s_t) − R_t)² − β · H(π_θ(· | s_t)),    R_t = Â_t + V_old(s_t)
 * </pre>
 *
 * Rollouts of {@code num_steps} on {@code num_envs} vectorised copies ({@link OnPolicyTraining}), then
 * {@code update_epochs} passes of {@code num_minibatches} Adam steps with global gradient-norm
 * clipping. Separate actor and critic MLPs (tanh). Logs per update: losses, entropy,
 * approximate KL, clip fraction, explained variance, gradient norm, learning rate; per
 * finished training episode {@code charts/episodic_return}; {@code eval/return} (greedy
 * policy) on the spec's evaluation schedule and at the end.
 */
public record Ppo(PpoParams params, BatchedEnvironment env, TrialContext context) implements Algorithm {

  @Inject
  public Ppo {}

  @Override
  public void train() {
    try (OnPolicyTraining run = OnPolicyTraining.open("ppo", params, env, context)) {
      PolicyDistribution policy = run.policy();
      RolloutBuffer rollout = run.rollout();
      int batchSize = run.batchSize();
      int minibatchSize = Math.max(1, batchSize / params.numMinibatches());
      RolloutBuffer.Minibatch mb = new RolloutBuffer.Minibatch(minibatchSize, run.observationSize(), policy.actionWidth());
      int[] order = new int[batchSize];
      run.run((update, globalStep) -> {
        // update_epochs passes over shuffled minibatches
        for (int k = 0; k < batchSize; k++) {
          order[k] = k;
        }
        Averages diag = new Averages(6); // policy loss, value loss, entropy, approx KL, clip fraction, grad norm
        for (int epoch = 0; epoch < params.updateEpochs(); epoch++) {
          shuffle(order, run.rng());
          for (int start = 0; start + minibatchSize <= batchSize; start += minibatchSize) {
            rollout.gather(order, start, minibatchSize, mb);
            minibatch(mb, run, diag);
          }
        }
        context.log("losses/policy_loss", globalStep, diag.mean(0));
        context.log("losses/value_loss", globalStep, diag.mean(1));
        context.log("losses/entropy", globalStep, diag.mean(2));
        context.log("losses/approx_kl", globalStep, diag.mean(3));
        context.log("losses/clipfrac", globalStep, diag.mean(4));
        context.log("losses/grad_norm", globalStep, diag.mean(5));
        context.log("losses/explained_variance", globalStep, BatchStatistics.explainedVariance(rollout.values(), rollout.returns()));
        context.log("charts/learning_rate", globalStep, run.learner().learningRate());
      }, (evaluation, step) -> context.log("eval/return", step, evaluation.meanReturn()));
    }
  }

  /** One Adam step on the PPO loss of a minibatch. */
  private void minibatch(RolloutBuffer.Minibatch mb, OnPolicyTraining run, Averages diag) {
    PolicyDistribution policy = run.policy();
    Block actor = run.actor();
    Block critic = run.critic();
    ParameterStore store = run.store();
    if (params.normAdv()) {
      BatchStatistics.standardize(mb.advantages());
    }
    int size = mb.size();
    try (NDManager m = run.manager().newSubManager()) {
      NDArray x = m.create(mb.observations(), new Shape(size, mb.observations().length / size));
      NDArray a = m.create(mb.actions(), new Shape(size, policy.actionWidth()));
      NDArray oldLogp = m.create(mb.logProbs());
      NDArray adv = m.create(mb.advantages());
      NDArray ret = m.create(mb.returns());
      NDArray oldV = m.create(mb.values());
      float eps = (float) params.clipEps();
      Learner.Step<Terms> step = run.learner().step(() -> {
        NDArray actorOut = actor.forward(store, new NDList(x), true).singletonOrThrow();
        NDArray newValue = critic.forward(store, new NDList(x), true).singletonOrThrow().reshape(-1);
        NDArray logRatio = policy.logProb(actorOut, a).sub(oldLogp);
        NDArray ratio = logRatio.exp();
        NDArray pgLoss = ClippedSurrogate.perElement(ratio, adv, eps, eps).mean();
        NDArray vLoss = valueLoss(newValue, oldV, ret, params.clipVloss() ? eps : Float.NaN);
        NDArray entropy = policy.entropy(actorOut).mean();
        NDArray loss = pgLoss.sub(Scalars.mul(entropy, params.entCoef())).add(Scalars.mul(vLoss, params.vfCoef()));
        return new Terms(loss, pgLoss, vLoss, entropy,
            ratio.sub(1f).sub(logRatio).mean(), // approx KL, k3 estimator (Schulman 2020)
            ratio.sub(1f).abs().gt(eps).toType(DataType.FLOAT32, false).mean());
      }, params.maxGradNorm());
      Terms t = step.objective();
      diag.add(t.policyLoss().getFloat(), t.valueLoss().getFloat(), t.entropy().getFloat(), t.approxKl().getFloat(),
          t.clipFraction().getFloat(), step.gradNorm());
    }
  }

  /** One minibatch's loss and the terms logged from the same graph. */
  private record Terms(NDArray loss, NDArray policyLoss, NDArray valueLoss, NDArray entropy, NDArray approxKl,
      NDArray clipFraction) implements Learner.Objective {}

  /**
   * ½ E[(V − R)²]; with a finite {@code clipEps}, ½ E[max((V − R)², (V_old + clip(V − V_old, −ε, ε) − R)²)]
   * (references.md §3.4 exercise 2).
   */
  static NDArray valueLoss(NDArray newValue, NDArray oldValue, NDArray returns, float clipEps) {
    NDArray unclipped = newValue.sub(returns).square();
    if (Float.isNaN(clipEps)) {
      return Scalars.mul(unclipped.mean(), 0.5);
    }
    NDArray clipped = oldValue.add(newValue.sub(oldValue).clip(-clipEps, clipEps)).sub(returns).square();
    return Scalars.mul(unclipped.maximum(clipped).mean(), 0.5);
  }

  private static void shuffle(int[] order, SplittableRandom rng) {
    for (int k = order.length - 1; k > 0; k--) {
      int j = rng.nextInt(k + 1);
      int tmp = order[k];
      order[k] = order[j];
      order[j] = tmp;
    }
  }
}
