package dev.rlx.core.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a YAML spec into a tree, keeping the line and column of every key and value, and
 * refusing what a spec must not be: too large, not UTF-8, more than one document, duplicate
 * keys, aliases that expand past a node budget (the "billion laughs"), or nesting too deep.
 * Anchors on mappings and lists, aliases, and merge keys ({@code <<: *defaults}) work as in
 * YAML 1.1; an anchor on a single value is not kept by Jackson's parser and is reported.
 */
public final class YamlDocumentReader {

  /** Specs are hand-written; anything larger is a mistake (or an attack). */
  public static final int MAX_BYTES = 1 << 20;
  /** Nodes in the tree after alias expansion. */
  public static final int MAX_NODES = 200_000;
  /** Nesting depth. */
  public static final int MAX_DEPTH = 64;
  /** The YAML 1.1 merge key. */
  static final String MERGE_KEY = "<<";

  private final YAMLFactory yaml;

  public YamlDocumentReader() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_BYTES + 1);
    options.setNestingDepthLimit(MAX_DEPTH + 1);
    this.yaml = YAMLFactory.builder().loaderOptions(options).build();
  }

  /** Reads {@code file}; {@code shownAs} is how messages name it. */
  public Optional<YamlDocument> read(Path file, String shownAs, ProblemList problems) {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        problems.add(SourcePosition.START, "", "file is too large for a spec",
            "at most " + MAX_BYTES + " bytes (1 MiB)", size + " bytes", null);
        return Optional.empty();
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      problems.add(SourcePosition.START, "", "no such file", "a path to a YAML spec", shownAs, null);
      return Optional.empty();
    } catch (IOException e) {
      problems.add(SourcePosition.START, "", "cannot read the file", null, e.getMessage(), null);
      return Optional.empty();
    }
    return parse(bytes, shownAs, problems);
  }

  /** Parses spec bytes; {@code shownAs} is how messages name the source. */
  public Optional<YamlDocument> parse(byte[] bytes, String shownAs, ProblemList problems) {
    if (bytes.length > MAX_BYTES) {
      problems.add(SourcePosition.START, "", "file is too large for a spec",
          "at most " + MAX_BYTES + " bytes (1 MiB)", bytes.length + " bytes", null);
      return Optional.empty();
    }
    Optional<String> text = decodeUtf8(bytes, problems);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    SourceMap sources = new SourceMap();
    try (YAMLParser parser = (YAMLParser) yaml.createParser(text.get())) {
      if (parser.nextToken() == null) {
        problems.add(SourcePosition.START, "", "the file is empty", "a YAML mapping with name, environment, algorithm, budget", "nothing", null);
        return Optional.empty();
      }
      TreeBuilder builder = new TreeBuilder(parser, sources, problems);
      JsonNode root = builder.value(SpecPath.ROOT, 0);
      if (root == null) {
        return Optional.empty();
      }
      if (parser.nextToken() != null) {
        problems.add(position(parser.currentTokenLocation()), "", "more than one YAML document in the file",
            "a single document", "a second document (after '---')", "put each experiment in its own file");
        return Optional.empty();
      }
      return Optional.of(new YamlDocument(shownAs, text.get(), root, sources));
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
        // SnakeYAML says what it expected and where the construct it was reading began.
        SourcePosition at = new SourcePosition(marked.getProblemMark().getLine() + 1, marked.getProblemMark().getColumn() + 1);
        String context = marked.getContext() == null || marked.getContextMark() == null ? "" : " (" + marked.getContext()
            + " that starts at line " + (marked.getContextMark().getLine() + 1) + ", column " + (marked.getContextMark().getColumn() + 1) + ")";
        problems.add(at, "", "invalid YAML: " + marked.getProblem() + context, null, null, null);
        return Optional.empty();
      }
      JsonLocation location = e.getLocation();
      SourcePosition at = location == null ? SourcePosition.START : position(location);
      problems.add(at, "", "invalid YAML: " + firstLine(e.getOriginalMessage()), null, null, null);
      return Optional.empty();
    } catch (IOException e) {
      problems.add(SourcePosition.START, "", "cannot parse the file", null, e.getMessage(), null);
      return Optional.empty();
    } catch (TooLarge e) {
      return Optional.empty();
    }
  }

  private static Optional<String> decodeUtf8(byte[] bytes, ProblemList problems) {
    int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    try {
      return Optional.of(decoder.decode(in).toString());
    } catch (CharacterCodingException e) {
      // Find the first bad byte to point at it.
      int bad = firstInvalidUtf8(bytes, start);
      int line = 1;
      int column = 1;
      for (int i = start; i < bad; i++) {
        if (bytes[i] == '\n') {
          line++;
          column = 1;
        } else if ((bytes[i] & 0xC0) != 0x80) {
          column++;
        }
      }
      problems.add(new SourcePosition(line, column), "", "the file is not valid UTF-8",
          "UTF-8 text", String.format("byte 0x%02X at offset %d", bytes[bad] & 0xFF, bad),
          "re-save the file as UTF-8");
      return Optional.empty();
    }
  }

  private static int firstInvalidUtf8(byte[] bytes, int from) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, from, bytes.length - from);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    java.nio.charset.CoderResult result = decoder.decode(in, out, true);
    return result.isError() ? in.position() : bytes.length - 1;
  }

  private static SourcePosition position(JsonLocation location) {
    return new SourcePosition(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "syntax error";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).trim();
  }

  /** Signals that alias expansion blew the node budget; already reported. */
  private static final class TooLarge extends RuntimeException {
    TooLarge() {
      super(null, null, false, false);
    }
  }

  /** Builds the tree from parser events, recording positions, anchors and duplicate keys. */
  private static final class TreeBuilder {
    private final YAMLParser parser;
    private final SourceMap sources;
    private final ProblemList problems;
    private final Map<String, Anchored> anchors = new HashMap<>();
    private long nodes;

    private record Anchored(JsonNode node, long size) {}

    TreeBuilder(YAMLParser parser, SourceMap sources, ProblemList problems) {
      this.parser = parser;
      this.sources = sources;
      this.problems = problems;
    }

    /** Reads the value at the current token. */
    JsonNode value(SpecPath path, int depth) throws IOException {
      SourcePosition at = position(parser.currentTokenLocation());
      sources.putValue(path, at);
      if (depth > MAX_DEPTH) {
        problems.add(at, path, "nesting is too deep", "at most " + MAX_DEPTH + " levels", "more", null);
        throw new TooLarge();
      }
      if (parser.isCurrentAlias()) {
        return alias(parser.getText(), at, path);
      }
      String anchor = parser.getObjectId();
      long before = nodes;
      JsonNode node = switch (parser.currentToken()) {
        case START_OBJECT -> object(path, depth);
        case START_ARRAY -> array(path, depth);
        case VALUE_STRING -> JsonNodeFactory.instance.textNode(parser.getText());
        case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
          case INT, LONG -> JsonNodeFactory.instance.numberNode(parser.getLongValue());
          default -> JsonNodeFactory.instance.numberNode(parser.getBigIntegerValue());
        };
        case VALUE_NUMBER_FLOAT -> JsonNodeFactory.instance.numberNode(parser.getDoubleValue());
        case VALUE_TRUE -> JsonNodeFactory.instance.booleanNode(true);
        case VALUE_FALSE -> JsonNodeFactory.instance.booleanNode(false);
        case VALUE_NULL -> JsonNodeFactory.instance.nullNode();
        default -> throw new IllegalStateException("unexpected YAML token " + parser.currentToken());
      };
      count(1, at, path);
      if (anchor != null) {
        anchors.put(anchor, new Anchored(node, nodes - before));
      }
      return node;
    }

    private JsonNode alias(String name, SourcePosition at, SpecPath path) {
      Anchored anchored = anchors.get(name);
      if (anchored == null) {
        // Jackson's YAML parser keeps anchors on mappings and lists only, not on single values.
        problems.add(at, path, "alias *" + name + " refers to no anchored mapping or list",
            "an anchor &" + name + " on a mapping or list defined above", "none",
            "anchors on single values are not supported: anchor a mapping and merge it with <<: *" + name);
        return JsonNodeFactory.instance.nullNode();
      }
      // The subtree is shared, not copied; counting its size is what stops an alias bomb.
      count(anchored.size(), at, path);
      return anchored.node();
    }

    private void count(long added, SourcePosition at, SpecPath path) {
      nodes += added;
      if (nodes > MAX_NODES) {
        problems.add(at, path, "YAML aliases expand the document past the node limit (an alias bomb?)",
            "at most " + MAX_NODES + " nodes after expanding aliases", "more", null);
        throw new TooLarge();
      }
    }

    private ObjectNode object(SpecPath path, int depth) throws IOException {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      Map<String, SourcePosition> seen = new HashMap<>();
      List<JsonNode> merges = new ArrayList<>();
      SourcePosition mergeAt = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        SourcePosition keyAt = position(parser.currentTokenLocation());
        SpecPath child = path.key(key);
        parser.nextToken();
        if (key.equals(MERGE_KEY)) {
          mergeAt = position(parser.currentTokenLocation());
          JsonNode merged = value(child, depth + 1);
          if (merged.isArray()) {
            merged.forEach(merges::add);
          } else {
            merges.add(merged);
          }
          continue;
        }
        SourcePosition first = seen.putIfAbsent(key, keyAt);
        if (first != null) {
          problems.add(keyAt, child, "duplicate key '" + key + "'", "each key once per mapping",
              "'" + key + "' again (first at line " + first.line() + ")", null);
          parser.skipChildren(); // a no-op for scalars and aliases
          continue;
        }
        sources.putKey(child, keyAt);
        node.set(key, value(child, depth + 1));
      }
      // YAML merge: keys written in this mapping win; earlier merge sources win over later ones.
      for (JsonNode source : merges) {
        if (source.isNull()) {
          continue; // an unresolved alias, already reported
        }
        if (!source.isObject()) {
          problems.add(mergeAt, path.key(MERGE_KEY), "a merge key must refer to a mapping",
              "<<: *anchor of a mapping (or a list of them)", source.getNodeType().toString().toLowerCase(java.util.Locale.ROOT), null);
          continue;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          if (!node.has(field.getKey())) {
            node.set(field.getKey(), field.getValue());
            sources.putKey(path.key(field.getKey()), mergeAt);
            sources.putValue(path.key(field.getKey()), mergeAt);
          }
        }
      }
      return node;
    }

    private ArrayNode array(SpecPath path, int depth) throws IOException {
      ArrayNode node = JsonNodeFactory.instance.arrayNode();
      int i = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        node.add(value(path.index(i++), depth + 1));
      }
      return node;
    }
  }
}
