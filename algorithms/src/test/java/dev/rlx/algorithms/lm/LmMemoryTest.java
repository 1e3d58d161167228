package dev.rlx.algorithms.lm;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rlx.algorithms.deep.DjlRuntime;
import dev.rlx.algorithms.deep.Learner;
import dev.rlx.algorithms.deep.ResidentMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Native memory stays flat over many rounds of generate → score against a frozen reference →
 * train (the shape of an RLHF loop): the KV cache and every step's tensors are freed. As
 * PpoMemoryTest, in a JVM of its own with a fixed, pre-touched heap, so growth of its resident
 * memory is native.
 */
@Tag("slow")
class LmMemoryTest {

  static final int ROUNDS = 300;

  @Test
  void residentMemoryIsFlatOverManyGenerateAndTrainRounds() throws Exception {
    List<Long> rss = ResidentMemory.ofChild(Probe.class, ROUNDS);
    List<Long> every = new ArrayList<>();
    for (int i = 29; i < ROUNDS; i += 30) {
      every.add(rss.get(i));
    }
    // after warm-up, the second half must not keep adding memory (a leaked KV cache or
    // logits array would add ~0.1–1 MB per round here)
    assertThat(rss.get(ROUNDS - 1) - rss.get(ROUNDS / 2 - 1))
        .as("RSS growth over rounds %d..%d, KB; every 30: %s", ROUNDS / 2, ROUNDS, every).isLessThan(24 * 1024);
  }

  /** Rounds of batch-16 generation, a reference forward and one Adam step; prints the RSS after each. */
  public static final class Probe {
    public static void main(String[] args) {
      DjlRuntime.start(1);
      try (NDManager manager = NDManager.newBaseManager()) {
        LmConfig config = LmConfig.of(14, 0, 1, 2);
        CausalLm policy = CausalLm.create(config, manager, 1);
        CausalLm reference = policy.copy().freeze();
        Learner learner = new Learner(1e-3, 1e-8, List.of(policy));
        SplittableRandom rng = new SplittableRandom(1);
        int[][] prompts = new int[16][];
        for (int round = 0; round < ROUNDS; round++) {
          for (int i = 0; i < prompts.length; i++) {
            prompts[i] = new int[2 + rng.nextInt(5)];
            prompts[i][0] = 1;
            for (int j = 1; j < prompts[i].length; j++) {
              prompts[i][j] = 3 + rng.nextInt(11);
            }
          }
          Generation g = policy.generate(prompts, Sampling.of(8), rng);
          TokenBatch batch = g.batch(prompts, 0);
          try (NDManager step = manager.newSubManager()) {
            NDArray tokens = batch.tokens(step);
            NDArray mask = batch.responseMask(step);
            NDArray refLogp = LmOps.tokenLogProbs(reference.logits(tokens), tokens);
            learner.step(() -> {
              NDArray logp = LmOps.tokenLogProbs(policy.logits(tokens), tokens);
              return new Learner.Loss(LmOps.maskedMean(logp.sub(refLogp).square(), mask).sub(LmOps.maskedMean(logp, mask)));
            }, 1.0);
          }
          System.out.println("rss " + dev.rlx.algorithms.deep.ResidentMemory.kb());
        }
      }
    }

  }
}
