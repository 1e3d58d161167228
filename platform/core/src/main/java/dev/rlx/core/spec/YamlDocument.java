package dev.rlx.core.spec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parsed spec file: the tree and where each of its keys and values was written.
 *
 * @param file the file as the user named it, for messages
 * @param text the file's text
 * @param root the document's root node
 * @param sources positions of keys and values
 */
public record YamlDocument(String file, String text, JsonNode root, SourceMap sources) {}
