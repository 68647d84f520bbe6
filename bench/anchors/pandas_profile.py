"""Anchor for `npm run bench -- data`: the statistics mlgate computes, the way pandas-based tools
(Evidently, Great Expectations) compute them, in one process so its peak RSS is the measurement's.

    pandas_profile.py check                      exit 0 when pandas and scipy import
    pandas_profile.py profile <csv>              lean profile: read_csv, then per column count,
                                                 nulls, nunique; numeric mean, std, min, max,
                                                 quantiles; text value_counts; the date parsed
    pandas_profile.py drift <reference> <current>  both CSVs read; per numeric column ks_2samp and
                                                 wasserstein_distance, per categorical column
                                                 chi2_contingency and jensenshannon on value counts
                                                 (identifier-like string columns skipped)

Prints one JSON line: {"seconds", "maxRssKb", "rows", "detail"}; ru_maxrss is in KB on Linux.
Imports load before the clock starts.
"""

import json
import resource
import sys
import time

DATE_COLUMNS = ["d_signup"]
# Evidently's defaults above 1000 rows: a column drifts when its normed Wasserstein distance
# (numeric) or Jensen-Shannon distance (categorical) exceeds 0.1; the p-values are computed as well.
THRESHOLD = 0.1
# string columns whose first 10,000 values are more than this share distinct are identifiers
IDENTIFIER_SHARE = 0.5


def read(path):
    import pandas as pd

    frame = pd.read_csv(path)
    for name in DATE_COLUMNS:
        if name in frame:
            frame[name] = pd.to_datetime(frame[name], format="%Y-%m-%d")
    return frame


def profile(path):
    import pandas as pd

    frame = read(path)
    stats = {}
    for name in frame.columns:
        column = frame[name]
        entry = {"count": int(column.count()), "nulls": int(column.isna().sum()), "nunique": int(column.nunique())}
        if pd.api.types.is_bool_dtype(column) or pd.api.types.is_object_dtype(column):
            counts = column.value_counts()
            entry["top"] = {str(key): int(value) for key, value in counts.head(20).items()}
        else:
            values = column.dropna()
            entry["min"] = str(values.min())
            entry["max"] = str(values.max())
            quantiles = values.quantile([0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99])
            entry["quantiles"] = [str(value) for value in quantiles]
            if not pd.api.types.is_datetime64_any_dtype(column):
                entry["mean"] = float(values.mean())
                entry["std"] = float(values.std())
        stats[name] = entry
    json.dumps(stats)
    kinds = {}
    for dtype in frame.dtypes:
        kinds[str(dtype)] = kinds.get(str(dtype), 0) + 1
    detail = f"{len(frame.columns)} columns: " + ", ".join(f"{count} {kind}" for kind, count in kinds.items())
    return len(frame), detail


def drift(reference_path, current_path):
    import numpy as np
    import pandas as pd
    from scipy.spatial.distance import jensenshannon
    from scipy.stats import chi2_contingency, ks_2samp, wasserstein_distance

    reference = read(reference_path)
    current = read(current_path)
    drifted = []
    skipped = []
    for name in reference.columns:
        ref = reference[name].dropna()
        cur = current[name].dropna()
        if pd.api.types.is_bool_dtype(ref) or pd.api.types.is_object_dtype(ref):
            sample = ref.head(10_000)
            if sample.nunique() > IDENTIFIER_SHARE * len(sample):
                # an identifier, not a category: Evidently wants it declared as id or text, not tested
                skipped.append(name)
                continue
            ref_counts = ref.value_counts()
            cur_counts = cur.value_counts()
            categories = ref_counts.index.union(cur_counts.index)
            table = np.vstack(
                [
                    ref_counts.reindex(categories, fill_value=0).to_numpy(),
                    cur_counts.reindex(categories, fill_value=0).to_numpy(),
                ]
            )
            p_value = chi2_contingency(table)[1]
            distance = jensenshannon(table[0] / table[0].sum(), table[1] / table[1].sum())
            if distance > THRESHOLD:
                drifted.append(f"{name}(p={p_value:.2g})")
        else:
            if pd.api.types.is_datetime64_any_dtype(ref):
                ref = ref.astype("int64")
                cur = cur.astype("int64")
            ref_values = ref.to_numpy(dtype="float64")
            cur_values = cur.to_numpy(dtype="float64")
            p_value = ks_2samp(ref_values, cur_values).pvalue
            distance = wasserstein_distance(ref_values, cur_values)
            scale = ref_values.std()
            if distance / (scale or 1) > THRESHOLD:
                drifted.append(f"{name}(p={p_value:.2g})")
    detail = "drifted: " + (" ".join(drifted) or "none")
    return len(current), detail + (f"; identifiers not tested: {' '.join(skipped)}" if skipped else "")


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "check":
        import pandas  # noqa: F401
        import scipy  # noqa: F401

        print(f"pandas {pandas.__version__}, scipy {scipy.__version__}")
        return
    import numpy  # noqa: F401
    import pandas  # noqa: F401
    import scipy.spatial.distance  # noqa: F401
    import scipy.stats  # noqa: F401

    start = time.perf_counter()
    if mode == "profile":
        rows, detail = profile(sys.argv[2])
    elif mode == "drift":
        rows, detail = drift(sys.argv[2], sys.argv[3])
    else:
        sys.exit(f"unknown mode {mode!r}")
    seconds = time.perf_counter() - start
    max_rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "maxRssKb": max_rss_kb, "rows": rows, "detail": detail}))


if __name__ == "__main__":
    main()
