"""gunicorn settings for `BENCH_PROFILE=DIR bench/server-cpu`: the project's own
(gunicorn.conf.py), with each worker run under cProfile, its profile written to DIR when
it stops (read it with `python -m pstats DIR/PID.prof`)."""

import cProfile
import os
import runpy
import time
from pathlib import Path

globals().update(
    {
        name: value
        for name, value in runpy.run_path(
            str(Path(__file__).parent.parent / "gunicorn.conf.py")
        ).items()
        if not name.startswith("__")
    }
)
profiles = {}


def post_fork(server, worker):
    # CPU time, not wall time: a busy machine would otherwise fill it with waiting.
    profiles[os.getpid()] = profile = cProfile.Profile(time.process_time)
    profile.enable()


def worker_exit(server, worker):
    profile = profiles.pop(os.getpid(), None)
    if profile is not None:
        profile.disable()
        profile.dump_stats(os.path.join(os.environ["BENCH_PROFILE"], f"{os.getpid()}.prof"))
