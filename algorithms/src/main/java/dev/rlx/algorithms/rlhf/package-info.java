/**
 * The objectives of LLM post-training (references.md §VII): reward-model losses (§7.2),
 * token-level PPO with a per-token KL penalty (§7.3), DPO and IPO (§7.4), KTO (§7.5), GRPO
 * (§7.6) and DAPO (§7.7), as differentiable functions of DJL {@code NDArray}s of log-probabilities.
 *
 * <p>Each algorithm is one file that keeps its loss beside its equation: a record of its injected
 * parameters, task and context that implements {@link dev.rlx.algorithms.rlhf.PostTrainingAlgorithm}
 * (the trial's set-up: seed, budget, evaluation schedule, manager). The offline ones (SFT, DPO/IPO, KTO, the reward model) hand
 * their batches and loss to one loop, {@link dev.rlx.algorithms.rlhf.OfflineTraining}; the
 * online ones (GRPO/DAPO, ppo-rlhf) sample and update in their own. What they share sits in
 * {@link dev.rlx.algorithms.rlhf.PolicyTraining} (SFT step and warm start, sequence
 * log-probabilities, epochs, evaluation schedule); their shared settings are declared once in
 * {@link dev.rlx.algorithms.rlhf.LmParams} and {@link dev.rlx.algorithms.rlhf.TransformerParams},
 * nested in each parameter record. A new offline algorithm is one file (its batch and loss) plus
 * its line in {@link dev.rlx.algorithms.rlhf.PostTrainingAlgorithms}.
 *
 * <p>Conventions shared by every class here:
 *
 * <ul>
 *   <li>Sequence-level inputs are [B] arrays: the sum of a response's token log-probabilities
 *       log π(y | x) = Σ_t log π(y_t | x, y_{&lt;t}), one per row, or a scalar reward.
 *   <li>Token-level inputs are [B, T] arrays of log π(y_t | x, y_{&lt;t}) for the response
 *       tokens, with a [B, T] {@code mask} that is 1 on response tokens and 0 on padding (any
 *       numeric or boolean type; it is cast to the log-probabilities' type). Padding contributes
 *       nothing to any loss, gradient or diagnostic, whatever its log-probabilities hold.
 *   <li>Losses are to be <em>minimised</em>. The reference and old-policy log-probabilities,
 *       rewards, advantages and returns are constants: they are detached ({@code stopGradient})
 *       inside, so gradients flow only into the current policy's log-probabilities (and the value
 *       predictions, for {@link dev.rlx.algorithms.rlhf.TokenPpo}).
 *   <li>Every result record holds the loss (a scalar NDArray, differentiable) and host-side
 *       diagnostics; {@code metrics()} names them in the fixed {@code losses/…} namespace.
 *   <li>Intermediates land on the manager of the first input (docs/djl.md): call the
 *       losses inside a per-step sub-manager.
 * </ul>
 */
package dev.rlx.algorithms.rlhf;
