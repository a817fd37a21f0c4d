# %% [markdown]
# # Is this listing the product? The title matcher on its own
#
# Flea markets cannot be searched by JAN: a listing is a title a seller typed. `find_alternatives`
# runs every such title through the matcher; this example uses it directly, the way a bot or a
# reseller's script that already has listing titles would. No network, no credentials.

# %%
from altfinder import Product, match_title, match_titles

switch = Product(title="Nintendo Switch（有機ELモデル） Joy-Con(L)/(R) ホワイト", brand="任天堂",
                 model_number="HEG-S-KAAAA")

# %% [markdown]
# ## 1. One title: the verdict, the units, the condition cap and the reasons

# %%
for title in ["【美品】Switch 有機EL ホワイト 本体 2台セット",
              "Nintendo Switch 有機ELモデル 保護フィルム 2枚",
              "Switch Lite ターコイズ 本体",
              "【ジャンク】スイッチ 有機EL 本体のみ 画面割れ"]:
    m = match_title(switch, title)
    print(f"{m.kind.value:15} match={m.is_match!s:5} units={m.quantity} "
          f"cap={m.condition_cap.value if m.condition_cap else '-':4} {title}")
    print(f"{'':15} {m.reasons[0]}")

# %% [markdown]
# ## 2. A page at once (the reference is read once, the fuzzy scores come from one call)

# %%
page = ["Switch 有機EL ホワイト 美品 箱あり", "Switch 有機EL ケース 手帳型",
        "有機ELモデル 空箱のみ", "スイッチ 有機EL ソフト5本セット まとめ売り",
        "Nintendo Switch 有機EL 新品未開封 ×2"]
for title, m in zip(page, match_titles(switch, page), strict=True):
    print(f"{m.kind.value:15} x{m.quantity} {title}")

# %% [markdown]
# ## 3. What the shops know: aliases and siblings
#
# Amazon's title of a PS2 game is often just its name. A title alone cannot tell the PS4
# remaster from it; the shops that sell the game under its JAN (aliases) and the other
# products a search by its name returns (siblings) can. `find_alternatives` fills both from
# what Rakuten and Yahoo!ショッピング answered; here they are written by hand.

# %%
okami = Product(title="大神", brand="カプコン")
known = okami.model_copy(update={
    "aliases": ("【PS2】大神 プレイステーション2 ソフト", "大神 OKAMI PS2"),
    "siblings": ("大神 絶景版 PS4 ソフト", "大神 絶景版 Switch", "大神 PS2 ベスト版"),
})
for title in ["大神 絶景版 PS4 中古", "PS2 大神 動作確認済み"]:
    plain, better = match_title(okami, title), match_title(known, title)
    print(f"{title:22} title alone: {plain.kind.value:13} with the shops: {better.kind.value}")
    print(f"{'':22} {better.reasons[0]}")
