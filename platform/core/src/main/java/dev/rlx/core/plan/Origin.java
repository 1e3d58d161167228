package dev.rlx.core.plan;

import dev.rlx.core.spec.SourcePosition;
import dev.rlx.core.spec.SpecPath;

/** Where a sweep value was written: what the sweeps library carries as an opaque origin. */
record Origin(SourcePosition position, SpecPath path) {}
