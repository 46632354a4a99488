"""``python -m bench.synth N [--seed S] [--out DIR]``: write a synthetic project tree."""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.synth.generate import MIXES, generate


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.synth", description=__doc__)
    parser.add_argument("n", type=int, help="number of agreements")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="default bench/work/n{N}-s{SEED}")
    parser.add_argument(
        "--layouts", choices=MIXES, default="japan",
        help="japan: the five Japan texts' layouts; dev: the dev corpus's; all: both",
    )  # fmt: skip
    args = parser.parse_args()
    out = args.out or Path("bench/work") / f"n{args.n}-s{args.seed}"
    entries = generate(args.n, args.seed, out, mix=args.layouts)
    print(f"wrote {len(entries)} agreements to {out}")


if __name__ == "__main__":
    main()
