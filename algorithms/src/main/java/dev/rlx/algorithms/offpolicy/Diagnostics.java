package dev.rlx.algorithms.offpolicy;

import dev.rlx.algorithms.deep.Averages;
import dev.rlx.api.TrialContext;

/** Named running means (losses, Q estimates, α …) logged together and then restarted. */
public final class Diagnostics {

  private final String[] names;
  private final Averages means;

  public Diagnostics(String... names) {
    this.names = names.clone();
    this.means = new Averages(names.length);
  }

  /** One observation of every diagnostic, in the constructor's order. */
  public void add(double... values) {
    means.add(values);
  }

  /** Logs each mean at {@code step} (nothing if nothing was added) and restarts. */
  public void log(TrialContext context, long step) {
    if (means.count() > 0) {
      for (int i = 0; i < names.length; i++) {
        context.log(names[i], step, means.mean(i));
      }
    }
    means.clear();
  }
}
