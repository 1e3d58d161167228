"""rlx's Gymnasium worker: hosts a block of environment copies for one rlx trial.

rlx starts one such process per bridge worker (dev.rlx.environments.gymnasium.PythonWorker)
and speaks a compact binary protocol to it over the process's stdin and stdout. Every number
is little-endian; observations, rewards and Box actions are float32, Discrete actions int32.

  rlx -> worker   u32 n, n bytes of JSON {"id", "kwargs", "max_episode_steps", "clip_actions",
                  "python_path", "spin_wait_us"}        (once, first)
  worker -> rlx   status, then u32 n, n bytes of JSON: the spaces ("observation", "action")
  rlx -> worker   b"R" u32 first u32 count i64 seed       copies first..first+count-1 reset,
                                                          copy i with seed + i (Gymnasium's rule)
  worker -> rlx   status, obs[count * obs_size]
  rlx -> worker   b"S" actions[count * action_size]
  worker -> rlx   status, obs, reward[count], terminated u8[count], truncated u8[count],
                  final_obs[count * obs_size]          (same-step autoreset: an ended copy is
                                                          reset at once; final_obs is the
                                                          observation it ended in)
  rlx -> worker   b"C"                                  the worker exits

A status byte is 0 for success; 1 is followed by u32 n and n bytes of UTF-8: a Python
traceback; 2 likewise by a one-line message for the user (a package to install, an id that
does not exist). The worker keeps the protocol's file descriptors to itself: whatever the
environment prints to stdout goes to stderr, which rlx keeps in the trial's log, and nothing it
reads from stdin can swallow a command. It exits when rlx closes its stdin or when the process
that started it dies (even by SIGKILL), ignores SIGINT (rlx ends it), and dumps every thread's
stack on SIGUSR1 (rlx sends that before killing a worker that stopped answering).
"""

import faulthandler
import json
import os
import select
import signal
import struct
import sys
import threading
import time
import traceback

PROTOCOL_IN = os.dup(0)
os.set_blocking(PROTOCOL_IN, False)  # read_exact polls before it blocks: see there
PROTOCOL_OUT = os.fdopen(os.dup(1), "wb", buffering=0)
os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
os.dup2(2, 1)  # print() and C-level writes to fd 1 now land on stderr
faulthandler.register(signal.SIGUSR1, file=sys.stderr, all_threads=True)
# Ctrl-C in a terminal reaches the whole process group; rlx cancels its trials itself and then
# closes the workers, so a worker must not die of it first (that would fail a cancelled trial).
signal.signal(signal.SIGINT, signal.SIG_IGN)


def watch_parent(parent):
    """Exits as soon as the process that started the worker is gone (SIGKILL included)."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(3)


threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True).start()


class UserError(Exception):
    """A problem the user fixes (status 2): said in one line, without a traceback."""


SPIN_SECONDS = 0.0  # set from the config: how long to poll for a request before blocking


def read_exact(n):
    """n bytes of the next request. Polls for up to SPIN_SECONDS (yielding the core) before it
    blocks: a request often follows within microseconds, and a blocked process woken from another
    core costs tens of microseconds per step on virtual machines (docs/gymnasium.md)."""
    chunks = []
    deadline = time.perf_counter() + SPIN_SECONDS
    while n > 0:
        try:
            chunk = os.read(PROTOCOL_IN, n)
        except BlockingIOError:
            if time.perf_counter() < deadline:
                os.sched_yield()
            else:
                select.select([PROTOCOL_IN], [], [])
            continue
        if not chunk:
            os._exit(0)  # rlx closed the pipe: the trial is over
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks) if len(chunks) != 1 else chunks[0]


def send(*parts):
    """Writes one whole answer: an unbuffered write may take only part of it (a pipe that is full
    when a signal arrives), so it loops until every byte is out."""
    data = memoryview(b"".join(parts))
    while data:
        data = data[PROTOCOL_OUT.write(data):]


def send_error(status, text):
    data = text.encode("utf-8", "replace")
    send(bytes([status]), struct.pack("<I", len(data)), data)


def import_gymnasium():
    try:
        import gymnasium  # noqa: F401
        import numpy  # noqa: F401
    except ImportError as e:
        raise UserError(
            f"{sys.executable} cannot import {e.name or 'gymnasium'}: pip install \"gymnasium[mujoco]==1.3.0\" "
            "into it (or point RLX_PYTHON at a Python that has it)") from e


def make_env(config):
    import gymnasium
    kwargs = dict(config.get("kwargs") or {})
    if config.get("max_episode_steps"):
        kwargs["max_episode_steps"] = int(config["max_episode_steps"])
    try:
        return gymnasium.make(config["id"], **kwargs)
    except gymnasium.error.DependencyNotInstalled as e:
        raise UserError(f"{config['id']}: {str(e).strip()}") from e
    except gymnasium.error.Error as e:  # unknown id, unregistered namespace, bad version
        raise UserError(f"{config['id']}: {str(e).strip()}") from e
    except ModuleNotFoundError as e:
        raise UserError(f"{config['id']}: needs the Python package '{e.name}': pip install it into {sys.executable}") from e
    except TypeError as e:  # a keyword argument the environment does not take
        raise UserError(f"{config['id']}: {e}") from e


class Spaces:
    """The environment's spaces, as rlx sees them: a flat float32 observation, Discrete or Box actions."""

    def __init__(self, env, clip):
        import numpy as np
        self.clip = clip
        from gymnasium import spaces
        self.observation_space = env.observation_space
        self.flat = isinstance(self.observation_space, spaces.Box)
        self.obs_size = int(spaces.flatdim(self.observation_space))
        a = env.action_space
        self.action_space = a
        if isinstance(a, spaces.Discrete):
            self.discrete = True
            self.start = int(a.start)
            self.action_size = 1
            self.action_dtype = np.int32
            self.describe_action = {"kind": "discrete", "n": int(a.n), "space": str(a)}
        elif isinstance(a, spaces.Box):
            self.discrete = False
            self.action_size = int(np.prod(a.shape))
            self.action_dtype = np.float32
            self.low = a.low.astype(np.float32).reshape(-1)
            self.high = a.high.astype(np.float32).reshape(-1)
            self.describe_action = {
                "kind": "box", "size": self.action_size, "space": str(a),
                "low": [float(x) for x in self.low], "high": [float(x) for x in self.high]}
        else:
            raise UserError(
                f"rlx's algorithms act in Discrete or Box action spaces; this environment's is {a} "
                "(wrap it, e.g. with a gymnasium.ActionWrapper, to one of those)")

    def flatten(self, obs, out):
        if self.flat:
            out[:] = obs.reshape(-1)
        else:
            from gymnasium import spaces
            out[:] = spaces.flatten(self.observation_space, obs)

    def action(self, row):
        if self.discrete:
            return int(row[0]) + self.start
        import numpy as np
        # Gymnasium's ClipAction (clip_actions): a Gaussian policy samples freely, the environment sees the box.
        if self.clip:
            row = np.clip(row, self.low, self.high)
        return row.reshape(self.action_space.shape).astype(self.action_space.dtype, copy=False)


def describe(spaces):
    return {"observation": {"size": spaces.obs_size, "space": str(spaces.observation_space)},
            "action": spaces.describe_action}


def serve(config):
    import numpy as np
    envs = [make_env(config)]
    spaces = Spaces(envs[0], bool(config.get("clip_actions", True)))
    data = json.dumps(describe(spaces)).encode()
    send(b"\x00", struct.pack("<I", len(data)), data)
    first = 0
    count = 0
    obs = rewards = terminated = truncated = final = None
    while True:
        op = read_exact(1)
        try:
            if op == b"R":
                first, count, seed = struct.unpack("<IIq", read_exact(16))
                while len(envs) < count:
                    envs.append(make_env(config))
                while len(envs) > count:
                    envs.pop().close()
                obs = np.zeros((count, spaces.obs_size), np.float32)
                final = np.zeros((count, spaces.obs_size), np.float32)
                rewards = np.zeros(count, np.float32)
                terminated = np.zeros(count, np.uint8)
                truncated = np.zeros(count, np.uint8)
                for j, env in enumerate(envs):
                    o, _ = env.reset(seed=seed + first + j)
                    spaces.flatten(np.asarray(o), obs[j])
                send(b"\x00", obs.tobytes())
            elif op == b"S":
                actions = np.frombuffer(read_exact(4 * count * spaces.action_size), spaces.action_dtype)
                actions = actions.reshape(count, spaces.action_size)
                for j, env in enumerate(envs):
                    o, r, term, trunc, _ = env.step(spaces.action(actions[j]))
                    rewards[j] = r
                    terminated[j] = term
                    truncated[j] = trunc and not term
                    if term or trunc:
                        spaces.flatten(np.asarray(o), final[j])
                        o, _ = env.reset()
                    spaces.flatten(np.asarray(o), obs[j])
                send(b"\x00", obs.tobytes(), rewards.tobytes(), terminated.tobytes(), truncated.tobytes(), final.tobytes())
            elif op == b"C":
                for env in envs:
                    env.close()
                return
            else:
                send_error(1, f"rlx gymnasium worker: unknown command {op!r}")
                return
        except UserError as e:
            send_error(2, str(e))
            return
        except Exception:
            send_error(1, traceback.format_exc())
            return


def main():
    try:
        config = json.loads(read_exact(struct.unpack("<I", read_exact(4))[0]))
        global SPIN_SECONDS
        SPIN_SECONDS = float(config.get("spin_wait_us", 0)) * 1e-6
        sys.path[:0] = config.get("python_path") or []
        import_gymnasium()
        serve(config)
    except UserError as e:
        send_error(2, str(e))
    except Exception:
        send_error(1, traceback.format_exc())
    finally:
        PROTOCOL_OUT.flush()


if __name__ == "__main__":
    main()
