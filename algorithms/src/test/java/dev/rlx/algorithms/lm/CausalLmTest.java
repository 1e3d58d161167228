package dev.rlx.algorithms.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.rlx.algorithms.deep.DjlRuntime;
import dev.rlx.algorithms.deep.Learner;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CausalLmTest {

  static final int PAD = 0;
  static final int BOS = 1;
  static final int EOS = 2;

  NDManager manager;

  @BeforeEach
  void start() {
    DjlRuntime.start(1);
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void stop() {
    manager.close();
  }

  /** A tiny untrained model: 2 layers, width 16, 2 heads, 9 tokens. */
  CausalLm tiny(long seed) {
    return CausalLm.create(LmConfig.of(9, PAD, BOS, EOS).withWidth(16, 2).withMaxLength(16), manager, seed);
  }

  static float[][][] logits3(NDArray logits) {
    long[] s = logits.getShape().getShape();
    float[] flat = logits.toFloatArray();
    float[][][] out = new float[(int) s[0]][(int) s[1]][(int) s[2]];
    for (int i = 0; i < s[0]; i++) {
      for (int t = 0; t < s[1]; t++) {
        System.arraycopy(flat, (int) ((i * s[1] + t) * s[2]), out[i][t], 0, (int) s[2]);
      }
    }
    return out;
  }

  static double logSoftmax(float[] row, int token) {
    double max = Double.NEGATIVE_INFINITY;
    for (float x : row) {
      max = Math.max(max, x);
    }
    double sum = 0;
    for (float x : row) {
      sum += Math.exp(x - max);
    }
    return row[token] - max - Math.log(sum);
  }

  @Nested
  class Config {

    @Test
    void rejectsShapesThatCannotWorkAndSaysWhy() {
      assertThatThrownBy(() -> LmConfig.of(9, PAD, BOS, EOS).withWidth(10, 4))
          .hasMessageContaining("dModel (10) must be a multiple of heads (4)");
      assertThatThrownBy(() -> LmConfig.of(9, PAD, PAD, EOS)).hasMessageContaining("three different tokens");
      assertThatThrownBy(() -> LmConfig.of(9, PAD, BOS, 9)).hasMessageContaining("eosId must be a token id in [0, vocabSize = 9)");
      assertThatThrownBy(() -> LmConfig.of(9, PAD, BOS, EOS).withLayers(0)).hasMessageContaining("layers must be at least 1");
      assertThatThrownBy(() -> new Sampling(4, -1, 0)).hasMessageContaining("temperature");
    }

    @Test
    void defaultsAreTheSmallGpt() {
      LmConfig c = LmConfig.of(20, PAD, BOS, EOS);
      assertThat(List.of(c.dModel(), c.layers(), c.heads(), c.mlpWidth(), c.maxLength(), c.headDim()))
          .containsExactly(64, 2, 4, 256, 32, 16);
      assertThat(c.tiedEmbeddings()).isTrue();
      assertThat(c.valueHead()).isFalse();
    }
  }

  @Nested
  class Forward {

    @Test
    void theSameSeedGivesTheSameModelAndAnotherSeedAnother() {
      NDArray tokens = manager.create(new int[] {1, 4, 5, 6}, new Shape(1, 4));
      float[] a = tiny(7).logits(tokens).toFloatArray();
      float[] b = tiny(7).logits(tokens).toFloatArray();
      float[] c = tiny(8).logits(tokens).toFloatArray();
      assertThat(a).hasSize(4 * 9).containsExactly(b);
      assertThat(a).isNotEqualTo(c);
    }

    @Test
    void tokenLogProbsAreTheLogSoftmaxAtTheNextToken() {
      CausalLm lm = tiny(3);
      int[] ids = {1, 4, 5, 6, 2, 3, 7, 8, 8, 2};
      NDArray tokens = manager.create(ids, new Shape(2, 5));
      NDArray logits = lm.logits(tokens);
      float[][][] l = logits3(logits);
      float[] lp = LmOps.tokenLogProbs(logits, tokens).toFloatArray();
      assertThat(lp).hasSize(2 * 4);
      for (int i = 0; i < 2; i++) {
        for (int t = 0; t < 4; t++) {
          assertThat(lp[i * 4 + t]).isCloseTo((float) logSoftmax(l[i][t], ids[i * 5 + t + 1]), within(1e-5f));
        }
      }
      float[] h = LmOps.entropy(logits).toFloatArray();
      for (int i = 0; i < 2; i++) {
        for (int t = 0; t < 5; t++) {
          double entropy = 0;
          for (int v = 0; v < 9; v++) {
            double logp = logSoftmax(l[i][t], v);
            entropy -= Math.exp(logp) * logp;
          }
          assertThat(h[i * 5 + t]).isCloseTo((float) entropy, within(1e-5f));
        }
      }
    }

    @Test
    void rightPaddingAndOtherRowsNeverChangeARealTokensResult() {
      CausalLm lm = tiny(4);
      int[] alone = {1, 4, 5, 6};
      float[][][] single = logits3(lm.logits(manager.create(alone, new Shape(1, 4))));
      // the same row right-padded beside a longer row and an all-padding row, then with garbage in its padding
      for (int filler : new int[] {PAD, 7}) {
        int[] batch = {
            1, 8, 8, 3, 3, 7, 2,
            1, 4, 5, 6, filler, filler, filler,
            PAD, PAD, PAD, PAD, PAD, PAD, PAD};
        float[][][] padded = logits3(lm.logits(manager.create(batch, new Shape(3, 7))));
        for (int t = 0; t < 4; t++) {
          for (int v = 0; v < 9; v++) {
            assertThat(padded[1][t][v]).isCloseTo(single[0][t][v], within(1e-5f));
          }
        }
      }
    }

    @Test
    void responseMasksCoverExactlyEachRowsResponseAndSumItsLogProbs() {
      TokenBatch batch = TokenBatch.of(new int[][] {{1, 4}, {1, 4, 5, 6}}, new int[][] {{7, 2}, {2}}, PAD);
      assertThat(batch.width()).isEqualTo(5);
      assertThat(batch.ids()).containsExactly(1, 4, 7, 2, PAD, 1, 4, 5, 6, 2);
      // t predicts token t + 1: row 0's response is tokens 2..3 → t = 1, 2; row 1's is token 4 → t = 3
      assertThat(batch.responseMask(manager).toFloatArray()).containsExactly(0, 1, 1, 0, 0, 0, 0, 1);
      assertThat(batch.lastPositions()).containsExactly(3, 4);
      NDArray perToken = manager.create(new float[] {-1, -2, -3, -4, -5, -6, -7, -8}, new Shape(2, 4));
      assertThat(LmOps.maskedSum(perToken, batch.responseMask(manager)).toFloatArray()).containsExactly(-5, -8);
      assertThat(LmOps.maskedMean(perToken, batch.responseMask(manager)).getFloat()).isCloseTo(-13f / 3, within(1e-6f));
    }

    @Test
    void theValueHeadReadsEveryTokenAndEachRowsLastRealToken() {
      CausalLm critic = CausalLm.create(LmConfig.of(9, PAD, BOS, EOS).withWidth(16, 2).withValueHead(true), manager, 5);
      TokenBatch batch = TokenBatch.of(new int[][] {{1, 4, 5}, {1, 6}}, new int[][] {{2}, {7, 8, 2}}, PAD);
      CausalLm.Output out = critic.forward(batch.tokens(manager));
      assertThat(out.values().getShape()).isEqualTo(new Shape(2, 5));
      float[] values = out.values().toFloatArray();
      float[] last = LmOps.atPositions(out.values(), batch.lastPositions()).toFloatArray();
      assertThat(last).containsExactly(values[3], values[5 + 4]);
      float[] alone = critic.forward(manager.create(new int[] {1, 4, 5, 2}, new Shape(1, 4))).values().toFloatArray();
      assertThat(last[0]).isCloseTo(alone[3], within(1e-5f));
      assertThat(tiny(1).forward(batch.tokens(manager)).values()).isNull();
    }
  }

  @Nested
  class Generate {

    final int[][] prompts = {{1, 4}, {1, 5, 6, 7, 8}, {1}, {1, 3, 3}};

    @Test
    void cachedGenerationGivesTheLogProbsOfAFullForwardOfTheFinalSequence() {
      CausalLm lm = tiny(11);
      Generation g = lm.generate(prompts, Sampling.of(8), new SplittableRandom(5));
      assertFullForwardAgrees(lm, g);
      Generation uncached = lm.generate(prompts, Sampling.of(8), new SplittableRandom(5), false);
      assertThat(uncached.tokens()).isDeepEqualTo(g.tokens());
      for (int i = 0; i < prompts.length; i++) {
        for (int j = 0; j < g.lengths()[i]; j++) {
          assertThat(uncached.logProbs()[i][j]).isCloseTo(g.logProbs()[i][j], within(1e-5f));
        }
      }
    }

    void assertFullForwardAgrees(CausalLm lm, Generation g) {
      TokenBatch batch = g.batch(prompts, PAD);
      float[] full = LmOps.tokenLogProbs(lm.logits(batch.tokens(manager)), batch.tokens(manager)).toFloatArray();
      int w = batch.width() - 1;
      for (int i = 0; i < prompts.length; i++) {
        assertThat(g.lengths()[i]).isEqualTo(g.tokens()[i].length).isPositive();
        for (int j = 0; j < g.lengths()[i]; j++) {
          // generated token j sits at position promptLength + j, predicted at t = promptLength + j − 1
          assertThat(g.logProbs()[i][j]).as("row %d token %d", i, j)
              .isCloseTo(full[i * w + prompts[i].length + j - 1], within(1e-5f));
        }
      }
    }

    @Test
    void temperatureZeroIsTheArgmaxOfTheModel() {
      CausalLm lm = tiny(12);
      Generation g = lm.generate(prompts, Sampling.greedy(6), new SplittableRandom(1));
      TokenBatch batch = g.batch(prompts, PAD);
      float[][][] l = logits3(lm.logits(batch.tokens(manager)));
      for (int i = 0; i < prompts.length; i++) {
        for (int j = 0; j < g.lengths()[i]; j++) {
          float[] row = l[i][prompts[i].length + j - 1];
          int argmax = 0;
          for (int v = 1; v < row.length; v++) {
            argmax = row[v] > row[argmax] ? v : argmax;
          }
          assertThat(g.tokens()[i][j]).isEqualTo(argmax);
          assertThat(g.samplingLogProbs()[i][j]).isZero();
        }
      }
      assertFullForwardAgrees(lm, g);
    }

    @Test
    void topKNeverSamplesOutsideTheKMostLikelyTokens() {
      CausalLm lm = tiny(13);
      int[][] many = new int[32][];
      for (int i = 0; i < many.length; i++) {
        many[i] = prompts[i % prompts.length];
      }
      Generation g = lm.generate(many, new Sampling(8, 5.0, 2), new SplittableRandom(2));
      TokenBatch batch = TokenBatch.of(many, g.tokens(), PAD);
      float[][][] l = logits3(lm.logits(batch.tokens(manager)));
      int secondChoices = 0;
      for (int i = 0; i < many.length; i++) {
        for (int j = 0; j < g.lengths()[i]; j++) {
          float[] row = l[i][many[i].length + j - 1];
          int token = g.tokens()[i][j];
          int larger = 0;
          for (float x : row) {
            larger += x > row[token] ? 1 : 0;
          }
          assertThat(larger).as("tokens more likely than the sampled one").isLessThan(2);
          secondChoices += larger;
          // renormalised over two tokens, each has probability > 0 and < 1
          assertThat(g.samplingLogProbs()[i][j]).isNegative().isGreaterThan(g.logProbs()[i][j]);
        }
      }
      assertThat(secondChoices).as("at temperature 5 the second choice is drawn too").isPositive();
    }

    @Test
    void theSameSeedGivesTheSameGenerationsAndAnotherSeedOthers() {
      CausalLm lm = tiny(14);
      Sampling hot = new Sampling(10, 1.5, 0);
      Generation a = lm.generate(prompts, hot, new SplittableRandom(9));
      Generation b = lm.generate(prompts, hot, new SplittableRandom(9));
      Generation c = lm.generate(prompts, hot, new SplittableRandom(10));
      assertThat(b.tokens()).isDeepEqualTo(a.tokens());
      assertThat(b.logProbs()).isDeepEqualTo(a.logProbs());
      assertThat(c.tokens()).isNotEqualTo(a.tokens());
    }

    @Test
    void aRowStopsAtEosAndTheOthersGoOn() {
      // 4 tokens, hot: EOS comes early in some rows and not in others
      CausalLm lm = CausalLm.create(LmConfig.of(4, PAD, BOS, EOS).withWidth(8, 2).withMaxLength(16), manager, 2);
      int[][] starts = new int[24][];
      for (int i = 0; i < starts.length; i++) {
        starts[i] = new int[] {BOS, 3};
      }
      Generation g = lm.generate(starts, new Sampling(12, 2.0, 0), new SplittableRandom(3));
      boolean early = false;
      boolean full = false;
      for (int i = 0; i < starts.length; i++) {
        int[] row = g.tokens()[i];
        for (int j = 0; j < row.length - 1; j++) {
          assertThat(row[j]).isNotEqualTo(EOS);
        }
        assertThat(g.stoppedAtEos()[i]).isEqualTo(row[row.length - 1] == EOS);
        early |= g.stoppedAtEos()[i] && row.length < 12;
        full |= row.length == 12;
      }
      assertThat(early).isTrue();
      assertThat(full).isTrue();
    }

    @Test
    void generationRecordsNoGradientAndChecksItsArguments() {
      CausalLm lm = tiny(15);
      assertThat(JniUtils.isGradMode()).isFalse();
      lm.generate(prompts, Sampling.of(3), new SplittableRandom(1));
      assertThat(JniUtils.isGradMode()).isFalse();
      assertThatThrownBy(() -> lm.generate(new int[][] {{}}, Sampling.of(3), new SplittableRandom(1)))
          .hasMessageContaining("prompt 0 is empty");
      assertThatThrownBy(() -> lm.generate(new int[][] {{1, 2}}, Sampling.of(15), new SplittableRandom(1)))
          .hasMessageContaining("exceeds maxLength = 16");
      assertThatThrownBy(() -> lm.generate(new int[][] {{1, 9}}, Sampling.of(3), new SplittableRandom(1)))
          .hasMessageContaining("token 9 outside [0, vocabSize = 9)");
    }
  }

  @Nested
  class CopyAndFreeze {

    @Test
    void aCopyMatchesThenOnlyTheTrainedOriginalMovesAndTheFrozenCopyRecordsNoGraph() {
      CausalLm policy = tiny(21);
      CausalLm reference = policy.copy().freeze();
      TokenBatch batch = TokenBatch.of(new int[][] {{1, 4}, {1, 5, 6}}, new int[][] {{7, 2}, {8, 2}}, PAD);
      NDArray tokens = batch.tokens(manager);
      float[] before = policy.logits(tokens).toFloatArray();
      assertThat(reference.logits(tokens).toFloatArray()).containsExactly(before);

      Learner learner = new Learner(1e-2, 1e-8, List.of(policy));
      boolean[] referenceRecorded = new boolean[1];
      learner.step(() -> {
        NDArray mask = batch.responseMask(manager);
        NDArray logp = LmOps.tokenLogProbs(policy.logits(tokens), tokens);
        NDArray refLogp = LmOps.tokenLogProbs(reference.logits(tokens), tokens);
        referenceRecorded[0] = refLogp.hasGradient() || JniUtils.requiresGrad((ai.djl.pytorch.engine.PtNDArray) refLogp);
        return new Learner.Loss(LmOps.maskedMean(refLogp.sub(logp), mask)); // raises log π on the response; π_ref a constant
      }, 1.0);
      assertThat(referenceRecorded[0]).as("the frozen model's outputs require no gradient").isFalse();
      float[] after = policy.logits(tokens).toFloatArray();
      assertThat(after).isNotEqualTo(before);
      assertThat(reference.logits(tokens).toFloatArray()).containsExactly(before);
      assertThat(reference.isFrozen()).isTrue();
      assertThat(policy.isFrozen()).isFalse();
      // and a copy of the trained model matches it, not the reference
      assertThat(policy.copy().logits(tokens).toFloatArray()).containsExactly(after);
    }

    @Test
    void theSameSeedTrainsToTheSameParametersBitForBit() {
      // (Within one JVM. Across JVMs on a loaded machine, parameters that wrapped Java direct
      // buffers — arrays made from host data — trained differently from run to run; CausalLm's
      // initialiser therefore hands torch-allocated copies to its parameters.)
      float[][] runs = new float[2][];
      for (int r = 0; r < 2; r++) {
        CausalLm lm = tiny(23);
        Learner learner = new Learner(3e-3, 1e-8, List.of(lm));
        SplittableRandom data = new SplittableRandom(4);
        for (int step = 0; step < 40; step++) {
          int[][] prompts = new int[16][];
          int[][] responses = new int[16][];
          for (int i = 0; i < 16; i++) {
            prompts[i] = new int[] {BOS, 3 + data.nextInt(6), 3 + data.nextInt(6)};
            responses[i] = new int[] {prompts[i][2], prompts[i][1], EOS};
          }
          TokenBatch batch = TokenBatch.of(prompts, responses, PAD);
          try (NDManager m = manager.newSubManager()) {
            NDArray tokens = batch.tokens(m);
            NDArray mask = batch.responseMask(m);
            learner.step(() -> new Learner.Loss(LmOps.maskedMean(LmOps.tokenLogProbs(lm.logits(tokens), tokens), mask).neg()), 1.0);
          }
        }
        runs[r] = lm.logits(manager.create(new int[] {1, 4, 5, 6}, new Shape(1, 4))).toFloatArray();
      }
      assertThat(runs[1]).containsExactly(runs[0]);
    }

    @Test
    void aFrozenModelsForwardInsideACollectorKeepsTheCollectorsGradMode() {
      CausalLm reference = tiny(22).freeze();
      NDArray tokens = manager.create(new int[] {1, 4, 5}, new Shape(1, 3));
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        assertThat(JniUtils.isGradMode()).isTrue();
        reference.logits(tokens);
        assertThat(JniUtils.isGradMode()).isTrue();
      }
    }
  }
}
