package dev.rlx.core.mlflow;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/**
 * An MLflow tracking server and how to authenticate to it. Credentials come from the standard
 * variables ({@code MLFLOW_TRACKING_USERNAME} and {@code MLFLOW_TRACKING_PASSWORD}, or
 * {@code MLFLOW_TRACKING_TOKEN}) or from {@code user:password@} in the URI; they are never
 * printed ({@link #toString} and {@link #display} show the URI without them) nor stored.
 *
 * <p>The Java client's own {@code MlflowClient(String)} does not read these variables for an
 * http(s) URI (it builds {@code BasicMlflowHostCreds(uri)} without credentials), so rlx reads
 * them here and hands the client a {@link BasicMlflowHostCreds} with them.
 */
public final class MlflowTarget {

  public static final String URI_ENV = "MLFLOW_TRACKING_URI";
  public static final String USERNAME_ENV = "MLFLOW_TRACKING_USERNAME";
  public static final String PASSWORD_ENV = "MLFLOW_TRACKING_PASSWORD";
  public static final String TOKEN_ENV = "MLFLOW_TRACKING_TOKEN";
  public static final String INSECURE_TLS_ENV = "MLFLOW_TRACKING_INSECURE_TLS";

  private final URI uri;
  private final String username;
  private final String password;
  private final String token;
  private final boolean insecureTls;

  private MlflowTarget(URI uri, String username, String password, String token, boolean insecureTls) {
    this.uri = uri;
    this.username = username;
    this.password = password;
    this.token = token;
    this.insecureTls = insecureTls;
  }

  /**
   * The server at {@code text} with credentials from {@code env}.
   *
   * @throws IllegalArgumentException naming what is wrong with the URI
   */
  public static MlflowTarget of(String text, Map<String, String> env) {
    URI parsed;
    try {
      parsed = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("MLflow tracking URI '" + mask(text) + "' is not a URI: " + e.getReason());
    }
    String scheme = parsed.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException("MLflow tracking URI '" + mask(text) + "': rlx mirrors to a tracking server"
          + " over http or https (e.g. http://127.0.0.1:5000), not " + (scheme == null ? "a bare path" : "'" + scheme + ":'"));
    }
    if (parsed.getHost() == null) {
      throw new IllegalArgumentException("MLflow tracking URI '" + mask(text) + "' names no host (e.g. http://127.0.0.1:5000)");
    }
    String username = blankToNull(env.get(USERNAME_ENV));
    String password = blankToNull(env.get(PASSWORD_ENV));
    if (parsed.getRawUserInfo() != null) {
      String[] parts = parsed.getRawUserInfo().split(":", 2);
      username = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
      password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : password;
    }
    String path = parsed.getRawPath() == null ? "" : parsed.getRawPath().replaceAll("/+$", "");
    URI clean = URI.create(scheme + "://" + parsed.getHost() + (parsed.getPort() < 0 ? "" : ":" + parsed.getPort()) + path);
    return new MlflowTarget(clean, username, password, blankToNull(env.get(TOKEN_ENV)),
        "true".equalsIgnoreCase(env.getOrDefault(INSECURE_TLS_ENV, "")));
  }

  /**
   * Which server, if any: {@code --mlflow-uri}, else {@code $MLFLOW_TRACKING_URI}, else the
   * one recorded earlier (for {@code rlx mlflow sync}).
   */
  public static Optional<MlflowTarget> resolve(Optional<String> option, Map<String, String> env, Optional<String> recorded) {
    Optional<String> text = option.or(() -> Optional.ofNullable(blankToNull(env.get(URI_ENV)))).or(() -> recorded);
    return text.map(t -> of(t, env));
  }

  /** The server's base URI, without credentials. */
  public URI uri() {
    return uri;
  }

  /** The URI as shown to people and stored: never with credentials. */
  public String display() {
    return uri.toString();
  }

  /** The link to a run in the MLflow UI. */
  public String runUrl(String experimentId, String runId) {
    return display() + "/#/experiments/" + experimentId + "/runs/" + runId;
  }

  /** The value of an {@code Authorization} header, if there are credentials. */
  Optional<String> authorization() {
    if (username != null && password != null) {
      return Optional.of("Basic " + java.util.Base64.getEncoder()
          .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return token == null ? Optional.empty() : Optional.of("Bearer " + token);
  }

  /** Whether {@code MLFLOW_TRACKING_INSECURE_TLS} switches certificate checks off. */
  boolean insecureTls() {
    return insecureTls;
  }

  BasicMlflowHostCreds hostCreds() {
    return new BasicMlflowHostCreds(display(), username, password, token, insecureTls);
  }

  @Override
  public String toString() {
    return display();
  }

  /** {@code text} with any {@code user:password@} replaced by {@code ***@}. */
  public static String mask(String text) {
    return text == null ? null : text.replaceAll("(?<=://)[^/@\\s]*@", "***@");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
