/**
 * Vector-environment wrappers (Gymnasium's {@code gymnasium.wrappers.vector}), shipped with the
 * environment API as Gymnasium does: each is a {@link dev.rlx.api.wrappers.BatchTransform} holding
 * the math, applied to a discrete-action environment by
 * {@link dev.rlx.api.wrappers.TransformedVectorEnvironment} and to a Box-action one by
 * {@link dev.rlx.api.wrappers.TransformedContinuousActionVectorEnvironment}. None changes
 * termination or truncation, and none allocates per step.
 *
 * <p>The usual PPO stack, innermost first:
 * <pre>{@code
 * var stats = new TransformedVectorEnvironment<>(env, new EpisodeStatistics());       // raw rewards
 * var normalized = new TransformedVectorEnvironment<>(stats, new ObservationNormalizer(env.observationSize()));
 * var scaled = new TransformedVectorEnvironment<>(normalized, new RewardScaler(gamma));
 * // evaluation: the training observation statistics, frozen; raw rewards; its own episode statistics
 * var evaluation = new TransformedVectorEnvironment<>(normalized.copy(), new EpisodeStatistics());
 * }</pre>
 */
package dev.rlx.api.wrappers;
