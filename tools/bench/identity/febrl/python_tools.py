"""The open-source baselines on the FEBRL data written by export_febrl.py: recordlinkage and Splink 4.

    .venv/bin/python python_tools.py [--datasets febrl1,febrl2,febrl3,febrl4]

Prints one markdown table: per dataset and tool/classifier, candidate pairs, pair completeness (true
pairs among the candidates), pairwise precision, recall and F1 of the pairs classified as links against
ALL true pairs (so blocking losses count), and the wall-clock time of the whole pipeline.
soc_sec_id is not used by any tool (export_febrl.py does not even write it): demographics only.
"""

from __future__ import annotations

import argparse
import logging
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import recordlinkage as rl
import splink.comparison_library as cl
from recordlinkage.index import Block, SortedNeighbourhood
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

DATA = Path(__file__).resolve().parent / "data"
DEDUP = ("febrl1", "febrl2", "febrl3")
SPLINK_THRESHOLD = 0.99
SEED = 42

Pair = tuple[str, str]


@dataclass(frozen=True)
class Dataset:
    name: str
    frames: tuple[pd.DataFrame, ...]  # one frame (deduplication) or two (linkage A × B)
    truth: frozenset[Pair]

    @property
    def is_linkage(self) -> bool:
        return len(self.frames) == 2

    def key(self, a: str, b: str) -> Pair:
        """Pairs are (A, B) for linkage and sorted for deduplication, as in the truth files."""
        return (a, b) if self.is_linkage else (min(a, b), max(a, b))


@dataclass(frozen=True)
class Row:
    dataset: str
    tool: str
    candidates: int
    completeness: float
    precision: float
    recall: float
    f1: float
    seconds: float
    note: str = ""


def read_records(name: str) -> pd.DataFrame:
    frame = pd.read_csv(DATA / f"{name}.csv", dtype=str, keep_default_na=False)
    frame = frame.set_index("rec_id")
    return frame.replace("", np.nan)


def load(name: str) -> Dataset:
    truth = pd.read_csv(DATA / f"{name}_true_pairs.csv", dtype=str)
    pairs = frozenset(zip(truth.rec_id_1, truth.rec_id_2))
    if name == "febrl4":
        return Dataset(name, (read_records("febrl4a"), read_records("febrl4b")), pairs)
    return Dataset(name, (read_records(name),), pairs)


def scores(predicted: set[Pair], truth: frozenset[Pair]) -> tuple[float, float, float]:
    hits = len(predicted & truth)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(truth)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def best_threshold(
    probabilities: np.ndarray, is_true: np.ndarray, truth_count: int
) -> tuple[float, float, float, float]:
    """The link threshold on the given scores with the highest F1: (threshold, precision, recall, F1)."""
    order = np.argsort(-probabilities, kind="stable")
    sorted_scores = probabilities[order]
    hits = np.cumsum(is_true[order])
    linked = np.arange(1, len(order) + 1)
    # A threshold can only fall between distinct scores: keep the last index of each run of ties.
    last_of_tie = np.append(sorted_scores[1:] != sorted_scores[:-1], True)
    precision = hits / linked
    recall = hits / truth_count
    f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall + 1e-300), 0)
    f1 = np.where(last_of_tie, f1, -1)
    best = int(np.argmax(f1))
    return float(sorted_scores[best]), float(precision[best]), float(recall[best]), float(f1[best])


# ---------------------------------------------------------------------------------------------
# recordlinkage: sorted neighbourhood + blocking, binary comparisons, its classifiers.


def recordlinkage_candidates(dataset: Dataset) -> pd.MultiIndex:
    indexer = rl.Index()
    indexer.add(SortedNeighbourhood("surname", window=9))
    indexer.add(SortedNeighbourhood("given_name", window=9))
    indexer.add(Block("date_of_birth"))
    indexer.add(Block("postcode"))
    return indexer.index(*dataset.frames)


def recordlinkage_features(dataset: Dataset, candidates: pd.MultiIndex) -> pd.DataFrame:
    compare = rl.Compare()
    compare.string("given_name", "given_name", method="jarowinkler", threshold=0.85, label="given_name")
    compare.string("surname", "surname", method="jarowinkler", threshold=0.85, label="surname")
    compare.exact("date_of_birth", "date_of_birth", label="date_of_birth")
    compare.string("suburb", "suburb", method="jarowinkler", threshold=0.85, label="suburb")
    compare.exact("state", "state", label="state")
    compare.string("address_1", "address_1", method="jarowinkler", threshold=0.85, label="address_1")
    compare.exact("street_number", "street_number", label="street_number")
    compare.exact("postcode", "postcode", label="postcode")
    return compare.compute(candidates, *dataset.frames)


def linked_pairs(dataset: Dataset, links: pd.MultiIndex) -> set[Pair]:
    return {dataset.key(a, b) for a, b in links}


def run_recordlinkage(dataset: Dataset) -> list[Row]:
    started = time.perf_counter()
    candidates = recordlinkage_candidates(dataset)
    features = recordlinkage_features(dataset, candidates)
    prepared = time.perf_counter() - started
    keys = [dataset.key(a, b) for a, b in features.index]
    is_true = np.array([key in dataset.truth for key in keys])
    completeness = float(is_true.sum()) / len(dataset.truth)
    true_index = features.index[is_true]
    rows = []

    def add(tool: str, links: pd.MultiIndex, seconds: float, note: str = "") -> None:
        precision, recall, f1 = scores(linked_pairs(dataset, links), dataset.truth)
        rows.append(
            Row(dataset.name, tool, len(features), completeness, precision, recall, f1, seconds, note)
        )

    classifiers = [
        ("recordlinkage ECM (unsupervised)", rl.ECMClassifier(binarize=None), False),
        ("recordlinkage K-means (unsupervised)", rl.KMeansClassifier(), False),
        ("recordlinkage logistic regression (supervised, trained on truth: upper bound)",
         rl.LogisticRegressionClassifier(), True),
        ("recordlinkage naive Bayes (supervised, trained on truth: upper bound)",
         rl.NaiveBayesClassifier(binarize=None), True),
    ]
    for tool, classifier, supervised in classifiers:
        started = time.perf_counter()
        if supervised:
            classifier.fit(features, true_index)
            links = classifier.predict(features)
        else:
            links = classifier.fit_predict(features)
        add(tool, links, prepared + time.perf_counter() - started)
        if isinstance(classifier, rl.ECMClassifier):
            probability = np.asarray(classifier.prob(features))
            threshold, precision, recall, f1 = best_threshold(probability, is_true, len(dataset.truth))
            rows.append(
                Row(dataset.name, "recordlinkage ECM, best threshold (chosen on truth)", len(features),
                    completeness, precision, recall, f1, prepared + time.perf_counter() - started,
                    f"P ≥ {threshold:.3g}")
            )
    return rows


# ---------------------------------------------------------------------------------------------
# Splink 4 on DuckDB: u by random sampling, m by EM, λ from deterministic rules.


def splink_settings(dataset: Dataset) -> SettingsCreator:
    return SettingsCreator(
        link_type="link_only" if dataset.is_linkage else "dedupe_only",
        unique_id_column_name="rec_id",
        comparisons=[
            cl.JaroWinklerAtThresholds("given_name", [0.94, 0.85]),
            cl.JaroWinklerAtThresholds("surname", [0.94, 0.85]),
            cl.DateOfBirthComparison(
                "date_of_birth", input_is_string=True, datetime_format="%Y-%m-%d", invalid_dates_as_null=True
            ),
            cl.JaroWinklerAtThresholds("suburb", [0.94, 0.85]),
            cl.ExactMatch("state"),
            cl.JaroWinklerAtThresholds("address_1", [0.94, 0.85]),
            cl.ExactMatch("street_number"),
            cl.LevenshteinAtThresholds("postcode", [1]),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("given_name"),
            block_on("surname"),
            block_on("date_of_birth"),
            block_on("postcode"),
        ],
        retain_intermediate_calculation_columns=False,
    )


def splink_input(frame: pd.DataFrame) -> pd.DataFrame:
    """Nulls for blanks and ISO dates: Splink 4.0.17's date-difference levels parse with '%Y-%m-%d'
    whatever `datetime_format` says, so YYYYMMDD would leave them never reached."""
    out = frame.reset_index()
    digits = out["date_of_birth"].fillna("")
    iso = digits.str[:4] + "-" + digits.str[4:6] + "-" + digits.str[6:8]
    out["date_of_birth"] = iso.where(digits.str.fullmatch(r"\d{8}"), np.nan)
    return out.replace({np.nan: None})


def run_splink(dataset: Dataset) -> list[Row]:
    started = time.perf_counter()
    frames = [splink_input(frame) for frame in dataset.frames]
    linker = Linker(
        frames if dataset.is_linkage else frames[0],
        splink_settings(dataset),
        DuckDBAPI(),
        set_up_basic_logging=False,
    )
    # λ: two strict rules, assumed to find 60 % of the true pairs (FEBRL corrupts most duplicates).
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "date_of_birth"), block_on("surname", "postcode", "street_number")],
        recall=0.6,
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=SEED)
    for rule in (block_on("date_of_birth"), block_on("surname"), block_on("postcode")):
        linker.training.estimate_parameters_using_expectation_maximisation(rule)
    predictions = linker.inference.predict(threshold_match_probability=0.0).as_pandas_dataframe()
    seconds = time.perf_counter() - started
    left, right = predictions["rec_id_l"].to_numpy(), predictions["rec_id_r"].to_numpy()
    if dataset.is_linkage:
        # Splink orders the two sides by source table name; put A's record first whatever it chose.
        a_ids = set(dataset.frames[0].index)
        keys = [(l, r) if l in a_ids else (r, l) for l, r in zip(left, right)]
    else:
        keys = [dataset.key(l, r) for l, r in zip(left, right)]
    probability = predictions["match_probability"].to_numpy()
    is_true = np.array([key in dataset.truth for key in keys])
    completeness = float(is_true.sum()) / len(dataset.truth)
    linked = {key for key, p in zip(keys, probability) if p >= SPLINK_THRESHOLD}
    precision, recall, f1 = scores(linked, dataset.truth)
    threshold, best_p, best_r, best_f1 = best_threshold(probability, is_true, len(dataset.truth))
    return [
        Row(dataset.name, f"Splink {splink_version()} (duckdb), P ≥ {SPLINK_THRESHOLD}", len(keys),
            completeness, precision, recall, f1, seconds),
        Row(dataset.name, f"Splink {splink_version()} (duckdb), best threshold (chosen on truth)", len(keys),
            completeness, best_p, best_r, best_f1, seconds, f"P ≥ {threshold:.3g}"),
    ]


def splink_version() -> str:
    import splink

    return splink.__version__


def print_table(rows: list[Row]) -> None:
    print("| dataset | tool / classifier | candidate pairs | pair completeness | precision | recall | F1 | time | note |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for row in rows:
        print(
            f"| {row.dataset} | {row.tool} | {row.candidates:,} | {row.completeness:.4f} | {row.precision:.4f} | "
            f"{row.recall:.4f} | {row.f1:.4f} | {row.seconds:.1f} s | {row.note} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--datasets", default="febrl1,febrl2,febrl3,febrl4")
    names = parser.parse_args().datasets.split(",")
    logging.getLogger("splink").setLevel(logging.ERROR)
    rows: list[Row] = []
    for name in names:
        dataset = load(name)
        rows += run_recordlinkage(dataset)
        rows += run_splink(dataset)
    print(f"\n## FEBRL: recordlinkage {rl.__version__} and Splink {splink_version()}\n")
    print_table(rows)


if __name__ == "__main__":
    main()
