package dev.rlx.algorithms.lm;

/**
 * The shape of a {@link CausalLm}: a small decoder-only transformer for the RLHF algorithms'
 * toy tasks (GPT-2 layout: pre-LayerNorm blocks, learned token and position embeddings, GELU
 * MLP, final LayerNorm).
 *
 * <p>Special tokens are part of the task's vocabulary, not of the model: the task names which
 * ids are PAD, BOS and EOS. Sequences are right-padded with {@code padId}; a prompt is given as
 * the task tokenises it (put BOS first yourself if the task uses one — the model never inserts
 * it); generation stops a row at {@code eosId} and fills finished rows with {@code padId}.
 *
 * <p>There is no dropout: RLHF fine-tuning runs without it (with dropout, π_old of a rollout
 * and π of the update differ even before a step, and cached generation would not reproduce a
 * full forward).
 *
 * @param vocabSize V, the number of token ids [0, V)
 * @param dModel the residual stream's width
 * @param layers the number of transformer blocks
 * @param heads attention heads per block; {@code dModel} must be a multiple
 * @param mlpWidth the hidden width of each block's MLP (GPT-2: 4 · dModel)
 * @param maxLength the longest sequence (prompt + response) the position embeddings cover
 * @param tiedEmbeddings the output projection is the token embedding's transpose (else its own V × dModel matrix)
 * @param valueHead add a scalar head on the final hidden states (PPO's critic, a Bradley–Terry reward model)
 * @param padId the padding token (right padding)
 * @param bosId the beginning-of-sequence token (recorded for tasks; the model treats it as any token)
 * @param eosId the end-of-sequence token: generation stops a row after emitting it
 */
public record LmConfig(int vocabSize, int dModel, int layers, int heads, int mlpWidth, int maxLength,
    boolean tiedEmbeddings, boolean valueHead, int padId, int bosId, int eosId) {

  public LmConfig {
    positive("vocabSize", vocabSize);
    positive("dModel", dModel);
    positive("layers", layers);
    positive("heads", heads);
    positive("mlpWidth", mlpWidth);
    if (vocabSize < 3) {
      throw new IllegalArgumentException("vocabSize must be at least 3 (PAD, EOS and one more token), got " + vocabSize);
    }
    if (maxLength < 2) {
      throw new IllegalArgumentException("maxLength must be at least 2 (a prompt token and a next token), got " + maxLength);
    }
    if (dModel % heads != 0) {
      throw new IllegalArgumentException("dModel (" + dModel + ") must be a multiple of heads (" + heads
          + "): each head gets dModel / heads dimensions; e.g. dModel " + (dModel / heads + 1) * heads);
    }
    tokenId("padId", padId, vocabSize);
    tokenId("bosId", bosId, vocabSize);
    tokenId("eosId", eosId, vocabSize);
    if (padId == eosId || padId == bosId || bosId == eosId) {
      throw new IllegalArgumentException("padId, bosId and eosId must be three different tokens, got "
          + padId + ", " + bosId + ", " + eosId);
    }
  }

  /** dModel 64, 2 layers, 4 heads, MLP 256, maxLength 32, tied embeddings, no value head. */
  public static LmConfig of(int vocabSize, int padId, int bosId, int eosId) {
    return new LmConfig(vocabSize, 64, 2, 4, 256, 32, true, false, padId, bosId, eosId);
  }

  /** Width dModel with heads of {@code dModel / heads} and an MLP of 4 · dModel. */
  public LmConfig withWidth(int dModel, int heads) {
    return new LmConfig(vocabSize, dModel, layers, heads, 4 * dModel, maxLength, tiedEmbeddings, valueHead, padId, bosId, eosId);
  }

  public LmConfig withLayers(int layers) {
    return new LmConfig(vocabSize, dModel, layers, heads, mlpWidth, maxLength, tiedEmbeddings, valueHead, padId, bosId, eosId);
  }

  public LmConfig withMlpWidth(int mlpWidth) {
    return new LmConfig(vocabSize, dModel, layers, heads, mlpWidth, maxLength, tiedEmbeddings, valueHead, padId, bosId, eosId);
  }

  public LmConfig withMaxLength(int maxLength) {
    return new LmConfig(vocabSize, dModel, layers, heads, mlpWidth, maxLength, tiedEmbeddings, valueHead, padId, bosId, eosId);
  }

  public LmConfig withTiedEmbeddings(boolean tiedEmbeddings) {
    return new LmConfig(vocabSize, dModel, layers, heads, mlpWidth, maxLength, tiedEmbeddings, valueHead, padId, bosId, eosId);
  }

  public LmConfig withValueHead(boolean valueHead) {
    return new LmConfig(vocabSize, dModel, layers, heads, mlpWidth, maxLength, tiedEmbeddings, valueHead, padId, bosId, eosId);
  }

  /** dModel / heads. */
  public int headDim() {
    return dModel / heads;
  }

  private static void positive(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be at least 1, got " + value);
    }
  }

  private static void tokenId(String field, int id, int vocabSize) {
    if (id < 0 || id >= vocabSize) {
      throw new IllegalArgumentException(field + " must be a token id in [0, vocabSize = " + vocabSize + "), got " + id);
    }
  }
}
