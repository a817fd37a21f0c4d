# %% [markdown]
# # altfinder walkthrough
#
# Amazon cancelled an order for lack of stock. Where else can the product be bought, and what
# does it really cost once shipping and points are counted? This walkthrough runs against the
# bundled sandbox, so it needs no credentials and no network; drop `sources=` and `client=` to ask
# the real marketplaces with the credentials in your environment.
#
# Run it as a script (`python examples/walkthrough.py`) or open it in Jupyter / VS Code as a
# notebook: each `# %%` is a cell.

# %%
from altfinder import (
    Flag,
    PointsProfile,
    RankingPolicy,
    find_alternatives,
    parse_code,
)
from altfinder.sandbox import Sandbox

sandbox = Sandbox(time_scale=10)  # every marketplace's pacing, ten times shorter
sources, client = sandbox.sources(), sandbox.client()

# %% [markdown]
# ## 1. The code from the cancellation mail
#
# A JAN from the product page, an ISBN, an ASIN or the Amazon URL itself all work.

# %%
for text in ["4902370548495", "978-4-87311-565-8", "https://www.amazon.co.jp/dp/B098RKWHHZ?th=1"]:
    print(f"{text!r:50} -> {parse_code(text)!r}")

# %% [markdown]
# ## 2. Every offer, ranked by what it really costs

# %%
res = find_alternatives("4902370548495", sources=sources, client=client)
print(res.product.title)
for ranked in res.offers:
    flags = ", ".join(sorted(f.value for f in ranked.flags)) or "-"
    seller = ranked.offer.seller.name if ranked.offer.seller else ""
    print(f"#{ranked.rank} ¥{ranked.effective_price:>7,} score ¥{ranked.score:>7,} "
          f"{ranked.offer.condition.value:5} {seller}  [{flags}]")

# %% [markdown]
# ## 3. Why the best offer is the best — in yen

# %%
print(res.best.explanation)

# %% [markdown]
# ## 4. What was left out, and why (nothing is dropped silently)

# %%
for item in res.excluded:
    print(f"{item.reason.value:14} {item.detail}  — {item.offer.title[:40]}")

# %% [markdown]
# ## 5. The bait listing the article warns about

# %%
bait = [r for r in res.offers if Flag.SUSPICIOUS_PRICE in r.flags]
for ranked in bait:
    print(f"listed at ¥{ranked.offer.price:,}, ranked #{ranked.rank} of {len(res)}:")
    print(ranked.explanation)

# %% [markdown]
# ## 6. Your own points: an LYP premium member with Rakuten SPU

# %%
mine = RankingPolicy(points_profile=PointsProfile(yahoo_premium=True, rakuten_bonus_percent=4))
res_mine = find_alternatives("4902370548495", sources=sources, client=client, policy=mine)
print(f"best for everyone: ¥{res.best.effective_price:,}; best for me: "
      f"¥{res_mine.best.effective_price:,} at {res_mine.best.offer.seller.name}")

# %% [markdown]
# ## 7. When a marketplace fails, the others still answer

# %%
sandbox.set_fault("yahoo_shopping", status=503)
res_down = find_alternatives("4902370548495", sources=sources, client=client, timeout=3)
print(res_down.errors)
sandbox.clear_faults()

# %% [markdown]
# ## 8. For pandas users

# %%
try:
    frame = res.to_dataframe()
    print(frame[["source", "condition", "effective_price", "score", "flags"]])
except ImportError:
    print('pip install "altfinder[pandas]" for to_dataframe()')
