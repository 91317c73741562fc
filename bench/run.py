"""Benchmarks, measured as ratios against baselines in the same run on the same machine.

    python bench/run.py                # 1,000 ledgers; writes bench/results/latest.json
    python bench/run.py --ledgers 200  # quicker

Measures:
- `tlo rank DIR` end to end, against the naive baseline an analyst would write
  (pandas.read_excel(engine="openpyxl") per file, then the same sums in a Python loop) and against
  the floor (interpreter start, `import pandas`, and the raw cell read of every file with
  python-calamine and nothing else);
- `tlo simulate` over the bundled sample at 10,000 and 100,000 paths: time and peak memory;
- `tlo --help` start-up against `python -c "import typer, rich"`, and which heavy modules
  `tlo --help` / `tlo --version` import.
Each timing is the best of --repeat runs. Results go to bench/results/latest.json and the table
in bench/README.md is regenerated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE = ROOT / "data" / "sample"
ITEM_ROWS = [
    ("実施料収入", "licensing_income", 1.0),
    ("会費収入", "membership_income", 0.3),
    ("受託収入", "contract_income", 0.2),
    ("補助金収入", "subsidy_income", 0.4),
    ("雑収入", "other_income", 0.02),
    ("人件費", "personnel_cost", 0.8),
    ("特許関連費用", "patent_cost", 0.3),
    ("還元金", "distribution_cost", 0.5),
    ("一般管理費", "admin_cost", 0.3),
    ("支払利息", "other_expenses", 0.01),
]

NAIVE = r"""
# What an analyst writes today: every sheet of every workbook with pandas (openpyxl), the
# profile for who the TLO is, then ordinary profit by year in a Python loop.
import sys, pathlib
import pandas as pd
REVENUE = {"実施料収入", "会費収入", "受託収入", "補助金収入", "雑収入"}
EXPENSE = {"人件費", "特許関連費用", "還元金", "一般管理費", "支払利息"}
results = {}
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.xlsx")):
    sheets = pd.read_excel(path, sheet_name=None, header=None, engine="openpyxl")
    profile = dict(zip(sheets["概要"][0], sheets["概要"][1]))
    ledger = sheets["損益計算書"]
    years = list(ledger.iloc[2, 1:])
    profit = dict.fromkeys(years, 0.0)
    for _, row in ledger.iloc[3:].iterrows():
        label = str(row.iloc[0]).strip()
        for year, value in zip(years, row.iloc[1:]):
            value = 0.0 if pd.isna(value) else float(value)
            if label in REVENUE:
                profit[year] += value
            elif label in EXPENSE:
                profit[year] -= value
    results[profile["機関ID"]] = (profile["法人形態"], profit)
print(len(results))
"""

FLOOR = r"""
import sys, pathlib
import pandas
from python_calamine import CalamineWorkbook
n = 0
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.xlsx")):
    book = CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        n += len(book.get_sheet_by_name(name).to_python())
print(n)
"""


def generate(directory: Path, count: int, seed: int = 7) -> None:
    """``count`` ledger workbooks (profile + items-as-rows statement, FY2001–FY2008, 千円)."""
    import numpy as np
    from openpyxl import Workbook

    directory.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    years = list(range(2001, 2009))
    for i in range(count):
        path = directory / f"B{i:04d}.xlsx"
        if path.exists():
            continue
        book = Workbook()
        profile = book.active
        profile.title = "概要"
        approved = int(rng.integers(1998, 2006))
        for row in (
            ("機関ID", f"B{i:04d}"),
            ("名称", f"ベンチTLO {i}"),
            ("法人形態", "株式会社"),
            ("地域", "関東"),
            ("承認年度", approved),
        ):
            profile.append(row)
        ws = book.create_sheet("損益計算書")
        ws.append(["損益計算書"])
        ws.append(["(単位：千円)"])
        ws.append(["科目", *years])
        scale = float(rng.uniform(5_000, 60_000))
        for label, item, weight in ITEM_ROWS:
            values = []
            for fy in years:
                if item == "subsidy_income" and not approved <= fy < approved + 5:
                    values.append(0)
                else:
                    values.append(round(scale * weight * float(rng.uniform(0.6, 1.4))))
            ws.append([label, *values])
        ws.append(["純資産合計", *[round(scale * float(rng.uniform(0.5, 3))) for _ in years]])
        ws.append(["技術移転件数", *[int(rng.integers(0, 30)) for _ in years]])
        book.save(path)


def best_time(command: list[str], repeat: int, env: dict[str, str] | None = None) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        best = min(best, time.perf_counter() - start)
    return best


def timed_with_memory(command: list[str], ok_codes: tuple[int, ...] = ()) -> tuple[float, float]:
    """Wall time and peak resident memory (MB) of one run, via /usr/bin/time when present."""
    time_bin = Path("/usr/bin/time")
    measured = [str(time_bin), "-v", *command] if time_bin.exists() else command
    start = time.perf_counter()
    done = subprocess.run(measured, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, *ok_codes):
        raise subprocess.CalledProcessError(done.returncode, command, stderr=done.stderr)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    if m:
        return elapsed, int(m.group(1)) / 1024
    import resource

    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def heavy_imports(flag: str) -> list[str]:
    code = (
        "import sys\nfrom tlo_cli.cli.app import main\n"
        f"main([{flag!r}])\n"
        "print('HEAVY=' + ','.join(m for m in ('pandas', 'numpy', 'openpyxl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    heavy = out.stdout.strip().splitlines()[-1].removeprefix("HEAVY=")
    return [m for m in heavy.split(",") if m]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--ledgers", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=HERE / ".cache")
    parser.add_argument("--skip-simulate", action="store_true")
    args = parser.parse_args()

    directory = args.cache / f"ledgers-{args.ledgers}"
    print(f"generating {args.ledgers} ledgers in {directory} …", flush=True)
    generate(directory, args.ledgers)
    tlo = [sys.executable, "-m", "tlo_cli"]
    py = sys.executable
    # Bytecode as an installed package has it (PYTHONDONTWRITEBYTECODE would otherwise make
    # every run recompile tlo's sources, a cost the libraries of the baselines never pay).
    subprocess.run([py, "-m", "compileall", "-q", str(ROOT / "src")], check=True)

    results: dict[str, object] = {
        "date": dt.date.today().isoformat(),
        "machine": machine(),
        "ledgers": args.ledgers,
    }
    rank = best_time([*tlo, "rank", str(directory), "--format", "json"], args.repeat)
    naive = best_time([py, "-c", NAIVE, str(directory)], max(1, args.repeat - 2))
    floor = best_time([py, "-c", FLOOR, str(directory)], args.repeat)
    results["rank"] = {
        "tlo_s": rank,
        "naive_s": naive,
        "floor_s": floor,
        "naive_over_tlo": naive / rank,
        "tlo_over_floor": rank / floor,
    }
    print(
        f"rank {args.ledgers} ledgers: tlo {rank:.2f}s, naive {naive:.2f}s ({naive / rank:.1f}× slower), "
        f"floor {floor:.2f}s (tlo is {rank / floor:.2f}× the floor)",
        flush=True,
    )

    help_s = best_time([*tlo, "--help"], args.repeat + 2)
    base_s = best_time([py, "-c", "import typer, rich"], args.repeat + 2)
    results["startup"] = {
        "help_s": help_s,
        "import_typer_rich_s": base_s,
        "help_over_baseline": help_s / base_s,
        "help_imports": heavy_imports("--help"),
        "version_imports": heavy_imports("--version"),
    }
    print(
        f"tlo --help {help_s * 1000:.0f} ms vs import typer, rich {base_s * 1000:.0f} ms "
        f"({help_s / base_s:.2f}×); heavy imports: {results['startup']['help_imports'] or 'none'}",
        flush=True,
    )

    sys.path.insert(0, str(ROOT))
    from tests.hardening.corpus import zip_bomb

    bomb = args.cache / "bomb-1gb.xlsx"
    if not bomb.exists():
        zip_bomb(bomb)
    elapsed, peak = timed_with_memory(
        [*tlo, "validate", str(bomb), "--format", "json"], ok_codes=(1,)
    )
    results["zip_bomb"] = {
        "file_mb": bomb.stat().st_size / 1e6,
        "seconds": elapsed,
        "peak_mb": peak,
    }
    print(
        f"1 GB zip bomb ({bomb.stat().st_size / 1e6:.1f} MB file) refused in {elapsed:.2f}s, peak {peak:.0f} MB",
        flush=True,
    )

    if not args.skip_simulate and SAMPLE.is_dir():
        sims = {}
        for paths in (10_000, 100_000):
            elapsed, peak = timed_with_memory(
                [
                    *tlo,
                    "simulate",
                    str(SAMPLE),
                    "--paths",
                    str(paths),
                    "--years",
                    "5",
                    "--format",
                    "json",
                ]
            )
            sims[str(paths)] = {"seconds": elapsed, "peak_mb": peak}
            print(
                f"simulate sample, {paths:,} paths × 5 years: {elapsed:.2f}s, peak {peak:.0f} MB",
                flush=True,
            )
        results["simulate"] = sims

    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    write_readme_table(results)
    print(f"wrote {out / 'latest.json'} and the table in bench/README.md")


def write_readme_table(results: dict[str, object]) -> None:
    readme = HERE / "README.md"
    if not readme.exists():
        return
    r = results["rank"]
    s = results["startup"]
    assert isinstance(r, dict) and isinstance(s, dict)
    rows = [
        "| measure | result | target |",
        "|---|---|---|",
        f"| `tlo rank`, {results['ledgers']:,} ledgers | {r['tlo_s']:.2f} s | — |",
        f"| naive pandas/openpyxl baseline | {r['naive_s']:.2f} s (**{r['naive_over_tlo']:.1f}×** slower than tlo) | ≥ 10× |",
        f"| floor (start + `import pandas` + calamine cell read) | {r['floor_s']:.2f} s (tlo is **{r['tlo_over_floor']:.2f}×** the floor) | ≤ 2× |",
        f"| `tlo --help` vs `import typer, rich` | {s['help_s'] * 1000:.0f} ms vs {s['import_typer_rich_s'] * 1000:.0f} ms ({s['help_over_baseline']:.2f}×) | — |",
        f"| heavy modules imported by `--help` / `--version` | {', '.join(s['help_imports']) or 'none'} / {', '.join(s['version_imports']) or 'none'} | none |",
    ]
    bomb = results.get("zip_bomb")
    if isinstance(bomb, dict):
        rows.append(
            f"| 1 GB zip bomb ({bomb['file_mb']:.1f} MB file): `tlo validate` refuses it | {bomb['seconds']:.2f} s, peak {bomb['peak_mb']:.0f} MB | well under 10 s, < 1 GB |"
        )
    sims = results.get("simulate")
    if isinstance(sims, dict):
        for paths, m in sims.items():
            rows.append(
                f"| `tlo simulate data/sample --paths {int(paths):,} --years 5` | {m['seconds']:.2f} s, peak {m['peak_mb']:.0f} MB | < 10 s, < 1.5 GB |"
            )
    table = "\n".join(rows) + f"\n\nMeasured {results['date']} on {results['machine']}.\n"
    text = readme.read_text()
    begin, end = "<!-- BEGIN RESULTS -->", "<!-- END RESULTS -->"
    if begin in text and end in text:
        text = text[: text.index(begin) + len(begin)] + "\n" + table + text[text.index(end) :]
        readme.write_text(text)


if __name__ == "__main__":
    main()
