package dev.rlx.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one {@code Map<String, Object>} component of a parameter record that receives every
 * parameter the record does not declare, as plain Java values (Long, Double, Boolean, String,
 * List, Map). For a plugin whose settings belong to another program: a Gymnasium environment
 * passes them to {@code gym.make} as keyword arguments. Such names must be identifiers
 * ({@code [A-Za-z_][A-Za-z0-9_]*}); their values are not checked by rlx, only by that program.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface OpenParams {

  /** One line for {@code rlx describe}: what the undeclared parameters are. */
  String doc();
}
