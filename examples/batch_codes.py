# %% [markdown]
# # Thousands of codes a night
#
# `find_alternatives_many` streams results as each code completes, keeps only a handful of
# codes in flight, shares every marketplace's rate limiter between them, and records each
# finished code in a checkpoint file so that an interrupted run resumes where it stopped.
# This example runs against the sandbox (time running 50x faster); with real credentials,
# drop `sources=`/`client=`.

# %%
import tempfile
from pathlib import Path

from altfinder import BatchProgress, find_alternatives_many_sync
from altfinder.sandbox import PRODUCTS, Sandbox

sandbox = Sandbox(time_scale=50)
codes = [p.jan for p in PRODUCTS] + ["4902370548494"]  # the last one has a bad check digit
work = Path(tempfile.mkdtemp())
checkpoint = work / "checkpoint.jsonl"
cache = work / "cache.sqlite"


def show(progress: BatchProgress) -> None:
    if progress.done % 8 == 0:
        print(f"  {progress.done}/{progress.total}: {progress.found} found")


# %% [markdown]
# ## A first run, stopped after ten codes (as a crash or Ctrl-C would)

# %%
for n, _item in enumerate(find_alternatives_many_sync(
        codes, sources=sandbox.sources(), client=sandbox.client(), checkpoint=checkpoint,
        cache=cache, on_progress=show), start=1):
    if n == 10:
        break
print(f"checkpoint holds {len(checkpoint.read_text().splitlines())} finished codes")

# %% [markdown]
# ## The same call again: it resumes, and nothing finished is asked twice

# %%
best_prices = {}
for code, result in find_alternatives_many_sync(
        codes, sources=sandbox.sources(), client=sandbox.client(), checkpoint=checkpoint,
        cache=cache, on_progress=show):
    if isinstance(result, Exception):
        print(f"{code}: {result}")
    elif result.best is not None:
        best_prices[code] = result.best.effective_price
print(f"{len(best_prices)} more codes priced; total in checkpoint: "
      f"{len(checkpoint.read_text().splitlines())}")
