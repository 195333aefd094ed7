"""Check that the committed notebooks carry the outputs of a run (see tools/refresh_notebooks.py).

The rule: a code cell must have at least one output when it is meant to show something, that is
when it calls `print`, `display` or a `plot_*` function at its top level, or ends in an expression
that Jupyter displays (not a `test_*` or `assert*` call, nor a call that returns nothing, listed in
RETURNS_NONE). Cells marked `#| export`, `#| exporti`, `#| hide`, `#| eval: false`
or `#| slow` are exempt (slow cells have outputs only after `refresh_notebooks.py --slow`). Exits 1 and lists the cells that break the rule.
"""
import ast, json, sys
from pathlib import Path

NBS = Path(__file__).resolve().parent.parent/"nbs"
EXEMPT = ("export", "exporti", "hide", "eval: false", "slow")
RETURNS_NONE = {"plot_style", "set_seed", "clear", "append", "extend", "update", "add", "remove", "discard", "sort", "insert",
                "write_text", "write_bytes", "mkdir", "unlink", "rmtree", "close"}  # a cell ending in one of these shows nothing

def directives(src:str) -> set[str]:
    return {l[3:].strip() for l in src.splitlines() if l.startswith("#| ")}

def call_name(node) -> str:
    f = node.func if isinstance(node, ast.Call) else None
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""

def shows_something(src:str) -> bool:
    try: tree = ast.parse("\n".join(l for l in src.splitlines() if not l.lstrip().startswith(("%", "!"))))
    except SyntaxError: return False
    if not tree.body: return False
    for stmt in tree.body:
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            name = call_name(stmt.value)
            if name in ("print", "display") or (name.startswith("plot_") and name != "plot_style"): return True
    last = tree.body[-1]
    name = call_name(last.value) if isinstance(last, ast.Expr) else ""
    return (isinstance(last, ast.Expr) and not name.startswith(("test_", "assert")) and name not in RETURNS_NONE
            and not src.rstrip().endswith(";"))

def missing(path:Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    out = []
    for i, c in enumerate(cells):
        if c["cell_type"] != "code": continue
        src = "".join(c["source"])
        if directives(src) & set(EXEMPT) or not shows_something(src): continue
        if not c.get("outputs"): out.append(f"{path.name} cell {i}: {src.strip().splitlines()[-1][:80]}")
    return out

if __name__ == "__main__":
    bad = [m for p in sorted(NBS.glob("*.ipynb")) for m in missing(p)]
    if bad:
        print("cells that should show output but have none (run python tools/refresh_notebooks.py):", *bad, sep="\n  ")
        sys.exit(1)
    print(f"every notebook in {NBS.name}/ carries its outputs")
