package dev.rlx.api;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The hyperparameters of one plugin, read from its parameter record's {@link Param}
 * annotations (and those of the {@link Params} records it nests, flattened in place). Immutable;
 * also binds a resolved parameter map back into a record instance.
 */
public final class ParameterSpace {

  /** A name an open space accepts undeclared: a Python identifier, as keyword arguments need. */
  private static final java.util.regex.Pattern OPEN_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Class<? extends Record> recordType;
  private final Map<String, ParameterSpec> byName;
  /** The doc of the record's {@link OpenParams} component; empty when every parameter is declared. */
  private final Optional<String> openDoc;
  /** The parameters declared {@code identity = false}: how a trial runs, left out of its id. */
  private final Set<String> runSettings;

  private ParameterSpace(Class<? extends Record> recordType, Map<String, ParameterSpec> byName, Optional<String> openDoc,
      Set<String> runSettings) {
    this.recordType = recordType;
    this.byName = Collections.unmodifiableMap(byName);
    this.openDoc = openDoc;
    this.runSettings = Set.copyOf(runSettings);
  }

  /**
   * Reads the declarations of {@code recordType}, the components of {@link Params} records in place
   * (so the flat names keep the order of declaration); fails fast on a malformed declaration or a
   * name declared twice.
   */
  public static ParameterSpace of(Class<? extends Record> recordType) {
    Map<String, ParameterSpec> specs = new LinkedHashMap<>();
    Set<String> runSettings = new java.util.HashSet<>();
    declare(recordType, specs, runSettings, new ArrayList<>());
    return new ParameterSpace(recordType, specs, openDoc(recordType), runSettings);
  }

  /** The doc of {@code recordType}'s {@link OpenParams} component, checked to be the only one and a Map. */
  private static Optional<String> openDoc(Class<? extends Record> recordType) {
    Optional<String> doc = Optional.empty();
    for (RecordComponent component : recordType.getRecordComponents()) {
      OpenParams open = component.getAnnotation(OpenParams.class);
      if (open == null) {
        continue;
      }
      if (doc.isPresent() || component.getType() != Map.class) {
        throw new IllegalArgumentException(recordType.getName() + "." + component.getName()
            + ": @OpenParams needs one Map<String, Object> component per record");
      }
      doc = Optional.of(open.doc());
    }
    return doc;
  }

  private static void declare(Class<?> recordType, Map<String, ParameterSpec> specs, Set<String> runSettings,
      List<Class<?>> enclosing) {
    enclosing.add(recordType);
    for (RecordComponent component : recordType.getRecordComponents()) {
      if (component.isAnnotationPresent(OpenParams.class)) {
        continue; // receives the undeclared parameters: see openDoc
      }
      Param param = component.getAnnotation(Param.class);
      if (component.isAnnotationPresent(Params.class)) {
        Class<?> nested = component.getType();
        if (param != null || !nested.isRecord() || enclosing.contains(nested)) {
          throw new IllegalArgumentException(recordType.getName() + "." + component.getName()
              + ": @Params needs a parameter record that does not contain its owner, and no @Param");
        }
        declare(nested, specs, runSettings, enclosing);
        continue;
      }
      if (param == null) {
        throw new IllegalArgumentException(
            recordType.getName() + "." + component.getName() + " has no @Param declaration");
      }
      ParameterSpec spec = specOf(recordType, component, param);
      Optional<ParameterSpec.Violation> defaultViolation = spec.check(spec.defaultValue());
      if (defaultViolation.isPresent()) {
        throw new IllegalArgumentException(
            recordType.getName() + "." + component.getName() + ": default " + param.defaultValue()
                + " is not " + defaultViolation.get().expected());
      }
      if (specs.putIfAbsent(spec.name(), spec) != null) {
        throw new IllegalArgumentException(
            recordType.getName() + "." + component.getName() + ": parameter '" + spec.name() + "' is declared twice");
      }
      if (!param.identity()) {
        runSettings.add(spec.name());
      }
    }
    enclosing.remove(enclosing.size() - 1);
  }

  /**
   * The same parameters with other defaults (written as YAML would give them, e.g. 0.28 or
   * "token_mean"), for a plugin that is another's with a different recipe (DAPO is GRPO with four
   * switches on). Fails naming the parameter on an unknown name or an invalid value.
   */
  public ParameterSpace withDefaults(Map<String, ?> defaults) {
    Map<String, ParameterSpec> specs = new LinkedHashMap<>(byName);
    defaults.forEach((name, value) -> {
      ParameterSpec spec = specs.get(name);
      if (spec == null) {
        throw new IllegalArgumentException("no parameter '" + name + "' in " + recordType.getName() + ": expected one of " + names());
      }
      spec.check(value).ifPresent(v -> {
        throw new IllegalArgumentException(name + ": default expected " + v.expected() + ", found " + v.found());
      });
      specs.put(name, new ParameterSpec(spec.name(), spec.type(), spec.canonical(value), spec.min(), spec.minExclusive(),
          spec.max(), spec.maxExclusive(), spec.allowed(), spec.doc(), spec.unit(), spec.pattern(), spec.patternDoc()));
    });
    return new ParameterSpace(recordType, specs, openDoc, runSettings);
  }

  /** An empty space, for plugins without parameters. */
  public static ParameterSpace empty() {
    return new ParameterSpace(null, Map.of(), Optional.empty(), Set.of());
  }

  /** Whether {@code name} is a setting of how a trial runs ({@link Param#identity()} false), left out of its id. */
  public boolean isRunSetting(String name) {
    return runSettings.contains(name);
  }

  /**
   * What the undeclared parameters of an open space are ({@link OpenParams}); empty when the space
   * accepts only its declared names.
   */
  public Optional<String> openDoc() {
    return openDoc;
  }

  /** Whether {@code name} may be given undeclared: the space is open and it is an identifier. */
  public boolean acceptsUndeclared(String name) {
    return openDoc.isPresent() && OPEN_NAME.matcher(name).matches();
  }

  public List<ParameterSpec> parameters() {
    return List.copyOf(byName.values());
  }

  public Optional<ParameterSpec> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** Every parameter with its default, in declaration order. */
  public Map<String, Object> defaults() {
    Map<String, Object> defaults = new LinkedHashMap<>();
    byName.values().forEach(p -> defaults.put(p.name(), p.defaultValue()));
    return defaults;
  }

  /**
   * Builds the parameter record from already-validated values; missing names take their
   * defaults. Throws {@link IllegalArgumentException} naming the parameter on a bad value.
   */
  public <R extends Record> R bind(Class<R> type, Map<String, ?> values) {
    if (type != recordType) {
      throw new IllegalArgumentException("this space declares " + recordType + ", not " + type);
    }
    return construct(type, values);
  }

  /** {@code type} from the flat values, each {@link Params} component built the same way. */
  private <R> R construct(Class<R> type, Map<String, ?> values) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    Class<?>[] argTypes = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      argTypes[i] = component.getType();
      if (component.isAnnotationPresent(Params.class)) {
        args[i] = construct(component.getType(), values);
        continue;
      }
      if (component.isAnnotationPresent(OpenParams.class)) {
        Map<String, Object> undeclared = new java.util.TreeMap<>();
        values.forEach((name, value) -> {
          if (!byName.containsKey(name)) {
            undeclared.put(name, value);
          }
        });
        args[i] = Collections.unmodifiableMap(undeclared);
        continue;
      }
      ParameterSpec spec = byName.get(snakeCase(component.getName()));
      Object value = values.containsKey(spec.name()) ? values.get(spec.name()) : spec.defaultValue();
      spec.check(value).ifPresent(v -> {
        throw new IllegalArgumentException(
            spec.name() + ": expected " + v.expected() + ", found " + v.found());
      });
      args[i] = toComponentValue(component.getType(), spec.canonical(value));
    }
    try {
      Constructor<R> constructor = type.getDeclaredConstructor(argTypes);
      constructor.setAccessible(true);
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(e.getCause().getMessage(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type.getName(), e);
    }
  }

  /** {@code gaeLambda} → {@code gae_lambda}. */
  public static String snakeCase(String camel) {
    StringBuilder out = new StringBuilder(camel.length() + 4);
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static ParameterSpec specOf(Class<?> owner, RecordComponent component, Param param) {
    Class<?> t = component.getType();
    String name = snakeCase(component.getName());
    ParameterType type;
    List<String> allowed = List.of();
    Object defaultValue;
    String raw = param.defaultValue().trim();
    try {
      if (t == int.class || t == long.class) {
        type = ParameterType.INTEGER;
        defaultValue = Long.parseLong(raw);
      } else if (t == double.class) {
        type = ParameterType.NUMBER;
        defaultValue = Double.parseDouble(raw);
      } else if (t == boolean.class) {
        type = ParameterType.BOOLEAN;
        if (!raw.equals("true") && !raw.equals("false")) {
          throw new IllegalArgumentException("not a boolean: " + raw);
        }
        defaultValue = Boolean.parseBoolean(raw);
      } else if (t == String.class && param.allowed().length > 0) {
        type = ParameterType.CHOICE;
        allowed = Arrays.asList(param.allowed());
        defaultValue = raw;
      } else if (t == String.class) {
        type = ParameterType.TEXT;
        defaultValue = param.defaultValue(); // free text keeps its spaces
        if (!param.defaultValue().matches(param.pattern().isEmpty() ? "(?s).*" : param.pattern())) {
          throw new IllegalArgumentException("default \"" + param.defaultValue() + "\" does not match " + param.pattern());
        }
      } else if (t.isEnum()) {
        type = ParameterType.CHOICE;
        List<String> constants = new ArrayList<>();
        for (Object constant : t.getEnumConstants()) {
          constants.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
        }
        allowed = constants;
        defaultValue = raw;
      } else {
        throw new IllegalArgumentException("unsupported parameter type " + t.getName());
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(owner.getName() + "." + component.getName() + ": " + e.getMessage(), e);
    }
    return new ParameterSpec(name, type, defaultValue, param.min(), param.minExclusive(),
        param.max(), param.maxExclusive(), allowed, param.doc(), param.unit(), param.pattern(), param.patternDoc());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object toComponentValue(Class<?> t, Object canonical) {
    if (t == int.class) {
      return Math.toIntExact((Long) canonical);
    }
    if (t.isEnum()) {
      return Enum.valueOf((Class<? extends Enum>) t, ((String) canonical).toUpperCase(Locale.ROOT));
    }
    return canonical;
  }
}
