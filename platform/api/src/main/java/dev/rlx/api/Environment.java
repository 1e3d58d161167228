package dev.rlx.api;

/**
 * An environment plugin. Concrete interfaces ({@link TabularEnvironment}, …) say what an
 * algorithm can do with it; an algorithm asks for the interface it needs by injecting it.
 * Seeding follows Gymnasium: the seed is passed to {@code reset}.
 */
public interface Environment {}
