"""The peer side of scripts/bench/gymnasium.sh: Gymnasium's own vector environments.

Environment steps per second of gymnasium.vector.SyncVectorEnv (every copy in this process) or
AsyncVectorEnv (a process per copy) on the same task and number of copies as the rlx bridge, with
the same-step autoreset the bridge uses, uniform random actions drawn before the clock starts,
and a warm-up excluded. Prints the median of --repeats timings and each timing.
"""

import argparse
import statistics
import time

import gymnasium
import numpy as np
from gymnasium.vector import AsyncVectorEnv, AutoresetMode, SyncVectorEnv


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--id", required=True)
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--steps", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--kind", choices=["sync", "async"], default="sync")
    args = parser.parse_args()

    make = [lambda: gymnasium.make(args.id)] * args.copies
    vector = SyncVectorEnv if args.kind == "sync" else AsyncVectorEnv
    envs = vector(make, autoreset_mode=AutoresetMode.SAME_STEP)
    envs.reset(seed=0)
    envs.action_space.seed(0)
    actions = [envs.action_space.sample() for _ in range(1024)]
    for t in range(500):
        envs.step(actions[t % 1024])
    rates = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        for t in range(args.steps):
            envs.step(actions[t % 1024])
        rates.append(args.copies * args.steps / (time.perf_counter() - t0))
    envs.close()
    print(f"gymnasium {args.kind} {args.id} copies={args.copies} steps_per_second={statistics.median(rates):.0f} "
          f"runs={[round(r) for r in rates]}")


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
