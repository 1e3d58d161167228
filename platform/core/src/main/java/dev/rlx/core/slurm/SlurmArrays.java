package dev.rlx.core.slurm;

/** Slurm array index expressions: "7", "2-5", "2-5%2", "1,3,5-7". */
final class SlurmArrays {

  private SlurmArrays() {}

  static boolean contains(String expression, int index) {
    String list = expression;
    int throttle = list.indexOf('%');
    if (throttle >= 0) {
      list = list.substring(0, throttle);
    }
    for (String part : list.split(",")) {
      part = part.strip();
      if (part.isEmpty()) {
        continue;
      }
      int step = 1;
      int colon = part.indexOf(':');
      if (colon >= 0) {
        step = Integer.parseInt(part.substring(colon + 1));
        part = part.substring(0, colon);
      }
      int dash = part.indexOf('-');
      try {
        int from = Integer.parseInt(dash >= 0 ? part.substring(0, dash) : part);
        int to = dash >= 0 ? Integer.parseInt(part.substring(dash + 1)) : from;
        if (index >= from && index <= to && (index - from) % step == 0) {
          return true;
        }
      } catch (NumberFormatException e) {
        // "N/A" and the like: covers nothing
      }
    }
    return false;
  }
}
