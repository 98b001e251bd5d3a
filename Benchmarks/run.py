"""Benchmarks: juesuan against its peers and the C floors, side by side in one run.

Prints a Markdown table of times, rates, peak memory (RSS) and ratios. Every program times only
its own work (inputs are prepared beforehand, outside the timing) and prints `count seconds`;
peak RSS comes from the kernel (wait4) for each process. Run it through Benchmarks/run.sh.

  --quick         smaller inputs (for trying the harness); the README table is a full run.
  --only PART     one part: export, read or income (the large 公开02表 imports).
"""
import os
import platform
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "Benchmarks", ".work")
BIN = os.path.join(WORK, "bin")
QUICK = "--quick" in sys.argv
DEPARTMENTS = 100 if QUICK else 1000
PROVINCE_ROWS = 25_000 if QUICK else 250_000      # 公开02表 rows × 9 cells
PROVINCE_NUMERIC = 100_000 if QUICK else 1_000_000
PART200_CELLS = 500_000 if QUICK else 5_000_000    # one sheet part of about 200 MB
ONLY = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
# 公开02表 inputs for the import benchmark: (类, 款 per 类, 项 per 款) → 类 + 类·款 + 类·款·项 rows and 合计.
INCOME = [("10k", (29, 19, 18)), ("100k", (29, 59, 59))] + ([] if QUICK else [("1M", (99, 99, 99))])


def sh(cmd, **kw):
    subprocess.run(cmd, check=True, **kw)


def run(cmd, repeat=1):
    """Best of `repeat` runs, with the peak RSS of that run (resource accounting per child)."""
    best = None
    for _ in range(repeat):
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(p.pid, 0)
        out = p.stdout.read().decode()
        err = p.stderr.read().decode()
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"failed: {' '.join(cmd)}\n{err}")
        count, seconds = out.split()[:2]
        result = (int(count), float(seconds), usage.ru_maxrss / 1024.0)
        if best is None or result[1] < best[1]:
            best = result
    return best


def run_wall(cmd, count, repeat=1):
    """Best of `repeat` wall-clock runs of a command that prints no count (the juesuan CLI): the
    process's whole life, start-up and writing its output included; peak RSS from wait4."""
    best = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(p.pid, 0)
        seconds = time.perf_counter() - t0
        err = p.stderr.read().decode()
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"failed: {' '.join(cmd)}\n{err}")
        result = (count, seconds, usage.ru_maxrss / 1024.0)
        if best is None or result[1] < best[1]:
            best = result
    return best


def prepare_income():
    """The large 公开02表 workbooks (XlsxWriter, constant_memory), generated once: name → (path, rows)."""
    folder = os.path.join(WORK, "income")
    os.makedirs(folder, exist_ok=True)
    out = {}
    for name, (lei, kuan, xiang) in INCOME:
        path = os.path.join(folder, f"income-{name}.xlsx")
        if not os.path.exists(path):
            print(f"generating the 公开02表 of {name} rows …", file=sys.stderr)
            sh([sys.executable, os.path.join(ROOT, "Benchmarks", "gen_income.py"), path + ".tmp.xlsx", str(lei), str(kuan), str(xiang)],
               stdout=subprocess.DEVNULL)
            os.rename(path + ".tmp.xlsx", path)
        out[name] = (path, 1 + lei + lei * kuan + lei * kuan * xiang)
    return out


def prepare():
    os.makedirs(BIN, exist_ok=True)
    print("building (release) …", file=sys.stderr)
    sh(["swift", "build", "-c", "release", "--product", "juesuan-bench"], cwd=ROOT, stdout=subprocess.DEVNULL)
    sh(["swift", "build", "-c", "release", "--product", "juesuan"], cwd=ROOT, stdout=subprocess.DEVNULL)
    flags = subprocess.check_output(["pkg-config", "--cflags", "--libs", "xlsxwriter", "minizip", "libxml-2.0"]).decode().split()
    for name in ["write_floor", "read_floor", "gen_large"]:
        sh(["cc", "-O2", "-o", os.path.join(BIN, name), os.path.join(ROOT, "Benchmarks", "floor", name + ".c")] + flags)
    bench = os.path.join(ROOT, ".build", "release", "juesuan-bench")
    dept = os.path.join(WORK, f"dept{DEPARTMENTS}")
    if not os.path.exists(os.path.join(dept, "docs.dump")):
        print(f"generating {DEPARTMENTS} department documents …", file=sys.stderr)
        sh([bench, "gen", dept, str(DEPARTMENTS)], stdout=subprocess.DEVNULL)
    seeddocs = os.path.join(WORK, "seeddocs")
    os.makedirs(seeddocs, exist_ok=True)
    with open(os.path.join(dept, "seed.json"), "rb") as f, open(os.path.join(seeddocs, "seed.json"), "wb") as g:
        g.write(f.read())
    large = os.path.join(WORK, "large-quick" if QUICK else "large")
    os.makedirs(large, exist_ok=True)
    inputs = {
        "numeric-10k": ["0", "10000"],
        "numeric-1M": ["0", "1000000"],
        "province": [str(PROVINCE_ROWS), str(PROVINCE_NUMERIC)],
        "part-200MB": ["0", str(PART200_CELLS)],
    }
    for name, a in inputs.items():
        path = os.path.join(large, name + ".xlsx")
        if not os.path.exists(path):
            print(f"generating {name} …", file=sys.stderr)
            sh([os.path.join(BIN, "gen_large"), path] + a)
    return bench, dept, seeddocs, large


def main():
    bench, dept, seeddocs, large = prepare()
    income = prepare_income() if ONLY in (None, "income") else {}
    out = os.path.join(WORK, "out")
    for sub in ["juesuan", "floor", "xlsxwriter"]:
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    py = [sys.executable, os.path.join(ROOT, "Benchmarks", "peers.py")]
    floor_w, floor_r = os.path.join(BIN, "write_floor"), os.path.join(BIN, "read_floor")
    rows = []

    def add(task, tool, unit, result, ref=None, goal=""):
        count, seconds, rss = result
        rows.append((task, tool, count, unit, seconds, count / seconds if seconds else 0, rss, ref, goal))
        return result

    if ONLY in (None, "income"):
        print("import of large 公开02表 …", file=sys.stderr)
        cli = os.path.join(ROOT, ".build", "release", "juesuan")
        target = os.path.join(out, "income.json")
        for name, (path, count) in income.items():
            r = 1 if name == "1M" else 3
            # 9 cells a row: the 1M-row table needs more than the default 5,000,000 cells a sheet.
            imp = [cli, "import", path, "-o", target, "--force", "--quiet", "--max-sheet-cells", "20000000"]
            j = add(f"import: 公开02表 of {count:,} rows ({os.path.getsize(path) >> 20} MiB .xlsx)",
                    "juesuan import (checks, JSON written)", "rows", run_wall(imp, count, r))
            add("", "juesuan import --no-check", "rows", run_wall(imp + ["--no-check"], count, r))
            add("", "python-calamine (bare read)", "cells", run(py + ["calamine-read", path], r), j,
                "juesuan ≤ 1.0× calamine's time" if name == "100k" else "")

    if ONLY in (None, "export"):
        export(bench, dept, seeddocs, out, py, floor_w, add)
    if ONLY in (None, "read"):
        read(bench, dept, large, py, floor_r, add)
    table(rows)


def export(bench, dept, seeddocs, out, py, floor_w, add):
    print("export …", file=sys.stderr)
    reps = 20 if QUICK else 100
    j = add("export: the seed's 附表 ×%d" % reps, "juesuan", "books", run([bench, "export", seeddocs, os.path.join(out, "juesuan"), str(reps)], 3))
    add("", "C floor (libxlsxwriter)", "books", run([floor_w, os.path.join(dept, "seed.dump"), os.path.join(out, "floor"), str(reps)], 3), j, "juesuan ≤ 1.25× floor")
    add("", "Python XlsxWriter", "books", run(py + ["xlsxwriter-write", os.path.join(dept, "seed.dump"), os.path.join(out, "xlsxwriter"), str(reps)], 1), j)
    j = add(f"export: {DEPARTMENTS} departments", "juesuan", "books", run([bench, "export", os.path.join(dept, "docs"), os.path.join(out, "juesuan"), "1"], 3))
    add("", "C floor (libxlsxwriter)", "books", run([floor_w, os.path.join(dept, "docs.dump"), os.path.join(out, "floor"), "1"], 3), j, "juesuan ≤ 1.25× floor")
    add("", "Python XlsxWriter", "books", run(py + ["xlsxwriter-write", os.path.join(dept, "docs.dump"), os.path.join(out, "xlsxwriter"), "1"], 1), j)



def read(bench, dept, large, py, floor_r, add):
    print("read …", file=sys.stderr)
    books = os.path.join(dept, "books")
    for name in ["numeric-10k", "numeric-1M", "province", "part-200MB"]:
        path = os.path.join(large, name + ".xlsx")
        r = 3
        j = add(f"read: {name} ({os.path.getsize(path) >> 20} MiB .xlsx)", "juesuan reader", "cells", run([bench, "read", path], r))
        add("", "C floor (minizip + libxml2 SAX2)", "cells", run([floor_r, path], r), j, "juesuan ≤ 1.5× floor")
        add("", "python-calamine", "cells", run(py + ["calamine-read", path], r), j, "juesuan ≥ 1.5× calamine cells/s")
        if name != "part-200MB":
            add("", "openpyxl read-only", "cells", run(py + ["openpyxl-read", path], 1), j)
    j = add(f"read: {DEPARTMENTS} department workbooks", "juesuan reader", "cells", run([bench, "read", books], 3))
    add("", "C floor (minizip + libxml2 SAX2)", "cells", run([floor_r] + sorted(os.path.join(books, n) for n in os.listdir(books)), 3), j, "juesuan ≤ 1.5× floor")
    calamine = add("", "python-calamine", "cells", run(py + ["calamine-read", books], 1), j, "juesuan ≥ 1.5× calamine cells/s")
    add("", "openpyxl read-only", "cells", run(py + ["openpyxl-read", books], 1), j)
    j = add(f"import: {DEPARTMENTS} department workbooks → model", "juesuan import (1 thread, in process)", "books", run([bench, "import", books], 3))
    add("", "python-calamine (bare read, the run above)", "cells", calamine, j, "juesuan ≥ 1.5× calamine's rate")
    # What a finance bureau runs: the command on the folder, on every core, with the checks, one
    # JSON per workbook, tidy.csv, findings.csv and the summaries written.
    cli = os.path.join(ROOT, ".build", "release", "juesuan")
    folder_out = os.path.join(WORK, "out", "folder")
    j = add("", "juesuan import DIR -o OUT (all cores, checks, every output)", "books",
            run_wall([cli, "import", books, "-o", folder_out, "--force", "--quiet"], len(os.listdir(books)), 3))
    add("", "python-calamine (bare read, the run above)", "cells", calamine, j)


def table(rows):
    load = open("/proc/loadavg").read().split()[:3]
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    print(f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}; "
          f"best of 3 runs (openpyxl and the 1M-row import: 1); each program times only its own work, "
          f"except the juesuan CLI rows (the whole process, wall clock); load average {' '.join(load)} at the end.\n")
    print("| task | tool | count | time (s) | rate (/s) | peak RSS (MiB) | ratio | goal |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for task, tool, count, unit, seconds, rate, rss, ref, goal in rows:
        ratio = ""
        if ref is not None:
            # time of juesuan ÷ time of the peer on the same work: < 1 means juesuan is faster.
            ratio = f"juesuan {ref[1] / seconds:.2f}× its time"
        print(f"| {task} | {tool} | {count:,} {unit} | {seconds:.3f} | {rate:,.0f} | {rss:,.1f} | {ratio} | {goal} |")


if __name__ == "__main__":
    main()
