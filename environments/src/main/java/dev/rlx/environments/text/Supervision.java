package dev.rlx.environments.text;

/**
 * The knobs of a task's synthetic supervision, common to every task's parameters.
 *
 * @param labelNoise probability that a preference pair's or a labelled response's label is flipped
 * @param demoQuality probability that a demonstration is correct
 * @param desirableFraction fraction of labelled responses generated correct (KTO's class balance)
 * @param partialCredit the largest reward a wrong response can earn for being close (0: binary reward)
 */
record Supervision(double labelNoise, double demoQuality, double desirableFraction, double partialCredit) {}
