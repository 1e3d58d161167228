package dev.rlx.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares one hyperparameter on a component of a plugin's parameter record: its default,
 * its valid range or values, and a one-line description. The record is the single place a
 * hyperparameter is declared; validation, {@code rlx describe} and binding all read it.
 *
 * <p>The YAML name is the component name in snake_case ({@code gaeLambda} → {@code gae_lambda}).
 * Supported component types: {@code int}, {@code long}, {@code double}, {@code boolean},
 * {@code String} (a choice with {@link #allowed()}, else free text matching {@link #pattern()})
 * and enums (constants in snake_case).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Param {

  /** One line: what the parameter is, citing the reference symbol where there is one. */
  String doc();

  /** The default, written as it would be in YAML; parsed to the component's type. */
  String defaultValue();

  /** Lower bound for numbers; {@code -Infinity} means unbounded. */
  double min() default Double.NEGATIVE_INFINITY;

  /** Whether {@link #min()} itself is excluded. */
  boolean minExclusive() default false;

  /** Upper bound for numbers; {@code Infinity} means unbounded. */
  double max() default Double.POSITIVE_INFINITY;

  /** Whether {@link #max()} itself is excluded. */
  boolean maxExclusive() default false;

  /** The allowed values of a {@code String} parameter (enums list their constants themselves). */
  String[] allowed() default {};

  /**
   * A regular expression a free-text {@code String} parameter must match in full, with
   * {@link #patternDoc()} saying in words what it accepts; empty: any text.
   */
  String pattern() default "";

  /** What {@link #pattern()} accepts, as an error message shows it, e.g. "row,col pairs separated by spaces". */
  String patternDoc() default "";

  /** Unit shown by {@code rlx describe}, e.g. "steps" or "episodes"; empty when unitless. */
  String unit() default "";

  /**
   * False for a setting of how a trial runs rather than of what it computes (which Python, how
   * many worker processes, a timeout): it is left out of the trial id, so changing it makes no
   * trial new and a finished one is not run again.
   */
  boolean identity() default true;
}
