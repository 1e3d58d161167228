package dev.rlx.api;

/**
 * An MDP with a real-valued, bounded state vector and discrete actions 0..m−1 (Gymnasium's
 * {@code Box} observation and {@code Discrete} action spaces), stepped one transition at a
 * time. The bounds let an algorithm build features such as tile coding without knowing the
 * environment.
 */
public interface ContinuousStateEnvironment extends Environment {

  /** The number of state variables. */
  int stateDimension();

  /** The smallest value of each state variable. */
  double[] stateLow();

  /** The largest value of each state variable. */
  double[] stateHigh();

  int actionCount();

  /** Starts an episode; {@code seed} seeds the environment's own randomness. Returns the state. */
  double[] reset(long seed);

  /** Starts an episode continuing the current random stream. */
  double[] reset();

  /** Takes {@code action} in the current state. */
  Step step(int action);

  /**
   * One transition's outcome; as in {@link TabularEnvironment.Step}, a time limit
   * ({@code truncated}) ends an episode without its last state being terminal.
   */
  record Step(double[] state, double reward, boolean terminated, boolean truncated) {
    public boolean done() {
      return terminated || truncated;
    }
  }
}
