#!/usr/bin/env bash
# Import of a large spreadsheet, in one command:   bash bench/import.sh [ROWS]   (default 100000)
# Writes a Swedish-Excel CSV (Windows-1252, semicolons) of ROWS households, then times
# `lotsbok import` of it into a fresh SQLite database (and PostgreSQL when
# LOTSBOK_BENCH_PG_URL names an empty database), printing wall time and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-100000}
cargo build --release --quiet
BIN=target/release/lotsbok
mkdir -p bench/data
FILE=bench/data/import-$ROWS.csv
python3 - "$ROWS" "$FILE" <<'PY'
import random, sys
rows, path = int(sys.argv[1]), sys.argv[2]
r = random.Random(7)
first = ["Åsa", "Jan", "Greta", "Björn", "Pieter", "Anna", "Klaus", "Sofia", "Lars", "Maartje"]
last = ["Öberg", "de Vries", "Müller", "Nilsson", "Bakker", "Lind", "Weber", "Sjöberg"]
status = ["Ny", "Kontaktad", "I dialog", "Besök", "Inflyttad", "Flyttar inte"]
source = ["Mässa", "Telefon", "Facebook", "Intresseformulär", "E-post"]
land = ["Sverige", "Nederländerna", "Tyskland"]
with open(path, "w", encoding="cp1252", newline="") as f:
    f.write("Namn;E-post;Telefon;Land;Ort;Vuxna;Barn;Status;Källa;Datum;Anteckning\r\n")
    for i in range(rows):
        d = f"20{r.randint(24, 26)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
        if d > "2026-11-01":
            d = "2026-11-01"
        f.write(f"{r.choice(first)} {r.choice(last)};person{i}@example.se;070-{i:07d};{r.choice(land)};Ort {i % 500};"
                f"{r.randint(1, 2)};{r.choice(['', '2015', '2016, 2019'])};{r.choice(status)};{r.choice(source)};{d};"
                f"Samtal nummer {i}: frågade om bostad, skola och jobb.\r\n")
PY
echo "file: $FILE ($(du -h "$FILE" | cut -f1), $ROWS rows)"
run() { # label, database url
  /usr/bin/time -f "%e s wall, %M KB peak RSS" env LOTSBOK_DATABASE_URL="$2" \
    "$BIN" import "$FILE" --municipality lycksele 2>&1 | grep -v "^\s*$" | sed "s/^/$1: /"
}
rm -f bench/data/import.db*
run sqlite "sqlite://bench/data/import.db"
if [ -n "${LOTSBOK_BENCH_PG_URL:-}" ]; then
  run postgres "$LOTSBOK_BENCH_PG_URL"
fi
