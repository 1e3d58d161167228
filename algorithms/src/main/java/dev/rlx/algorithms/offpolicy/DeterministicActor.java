package dev.rlx.algorithms.offpolicy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.rlx.algorithms.deep.Inference;
import dev.rlx.algorithms.deep.Learner;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The deterministic policy μ_θ(s) of DDPG and TD3 (references.md §4.1–4.2): a ReLU MLP whose
 * tanh output is mapped into the action bounds, a = bias + scale · tanh(f_θ(s)), with a
 * Polyak-averaged target μ_θ⁻. Exploration adds noise in tanh units, scaled to the bounds and
 * clipped to them.
 */
public final class DeterministicActor {

  private final TargetedNetworks networks;
  private final ActionBounds bounds;
  private final ActionBounds.Tensors boundTensors;
  private final ParameterStore store;
  private final NDManager manager;
  private final int observationSize;
  private final float[] noise;

  public DeterministicActor(int observationSize, ActionBounds bounds, int hidden, double lr, boolean withTarget,
      NDManager manager, ParameterStore store, SplittableRandom rng) {
    this.networks = new TargetedNetworks(1, observationSize, hidden, bounds.size(), withTarget, lr, manager, rng);
    this.bounds = bounds;
    this.boundTensors = bounds.on(manager);
    this.store = store;
    this.manager = manager;
    this.observationSize = observationSize;
    this.noise = new float[bounds.size()];
  }

  /** μ_θ(s) for one observation, in the environment's units. */
  public void act(float[] observation, float[] action) {
    float[] u = Inference.predict(networks.first(), store, manager, observation, 1, observationSize);
    for (int k = 0; k < action.length; k++) {
      action[k] = bounds.fromTanh(k, u[k]);
    }
  }

  /** clip(μ_θ(s) + scale · ε, low, high) with ε the next value of {@code process}. */
  public void explore(float[] observation, float[] action, ExplorationNoise process) {
    act(observation, action);
    process.sample(noise);
    for (int k = 0; k < action.length; k++) {
      action[k] = bounds.clip(k, action[k] + bounds.scale(k) * noise[k]);
    }
  }

  /** μ_θ(s) for a batch [B, d] → [B, A], recording a graph when {@code training}. */
  public NDArray actions(NDArray states, boolean training) {
    return boundTensors.fromTanh(networks.forward(store, states, training)[0].tanh());
  }

  /** μ_θ⁻(s') for a batch, without a graph (μ_θ itself when there is no target). */
  public NDArray targetActions(NDArray states) {
    return boundTensors.fromTanh(networks.forwardTargets(store, states)[0].tanh());
  }

  /** The bounds as tensors, for clipping target actions. */
  public ActionBounds.Tensors bounds() {
    return boundTensors;
  }

  public <T extends Learner.Objective> Learner.Step<T> step(Supplier<T> objective) {
    return networks.step(objective);
  }

  public void updateTarget(double tau) {
    networks.updateTargets(tau);
  }
}
