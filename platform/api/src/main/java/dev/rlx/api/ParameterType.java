package dev.rlx.api;

/** The value types a hyperparameter can have, as YAML spells them. */
public enum ParameterType {
  INTEGER("integer"),
  NUMBER("number"),
  BOOLEAN("boolean"),
  CHOICE("string"),
  /** Free text, optionally constrained by a regular expression (e.g. a gridworld's wall list). */
  TEXT("string");

  private final String yamlName;

  ParameterType(String yamlName) {
    this.yamlName = yamlName;
  }

  /** The name a user sees in messages: "integer", "number", "boolean", "string". */
  public String yamlName() {
    return yamlName;
  }
}
