package dev.rlx.environments.classic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rlx.api.BatchedEnvironment;
import dev.rlx.api.BatchedEnvironment.Batch;
import dev.rlx.environments.classic.ReferenceTrajectory.Row;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Each environment replays a trajectory of Gymnasium's own step function (transcribed in
 * {@code src/test/resources/reference/gymnasium_classic_control.py}) from the same start state
 * with the same actions: observations and rewards agree to 1e-6 relative (observations
 * relative to each component's scale over the trajectory), and the episode ends
 * at the same step, terminated or truncated as there.
 */
class GymnasiumReferenceTest {

  @Test
  void acrobotFollowsGymnasiumsRungeKuttaStepsUntilTheTipPassesTheBar() {
    Acrobot env = new Acrobot(new AcrobotParams(500));
    Batch batch = oneCopy(env);
    env.setState(0, (float) 0.05, (float) -0.08, (float) 0.02, (float) 0.07); // as the script's f32(...)
    ReferenceTrajectory reference = ReferenceTrajectory.load("acrobot.csv");
    replay(reference, batch, 500, row -> env.step(new int[] {Integer.parseInt(row.action())}, batch));
    assertThat(last(reference).terminated()).as("the reference trajectory reaches the goal").isTrue();
    assertThat(last(reference).reward()).isZero();
  }

  @Test
  void mountainCarV0FollowsGymnasiumIntoTheLeftWallAndUpToTheGoal() {
    MountainCarV0 env = new MountainCarV0(new MountainCarV0Params(200, 0));
    Batch batch = oneCopy(env);
    env.setState(0, -0.9, -0.04);
    ReferenceTrajectory reference = ReferenceTrajectory.load("mountain_car.csv");
    replay(reference, batch, 200, row -> env.step(new int[] {Integer.parseInt(row.action())}, batch));
    assertThat(reference.steps()).as("the reference trajectory stops at the left wall")
        .anySatisfy(row -> assertThat(row.observation()).containsExactly((double) (float) MountainValley.MIN_POSITION, 0.0));
    assertThat(last(reference).terminated()).isTrue();
  }

  @Test
  void mountainCarContinuousFollowsGymnasiumWithActionsBeyondTheBounds() {
    MountainCarContinuous env = new MountainCarContinuous(new MountainCarContinuousParams(999, 0));
    Batch batch = oneCopy(env);
    env.setState(0, -0.5234, 0.0);
    ReferenceTrajectory reference = ReferenceTrajectory.load("mountain_car_continuous.csv");
    replay(reference, batch, 999, row -> env.step(new float[] {Float.parseFloat(row.action())}, batch));
    assertThat(last(reference).terminated()).isTrue();
    assertThat(last(reference).reward()).as("+100 at the goal, less 0.1·a² of the unclipped a = 1.5")
        .isEqualTo(100 - 0.1 * 1.5 * 1.5, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void pendulumFollowsGymnasiumForTwoHundredStepsAndIsThenTruncated() {
    Pendulum env = new Pendulum(new PendulumParams(10.0, 200));
    Batch batch = oneCopy(env);
    env.setState(0, 2.9, -0.6);
    ReferenceTrajectory reference = ReferenceTrajectory.load("pendulum.csv");
    replay(reference, batch, 200, row -> env.step(new float[] {Float.parseFloat(row.action())}, batch));
    assertThat(reference.steps()).hasSize(200);
    assertThat(batch.truncated()[0]).isTrue();
  }

  /**
   * Steps through the reference rows; at the step where the episode ends (terminated there, or
   * at the time limit) the environment has already reset, so its last observation is compared
   * from {@link Batch#finalObservations()}.
   */
  private static void replay(ReferenceTrajectory reference, Batch batch, int timeLimit, Consumer<Row> step) {
    for (Row row : reference.steps()) {
      step.accept(row);
      int t = row.step();
      boolean truncated = !row.terminated() && t >= timeLimit;
      assertThat(batch.terminated()[0]).as("terminated at step %d", t).isEqualTo(row.terminated());
      assertThat(batch.truncated()[0]).as("truncated at step %d", t).isEqualTo(truncated);
      float[] observation = batch.done(0) ? batch.finalObservations() : batch.observations();
      reference.assertObservationClose(t, observation, 0, row.observation());
      ReferenceTrajectory.assertRewardClose(t, batch.rewards()[0], row.reward());
    }
  }

  /** Copy 0 of {@code env}, started from seed 0 (the state each test then sets). */
  private static Batch oneCopy(BatchedEnvironment env) {
    Batch batch = Batch.of(1, env.observationSize());
    env.reset(0, batch);
    return batch;
  }

  private static Row last(ReferenceTrajectory reference) {
    return reference.rows().get(reference.rows().size() - 1);
  }
}
