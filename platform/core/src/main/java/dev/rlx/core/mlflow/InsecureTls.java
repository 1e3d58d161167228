package dev.rlx.core.mlflow;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * {@code MLFLOW_TRACKING_INSECURE_TLS=true}: as MLflow's own clients, accept any certificate
 * and host name from the tracking server (a self-signed test server). Off unless asked for.
 */
final class InsecureTls {

  private InsecureTls() {}

  static void apply(HttpsURLConnection connection) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
          // trusts all, as asked
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
          // trusts all, as asked
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, null);
      connection.setSSLSocketFactory(context.getSocketFactory());
      connection.setHostnameVerifier((host, session) -> true);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot switch TLS checks off for MLflow: " + e.getMessage(), e);
    }
  }
}
