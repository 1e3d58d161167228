package dev.rlx.algorithms.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import dev.rlx.algorithms.deep.Scalars;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small decoder-only transformer language model (GPT-2's layout: Radford et al. 2019): learned
 * token and position embeddings, {@code layers} pre-LayerNorm blocks
 *
 * <pre>  x ← x + W_o · MultiHeadCausalAttention(LN₁(x));   x ← x + W₂ · GELU(W₁ · LN₂(x))</pre>
 *
 * a final LayerNorm, and an output projection to V logits (the token embedding's transpose when
 * tied). With {@link LmConfig#valueHead} a linear scalar head reads the same final hidden states.
 *
 * <p>The layers are DJL's own kernels ({@link Linear#linear}, {@link LayerNorm#layerNorm},
 * {@link Embedding#embedding}, GELU) on parameters this block owns, rather than child blocks,
 * because attention needs its keys and values in hand for the KV cache of {@link #generate}.
 * Linear weights are [out, in], as DJL's.
 *
 * <p>Padding: sequences are right-padded (see {@link TokenBatch}); the causal mask alone then
 * keeps padding out of every real token's result. Outputs of {@link #forward} land on the
 * tokens' manager; run it inside a {@code GradientCollector} to train.
 */
public final class CausalLm extends AbstractBlock {

  /** Additive attention mask for excluded keys: exp(−1e9 − max) is exactly 0 in float. */
  private static final float MASKED = -1e9f;
  private static final float LN_EPS = 1e-5f;

  private final LmConfig config;
  private final NDManager manager;
  private final Parameter tokenEmbedding;
  private final Parameter positionEmbedding;
  private final List<Layer> blocks = new ArrayList<>();
  private final Parameter finalLnGamma;
  private final Parameter finalLnBeta;
  private final Parameter output; // null when tied
  private final Parameter valueWeight; // null without a value head
  private final Parameter valueBias;
  private boolean frozen;

  /** The parameters of one transformer block. */
  private record Layer(Parameter ln1Gamma, Parameter ln1Beta, Parameter qkvWeight, Parameter qkvBias,
      Parameter projWeight, Parameter projBias, Parameter ln2Gamma, Parameter ln2Beta,
      Parameter fc1Weight, Parameter fc1Bias, Parameter fc2Weight, Parameter fc2Bias) {}

  /** The logits [B, T, V] and, with a value head, the values [B, T] (else null). */
  public record Output(NDArray logits, NDArray values) {}

  private CausalLm(LmConfig config, NDManager manager, SplittableRandom rng) {
    super((byte) 1);
    this.config = config;
    this.manager = manager;
    int d = config.dModel();
    int v = config.vocabSize();
    // GPT-2's initialisation: N(0, 0.02) weights, residual projections 0.02 / √(2 · layers), zero biases.
    double std = 0.02;
    double residualStd = std / Math.sqrt(2.0 * config.layers());
    tokenEmbedding = weight("token_embedding", new Shape(v, d), std, rng);
    positionEmbedding = weight("position_embedding", new Shape(config.maxLength(), d), std, rng);
    for (int l = 0; l < config.layers(); l++) {
      String p = "layer" + l + "_";
      blocks.add(new Layer(ones(p + "ln1_gamma", d), zeros(p + "ln1_beta", d),
          weight(p + "qkv_weight", new Shape(3L * d, d), std, rng), zeros(p + "qkv_bias", 3 * d),
          weight(p + "proj_weight", new Shape(d, d), residualStd, rng), zeros(p + "proj_bias", d),
          ones(p + "ln2_gamma", d), zeros(p + "ln2_beta", d),
          weight(p + "fc1_weight", new Shape(config.mlpWidth(), d), std, rng), zeros(p + "fc1_bias", config.mlpWidth()),
          weight(p + "fc2_weight", new Shape(d, config.mlpWidth()), residualStd, rng), zeros(p + "fc2_bias", d)));
    }
    finalLnGamma = ones("final_ln_gamma", d);
    finalLnBeta = zeros("final_ln_beta", d);
    output = config.tiedEmbeddings() ? null : weight("output_weight", new Shape(v, d), std, rng);
    // The value head as TRL's: N(0, 1 / √(d + 1)).
    valueWeight = config.valueHead() ? weight("value_weight", new Shape(1, d), 1 / Math.sqrt(d + 1.0), rng) : null;
    valueBias = config.valueHead() ? zeros("value_bias", 1) : null;
    initialize(manager, DataType.FLOAT32, new Shape(1, 1));
  }

  /**
   * A model with parameters drawn from {@code seed} (the same seed gives the same model, independent
   * of DJL's engine RNG), living on {@code manager}: closing that manager frees it. Start the engine
   * first ({@code DjlRuntime.start}).
   */
  public static CausalLm create(LmConfig config, NDManager manager, long seed) {
    return new CausalLm(config, manager, new SplittableRandom(seed));
  }

  public LmConfig config() {
    return config;
  }

  /**
   * An independent model on the same manager with identical parameters (e.g. the reference
   * policy π_ref, after {@link #freeze}); training either leaves the other unchanged.
   */
  public CausalLm copy() {
    CausalLm copy = new CausalLm(config, manager, new SplittableRandom(0));
    Iterator<Pair<String, Parameter>> from = getParameters().iterator();
    for (Pair<String, Parameter> to : copy.getParameters()) {
      from.next().getValue().getArray().copyTo(to.getValue().getArray());
    }
    return copy;
  }

  /**
   * Makes the parameters non-trainable and every later forward of this model run without
   * recording a graph, even inside another model's gradient collector (a reference model).
   * Returns this.
   */
  public CausalLm freeze() {
    freezeParameters(true);
    frozen = true;
    return this;
  }

  public boolean isFrozen() {
    return frozen;
  }

  /**
   * Logits (and values) for a batch of right-padded token ids [B, T] (int32 or int64, T ≤
   * maxLength). Position t of row i depends only on tokens 0 … t of row i.
   */
  public Output forward(NDArray tokens) {
    Shape shape = tokens.getShape();
    if (shape.dimension() != 2 || shape.get(1) < 1 || shape.get(1) > config.maxLength()) {
      throw new IllegalArgumentException("tokens must be [batch, length] with 1 <= length <= maxLength = "
          + config.maxLength() + ", got " + shape);
    }
    boolean gradMode = JniUtils.isGradMode();
    if (frozen) {
      JniUtils.setGradMode(false);
    }
    try {
      int t = (int) shape.get(1);
      NDManager m = tokens.getManager();
      NDArray positions = m.arange(0, t, 1, DataType.INT64);
      NDArray hidden = hidden(tokens, positions, causalMask(m, t), null);
      return new Output(head(hidden), config.valueHead() ? values(hidden) : null);
    } finally {
      JniUtils.setGradMode(gradMode);
    }
  }

  /** {@link #forward}'s logits alone. */
  public NDArray logits(NDArray tokens) {
    return forward(tokens).logits();
  }

  /** The DJL block contract: tokens [B, T] → logits [B, T, V] (and values [B, T] with a value head). */
  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    Output out = forward(inputs.singletonOrThrow());
    return out.values() == null ? new NDList(out.logits()) : new NDList(out.logits(), out.values());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    Shape logits = new Shape(in.get(0), in.get(1), config.vocabSize());
    return config.valueHead() ? new Shape[] {logits, in} : new Shape[] {logits};
  }

  /**
   * Continues each prompt (right-padding is not needed: rows may differ in length) by up to
   * {@code sampling.maxNewTokens()} tokens, one batched forward of one token per step over a
   * KV cache. Deterministic given {@code rng}'s state. Runs without recording gradients.
   */
  public Generation generate(int[][] prompts, Sampling sampling, SplittableRandom rng) {
    return generate(prompts, sampling, rng, true);
  }

  /**
   * As {@link #generate(int[][], Sampling, SplittableRandom)}; with {@code kvCache} false every step
   * re-runs the whole sequence so far (the same tokens for the same rng, only slower: for the
   * benchmark and tests).
   */
  public Generation generate(int[][] prompts, Sampling sampling, SplittableRandom rng, boolean kvCache) {
    int b = prompts.length;
    int v = config.vocabSize();
    int[] promptLengths = new int[b];
    int longest = 0;
    for (int i = 0; i < b; i++) {
      if (prompts[i].length == 0) {
        throw new IllegalArgumentException("prompt " + i + " is empty: a prompt needs at least one token (e.g. BOS)");
      }
      for (int token : prompts[i]) {
        if (token < 0 || token >= v) {
          throw new IllegalArgumentException("prompt " + i + " holds token " + token + " outside [0, vocabSize = " + v + ")");
        }
      }
      promptLengths[i] = prompts[i].length;
      longest = Math.max(longest, prompts[i].length);
    }
    if (longest + sampling.maxNewTokens() > config.maxLength()) {
      throw new IllegalArgumentException("the longest prompt (" + longest + " tokens) + maxNewTokens ("
          + sampling.maxNewTokens() + ") exceeds maxLength = " + config.maxLength() + " of the position embeddings");
    }
    int[][] generated = new int[b][sampling.maxNewTokens()];
    float[][] logProbs = new float[b][sampling.maxNewTokens()];
    float[][] samplingLogProbs = new float[b][sampling.maxNewTokens()];
    int[] lengths = new int[b];
    boolean[] done = new boolean[b];
    boolean[] eos = new boolean[b];
    int[] next = new int[b];
    float[] pick = new float[2];
    double[] scratch = new double[v];
    boolean[] kept = new boolean[v];

    boolean gradMode = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try (NDManager run = manager.newSubManager()) {
      KvCache cache = kvCache ? new KvCache(config.layers(), run) : null;
      float[] logits = kvCache ? prefill(run, prompts, promptLengths, longest, cache)
          : lastLogitsWithoutCache(run, prompts, generated, lengths);
      for (int s = 0; s < sampling.maxNewTokens(); s++) {
        boolean anyActive = false;
        for (int i = 0; i < b; i++) {
          if (done[i]) {
            next[i] = config.padId();
            continue;
          }
          int token = sampling.draw(logits, i * v, v, rng, scratch, kept, pick);
          generated[i][lengths[i]] = token;
          logProbs[i][lengths[i]] = pick[0];
          samplingLogProbs[i][lengths[i]] = pick[1];
          lengths[i]++;
          next[i] = token;
          if (token == config.eosId()) {
            done[i] = true;
            eos[i] = true;
          } else {
            anyActive = true;
          }
        }
        if (!anyActive || s == sampling.maxNewTokens() - 1) {
          break;
        }
        logits = kvCache ? decode(run, next, promptLengths, longest, s, cache)
            : lastLogitsWithoutCache(run, prompts, generated, lengths);
      }
    } finally {
      JniUtils.setGradMode(gradMode);
    }
    int[][] tokens = new int[b][];
    float[][] lp = new float[b][];
    float[][] slp = new float[b][];
    for (int i = 0; i < b; i++) {
      tokens[i] = Arrays.copyOf(generated[i], lengths[i]);
      lp[i] = Arrays.copyOf(logProbs[i], lengths[i]);
      slp[i] = Arrays.copyOf(samplingLogProbs[i], lengths[i]);
    }
    return new Generation(tokens, lengths, lp, slp, eos);
  }

  /** The right-padded prompts through the model, filling the cache; the logits at each row's last prompt token. */
  private float[] prefill(NDManager run, int[][] prompts, int[] promptLengths, int longest, KvCache cache) {
    try (NDManager step = run.newSubManager()) {
      NDArray tokens = TokenBatch.of(prompts, new int[prompts.length][0], config.padId()).tokens(step)
          .get(":, :" + longest);
      NDArray hidden = hidden(tokens, step.arange(0, longest, 1, DataType.INT64), causalMask(step, longest), cache);
      return head(rowsAt(hidden, promptLengths)).toFloatArray();
    }
  }

  /**
   * One token per row through the model over the cache. Cache slots [0, longest) hold the
   * right-padded prompts, slot longest + j the j-th generated token; row i attends to its prompt
   * slots [0, promptLength_i) and the generated slots, and its s-th generated token (from 0)
   * sits at position promptLength_i + s — exactly the keys and positions a full forward of its sequence has.
   */
  private float[] decode(NDManager run, int[] tokens, int[] promptLengths, int longest, int s, KvCache cache) {
    int b = tokens.length;
    int slots = longest + s + 1;
    long[] positions = new long[b];
    float[] mask = new float[b * slots];
    for (int i = 0; i < b; i++) {
      positions[i] = promptLengths[i] + s;
      Arrays.fill(mask, i * slots + promptLengths[i], i * slots + longest, MASKED);
    }
    try (NDManager step = run.newSubManager()) {
      NDArray x = step.create(tokens, new Shape(b, 1));
      NDArray hidden = hidden(x, step.create(positions, new Shape(b, 1)), step.create(mask, new Shape(b, 1, 1, slots)), cache);
      return head(hidden).toFloatArray();
    }
  }

  /** The full sequences so far through the model (no cache); the logits at each row's last token. */
  private float[] lastLogitsWithoutCache(NDManager run, int[][] prompts, int[][] generated, int[] lengths) {
    int[][] responses = new int[prompts.length][];
    for (int i = 0; i < prompts.length; i++) {
      responses[i] = Arrays.copyOf(generated[i], lengths[i]);
    }
    TokenBatch batch = TokenBatch.of(prompts, responses, config.padId());
    try (NDManager step = run.newSubManager()) {
      int t = Math.min(batch.width(), config.maxLength());
      NDArray tokens = batch.tokens(step).get(":, :" + t);
      NDArray hidden = hidden(tokens, step.arange(0, t, 1, DataType.INT64), causalMask(step, t), null);
      return head(rowsAt(hidden, batch.lengths())).toFloatArray();
    }
  }

  /** hidden[i, lengths[i] − 1] per row, as [B, 1, D]: each row's last token. */
  private static NDArray rowsAt(NDArray hidden, int[] lengths) {
    int b = lengths.length;
    int d = (int) hidden.getShape().get(2);
    long[] index = new long[b * d];
    for (int i = 0; i < b; i++) {
      Arrays.fill(index, i * d, (i + 1) * d, lengths[i] - 1);
    }
    return hidden.gather(hidden.getManager().create(index, new Shape(b, 1, d)), 1);
  }

  /**
   * The final hidden states (after the last LayerNorm) of tokens [B, T] at positions [T] or [B, T],
   * with the additive attention mask [1 or B, 1, T, S]; with a cache, keys and values of these
   * tokens are appended to it and attention runs over all S cached slots.
   */
  private NDArray hidden(NDArray tokens, NDArray positions, NDArray mask, KvCache cache) {
    NDArray x = Embedding.embedding(tokens, tokenEmbedding.getArray(), SparseFormat.DENSE).singletonOrThrow()
        .add(Embedding.embedding(positions, positionEmbedding.getArray(), SparseFormat.DENSE).singletonOrThrow());
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    int d = config.dModel();
    int h = config.heads();
    int dh = config.headDim();
    Shape normalized = new Shape(d);
    float scale = (float) (1 / Math.sqrt(dh));
    for (int l = 0; l < blocks.size(); l++) {
      Layer layer = blocks.get(l);
      NDArray a = LayerNorm.layerNorm(x, normalized, layer.ln1Gamma.getArray(), layer.ln1Beta.getArray(), LN_EPS)
          .singletonOrThrow();
      NDList qkv = Linear.linear(a, layer.qkvWeight.getArray(), layer.qkvBias.getArray()).singletonOrThrow().split(3, 2);
      // [B, T, D] → [B, H, T, dh]
      NDArray q = qkv.get(0).reshape(b, t, h, dh).transpose(0, 2, 1, 3);
      NDArray k = qkv.get(1).reshape(b, t, h, dh).transpose(0, 2, 1, 3);
      NDArray v = qkv.get(2).reshape(b, t, h, dh).transpose(0, 2, 1, 3);
      if (cache != null) {
        k = cache.appendKeys(l, k);
        v = cache.appendValues(l, v);
      }
      NDArray attention = Scalars.mul(q.matMul(k.transpose(0, 1, 3, 2)), scale).add(mask).softmax(3);
      NDArray heads = attention.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, d);
      x = x.add(Linear.linear(heads, layer.projWeight.getArray(), layer.projBias.getArray()).singletonOrThrow());
      NDArray m = LayerNorm.layerNorm(x, normalized, layer.ln2Gamma.getArray(), layer.ln2Beta.getArray(), LN_EPS)
          .singletonOrThrow();
      NDArray inner = Activation.gelu(Linear.linear(m, layer.fc1Weight.getArray(), layer.fc1Bias.getArray()).singletonOrThrow());
      x = x.add(Linear.linear(inner, layer.fc2Weight.getArray(), layer.fc2Bias.getArray()).singletonOrThrow());
    }
    return LayerNorm.layerNorm(x, normalized, finalLnGamma.getArray(), finalLnBeta.getArray(), LN_EPS).singletonOrThrow();
  }

  private NDArray head(NDArray hidden) {
    return Linear.linear(hidden, (output == null ? tokenEmbedding : output).getArray()).singletonOrThrow();
  }

  private NDArray values(NDArray hidden) {
    return Linear.linear(hidden, valueWeight.getArray(), valueBias.getArray()).singletonOrThrow().squeeze(2);
  }

  /** [1, 1, T, T]: 0 where key s ≤ query t, −1e9 above the diagonal. */
  private static NDArray causalMask(NDManager m, int t) {
    float[] mask = new float[t * t];
    for (int q = 0; q < t; q++) {
      Arrays.fill(mask, q * t + q + 1, (q + 1) * t, MASKED);
    }
    return m.create(mask, new Shape(1, 1, t, t));
  }

  private Parameter weight(String name, Shape shape, double std, SplittableRandom rng) {
    SplittableRandom own = rng.split();
    return parameter(name, shape, Parameter.Type.WEIGHT, (m, s, type) -> {
      float[] data = new float[(int) s.size()];
      for (int j = 0; j < data.length; j++) {
        // Box–Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1 - own.nextDouble();
        data[j] = (float) (std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * own.nextDouble()));
      }
      // A copy torch allocates itself: an array made from host data wraps a Java direct buffer,
      // and parameters left wrapping one trained differently from run to run on a loaded
      // machine (same seed; 2 of 3 concurrent runs diverged within 60 SFT steps, none after).
      try (NDArray host = m.create(data, s)) {
        return host.duplicate();
      }
    });
  }

  private Parameter ones(String name, int size) {
    return parameter(name, new Shape(size), Parameter.Type.GAMMA, Initializer.ONES);
  }

  private Parameter zeros(String name, int size) {
    return parameter(name, new Shape(size), Parameter.Type.BIAS, Initializer.ZEROS);
  }

  private Parameter parameter(String name, Shape shape, Parameter.Type type, Initializer initializer) {
    return addParameter(Parameter.builder().setName(name).setType(type).optShape(shape).optInitializer(initializer).build());
  }
}
