package dev.rlx.api;

/**
 * An algorithm plugin: constructed once per trial by Guice (constructor injection of its
 * parameter record, its environment, and the {@link TrialContext}), then {@link #train()}
 * runs the trial to its budget, reporting only through the context.
 */
public interface Algorithm {

  /**
   * Trains to the trial's budget. Should return promptly once
   * {@link TrialContext#isCancelled()} turns true; a thrown exception fails the trial.
   */
  void train() throws Exception;
}
