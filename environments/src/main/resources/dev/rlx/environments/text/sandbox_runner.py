# The in-sandbox half of dev.rlx.environments.text.CodeVerifier (run as `python3 -I -S -B -c`).
# Reads one JSON request from stdin: {"nonce", "entry", "program", "tests": [[args, expected]], "audit"}
# where args (a tuple) and expected are Python literals. Runs the program, calls the entry
# function on every test and prints one line: RLX-RESULT <nonce> <OUTCOME> <passed> <total> <detail>.
#
# The audit hook below is the innermost, best-effort layer (PEP 578 hooks are not a security
# boundary): it refuses process creation, sockets, native code and file changes outside the
# working directory with a clear reason. The guarantees come from the outer layers: namespaces,
# a read-only filesystem, rlimits and an unprivileged user (see CodeVerifier).
import ast
import json
import os
import sys


def main():
    request = json.loads(sys.stdin.read())
    nonce = request["nonce"]
    out = sys.stdout
    workdir = os.path.realpath(os.getcwd())
    violations = []

    def report(outcome, passed, total, detail):
        detail = " ".join(str(detail).split())[:300]
        out.write("\nRLX-RESULT %s %s %d %d %s\n" % (nonce, outcome, passed, total, detail))
        out.flush()
        os._exit(0)

    try:
        tests = [(ast.literal_eval(a), ast.literal_eval(e)) for a, e in request["tests"]]
    except Exception as e:  # the caller's fault, not the candidate's
        report("SANDBOX_FAILURE", 0, 0, "bad test literal: %r" % (e,))

    blocked_events = {
        "os.system", "os.exec", "os.fork", "os.forkpty", "os.posix_spawn", "os.spawn", "os.kill",
        "os.killpg", "os.setuid", "os.chroot", "subprocess.Popen", "pty.spawn", "socket.__new__",
        "socket.connect", "socket.bind", "socket.getaddrinfo", "ctypes.dlopen", "ctypes.dlsym",
        "ctypes.cdata", "sys.setprofile", "sys.settrace", "sys.addaudithook", "code.__new__",
    }
    blocked_modules = {
        "ctypes", "_ctypes", "_posixsubprocess", "subprocess", "multiprocessing", "_multiprocessing",
        "socket", "_socket", "ssl", "_ssl", "pty", "signal", "_signal", "resource", "mmap", "_thread",
        "threading", "asyncio", "select", "selectors", "fcntl", "urllib", "http",
    }
    path_events = {
        "os.remove", "os.rename", "os.rmdir", "os.mkdir", "os.symlink", "os.link", "os.chmod",
        "os.chown", "os.truncate", "os.utime", "os.listxattr", "os.setxattr", "os.removexattr",
        "shutil.rmtree", "shutil.copyfile", "shutil.move", "os.scandir", "os.listdir",
    }
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

    def inside(path):
        if isinstance(path, int):
            return True
        try:
            real = os.path.realpath(os.fsdecode(path))
        except Exception:
            return False
        return real == workdir or real.startswith(workdir + os.sep)

    def refuse(event, why):
        violations.append("%s %s" % (event, why))
        raise PermissionError("rlx sandbox: %s refused (%s)" % (event, why))

    def hook(event, args):
        if event in blocked_events:
            refuse(event, "not allowed")
        elif event == "import" and args and str(args[0]).split(".")[0] in blocked_modules:
            refuse(event, args[0])
        elif event == "open" and args:
            path, mode, flags = (tuple(args) + (None, None, None))[:3]
            writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & write_flags)
            if writes and not inside(path):
                refuse(event, "write outside the working directory: %r" % (path,))
        elif event in path_events:
            for a in args:
                if isinstance(a, (str, bytes)) and not inside(a):
                    refuse(event, "outside the working directory: %r" % (a,))

    try:
        code = compile(request["program"], "<candidate>", "exec")
    except (SyntaxError, ValueError, OverflowError, MemoryError, RecursionError) as e:
        report("ERROR", 0, len(tests), "does not compile: %s" % (e,))

    if request.get("audit", True):  # off only in tests of the outer layers
        sys.addaudithook(hook)
    namespace = {"__name__": "candidate"}
    try:
        exec(code, namespace)
    except MemoryError:
        report("MEMORY_LIMIT", 0, len(tests), "MemoryError while loading the program")
    except BaseException as e:
        if violations:
            report("FORBIDDEN", 0, len(tests), violations[0])
        report("ERROR", 0, len(tests), "loading the program raised %s: %s" % (type(e).__name__, e))
    entry = namespace.get(request["entry"])
    if not callable(entry):
        report("ERROR", 0, len(tests), "the program defines no function %s" % request["entry"])

    passed = 0
    first_failure = None
    for args, expected in tests:
        try:
            result = entry(*args)
            ok = same(result, expected)
            if not ok and first_failure is None:
                first_failure = "%s%r returned %s, expected %r" % (request["entry"], args, safe_repr(result), expected)
        except MemoryError:
            report("MEMORY_LIMIT", passed, len(tests), "MemoryError")
        except BaseException as e:
            ok = False
            if first_failure is None:
                first_failure = "%s%r raised %s: %s" % (request["entry"], args, type(e).__name__, safe_repr(e))
        passed += 1 if ok else 0
        if violations:
            report("FORBIDDEN", passed, len(tests), violations[0])
    if violations:
        report("FORBIDDEN", passed, len(tests), violations[0])
    if passed == len(tests):
        report("PASSED", passed, len(tests), "all tests passed")
    report("WRONG_ANSWER", passed, len(tests), first_failure)


def same(result, expected):
    # Exact types only: a returned object with a lying __eq__ must not pass.
    if type(result) is not type(expected) and not (type(expected) is float and type(result) is int):
        return False
    if type(expected) in (list, tuple):
        return len(result) == len(expected) and all(same(r, e) for r, e in zip(result, expected))
    if type(expected) is dict:
        return (set(result.keys()) == set(expected.keys())
                and all(same(result[k], expected[k]) for k in expected))
    if type(expected) in (int, float, str, bool, bytes, type(None)):
        return result == expected
    return False


def safe_repr(value):
    try:
        return repr(value)[:100]
    except BaseException:
        return "<unprintable %s>" % type(value).__name__


main()
