package dev.rlx.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A synthetic text task for LLM post-training (references.md §VII): prompts in a small token
 * vocabulary, a response is a sequence of tokens, and a ground-truth verifier scores it. Besides
 * prompts and rewards (what RLVR, GRPO and PPO-KL need) a task generates its own supervision:
 * demonstrations for SFT, preference pairs for a reward model, DPO or IPO, and labelled single
 * responses for KTO, each with controllable quality or noise, so that every stage of the
 * pipeline can be trained and the true reward of the result measured.
 *
 * <p>Token conventions: a prompt starts with {@link Vocabulary#bos()}; a response is the
 * tokens generated after the prompt and ends with {@link Vocabulary#eos()}. Scoring reads a
 * response up to its first EOS (later tokens are ignored); a response without EOS (cut at
 * {@link #maxResponseLength()}) is scored on all its tokens. Every method is deterministic
 * given the {@link SplittableRandom} it is passed; none keeps random state of its own.
 */
public interface TextTask extends Environment {

  /** The tokens prompts and responses are written in. */
  Vocabulary vocabulary();

  /** The longest prompt this task samples, in tokens, BOS included. */
  int maxPromptLength();

  /**
   * The longest response that can be correct, in tokens, EOS included; a policy's generation
   * budget. Every response the task generates (demonstrations, pairs, labelled responses) fits in it.
   */
  int maxResponseLength();

  /** Draws a prompt. */
  Prompt samplePrompt(SplittableRandom rng);

  /**
   * The ground-truth reward of {@code response} to {@code prompt}, in [0, 1]; never throws,
   * whatever the tokens. Verifiable tasks score 1 for a correct response and 0 otherwise,
   * unless configured to give partial credit (for a right format with a wrong value, or in
   * proportion to how close a wrong answer is); that graded score is also the hidden reward
   * that orders {@link #preferencePair preference pairs}. Exactly 1 iff {@link #correct}.
   */
  double reward(Prompt prompt, int[] response);

  /** Whether {@code response} solves {@code prompt} (the verifier's pass/fail). */
  boolean correct(Prompt prompt, int[] response);

  /**
   * A demonstration for supervised fine-tuning: a correct response with probability
   * {@code demo_quality}, otherwise a plausible wrong one. Ends with EOS.
   */
  int[] demonstration(Prompt prompt, SplittableRandom rng);

  /**
   * A fresh prompt and two responses of different true quality: {@code chosen} has a true
   * reward at least that of {@code rejected}, unless the labels were flipped, which happens
   * with probability {@code label_noise}.
   */
  PreferencePair preferencePair(SplittableRandom rng);

  /**
   * The task's annotator: labels two given responses to {@code prompt} (e.g. two samples of
   * the reference policy, as DPO's preference data is collected) by the hidden true reward,
   * ties broken at random, the labels flipped with probability {@code label_noise}.
   */
  PreferencePair rank(Prompt prompt, int[] first, int[] second, SplittableRandom rng);

  /**
   * A fresh prompt and one response labelled desirable (correct) or undesirable (wrong), for
   * KTO: a fraction {@code desirable_fraction} of responses are generated correct; each label
   * is then flipped with probability {@code label_noise}.
   */
  LabeledResponse labeledResponse(SplittableRandom rng);

  /**
   * The task's thumbs-up/down annotator for a given response (e.g. a sample of the reference
   * policy: KTO's natural data): desirable iff {@link #correct}, the label then flipped with
   * probability {@code label_noise}.
   */
  LabeledResponse label(Prompt prompt, int[] response, SplittableRandom rng);

  /** The share of desirable responses a labelled dataset is drawn with ({@code desirable_fraction}). */
  double desirableFraction();

  /**
   * A vocabulary of a few dozen tokens: id i is {@code tokens().get(i)}. PAD, BOS and EOS are
   * special tokens that no text encodes to.
   */
  record Vocabulary(List<String> tokens, int pad, int bos, int eos) {

    public Vocabulary {
      tokens = List.copyOf(tokens);
      if (tokens.size() != tokens.stream().distinct().count()) {
        throw new IllegalArgumentException("vocabulary tokens must be distinct, got: " + tokens);
      }
      for (int special : new int[] {pad, bos, eos}) {
        Objects.checkIndex(special, tokens.size());
      }
      if (pad == bos || pad == eos || bos == eos) {
        throw new IllegalArgumentException("pad, bos and eos must be three different ids, got " + pad + ", " + bos + ", " + eos);
      }
      if (tokens.stream().anyMatch(String::isEmpty)) {
        throw new IllegalArgumentException("vocabulary tokens must be non-empty");
      }
    }

    public int size() {
      return tokens.size();
    }

    public String token(int id) {
      return tokens.get(id);
    }

    /** The id of {@code token}, or −1 if it is not in the vocabulary. */
    public int id(String token) {
      return tokens.indexOf(token);
    }

    private boolean special(int id) {
      return id == pad || id == bos || id == eos;
    }

    /**
     * Splits {@code text} into tokens, longest match first (so "Answer:" is one token).
     *
     * @throws IllegalArgumentException naming the position of text no token matches
     */
    public int[] encode(String text) {
      List<Integer> ids = new ArrayList<>();
      int at = 0;
      while (at < text.length()) {
        int best = -1;
        for (int id = 0; id < tokens.size(); id++) {
          if (!special(id) && text.startsWith(tokens.get(id), at)
              && (best < 0 || tokens.get(id).length() > tokens.get(best).length())) {
            best = id;
          }
        }
        if (best < 0) {
          throw new IllegalArgumentException("no token matches \"" + text.substring(at) + "\" at position " + at
              + " of \"" + text + "\"; the vocabulary is " + tokens);
        }
        ids.add(best);
        at += tokens.get(best).length();
      }
      return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The text of {@code ids} up to the first EOS, with PAD and BOS dropped; ids outside the
     * vocabulary are dropped too, so that any policy output decodes.
     */
    public String decode(int[] ids) {
      StringBuilder text = new StringBuilder();
      for (int id : ids) {
        if (id == eos) {
          break;
        }
        if (id >= 0 && id < tokens.size() && !special(id)) {
          text.append(tokens.get(id));
        }
      }
      return text.toString();
    }

    /** {@code text} encoded and followed by EOS: a complete response. */
    public int[] encodeResponse(String text) {
      int[] body = encode(text);
      int[] response = Arrays.copyOf(body, body.length + 1);
      response[body.length] = eos;
      return response;
    }
  }

  /**
   * A prompt: its tokens (BOS first), its text, and the reference answer its verifier checks
   * against (the canonical correct response text, e.g. "19", "Answer: 12" or "2*x+1").
   * Equality compares token contents.
   */
  record Prompt(int[] tokens, String text, String answer) {

    public Prompt {
      tokens = tokens.clone();
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(answer, "answer");
    }

    @Override
    public int[] tokens() {
      return tokens.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Prompt p && Arrays.equals(tokens, p.tokens) && text.equals(p.text) && answer.equals(p.answer);
    }

    @Override
    public int hashCode() {
      return Objects.hash(Arrays.hashCode(tokens), text, answer);
    }

    @Override
    public String toString() {
      return "Prompt[" + text + " → " + answer + "]";
    }
  }

  /**
   * A preference between two responses to one prompt, as a labeller gave it: {@code chosen}
   * was preferred. {@code flipped} (for diagnostics only; an algorithm must not read it) says
   * the label noise swapped the pair, so that {@code chosen} is truly the worse response.
   */
  record PreferencePair(Prompt prompt, int[] chosen, int[] rejected, boolean flipped) {

    public PreferencePair {
      Objects.requireNonNull(prompt, "prompt");
      chosen = chosen.clone();
      rejected = rejected.clone();
    }

    @Override
    public int[] chosen() {
      return chosen.clone();
    }

    @Override
    public int[] rejected() {
      return rejected.clone();
    }
  }

  /**
   * One response with a binary label (KTO's desirable / undesirable). {@code flipped} (for
   * diagnostics only) says label noise inverted the label.
   */
  record LabeledResponse(Prompt prompt, int[] response, boolean desirable, boolean flipped) {

    public LabeledResponse {
      Objects.requireNonNull(prompt, "prompt");
      response = response.clone();
    }

    @Override
    public int[] response() {
      return response.clone();
    }
  }
}
