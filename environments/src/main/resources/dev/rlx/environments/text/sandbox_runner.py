# The in-sandbox half of dev.rlx.environments.text.CodeVerifier, run as
# `python3 -I -S -B -c <this> <workdir>` inside the sandbox's minimal root.
#
# It reads one JSON request from stdin: {"entry", "program", "arguments": [literal, ...], "audit"}
# and reports what each call of the entry function returned. Expected values never come here:
# the comparison is made in Java, so nothing the program does in this interpreter (printing,
# patching globals, walking frames) can change a verdict; the most it can do is report values
# of its own choosing, which is what returning them does.
#
# The result channel is the stdout this script was started with, moved to another descriptor
# before the program runs; the program's own stdout and stderr go to the log. The channel
# carries frames "<length>\n<JSON object>", each object one of
#   {"value": V} | {"raised": "Type: message"}   one per call, in order
#   {"error": why} | {"memory": why} | {"forbidden": why}   the run stopped there
#   {"end": n}   all n calls made
# where V is a value in the encoding of `encode` below (read by PythonValue.fromChannel).
#
# The audit hook (PEP 578) is the innermost, best-effort layer; the guarantees come from the
# layers around it (namespaces, a read-only minimal root, a uid of its own, a memory and
# process cgroup, rlimits: see CodeVerifier). It is written so that the program cannot turn it
# off from Python: its event sets are constants of its code object, it reads no global name,
# and replacing a function's code or defaults is refused.
import ast
import base64
import json
import os
import sys


def hook(event, args, _isinstance=isinstance, _str=str, _int=int, _len=len, _any=any,
         _Exception=Exception, _PermissionError=PermissionError, _fsdecode=os.fsdecode,
         _normpath=os.path.normpath, _violations=[]):
    if event in {
        "os.system", "os.exec", "os.fork", "os.forkpty", "os.posix_spawn", "os.spawn", "os.kill",
        "os.killpg", "os.setuid", "os.chroot", "subprocess.Popen", "pty.spawn", "socket.__new__",
        "socket.connect", "socket.bind", "socket.getaddrinfo", "ctypes.dlopen", "ctypes.dlsym",
        "ctypes.cdata", "sys.setprofile", "sys.settrace", "sys.addaudithook", "code.__new__",
        "gc.get_objects", "gc.get_referrers", "gc.get_referents", "sys._current_frames",
    }:
        why = "not allowed"
    elif event == "object.__setattr__" and args and _str(args[1]) in {
            "__code__", "__defaults__", "__kwdefaults__", "__globals__"}:
        why = "changes the code of a function"
    elif event == "import" and args and _str(args[0]).split(".")[0] in {
        "ctypes", "_ctypes", "_posixsubprocess", "subprocess", "multiprocessing", "_multiprocessing",
        "socket", "_socket", "ssl", "_ssl", "pty", "signal", "_signal", "resource", "mmap", "_thread",
        "threading", "asyncio", "select", "selectors", "fcntl", "urllib", "http",
    }:
        why = _str(args[0])
    else:
        paths = ()
        if event == "open" and args:
            mode = args[1] if _len(args) > 1 else None
            flags = args[2] if _len(args) > 2 else 0
            if ((_isinstance(mode, _str) and _any(c in mode for c in "wax+"))
                    or (_isinstance(flags, _int) and flags & 0o3103)):  # O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND
                paths = (args[0],)
        elif event in {
            "os.remove", "os.rename", "os.rmdir", "os.mkdir", "os.symlink", "os.link", "os.chmod",
            "os.chown", "os.truncate", "os.utime", "os.setxattr", "os.removexattr", "shutil.rmtree",
            "shutil.copyfile", "shutil.move",
        }:
            paths = args
        for p in paths:
            if _isinstance(p, _int):
                continue
            try:
                p = _normpath(_fsdecode(p))
            except _Exception:
                p = "?"
            if not (p == "/tmp" or p.startswith("/tmp/") or not p.startswith("/") and ".." not in p.split("/")):
                _violations.append("%s outside the working directory: %r" % (event, p))
                raise _PermissionError("rlx sandbox: %s refused (outside the working directory)" % (event,))
        return
    _violations.append("%s %s" % (event, why))
    raise _PermissionError("rlx sandbox: %s refused (%s)" % (event, why))


def encode(value):
    """A value of the plain built-in types, by exact type (a subclass or any other object is "other")."""
    budget = [100_000]

    def enc(x, depth):
        budget[0] -= 1
        if budget[0] < 0 or depth > 100:
            return {"other": "value too large or too deep"}
        t = type(x)
        if x is None or t is bool or t is str:
            return x
        if t is int:
            return {"int": format(x, "x")}  # hex: not bounded by int→str's digit limit
        if t is float:
            return {"float": float.hex(x)}
        if t is bytes:
            return {"bytes": base64.b64encode(x).decode("ascii")}
        if t is list or t is tuple or t is set or t is frozenset:
            return {("list" if t is list else "tuple" if t is tuple else "set"): [enc(i, depth + 1) for i in x]}
        if t is dict:
            return {"dict": [[enc(k, depth + 1), enc(v, depth + 1)] for k, v in x.items()]}
        return {"other": type.__dict__["__name__"].__get__(t)}

    return enc(value, 0)


def main():
    os.chdir(sys.argv[1])
    channel = os.dup(1)  # not inherited by children (PEP 446)
    os.dup2(2, 1)  # the program's prints go to the log, never to the channel
    request = json.loads(sys.stdin.read())
    dumps = json.JSONEncoder(ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode
    write = os.write

    def send(frame):
        data = dumps(frame).encode("ascii")
        data = b"%d\n" % len(data) + data
        while data:
            data = data[write(channel, data):]

    def stop(frame):
        send(frame)
        os._exit(0)

    violations = hook.__defaults__[-1]
    arguments = [ast.literal_eval(a) for a in request["arguments"]]  # checked in Java
    try:
        code = compile(request["program"], "<candidate>", "exec")
    except (SyntaxError, ValueError, OverflowError, MemoryError, RecursionError) as e:
        stop({"error": "does not compile: %s" % (e,)})
    if request["audit"]:  # off only in tests of the outer layers
        sys.addaudithook(hook)
    namespace = {"__name__": "candidate"}
    try:
        exec(code, namespace)
    except MemoryError:
        stop({"memory": "MemoryError while loading the program"})
    except BaseException as e:
        if violations:
            stop({"forbidden": violations[0]})
        stop({"error": "loading the program raised %s: %s" % (type(e).__name__, safe_str(e))})
    entry = namespace.get(request["entry"])
    if not callable(entry):
        stop({"error": "the program defines no function %s" % request["entry"]})
    for args in arguments:
        try:
            frame = {"value": encode(entry(*args))}
        except MemoryError:
            stop({"memory": "MemoryError"})
        except BaseException as e:
            frame = {"raised": "%s: %s" % (type(e).__name__, safe_str(e))}
        if violations:
            stop({"forbidden": violations[0]})
        send(frame)
    stop({"end": len(arguments)})


def safe_str(value):
    try:
        return " ".join(str(value).split())[:200]
    except BaseException:
        return "<unprintable>"


main()
