// An in-process MLflow test server on a port, until stdin closes: the target of the mirroring
// overhead benchmark. java -cp <testkit + jackson> MlflowServe.java PORT (0: any free port)
import dev.rlx.testkit.mlflow.MlflowTestServer;

public class MlflowServe {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    try (MlflowTestServer server = MlflowTestServer.create(port == 0 ? MlflowTestServer.freePort() : port, 6000, true).up()) {
      System.out.println(server.uri());
      System.out.flush();
      while (System.in.read() >= 0) {
        // serve until stdin closes
      }
      System.err.printf("mlflow test server: %d runs, %,d metric points%n", server.runs().size(), server.metricPoints());
    }
  }
}
