package dev.rlx.algorithms.a2c;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.rlx.algorithms.deep.Averages;
import dev.rlx.algorithms.deep.BatchStatistics;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.algorithms.deep.OnPolicyTraining;
import dev.rlx.algorithms.deep.PolicyDistribution;
import dev.rlx.algorithms.deep.RolloutBuffer;
import dev.rlx.algorithms.deep.RolloutCollector;
import dev.rlx.algorithms.deep.Scalars;
import dev.rlx.api.Algorithm;
import dev.rlx.api.BatchedEnvironment;
import dev.rlx.api.TrialContext;
import jakarta.inject.Inject;

/**
 * Synchronous advantage actor-critic, A2C (references.md §3.2; Mnih et al. 2016): every
 * {@code num_steps} steps of {@code num_envs} copies, one gradient step on
 *
 * <pre>
 *   L_π = −E[ log π_θ(a_t | s_t) · Â_t ] − β · E[ H(π_θ(· | s_t)) ]
 *   L_V = E[ (V_φ(s_t) − R_t)² ],      L = L_π + c_v · L_V
 * </pre>
 *
 * with Â_t by GAE(γ, λ) over the rollout ({@link RolloutBuffer}): λ = 1 (the default) is the
 * bootstrapped n-step return R_t = r_t + γ r_{t+1} + … + γ^{T−t} V(s_T) minus V(s_t), λ = 0
 * the one-step advantage of the reference's update; R_t = Â_t + V(s_t). Rollouts, truncation
 * bootstrapping and evaluation are shared with PPO ({@link OnPolicyTraining}, {@link RolloutCollector}). Logs the losses,
 * entropy, explained variance and gradient norm averaged over ~2k steps; on the evaluation
 * schedule {@code eval/return} and {@code eval/terminated} of the deterministic policy (the
 * fraction of evaluation episodes that terminated before the time limit — on MountainCar,
 * reached the goal) and {@code charts/terminated_fraction}, the same fraction over the training
 * episodes (the sampling policy) since the previous evaluation.
 */
public record A2c(A2cParams params, BatchedEnvironment env, TrialContext context) implements Algorithm {

  @Inject
  public A2c {}

  @Override
  public void train() {
    try (OnPolicyTraining run = OnPolicyTraining.open("a2c", params, env, context)) {
      PolicyDistribution policy = run.policy();
      RolloutBuffer rollout = run.rollout();
      Block actor = run.actor();
      Block critic = run.critic();
      ParameterStore store = run.store();
      int batchSize = run.batchSize();
      int d = run.observationSize();
      long logEvery = Math.max(1, 2048 / batchSize); // diagnostics averaged over ~2k steps, not per 40-step update
      Averages sums = new Averages(4); // policy loss, value loss, entropy, gradient norm
      run.run((update, globalStep) -> {
        float[] advantages = rollout.advantages();
        if (params.normAdv()) {
          BatchStatistics.standardize(advantages);
        }
        try (NDManager m = run.manager().newSubManager()) {
          NDArray x = m.create(rollout.observations(), new Shape(batchSize, d));
          NDArray a = m.create(rollout.actions(), new Shape(batchSize, policy.actionWidth()));
          NDArray adv = m.create(advantages);
          NDArray ret = m.create(rollout.returns());
          Learner.Step<Terms> step = run.learner().step(() -> {
            NDArray actorOut = actor.forward(store, new NDList(x), true).singletonOrThrow();
            NDArray value = critic.forward(store, new NDList(x), true).singletonOrThrow().reshape(-1);
            NDArray policyLoss = policy.logProb(actorOut, a).mul(adv).mean().neg();
            NDArray valueLoss = value.sub(ret).square().mean();
            NDArray entropy = policy.entropy(actorOut).mean();
            return new Terms(policyLoss.sub(Scalars.mul(entropy, params.entCoef())).add(Scalars.mul(valueLoss, params.vfCoef())),
                policyLoss, valueLoss, entropy);
          }, params.maxGradNorm());
          Terms t = step.objective();
          sums.add(t.policyLoss().getFloat(), t.valueLoss().getFloat(), t.entropy().getFloat(), step.gradNorm());
        }
        if (update % logEvery == 0 || update == run.updates()) {
          context.log("losses/policy_loss", globalStep, sums.mean(0));
          context.log("losses/value_loss", globalStep, sums.mean(1));
          context.log("losses/entropy", globalStep, sums.mean(2));
          context.log("losses/grad_norm", globalStep, sums.mean(3));
          context.log("losses/explained_variance", globalStep,
              BatchStatistics.explainedVariance(rollout.values(), rollout.returns()));
          sums.clear();
        }
      }, (evaluation, step) -> log(run.collector(), evaluation, step));
    }
  }

  private void log(RolloutCollector collector, RolloutCollector.Evaluation evaluation, long step) {
    context.log("eval/return", step, evaluation.meanReturn());
    context.log("eval/terminated", step, evaluation.terminatedFraction());
    double training = collector.trainingTerminatedFraction();
    if (!Double.isNaN(training)) {
      context.log("charts/terminated_fraction", step, training);
    }
  }

  /** One update's loss and the terms logged from the same graph. */
  private record Terms(NDArray loss, NDArray policyLoss, NDArray valueLoss, NDArray entropy)
      implements Learner.Objective {}
}
