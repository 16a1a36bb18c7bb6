"""The grammar's tables (keywords.tsv, diagnostics.tsv): tab-separated
lines, '#' starts a comment line, blank lines are skipped. Shared by the
generators so that both read the tables the same way."""
import sys


def rows(path, columns):
    """Yields (line number, fields) of each row; exits naming the line when
    a row does not have `columns` fields."""
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != columns:
                sys.exit(f"{path}:{number}: expected {columns} tab-separated columns")
            yield number, fields
