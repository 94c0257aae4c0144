#!/usr/bin/env python3
"""gen_population.py - derives data/demo/population-2019.csv, the inhabitants
of the Flemish municipalities on 1 January 2019 as context figures of the
demo (indicator population), from the project's reference list
flemish-municipalities-2019.csv (column inhabitants_2019). Run by hand:

    python3 tools/gen_population.py /work/shared/reference/flemish-municipalities-2019.csv \
        > data/demo/population-2019.csv
"""
import csv
import sys

NOTE = "Bron: inwoners op 1 januari 2019, referentielijst flemish-municipalities-2019.csv"


def main():
    rows = list(csv.DictReader(open(sys.argv[1])))
    print("year;area;indicator;value;edition;flag;note")
    for r in sorted(rows, key=lambda r: r["nis"]):
        print(f"2019;{r['nis']};population;{int(r['inhabitants_2019'])};2018;;{NOTE}")


if __name__ == "__main__":
    main()
